// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/sqlimport.h"

#include <chrono>

namespace quarry::schema {

/// Reads SQLite DDL into a Schema with SQLite itself: the script runs statement by statement in a
/// private in-memory database (ATTACH and VACUUM refused, so a script cannot touch other files),
/// then the result is read back through sqlite_schema and the table_xinfo, index_list,
/// index_xinfo and foreign_key_list pragmas. What the pragmas do not say (constraint names, CHECK
/// expressions, generated column expressions, AUTOINCREMENT, WITHOUT ROWID, expression and
/// partial index text, view queries) comes from the CREATE text SQLite stores.
///
/// Declared types map to the model's portable types by SQLite's own naming (INT*, *CHAR*(n),
/// TEXT/CLOB, REAL/DOUBLE/FLOAT -> double, NUMERIC/DECIMAL(p,s), BOOLEAN, DATE, DATETIME and
/// TIMESTAMP -> timestamp, JSON, UUID, BLOB or no type -> binary); an INTEGER PRIMARY KEY of a
/// rowid table (the rowid alias, which numbers itself) becomes serial. Triggers, virtual tables
/// and data statements are left out with a note. Object ids are derived from names as in
/// PgDdlImporter, so importing the same file twice gives the same ids. Thread-safe: each call has
/// its own connection.
class QUARRY_CORE_EXPORT SqliteDdlImporter
{
public:
    /// A statement SQLite refuses yields an Error whose `where` is "line L, column C" (the
    /// offending token when SQLite names one, else the statement's start) and whose message is
    /// SQLite's; nothing is written anywhere. The statements share `timeLimit` (a CREATE TABLE ...
    /// AS SELECT could run forever); past it the running statement is stopped and reported.
    static Result<SqlImport> import(const QString &sql, std::chrono::milliseconds timeLimit = std::chrono::seconds(10));
    /// The design of an existing SQLite database file, opened read-only.
    static Result<SqlImport> importDatabase(const QString &path);
    /// Whether the file starts with the SQLite database header ("SQLite format 3").
    static bool isDatabaseFile(const QString &path);
};

} // namespace quarry::schema
