// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::schema { struct SqlImport; class Schema; }

namespace quarry::cli {

/// `quarry import sql FILE --into WORKSPACE [--dialect postgres|sqlite]`: DDL into the workspace's
/// schema, PostgreSQL's read by libpg_query, SQLite's run by SQLite itself; a SQLite database file
/// is read directly. Without --dialect: a file with the SQLite database header is a database, a
/// file whose name contains "sqlite" (chinook_sqlite.sql, schema.sqlite3.sql) or whose first line
/// is a comment naming SQLite is SQLite DDL, anything else PostgreSQL. Tables, enums and views
/// replace the design's objects of the same name; the others are kept. Exit 0 imported, 1 the
/// file or workspace is unusable, 2 usage.
int importSql(const QStringList &args, Io &io);
const OptionTable &importSqlOptions();

/// Merges a design into the workspace at `into` (created when missing; same-named objects replaced)
/// and saves it; the names added and replaced go to `added`/`replaced`. Errors are printed after
/// `command`. Returns false when the workspace could not be opened or saved.
bool mergeIntoWorkspace(const schema::Schema &design, const QString &into, const QString &command, Io &io,
                        QStringList *added, QStringList *replaced);

/// Merges an import into the workspace at `into` (created when missing), prints the summary and
/// the importer's notes. `command` prefixes messages ("quarry import sql").
int saveImport(const schema::SqlImport &imported, const QString &file, const QString &into, const QString &command,
               Io &io);

} // namespace quarry::cli
