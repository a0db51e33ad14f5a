// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mysqlddlwriter.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

namespace {
// TEXT, BLOB and JSON columns take only parenthesised (expression) defaults.
bool needsExpressionDefault(const QString &sqlType)
{
    return sqlType.endsWith(u"TEXT"_s) || sqlType.endsWith(u"BLOB"_s) || sqlType == u"JSON"_s;
}
} // namespace

QString MysqlDdlWriter::columnType(const Table &table, const Column &column)
{
    if (column.type.kind == TypeKind::Enum && !column.type.array && m_schema) {
        const EnumType *e = m_schema->enumType(column.type.enumName, table.nameSpace);
        if (!e)
            e = m_schema->enumType(column.type.enumName);
        if (e) {
            QStringList values;
            for (const QString &v : e->values)
                values << stringLiteral(v);
            return u"ENUM("_s + values.join(u", "_s) + u')';
        }
    }
    if (column.type.kind == TypeKind::Varchar && column.type.length == 0 && !column.type.array)
        note(u"MySQL needs a length for VARCHAR: %1.%2 is VARCHAR(255)."_s.arg(table.name, column.name));
    if (column.type.kind == TypeKind::Interval)
        note(u"MySQL has no INTERVAL type: %1.%2 is stored as text."_s.arg(table.name, column.name));
    return m_dialect.typeName(column.type);
}

QString MysqlDdlWriter::columnDefinition(const Table &table, const Column &column, bool inlinePrimaryKey)
{
    QString sql = DdlWriter::columnDefinition(table, column, inlinePrimaryKey);
    // AUTO_INCREMENT must be a key; PostgreSQL's SERIAL is not one by itself.
    const bool autoInc = column.type.isAutoIncrement() || column.identity != Column::Identity::None;
    if (autoInc && !column.primaryKey && !column.unique && !table.primaryKeyColumns().contains(column.name)) {
        bool keyed = false;
        for (const QStringList &u : table.uniqueKeys())
            keyed = keyed || (!u.isEmpty() && u.first() == column.name);
        for (const Index &ix : table.indexes)
            keyed = keyed || (!ix.elements.isEmpty() && ix.elements.first().column == column.name);
        if (!keyed) {
            note(u"MySQL's AUTO_INCREMENT needs a key: %1.%2 is made UNIQUE."_s.arg(table.name, column.name));
            sql += u" UNIQUE"_s;
        }
    }
    return sql;
}

QString MysqlDdlWriter::defaultClause(const Table &table, const Column &column)
{
    const QString type = m_dialect.typeName(column.type);
    if (column.defaultValue.kind == ColumnDefault::Kind::Literal)
        return needsExpressionDefault(type) ? u"DEFAULT ("_s + literal(column.defaultValue.literal) + u')'
                                            : DdlWriter::defaultClause(table, column);
    if (column.defaultValue.kind != ColumnDefault::Kind::Expression)
        return {};
    const QString expr = column.defaultValue.expression.trimmed();
    static const QRegularExpression bare(
        uR"(^(CURRENT_TIMESTAMP(\(\d*\))?|NOW\(\)|LOCALTIMESTAMP|NULL|TRUE|FALSE|[-+]?\d+(\.\d+)?|'([^']|'')*')$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    if (bare.match(expr).hasMatch() && !(needsExpressionDefault(type) && expr.startsWith(u'\'')))
        return u"DEFAULT "_s + expr;
    return u"DEFAULT ("_s + expr + u')';
}

QString MysqlDdlWriter::identityClause(const Column &column)
{
    if (column.type.isAutoIncrement() || column.identity != Column::Identity::None)
        return u"AUTO_INCREMENT"_s;
    return {};
}

QString MysqlDdlWriter::columnSuffix(const Table &, const Column &column)
{
    return column.comment.isEmpty() ? QString() : u"COMMENT "_s + stringLiteral(column.comment);
}

QString MysqlDdlWriter::createTable(const Table &table, const QList<const ForeignKey *> &inlineKeys)
{
    // An inline UNIQUE on a TEXT column has no room for the prefix length MySQL needs; such keys
    // move to the table level, where keyColumn() adds it.
    Table adjusted = table;
    for (Column &c : adjusted.columns) {
        const QString type = m_dialect.typeName(c.type);
        if (c.unique && needsExpressionDefault(type) && type != u"JSON"_s) {
            c.unique = false;
            adjusted.uniques.append(KeyConstraint{c.id, {}, {c.name}, {}});
        }
    }
    return DdlWriter::createTable(adjusted, inlineKeys);
}

QString MysqlDdlWriter::tableOptions(const Table &table)
{
    return table.comment.isEmpty() ? QString() : u" COMMENT = "_s + stringLiteral(table.comment);
}

QString MysqlDdlWriter::indexStatement(const Table &table, const Index &index)
{
    const QString name = indexName(table, index);
    if (!index.where.isEmpty()) {
        note(u"MySQL has no partial indexes: %1 (WHERE %2) is left out."_s.arg(name, index.where));
        return {};
    }
    const bool functional = std::any_of(index.elements.cbegin(), index.elements.cend(),
                                        [](const IndexElement &e) { return e.column.isEmpty(); });
    if (functional && m_mariadb) {
        note(u"MariaDB has no functional indexes: %1 is left out (the MySQL dialect writes it, for MySQL 8.0.13 or later)."_s
                 .arg(name));
        return {};
    }
    if (functional)
        note(u"%1 is a functional index: MySQL 8.0.13 or later; MariaDB rejects it (the MariaDB dialect leaves it out)."_s
                 .arg(name));
    QStringList keys;
    for (const IndexElement &e : index.elements) {
        QString k = e.column.isEmpty() ? u'(' + e.expression + u')' : keyColumn(table, e.column);
        if (e.descending)
            k += u" DESC"_s;
        if (e.nulls != IndexElement::Nulls::Default)
            note(u"MySQL indexes have no NULLS FIRST/LAST; %1 keeps MySQL's NULL order."_s.arg(name));
        keys << k;
    }
    const QString method = index.effectiveMethod();
    if (method != u"btree"_s && method != u"hash"_s) {
        // A B-tree instead would not do the same job, and MySQL refuses B-trees on JSON anyway.
        note(u"MySQL has no %1 indexes: %2 is left out."_s.arg(index.method, name));
        return {};
    }
    QString sql = index.unique ? u"CREATE UNIQUE INDEX "_s : u"CREATE INDEX "_s;
    sql += ident(name);
    if (method == u"hash"_s)
        sql += u" USING HASH"_s;
    sql += u" ON "_s + tableName(table) + u" ("_s + keys.join(u", "_s) + u')';
    if (!index.comment.isEmpty())
        sql += u" COMMENT "_s + stringLiteral(index.comment);
    return sql;
}

QString MysqlDdlWriter::keyColumn(const Table &table, const QString &column)
{
    // MySQL indexes TEXT and BLOB columns only by a prefix of stated length.
    const Column *c = table.column(column);
    if (c && needsExpressionDefault(m_dialect.typeName(c->type)) && m_dialect.typeName(c->type) != u"JSON"_s)
        return ident(column) + u"(255)"_s;
    return ident(column);
}

QString MysqlDdlWriter::dropIndex(const Table &table, const Index &index)
{
    return u"DROP INDEX %1 ON %2"_s.arg(ident(indexName(table, index)), tableName(table));
}

QString MysqlDdlWriter::setNotNull(const Table &table, const Column &column)
{
    Column changed = column;
    changed.nullable = false;
    return u"ALTER TABLE %1 MODIFY COLUMN %2"_s.arg(tableName(table), columnDefinition(table, changed, false));
}

void MysqlDdlWriter::createNamespace(const Namespace &ns)
{
    if (!ns.comment.isEmpty())
        note(ns.comment);
    DdlWriter::createNamespace(ns);
}

void MysqlDdlWriter::createView(const View &view)
{
    if (!view.comment.isEmpty())
        note(view.comment);
    DdlWriter::createView(view);
}
