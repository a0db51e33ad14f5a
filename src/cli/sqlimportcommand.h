// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry import sql FILE --into WORKSPACE`: PostgreSQL DDL (parsed by libpg_query) into the
/// workspace's schema. Tables, enums and views replace the design's objects of the same name;
/// the others are kept. Exit 0 imported, 1 the file or workspace is unusable, 2 usage.
int importSql(const QStringList &args, Io &io);

} // namespace quarry::cli
