// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "optiontable.h"

#include "command.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

QString optionSynopsis(const Option &o)
{
    QString text = o.name;
    if (!o.isFlag())
        text += u' ' + o.valueText();
    switch (o.use) {
    case Option::Required: return text;
    case Option::Repeatable: return u'[' + text + u"]..."_s;
    case Option::Optional: break;
    }
    return u'[' + text + u']';
}

QString optionLabel(const Option &o)
{
    QString label = (QStringList(o.aliases) << o.name).join(u", "_s);
    if (!o.isFlag())
        label += u' ' + o.valueText();
    return label;
}

Error usageError(const QString &message)
{
    return Error{Error::Kind::InvalidInput, message, {}};
}

} // namespace

QString OptionTable::synopsis() const
{
    QStringList words{command};
    for (const Operand &operand : operands)
        words << (operand.required ? operand.name : u'[' + operand.name + u']');
    for (const Option &o : options)
        words << optionSynopsis(o);
    return words.join(u' ');
}

QString OptionTable::help() const
{
    QString text = u"Usage: quarry "_s + synopsis() + u'\n';
    if (!summary.isEmpty())
        text += summary + u'\n';
    QList<std::pair<QString, QString>> rows;
    for (const Option &o : options)
        rows.append({optionLabel(o), o.help});
    rows.append({u"-h, --help"_s, u"show this help"_s});
    qsizetype width = 0;
    for (const auto &row : std::as_const(rows))
        width = std::max(width, row.first.size());
    text += u"\nOptions:\n"_s;
    for (const auto &[label, line] : std::as_const(rows))
        text += u"  "_s + label.leftJustified(width) + u"  "_s + line + u'\n';
    if (!details.isEmpty())
        text += u'\n' + details;
    return text;
}

const Option *OptionTable::find(const QString &name) const
{
    for (const Option &o : options) {
        if (o.name == name || o.aliases.contains(name))
            return &o;
    }
    return nullptr;
}

QString Arguments::value(const QString &option, const QString &fallback) const
{
    const auto it = m_values.constFind(option);
    return it == m_values.constEnd() || it->isEmpty() ? fallback : it->last();
}

qint64 Arguments::number(const QString &option, qint64 fallback) const
{
    bool ok = false;
    const qint64 n = value(option).toLongLong(&ok);
    return ok ? n : fallback;
}

Result<Arguments> parse(const OptionTable &table, const QStringList &args)
{
    Arguments out;
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s)) {
        out.m_help = true;
        return out;
    }
    bool onlyOperands = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &word = args.at(i);
        // "-" alone is an operand (standard input), as is everything after "--".
        if (onlyOperands || word == u"-"_s || !word.startsWith(u'-')) {
            if (out.m_operands.size() >= table.operands.size())
                return usageError(table.operands.isEmpty()
                                      ? u"unexpected argument \"%1\"."_s.arg(word)
                                      : u"unexpected argument \"%1\" (one %2 only)."_s.arg(word, table.operands.last().name));
            out.m_operands << word;
            continue;
        }
        if (word == u"--"_s) {
            onlyOperands = true;
            continue;
        }
        const qsizetype equals = word.startsWith(u"--"_s) ? word.indexOf(u'=') : -1;
        const QString name = equals > 0 ? word.left(equals) : word;
        const Option *option = table.find(name);
        if (!option)
            return usageError(u"unknown option %1."_s.arg(name));
        QString value = u"1"_s;
        if (option->isFlag()) {
            if (equals > 0)
                return usageError(u"%1 takes no value."_s.arg(name));
        } else if (equals > 0) {
            value = word.mid(equals + 1);
        } else if (i + 1 < args.size()) {
            value = args.at(++i);
        } else {
            return usageError(u"%1 needs a value (%2)."_s.arg(name, option->valueText()));
        }
        if (!option->choices.isEmpty() && !option->choices.contains(value)) {
            const QString choices = option->choices.size() == 1
                ? option->choices.first()
                : option->choices.mid(0, option->choices.size() - 1).join(u", "_s) + u" or "_s + option->choices.last();
            return usageError(u"%1 is %2, not \"%3\"."_s.arg(name, choices, value));
        }
        if (option->isNumber()) {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < option->min || n > option->max) {
                const QString range = option->max == Option::NoLimit ? u"of at least %1"_s.arg(option->min)
                                                                      : u"from %1 to %2"_s.arg(option->min).arg(option->max);
                return usageError(u"%1 needs a whole number %2, not \"%3\"."_s.arg(name, range, value));
            }
        }
        out.m_values[option->name] << value;
    }
    for (qsizetype i = out.m_operands.size(); i < table.operands.size(); ++i) {
        const Operand &operand = table.operands.at(i);
        if (operand.required)
            return usageError(operand.missing.isEmpty() ? u"%1 is missing."_s.arg(operand.name) : operand.missing);
    }
    for (const Option &o : table.options) {
        if (o.use == Option::Required && !out.m_values.contains(o.name))
            return usageError(u"%1 %2 is required."_s.arg(o.name, o.valueText()));
    }
    return out;
}

std::optional<Arguments> parseCommandLine(const OptionTable &table, const QStringList &args, Io &io, int *exit)
{
    auto parsed = parse(table, args);
    if (parsed && parsed.value().helpAsked()) {
        io.out << table.help();
        *exit = Success;
        return std::nullopt;
    }
    if (!parsed) {
        *exit = usageError(table, io, parsed.error().message);
        return std::nullopt;
    }
    return std::move(parsed).value();
}

int usageError(const OptionTable &table, Io &io, const QString &message)
{
    io.err << "quarry " << table.command.section(u'|', 0, 0) << ": " << message << '\n'
           << "Usage: quarry " << table.synopsis() << '\n'
           << "Try quarry " << table.command.section(u'|', 0, 0) << " --help.\n";
    return UsageError;
}

const OptionTable *tableForKind(const QList<OptionTable> &tables, const QString &kind)
{
    for (const OptionTable &t : tables) {
        if (t.command.section(u' ', 1, 1).split(u'|').contains(kind))
            return &t;
    }
    return nullptr;
}

} // namespace quarry::cli
