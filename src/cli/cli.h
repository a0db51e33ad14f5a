// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

#include <QList>

namespace quarry::cli {

/// True when the arguments ask for the headless CLI (an option or a subcommand) rather than the GUI.
bool isCliInvocation(int argc, char **argv);
/// Runs the CLI to completion (creates the QCoreApplication); returns the process exit code.
int main(int argc, char **argv);
/// Dispatches already-split arguments (without the program name); used by main() and tests.
int dispatch(const QStringList &args, Io &io);
/// Every subcommand of the CLI contract, built or not.
const QList<Command> &commands();

} // namespace quarry::cli
