// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry export postman WORKSPACE [--collection NAME] [-o FILE] [--env NAME --env-out FILE]`
/// Writes a collection as Postman v2.1 (stdout unless -o) and optionally an environment as a
/// Postman environment (secret values left empty: pass them to newman with --env-var).
/// Exit: 0 written, 1 the workspace could not be read or the file written, 2 usage error.
int exportCommand(const QStringList &args, Io &io);
const OptionTable &exportSqlOptions();
const OptionTable &exportPostmanOptions();

} // namespace quarry::cli
