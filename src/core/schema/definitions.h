// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/column.h"
#include "schema/constraint.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace quarry::schema {

/// CREATE DOMAIN: a named base type with NOT NULL, a default and checks (PostgreSQL). A column
/// declared with it has the base type and names the domain in ColumnType::domain; dialects
/// without domains write the base type.
struct Domain {
    QString id;
    QString name;
    QString nameSpace;
    ColumnType type;                 ///< the base type
    bool nullable = true;
    ColumnDefault defaultValue;
    QList<CheckConstraint> checks;   ///< expressions over VALUE
    QString comment;
    QJsonObject extra;
};

/// CREATE SEQUENCE that is not the hidden half of a serial or identity column. Unset bounds are
/// the type's defaults (NO MINVALUE / NO MAXVALUE).
struct Sequence {
    QString id;
    QString name;
    QString nameSpace;
    QString dataType = QStringLiteral("bigint");   ///< "smallint", "integer" or "bigint"
    qint64 start = 1;
    qint64 increment = 1;
    std::optional<qint64> minValue;
    std::optional<qint64> maxValue;
    qint64 cache = 1;
    bool cycle = false;
    QString ownedByTable;            ///< OWNED BY table.column ("name" or "namespace.name"); empty: none
    QString ownedByColumn;
    QString comment;
    QJsonObject extra;
};

/// A function, procedure or aggregate, kept as its definition: the model does not read its body.
/// Written only by dialects that have them (PostgreSQL); the others note that they leave it out.
struct Routine {
    enum class Kind { Function, Procedure, Aggregate };
    QString id;
    QString name;
    QString nameSpace;
    Kind kind = Kind::Function;
    QString arguments;      ///< the identity arguments, as in "COMMENT ON FUNCTION name(arguments)"
    QString definition;     ///< the whole CREATE statement without its final ";"
    /// Tables, views and routines ("name" or "namespace.name") that must exist first, such as the
    /// table whose row type it returns. A routine that depends on no table is created before the
    /// tables (their defaults and checks may call it).
    QStringList dependsOn;
    QString comment;
    QJsonObject extra;

    /// "function", "procedure", "aggregate": the JSON names and, upper case, the SQL words.
    static QString kindName(Kind kind)
    {
        return kind == Kind::Aggregate ? QStringLiteral("aggregate")
            : kind == Kind::Procedure  ? QStringLiteral("procedure")
                                       : QStringLiteral("function");
    }
};

/// CREATE TRIGGER on its table, kept as its definition; created after every table, view and routine.
struct Trigger {
    QString id;
    QString name;
    QString definition;     ///< the whole CREATE TRIGGER statement without its final ";"
    QString comment;
    QJsonObject extra;
};

/// An EXCLUDE constraint (PostgreSQL), kept as its definition: "EXCLUDE USING gist (room WITH =)".
struct ExclusionConstraint {
    QString id;
    QString name;
    QString definition;
    QJsonObject extra;
};

} // namespace quarry::schema
