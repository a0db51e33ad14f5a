// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "sqliteddlwriter.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

namespace {
bool autoIncrements(const Column &column)
{
    return column.type.isAutoIncrement() || column.identity != Column::Identity::None;
}

QStringList commentLines(const QString &comment)
{
    QStringList lines;
    for (const QString &line : comment.split(u'\n'))
        lines << u"-- "_s + line;
    return lines;
}
} // namespace

QString SqliteDdlWriter::columnType(const Table &, const Column &column)
{
    return m_dialect.typeName(column.type);
}

QString SqliteDdlWriter::columnDefinition(const Table &table, const Column &column, bool inlinePrimaryKey)
{
    if (autoIncrements(column) && !column.type.array) {
        if (inlinePrimaryKey)
            return ident(column.name) + u" INTEGER PRIMARY KEY AUTOINCREMENT"_s;
        note(u"SQLite auto-increments only a one-column INTEGER PRIMARY KEY: %1.%2 is a plain INTEGER."_s.arg(
            table.name, column.name));
    }
    return DdlWriter::columnDefinition(table, column, inlinePrimaryKey);
}

QString SqliteDdlWriter::defaultClause(const Table &table, const Column &column)
{
    if (column.defaultValue.kind != ColumnDefault::Kind::Expression)
        return DdlWriter::defaultClause(table, column);
    // SQLite takes a literal, a CURRENT_* keyword or a parenthesised expression.
    const QString expr = column.defaultValue.expression.trimmed();
    static const QRegularExpression bare(
        uR"(^(CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|NULL|TRUE|FALSE|[-+]?\d+(\.\d+)?|'([^']|'')*')$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (expr.compare(u"now()"_s, Qt::CaseInsensitive) == 0)
        return u"DEFAULT CURRENT_TIMESTAMP"_s;
    if (bare.match(expr).hasMatch())
        return u"DEFAULT "_s + expr;
    return u"DEFAULT ("_s + expr + u')';
}

QString SqliteDdlWriter::identityClause(const Column &)
{
    return {}; // written as INTEGER PRIMARY KEY AUTOINCREMENT by columnDefinition
}

QString SqliteDdlWriter::columnCheck(const Table &table, const Column &column)
{
    if (column.type.kind != TypeKind::Enum || column.type.array || !m_schema)
        return {};
    const EnumType *e = m_schema->enumType(column.type.enumName, table.nameSpace);
    if (!e)
        e = m_schema->enumType(column.type.enumName);
    if (!e)
        return {};
    QStringList values;
    for (const QString &v : e->values)
        values << stringLiteral(v);
    return u"CHECK (%1 IN (%2))"_s.arg(ident(column.name), values.join(u", "_s));
}

QStringList SqliteDdlWriter::columnPreamble(const Table &table, const Column &column)
{
    QStringList lines;
    // SQLite has no COMMENT ON, but it stores CREATE TABLE as written, comments included.
    if (!table.comment.isEmpty() && !table.columns.isEmpty() && &table.columns.first() == &column)
        lines << commentLines(table.comment);
    if (!column.comment.isEmpty())
        lines << commentLines(column.comment);
    return lines;
}

bool SqliteDdlWriter::primaryKeyImpliesNotNull(const Table &, const Column &column) const
{
    // Only the rowid alias refuses NULL; other SQLite keys accept it unless NOT NULL is written.
    return column.type.isInteger() && !column.type.array;
}

void SqliteDdlWriter::createNamespace(const Namespace &)
{
}

QString SqliteDdlWriter::createTable(const Table &table, const QList<const ForeignKey *> &inlineKeys)
{
    if (!table.nameSpace.isEmpty())
        note(u"SQLite has no schemas: %1.%2 is created as %2."_s.arg(table.nameSpace, table.name));
    return DdlWriter::createTable(table, inlineKeys);
}

QString SqliteDdlWriter::indexStatement(const Table &table, const Index &index)
{
    Index plain = index;
    if (!index.method.isEmpty() && index.effectiveMethod() != u"btree"_s) {
        note(u"SQLite has only b-tree indexes; %1 is created without USING %2."_s.arg(indexName(table, index),
                                                                                       index.method));
        plain.method.clear();
    }
    bool droppedNulls = false;
    for (IndexElement &e : plain.elements) {
        if (e.nulls != IndexElement::Nulls::Default) {
            e.nulls = IndexElement::Nulls::Default;
            droppedNulls = true;
        }
    }
    if (droppedNulls)
        note(u"SQLite indexes have no NULLS FIRST/LAST; %1 sorts NULLs first (ASC) or last (DESC)."_s.arg(
            indexName(table, index)));
    if (!index.comment.isEmpty())
        note(index.comment);
    return DdlWriter::indexStatement(table, plain);
}

void SqliteDdlWriter::createView(const View &view)
{
    if (!view.comment.isEmpty())
        note(view.comment);
    DdlWriter::createView(view);
}
