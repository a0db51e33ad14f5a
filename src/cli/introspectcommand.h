// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry introspect URL [--into WORKSPACE] [--json]`: the design of a live database
/// (sqlite:path/to/file.db, postgresql://user@host:port/db) read by schema::introspect. Without
/// --into it prints the workspace's `schema` section as JSON (keys sorted, as the workspace writes
/// them); with --into it merges the design into the workspace (created when missing) as
/// `quarry import sql` does, same-named tables, enums and views replaced, and says so in one line
/// (--json: as a JSON object). Notes go to stderr. Exit 0 read, 1 the database is unreachable or
/// unreadable or the workspace unusable, 2 usage.
int runIntrospect(const QStringList &args, Io &io);
const OptionTable &introspectOptions();

} // namespace quarry::cli
