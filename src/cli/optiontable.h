// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace quarry::cli {

struct Io;

/// One option of a command: `--name VALUE` (or `--name=VALUE`), or a flag when `value` is empty.
struct Option {
    enum Use { Optional, Required, Repeatable };
    static constexpr qint64 NoLimit = 2147483647;   ///< a number option's max when only its min matters
    QString name{};          ///< "--dialect"
    QString value{};         ///< the value's name in the synopsis ("D", "FILE"); empty: a flag
    QString help{};          ///< one line for --help
    Use use = Optional;
    QStringList choices{};   ///< when set, the value must be one of them (the synopsis shows a|b|c)
    qint64 min = 0;          ///< with max >= min, the value must be a whole number in [min, max]
    qint64 max = -1;
    QStringList aliases{};   ///< other names it answers to ("-o"), shown in --help before `name`

    bool isFlag() const { return value.isEmpty() && choices.isEmpty(); }
    bool isNumber() const { return max >= min; }
    QString valueText() const { return choices.isEmpty() ? value : choices.join(u'|'); }
};

/// A word of the command line that is not an option: "WORKSPACE", "FILE".
struct Operand {
    QString name{};
    bool required = true;
    QString missing{};       ///< the error when a required one is missing ("which workspace?")
};

/// The option table of one command (or one kind of a command: "import sql", "jwt sign"): the one
/// description its parsing, its `--help`, its line in `quarry --help` and README's CLI section
/// come from (test cli.shell helpAgrees).
struct OptionTable {
    QString command{};           ///< "sql", "import postman|curl|har": the words after quarry
    QString summary{};           ///< one line: what it does
    QList<Operand> operands{};
    QList<Option> options{};
    QString details{};           ///< what --help says after the options (lines, each ending in \n)

    /// "sql WORKSPACE --dialect postgres|sqlite|mysql [--json]"
    QString synopsis() const;
    /// "Usage: quarry SYNOPSIS", the summary, the options with their help, the details.
    QString help() const;
    const Option *find(const QString &name) const;
};

/// What parse() read: operands in order, option values by the option's long name.
class Arguments
{
public:
    QString operand(qsizetype i) const { return m_operands.value(i); }
    const QStringList &operands() const { return m_operands; }
    bool isSet(const QString &option) const { return m_values.contains(option); }
    /// The last value given (a flag's is "1"), or `fallback`.
    QString value(const QString &option, const QString &fallback = {}) const;
    /// Every value given, in order.
    QStringList values(const QString &option) const { return m_values.value(option); }
    /// A number option's value (checked against the table's range by parse()), or `fallback`.
    qint64 number(const QString &option, qint64 fallback) const;
    bool helpAsked() const { return m_help; }

private:
    friend Result<Arguments> parse(const OptionTable &table, const QStringList &args);
    QStringList m_operands;
    QHash<QString, QStringList> m_values;
    bool m_help = false;
};

/// Reads `args` (the words after the command) against `table`. -h/--help anywhere asks for help
/// (nothing else is checked then). An unknown option, a missing or bad value, a missing required
/// option or operand, or an extra operand is an error whose message says which.
Result<Arguments> parse(const OptionTable &table, const QStringList &args);

/// parse() for a command's run function. `--help`: the help goes to io.out and `*exit` is Success;
/// an error: "quarry COMMAND: MESSAGE", the usage line and a pointer to --help go to io.err and
/// `*exit` is UsageError. Both return nullopt; the command returns `*exit`.
std::optional<Arguments> parseCommandLine(const OptionTable &table, const QStringList &args, Io &io, int *exit);

/// A usage error found after parsing (a value parse() cannot judge): "quarry COMMAND: MESSAGE",
/// the usage line and a pointer to --help on io.err. Returns UsageError.
int usageError(const OptionTable &table, Io &io, const QString &message);

/// For a command with kinds (import, export, jwt): the table whose command names `kind` among
/// its alternatives ("import postman|curl|har" names "curl"), or nullptr.
const OptionTable *tableForKind(const QList<OptionTable> &tables, const QString &kind);

} // namespace quarry::cli
