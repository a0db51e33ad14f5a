// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "db/connection.h"
#include "schema/sqlimport.h"

namespace quarry::schema {

/// The design of the live database at `url`: `sqlite:path/to/file.db` (read by
/// SqliteDdlImporter::importDatabase, the file opened read-only) or
/// `postgresql://user@host:port/db` / `postgres://...` (read by PgIntrospector).
/// A bad URL is InvalidInput, a missing SQLite file NotFound, an unreachable server Network; every
/// error's `where` is the URL with its password masked.
QUARRY_CORE_EXPORT Result<SqlImport> introspect(const QString &url);

} // namespace quarry::schema
