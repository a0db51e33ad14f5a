// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/definitions.h"
#include "schema/enumtype.h"
#include "schema/namespace.h"
#include "schema/table.h"
#include "schema/view.h"

#include <QJsonObject>
#include <QList>

namespace quarry::schema {

/// A designed database schema: the workspace's `schema` section as a value.
///
/// fromJson() and toJson() round-trip losslessly: keys the model does not know are kept in each
/// object's `extra` and written back, and every object keeps its stable `id` (fromJson gives a
/// fresh id to an object that has none). References between objects (foreign keys, indexes,
/// enum-typed columns) are by name; renameTable()/renameColumn() rewrite them.
/// A plain value: copy it freely; not shared between threads while being modified.
class QUARRY_CORE_EXPORT Schema
{
public:
    QList<Namespace> namespaces;
    QList<EnumType> enums;
    QList<Domain> domains;
    QList<Sequence> sequences;
    QList<Table> tables;
    QList<View> views;
    QList<Routine> routines;
    QJsonObject extra;

    /// Parses the `schema` section. Errors (a wrong JSON type, an unknown enum value such as
    /// onDelete "explode") carry a JSON path as `where`: "tables[0].columns[2].type".
    /// Semantic checks (missing references, duplicates) are Validator's job, not this one's.
    static Result<Schema> fromJson(const QJsonObject &json);
    /// The section in the shape fromJson() reads; optional fields are omitted when unset.
    QJsonObject toJson() const;

    const Table *table(const QString &name, const QString &nameSpace = {}) const;
    Table *table(const QString &name, const QString &nameSpace = {});
    const Table *tableById(const QString &id) const;
    const EnumType *enumType(const QString &name, const QString &nameSpace = {}) const;
    const Domain *domain(const QString &name, const QString &nameSpace = {}) const;

    /// Renames the table and rewrites the foreign keys that reference it. False if absent.
    bool renameTable(const QString &tableId, const QString &newName);
    /// Renames the column and rewrites the table's keys, indexes and the foreign keys that
    /// reference it. False if absent.
    bool renameColumn(const QString &tableId, const QString &columnId, const QString &newName);

    /// A fresh object id with a readable prefix: "tbl-3f2a9c1e".
    static QString newId(const QString &prefix);
};

} // namespace quarry::schema
