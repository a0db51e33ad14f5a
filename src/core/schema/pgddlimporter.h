// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/schema.h"
#include "schema/sqlimport.h"

#include <QStringList>

#include <optional>

namespace quarry::schema {

/// Reads PostgreSQL DDL (a pg_dump --schema-only file, a migration) into a Schema with
/// PostgreSQL's own parser, libpg_query (PG 15 grammar): schemas, enums, domains (resolved to
/// their base type), tables with columns, defaults, identity and generated columns, keys, foreign
/// keys, checks (inline or by ALTER TABLE ... ADD CONSTRAINT), indexes, views and comments.
/// Partitions attached to a parent are folded into it; functions, triggers, sequences, grants and
/// the like are skipped with a note. `integer DEFAULT nextval(...)` becomes serial. Object ids
/// are derived from names ("tbl-film", "col-film-title"), so importing the same file twice gives
/// the same ids. Thread-safe (libpg_query keeps its state per thread).
class QUARRY_CORE_EXPORT PgDdlImporter
{
public:
    /// A file that does not parse yields an Error with "line L, column C" and the parser's
    /// message; nothing throws.
    static Result<SqlImport> import(const QString &sql);
    /// The portable type of a PostgreSQL built-in type by its internal name ("int4", "varchar",
    /// "bpchar", "timestamptz", as libpg_query and pg_type spell them) and type modifiers (length;
    /// precision, scale; fractional seconds); nullopt for a type the model does not know. Shared
    /// with PgIntrospector so a live database and its DDL give the same model.
    static std::optional<ColumnType> builtinType(const QString &name, const QList<int> &mods, bool array);
};

} // namespace quarry::schema
