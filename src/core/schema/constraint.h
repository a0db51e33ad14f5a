// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace quarry::schema {

/// A PRIMARY KEY or UNIQUE constraint over one or more columns (by name).
struct KeyConstraint {
    QString id;
    QString name;          ///< constraint name; empty lets the database choose
    QStringList columns;
    QJsonObject extra;
};

enum class ReferentialAction { NoAction, Restrict, Cascade, SetNull, SetDefault };

/// A FOREIGN KEY: `columns` of the owning table reference `refColumns` of `refTable`
/// (pairwise, same count). References are by name; renames rewrite them (Schema::renameColumn).
struct ForeignKey {
    QString id;
    QString name;
    QStringList columns;
    QString refNamespace;   ///< empty: the default namespace
    QString refTable;
    QStringList refColumns;
    ReferentialAction onDelete = ReferentialAction::NoAction;
    ReferentialAction onUpdate = ReferentialAction::NoAction;
    QJsonObject extra;
};

/// A CHECK constraint; the expression is SQL written as-is.
struct CheckConstraint {
    QString id;
    QString name;
    QString expression;
    QJsonObject extra;
};

} // namespace quarry::schema
