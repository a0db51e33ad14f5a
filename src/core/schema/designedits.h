// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/schema.h"

namespace quarry::schema {

/// The edits of the diagram editor, on a Schema value: each keeps the design consistent (removing
/// a table removes the foreign keys that point at it, ...) or refuses with an Error whose `where`
/// names the object ("orders.customer_id"). The GUI applies one, serialises the schema and pushes
/// it as one undoable step. Stateless.
class QUARRY_CORE_EXPORT DesignEdits
{
public:
    /// Appends an empty table named `baseName` (or baseName_2, _3, ... when taken) with an `id`
    /// bigserial primary key column; returns the table's id.
    static QString addTable(Schema &schema, const QString &baseName = QStringLiteral("new_table"));
    /// Appends a nullable text column named `baseName` (made unique in the table); returns its id.
    static Result<QString> addColumn(Schema &schema, const QString &tableId,
                                     const QString &baseName = QStringLiteral("new_column"));
    /// A foreign key from column `fromColumnId` of `fromTableId` to `toColumnId` of `toTableId`.
    /// Refused: a missing table/column, types that cannot reference each other (the Validator's
    /// rule, ColumnType::isCompatibleReference), a target that is not a one-column primary or
    /// unique key, or the same foreign key twice. Returns the new foreign key's id.
    static Result<QString> addForeignKey(Schema &schema, const QString &fromTableId, const QString &fromColumnId,
                                         const QString &toTableId, const QString &toColumnId);
    /// Removes the table, the foreign keys of other tables that reference it and its layout entry.
    static bool removeTable(Schema &schema, const QString &tableId);
    /// Removes the column and whatever is built on it: the table's keys, indexes and foreign keys
    /// that use it, other tables' foreign keys that reference it.
    static bool removeColumn(Schema &schema, const QString &tableId, const QString &columnId);
    static bool removeForeignKey(Schema &schema, const QString &tableId, const QString &foreignKeyId);

    /// Moves the table to another namespace (SQL schema; empty = the default one), declaring it
    /// when new and rewriting the foreign keys that reference the table. Refused when a table of
    /// that name exists there.
    static Result<void> setTableNamespace(Schema &schema, const QString &tableId, const QString &nameSpace);
    /// Adds the column to the primary key or takes it out (a second column makes the key a
    /// table-level composite one). A key column becomes NOT NULL.
    static Result<void> setPrimaryKey(Schema &schema, const QString &tableId, const QString &columnId, bool on);

    /// A type as the user writes it: "varchar(255)", "decimal(10,2)", "integer[]", "enum mood",
    /// "int", "tsvector" (kept as a custom type). Errors: empty text, bad parameters.
    static Result<ColumnType> parseType(const QString &text);
    /// A default as the user writes it: empty = none, 'text' (single quotes) = a string literal,
    /// true/false and numbers = literals, anything else an SQL expression written as-is.
    static ColumnDefault parseDefault(const QString &text);
    /// The inverse of parseDefault(), for showing a default in an editor.
    static QString defaultText(const ColumnDefault &value);
};

} // namespace quarry::schema
