// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "schema/column.h"
#include "schema/constraint.h"
#include "schema/definitions.h"
#include "schema/index.h"

#include <QList>
#include <optional>

namespace quarry::schema {

/// A table with its columns, constraints and indexes.
struct QUARRY_CORE_EXPORT Table {
    QString id;
    QString name;
    QString nameSpace;     ///< the namespace (SQL schema) name; empty = the default one
    QString comment;
    QList<Column> columns;
    std::optional<KeyConstraint> primaryKey;   ///< table-level (composite) primary key
    QList<KeyConstraint> uniques;              ///< table-level unique constraints
    QList<ForeignKey> foreignKeys;
    QList<CheckConstraint> checks;
    QList<Index> indexes;
    QList<ExclusionConstraint> exclusions;
    QList<Trigger> triggers;
    QJsonObject extra;

    const Column *column(const QString &name) const;
    Column *column(const QString &name);
    /// The primary key's columns, from the table-level key or the columns' shorthand.
    QStringList primaryKeyColumns() const;
    /// Every unique key's columns: table-level uniques and the columns' `unique` shorthand.
    QList<QStringList> uniqueKeys() const;
    /// "name" or "namespace.name", for messages.
    QString displayName() const;
};

} // namespace quarry::schema
