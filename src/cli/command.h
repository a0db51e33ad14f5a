// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "optiontable.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace quarry::cli {

/// Exit codes of every subcommand: 0 success, 1 the work found a problem (a failed check, an
/// invalid file), 2 a usage error or a command this build does not have.
enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

struct Io {
    QTextStream &out;
    QTextStream &err;
};

/// One `quarry SUBCOMMAND`. `run` gets the arguments after the subcommand's name; a command
/// without `run` is part of the CLI contract but not built yet, and says so.
struct Command {
    QString name;
    QString summary;              ///< one line for --help
    QList<OptionTable> tables;    ///< one, or one per kind (import sql, jwt sign, ...)
    std::function<int(const QStringList &args, Io &io)> run;
};

/// Writes `bytes` to `path` atomically (saveFile); on failure says "quarry COMMAND: Cannot write
/// PATH: REASON." on io.err and returns false.
bool writeOutput(const QString &command, const QString &path, const QByteArray &bytes, Io &io);

} // namespace quarry::cli
