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

/// Reads the design of a live PostgreSQL database from pg_catalog into the model PgDdlImporter
/// makes of the same schema's DDL: the same portable types (PgDdlImporter::builtinType), domains
/// resolved to their base type, `integer DEFAULT nextval(...)` as serial (owned or not), a one-column
/// primary key named TABLE_pkey as the column's shorthand, the same derived ids ("tbl-film",
/// "col-film-title", "fk-film-film_language_id_fkey"), partitions folded into their parent.
/// System schemas (pg_catalog, information_schema, pg_toast, pg_temp_*) and objects owned by an
/// extension are left out; indexes that back a primary key or unique constraint belong to the
/// constraint. Defaults, checks, index expressions and views are PostgreSQL's deparsed text
/// (pg_get_expr, pg_get_viewdef), which may differ in casts and parentheses from the text written.
/// Every query is parameterised and runs in a READ ONLY transaction; nothing is changed.
class QUARRY_CORE_EXPORT PgIntrospector
{
public:
    /// `where` of an error: `location` (the masked URL) plus the step that failed.
    static Result<SqlImport> read(db::PgConnection &connection, const QString &location = {});
};

} // namespace quarry::schema
