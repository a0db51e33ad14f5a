// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "schema/schema.h"

#include <QStringList>

namespace quarry::schema {

/// Writes a design as idiomatic DBML (dbdiagram.io): Project, Enums, Tables with their settings,
/// Notes and indexes blocks, then every foreign key as a `Ref name: a.(x) > b.(y) [delete: ...]`.
/// DbmlImporter reads the result back to the same design for everything DBML can express; what it
/// cannot (CHECK constraints, views, generated and identity columns, index order, NULLS placement
/// and WHERE) is left out and listed in `notes` (may be null). Table-level UNIQUE constraints are
/// written as unique indexes, the only form DBML has. Stateless; thread-safe.
class QUARRY_CORE_EXPORT DbmlExporter
{
public:
    static QString write(const Schema &schema, QStringList *notes = nullptr);
    /// The DBML spelling of a column's type in `table`: "int", "varchar(255)", "lending.loan_status".
    static QString typeName(const Schema &schema, const Table &table, const ColumnType &type);
};

} // namespace quarry::schema
