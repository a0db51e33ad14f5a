// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace quarry::schema {

/// One key part of an index: a column or an expression, with its sort order.
struct IndexElement {
    enum class Nulls { Default, First, Last };
    QString column;        ///< set for a plain column
    QString expression;    ///< set for an expression key ("lower(email)")
    bool descending = false;
    Nulls nulls = Nulls::Default;

    bool isPlainColumn() const { return expression.isEmpty() && !descending && nulls == Nulls::Default; }
    friend bool operator==(const IndexElement &, const IndexElement &) = default;
};

/// CREATE [UNIQUE] INDEX name ON table [USING method] (elements) [WHERE predicate].
struct Index {
    QString id;
    QString name;
    QList<IndexElement> elements;
    bool unique = false;
    QString method;        ///< "btree", "hash", "gin", "gist", "brin"; empty = the default (btree)
    QString where;         ///< partial index predicate, SQL as written
    QString comment;
    QJsonObject extra;

    /// The method with the default made explicit: "btree" when empty.
    QString effectiveMethod() const { return method.isEmpty() ? QStringLiteral("btree") : method.toLower(); }
};

} // namespace quarry::schema
