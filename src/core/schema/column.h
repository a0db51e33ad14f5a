// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/columntype.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace quarry::schema {

/// A column's DEFAULT: an SQL expression written as-is, or a literal the dialect quotes.
struct ColumnDefault {
    enum class Kind { None, Expression, Literal };
    Kind kind = Kind::None;
    QString expression;    ///< Expression: "CURRENT_TIMESTAMP", "now()", "0"
    QJsonValue literal;    ///< Literal: a string, number or bool

    bool isSet() const { return kind != Kind::None; }
    friend bool operator==(const ColumnDefault &, const ColumnDefault &) = default;
};

/// One column. `primaryKey` and `unique` are the column-level shorthands of a one-column
/// constraint (the seed's `id SERIAL PRIMARY KEY`); composite keys live on the Table.
struct Column {
    enum class Identity { None, Always, ByDefault };
    QString id;                 ///< stable across renames
    QString name;
    ColumnType type;
    bool nullable = true;
    bool primaryKey = false;
    bool unique = false;
    ColumnDefault defaultValue;
    Identity identity = Identity::None;
    QString generatedExpression;  ///< non-empty: GENERATED ALWAYS AS (expr) STORED
    QString comment;
    QJsonObject extra;          ///< keys the model does not know (GUI state), kept on save
};

} // namespace quarry::schema
