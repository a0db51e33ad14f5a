// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry import dbml FILE --into WORKSPACE [--json]`: DBML (dbdiagram.io) into the workspace's
/// schema; same-named tables, enums and namespaces are replaced. `--json` prints the imported
/// design (the workspace's `schema` section shape) instead of saving it. Exit 0 imported, 1 the
/// file does not parse ("FILE, line L, column C: message") or the workspace is unusable, 2 usage.
int importDbml(const QStringList &args, Io &io);
const OptionTable &importDbmlOptions();

/// `quarry export dbml WORKSPACE [-o|--output FILE]`: the design as DBML on standard output or
/// into FILE; what DBML cannot express is listed on standard error as notes. Exit 0, 1 the
/// workspace cannot be read or its schema section is malformed, 2 usage.
int exportDbml(const QStringList &args, Io &io);
const OptionTable &exportDbmlOptions();

} // namespace quarry::cli
