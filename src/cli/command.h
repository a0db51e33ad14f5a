// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

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
    QString synopsis;   ///< "serve WORKSPACE [--host H] [--port N]"
    QString summary;    ///< one line for --help
    std::function<int(const QStringList &args, Io &io)> run;
};

} // namespace quarry::cli
