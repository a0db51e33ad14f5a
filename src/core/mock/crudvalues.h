// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/resourcestore.h"
#include "quarry_core_export.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QVariant>

#include <optional>

namespace quarry::mock {

/// Values of a CRUD resource's columns: JSON and query-string values bound to a column's type,
/// and the row's updated-at column that dates it.
class QUARRY_CORE_EXPORT CrudValues
{
public:
    /// A JSON value for a column, or nullopt with `error` set; `nullRefused` tells a NULL for a
    /// NOT NULL column (a rule) from a value of the wrong type.
    static std::optional<QVariant> fromJson(const ColumnInfo &column, const QJsonValue &value, QString *error,
                                            bool *nullRefused);
    /// A query-string value for a column, or nullopt with `error` set.
    static std::optional<QVariant> fromText(const ColumnInfo &column, const QString &text, QString *error);

    /// The column that says when a row last changed: updated_at, updatedAt, modified_at,
    /// last_modified (any case) of a text (date/time) or integer (seconds since 1970) type; null if none.
    static const ColumnInfo *updatedAtColumn(const TableInfo &table);
    /// Now, as that column stores it: "2026-12-05 10:00:00" (UTC) or seconds since 1970.
    static QVariant now(const ColumnInfo &updatedAt);
    /// When the row last changed, by its updated-at column.
    static std::optional<QDateTime> lastModified(const QJsonObject &row, const ColumnInfo *updatedAt);
};

} // namespace quarry::mock
