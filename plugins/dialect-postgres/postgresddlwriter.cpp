// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "postgresddlwriter.h"

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

QString PostgresDdlWriter::typeText(const ColumnType &type, const QString &nameSpace)
{
    // An enum or domain of the table's namespace wins over one of the default namespace, as in the validator.
    if (!type.domain.isEmpty()) {
        const QString ns = m_schema && m_schema->domain(type.domain, nameSpace) ? nameSpace : QString();
        return qualified(ns, type.domain) + (type.array ? u"[]"_s : QString());
    }
    if (type.kind != TypeKind::Enum)
        return m_dialect.typeName(type);
    const QString ns = m_schema && m_schema->enumType(type.enumName, nameSpace) ? nameSpace : QString();
    return qualified(ns, type.enumName) + (type.array ? u"[]"_s : QString());
}

QString PostgresDdlWriter::columnType(const Table &table, const Column &column)
{
    return typeText(column.type, table.nameSpace);
}

void PostgresDdlWriter::comment(const QString &what, const QString &text)
{
    if (!text.isEmpty())
        addStatement(u"COMMENT ON %1 IS %2"_s.arg(what, stringLiteral(text)));
}

void PostgresDdlWriter::createNamespace(const Namespace &ns)
{
    DdlWriter::createNamespace(ns);
    comment(u"SCHEMA "_s + ident(ns.name), ns.comment);
}

void PostgresDdlWriter::createEnum(const EnumType &type)
{
    QStringList values;
    for (const QString &v : type.values)
        values << stringLiteral(v);
    const QString name = qualified(type.nameSpace, type.name);
    addStatement(u"CREATE TYPE %1 AS ENUM (%2)"_s.arg(name, values.join(u", "_s)));
    comment(u"TYPE "_s + name, type.comment);
}

void PostgresDdlWriter::createView(const View &view)
{
    const QString name = qualified(view.nameSpace, view.name);
    if (!view.materialized) {
        DdlWriter::createView(view);
        comment(u"VIEW "_s + name, view.comment);
        return;
    }
    addStatement(u"CREATE MATERIALIZED VIEW "_s + name + u" AS\n"_s + withoutSemicolon(view.sql));
    Table asTable; // indexes are written against a relation's name
    asTable.name = view.name;
    asTable.nameSpace = view.nameSpace;
    for (const Index &ix : view.indexes) {
        addStatement(indexStatement(asTable, ix));
        comment(u"INDEX "_s + qualified(view.nameSpace, indexName(asTable, ix)), ix.comment);
    }
    comment(u"MATERIALIZED VIEW "_s + name, view.comment);
}

void PostgresDdlWriter::comments(const Table &table)
{
    const QString name = tableName(table);
    comment(u"TABLE "_s + name, table.comment);
    for (const Column &c : table.columns)
        comment(u"COLUMN %1.%2"_s.arg(name, ident(c.name)), c.comment);
    for (const Index &ix : table.indexes)
        comment(u"INDEX "_s + qualified(table.nameSpace, indexName(table, ix)), ix.comment);
}

void PostgresDdlWriter::createDomain(const Domain &domain)
{
    const QString name = qualified(domain.nameSpace, domain.name);
    QString sql = u"CREATE DOMAIN %1 AS %2"_s.arg(name, typeText(domain.type, domain.nameSpace));
    Column asColumn;
    asColumn.defaultValue = domain.defaultValue;
    if (const QString def = defaultClause(Table{}, asColumn); !def.isEmpty())
        sql += u' ' + def;
    if (!domain.nullable)
        sql += u" NOT NULL"_s;
    for (const CheckConstraint &ck : domain.checks)
        sql += (ck.name.isEmpty() ? QString() : u"\n    CONSTRAINT "_s + ident(ck.name)) + u" CHECK ("_s + ck.expression + u')';
    addStatement(sql);
    comment(u"DOMAIN "_s + name, domain.comment);
}

void PostgresDdlWriter::createSequence(const Sequence &s)
{
    const QString name = qualified(s.nameSpace, s.name);
    QString sql = u"CREATE SEQUENCE %1 AS %2 START WITH %3 INCREMENT BY %4"_s.arg(name, s.dataType)
                      .arg(s.start)
                      .arg(s.increment);
    sql += s.minValue ? u" MINVALUE %1"_s.arg(*s.minValue) : u" NO MINVALUE"_s;
    sql += s.maxValue ? u" MAXVALUE %1"_s.arg(*s.maxValue) : u" NO MAXVALUE"_s;
    sql += u" CACHE %1"_s.arg(s.cache);
    if (s.cycle)
        sql += u" CYCLE"_s;
    addStatement(sql);
    comment(u"SEQUENCE "_s + name, s.comment);
}

QString PostgresDdlWriter::sequenceOwner(const Sequence &s)
{
    if (s.ownedByTable.isEmpty())
        return {};
    const QString table = s.ownedByTable.contains(u'.')
        ? qualified(s.ownedByTable.section(u'.', 0, 0), s.ownedByTable.section(u'.', 1))
        : ident(s.ownedByTable);
    return u"ALTER SEQUENCE %1 OWNED BY %2.%3"_s.arg(qualified(s.nameSpace, s.name), table, ident(s.ownedByColumn));
}

void PostgresDdlWriter::createRoutine(const Routine &routine, bool beforeTables)
{
    if (beforeTables) {
        // What pg_dump does too: a function body may name a table created further down.
        note(u"Routines come before the tables that use them; their bodies are checked when they run."_s);
        addStatement(u"SET check_function_bodies = false"_s);
    }
    addStatement(withoutSemicolon(routine.definition));
    comment(u"%1 %2(%3)"_s.arg(Routine::kindName(routine.kind).toUpper(), qualified(routine.nameSpace, routine.name),
                               routine.arguments),
            routine.comment);
}

void PostgresDdlWriter::createTrigger(const Table &table, const Trigger &trigger)
{
    addStatement(withoutSemicolon(trigger.definition));
    comment(u"TRIGGER %1 ON %2"_s.arg(ident(trigger.name), tableName(table)), trigger.comment);
}

QString PostgresDdlWriter::exclusionClause(const Table &, const ExclusionConstraint &exclusion)
{
    return exclusion.definition;
}
