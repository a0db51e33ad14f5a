// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/pgddlimporter.h"

namespace quarry::db {
class PgConnection;
}

namespace quarry::schema {

/// Reads the design of a live PostgreSQL database from pg_catalog, complete enough that the
/// PostgreSQL dialect's DDL of it makes a database pg_dump --schema-only cannot tell apart (but for
/// partitions, folded into their parent): the same portable types as PgDdlImporter
/// (PgDdlImporter::builtinType), a column's domain kept in ColumnType::domain, domains, sequences
/// (`integer DEFAULT nextval(...)` is serial only when the column owns a sequence set up exactly
/// as serial makes it), identity, PK/UK/FK/CHECK/exclusion constraints, indexes (method, partial,
/// expression), views and materialized views (with their indexes and what they depend on),
/// functions, procedures and aggregates and triggers as their definitions, comments; a one-column
/// primary key named TABLE_pkey as the column's shorthand; the derived ids of ObjectIds.
/// System schemas (pg_catalog, information_schema, pg_toast, pg_temp_*) and objects owned by an
/// extension are left out; indexes that back a primary key or unique constraint belong to the
/// constraint. Defaults, checks, index expressions, views and routines are PostgreSQL's deparsed
/// text (pg_get_expr, pg_get_viewdef, pg_get_functiondef), which may differ in casts and
/// parentheses from the text written. Every query is parameterised and runs in a READ ONLY
/// transaction; nothing is changed.
class QUARRY_CORE_EXPORT PgIntrospector
{
public:
    /// `where` of an error: `location` (the masked URL) plus the step that failed.
    static Result<SqlImport> read(db::PgConnection &connection, const QString &location = {});
};

} // namespace quarry::schema
