// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace quarry::schema {

/// A PRIMARY KEY or UNIQUE constraint over one or more columns (by name).
struct KeyConstraint {
    QString id;
    QString name;          ///< constraint name; empty lets the database choose
    QStringList columns;
    QJsonObject extra;
};

enum class ReferentialAction { NoAction, Restrict, Cascade, SetNull, SetDefault };

/// The one mapping between ReferentialAction and text: the workspace's JSON names, SQL's words
/// (DDL, DBML in lower case, the designer's choices) and PostgreSQL's catalog codes.
struct QUARRY_CORE_EXPORT ReferentialActions {
    static constexpr ReferentialAction All[] = {ReferentialAction::NoAction, ReferentialAction::Restrict,
                                                ReferentialAction::Cascade, ReferentialAction::SetNull,
                                                ReferentialAction::SetDefault};
    /// "noAction", "restrict", "cascade", "setNull", "setDefault".
    static QString jsonName(ReferentialAction action);
    /// "NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT".
    static QString sql(ReferentialAction action);
    /// A JSON name or SQL's words in any case and spacing ("setNull", "set null", "SET  NULL");
    /// nullopt for anything else.
    static std::optional<ReferentialAction> fromText(const QString &text);
    /// PostgreSQL's codes (pg_constraint.confdeltype, libpg_query's fk_del_action): a r c n d;
    /// anything else is NO ACTION.
    static ReferentialAction fromPgCode(QStringView code);
};

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
