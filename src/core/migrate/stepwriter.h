// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "migrate/plan.h"
#include "migrate/schemadiff.h"
#include "schema/ddlwriter.h"

/// The SQL of single steps, shared by the PostgreSQL and SQLite plans (planner.cpp, sqliteplan.cpp).
namespace quarry::migrate::detail {

/// Names, literals and defaults as the dialect's DDL writes them.
class SqlText : public schema::DdlWriter
{
public:
    SqlText(const schema::Dialect &dialect, const schema::Schema &target) : DdlWriter(dialect) { m_schema = &target; }
    /// The default's SQL without "DEFAULT "; empty when the column has none.
    QString defaultSql(const schema::Table &table, const schema::Column &column)
    {
        const QString clause = defaultClause(table, column);
        return clause.startsWith(QLatin1String("DEFAULT ")) ? clause.mid(8) : clause;
    }
    QString columnList(const QStringList &columns) const
    {
        QStringList out;
        for (const QString &c : columns)
            out << ident(c);
        return out.join(QLatin1String(", "));
    }

protected:
    QString columnType(const schema::Table &, const schema::Column &column) override { return m_dialect.typeName(column.type); }
};

/// A table known by its name only, for statements that need no more.
inline schema::Table tableNamed(const QString &name, const QString &nameSpace = {})
{
    schema::Table t;
    t.name = name;
    t.nameSpace = nameSpace;
    return t;
}

inline Step simpleStep(const QString &description, const QString &sql)
{
    Step s;
    s.description = description;
    s.sql = QStringList{sql};
    return s;
}

/// Where a change's step goes in the plan: drops of dependent objects first, then renames, new
/// objects, altered columns, new constraints, destructive drops, views and comments.
int phaseOf(ChangeKind kind);

/// The checks a change asks the data, in the source's names. `sql` names the objects.
QList<DataCheck> checksFor(const Change &c, const SchemaDiff &diff, SqlText &sql);
/// The risk of a change on its own.
Risk riskOf(const Change &c);
/// The column as the target has it, by table name (target) and column name.
const schema::Column *targetColumn(const SchemaDiff &diff, const QString &table, const QString &column);

} // namespace quarry::migrate::detail
