// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "postgresddlwriter.h"

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

QString PostgresDdlWriter::columnType(const Table &table, const Column &column)
{
    if (column.type.kind != TypeKind::Enum)
        return m_dialect.typeName(column.type);
    // An enum of the table's namespace wins over one of the default namespace, as in the validator.
    const QString ns = m_schema && m_schema->enumType(column.type.enumName, table.nameSpace) ? table.nameSpace : QString();
    return qualified(ns, column.type.enumName) + (column.type.array ? u"[]"_s : QString());
}

void PostgresDdlWriter::createNamespace(const Namespace &ns)
{
    DdlWriter::createNamespace(ns);
    if (!ns.comment.isEmpty())
        addStatement(u"COMMENT ON SCHEMA %1 IS %2"_s.arg(ident(ns.name), stringLiteral(ns.comment)));
}

void PostgresDdlWriter::createEnum(const EnumType &type)
{
    QStringList values;
    for (const QString &v : type.values)
        values << stringLiteral(v);
    const QString name = qualified(type.nameSpace, type.name);
    addStatement(u"CREATE TYPE %1 AS ENUM (%2)"_s.arg(name, values.join(u", "_s)));
    if (!type.comment.isEmpty())
        addStatement(u"COMMENT ON TYPE %1 IS %2"_s.arg(name, stringLiteral(type.comment)));
}

void PostgresDdlWriter::createView(const View &view)
{
    DdlWriter::createView(view);
    if (!view.comment.isEmpty())
        addStatement(u"COMMENT ON VIEW %1 IS %2"_s.arg(qualified(view.nameSpace, view.name), stringLiteral(view.comment)));
}

void PostgresDdlWriter::comments(const Table &table)
{
    const QString name = tableName(table);
    if (!table.comment.isEmpty())
        addStatement(u"COMMENT ON TABLE %1 IS %2"_s.arg(name, stringLiteral(table.comment)));
    for (const Column &c : table.columns) {
        if (!c.comment.isEmpty())
            addStatement(u"COMMENT ON COLUMN %1.%2 IS %3"_s.arg(name, ident(c.name), stringLiteral(c.comment)));
    }
    for (const Index &ix : table.indexes) {
        if (!ix.comment.isEmpty())
            addStatement(u"COMMENT ON INDEX %1 IS %2"_s.arg(qualified(table.nameSpace, indexName(table, ix)),
                                                            stringLiteral(ix.comment)));
    }
}
