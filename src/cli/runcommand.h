// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry run WORKSPACE|FILE [--collection NAME] [--folder NAME] [--env NAME] [--var NAME=VALUE]...
///  [--reporter cli|json|junit] [--out FILE] [--junit FILE] [--iterations N] [--concurrency N]
///  [--timeout MS] [--duration SECONDS]`
/// Runs every collection of a workspace (or the one named) with its checks. FILE may also be a
/// JSON file holding one collection object, `{collections, environments}`, or a Postman v2.1
/// collection (imported on the fly; scripts Quarry cannot read are reported as warnings).
/// Exit: 0 every check passed, 1 a check or a request failed, 2 usage or input error.
int runCommand(const QStringList &args, Io &io);
const OptionTable &runOptions();

} // namespace quarry::cli
