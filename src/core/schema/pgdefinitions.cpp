// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/pgdefinitions.h"

#include "db/pgconnection.h"
#include "schema/pgddlimporter.h"
#include "schema/sqlimport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

// A routine's name as SQL: schema-qualified, quoted where needed.
#define PROC_NAME(oid) \
    "(SELECT quote_ident(fn.nspname) || '.' || quote_ident(f.proname) FROM pg_proc f " \
    "   JOIN pg_namespace fn ON fn.oid = f.pronamespace WHERE f.oid = " oid ")"
// "name" in public, else "schema.name".
#define DESIGN_NAME(n, name) "CASE WHEN " n ".nspname = 'public' THEN " name " ELSE " n ".nspname || '.' || " name " END"

const char *const kDomains =
    "SELECT n.nspname, t.typname, et.typname, et.typtype, etn.nspname, b.typcategory = 'A' AND b.typelem <> 0, "
    "       t.typtypmod, t.typnotnull, pg_get_expr(t.typdefaultbin, 0), obj_description(t.oid, 'pg_type'), "
    "       array_to_json(ARRAY(SELECT json_build_array(c.conname, pg_get_constraintdef(c.oid, true)) "
    "                             FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' "
    "                            ORDER BY c.conname))::text "
    "  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type b ON b.oid = t.typbasetype "
    "  JOIN pg_type et ON et.oid = CASE WHEN b.typcategory = 'A' AND b.typelem <> 0 THEN b.typelem ELSE b.oid END "
    "  JOIN pg_namespace etn ON etn.oid = et.typnamespace "
    " WHERE t.typtype = 'd' AND " USER_NAMESPACE("n") " AND " NOT_EXTENSION("pg_type", "t.oid")
    " ORDER BY n.nspname <> 'public', n.nspname, t.typname";

const char *const kSequences =
    "SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart::text, s.seqincrement::text, "
    "       s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle, obj_description(c.oid, 'pg_class'), "
    "       (SELECT json_build_array(" DESIGN_NAME("rn", "r.relname") ", a.attname) FROM pg_depend d "
    "          JOIN pg_class r ON r.oid = d.refobjid JOIN pg_namespace rn ON rn.oid = r.relnamespace "
    "          JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
    "         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass "
    "           AND d.deptype = 'a' LIMIT 1)::text "
    "  FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid JOIN pg_namespace n ON n.oid = c.relnamespace "
    " WHERE c.relkind = 'S' AND " USER_NAMESPACE("n") " AND " NOT_EXTENSION("pg_class", "c.oid")
    "   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
    "                     AND d.deptype = 'i') "
    " ORDER BY n.nspname <> 'public', n.nspname, c.relname";

// Aggregates have no pg_get_functiondef: their CREATE AGGREGATE is put together from pg_aggregate
// (state and final functions, state type, initial value, combine function, sort operator).
const char *const kRoutines =
    "SELECT n.nspname, p.proname, p.prokind, pg_get_function_identity_arguments(p.oid), "
    "       CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) ELSE "
    "         format(E'CREATE AGGREGATE %I.%I(%s) (\\n    SFUNC = %s,\\n    STYPE = %s', n.nspname, p.proname, "
    "                pg_get_function_identity_arguments(p.oid), " PROC_NAME("a.aggtransfn") ", "
    "                format_type(a.aggtranstype, NULL)) "
    "         || CASE WHEN a.aggfinalfn <> 0 THEN E',\\n    FINALFUNC = ' || " PROC_NAME("a.aggfinalfn") " ELSE '' END "
    "         || CASE WHEN a.agginitval IS NOT NULL THEN E',\\n    INITCOND = ' || quote_literal(a.agginitval) ELSE '' END "
    "         || CASE WHEN a.aggcombinefn <> 0 THEN E',\\n    COMBINEFUNC = ' || " PROC_NAME("a.aggcombinefn") " ELSE '' END "
    "         || CASE WHEN a.aggsortop <> 0 THEN E',\\n    SORTOP = OPERATOR(' || a.aggsortop::regoperator::text || ')' "
    "                 ELSE '' END "
    "         || CASE p.proparallel WHEN 's' THEN E',\\n    PARALLEL = SAFE' WHEN 'r' THEN E',\\n    PARALLEL = RESTRICTED' "
    "                 ELSE '' END "
    "         || E'\\n)' END, "
    "       obj_description(p.oid, 'pg_proc'), "
    "       array_to_json(ARRAY(SELECT DISTINCT " DESIGN_NAME("rn", "r.relname") " FROM pg_depend d "
    "          JOIN pg_type ty ON ty.oid = d.refobjid "
    "          JOIN pg_class r ON r.oid = CASE WHEN ty.typrelid <> 0 THEN ty.typrelid "
    "                                          ELSE (SELECT e.typrelid FROM pg_type e WHERE e.oid = ty.typelem) END "
    "          JOIN pg_namespace rn ON rn.oid = r.relnamespace "
    "         WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.refclassid = 'pg_type'::regclass))::text "
    "  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
    "  LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid "
    " WHERE " USER_NAMESPACE("n") " AND " NOT_EXTENSION("pg_proc", "p.oid")
    " ORDER BY p.prokind = 'a', n.nspname <> 'public', n.nspname, p.proname, 4";

const char *const kTriggers =
    "SELECT tg.tgrelid, tg.tgname, pg_get_triggerdef(tg.oid), obj_description(tg.oid, 'pg_trigger') "
    "  FROM pg_trigger tg WHERE tg.tgrelid = ANY($1::oid[]) AND NOT tg.tgisinternal AND tg.tgparentid = 0 "
    " ORDER BY tg.tgrelid, tg.tgname";

QList<int> typeMods(const QString &typeName, int typmod)
{
    if (typmod < 0)
        return {};
    if (typeName == u"varchar"_s || typeName == u"bpchar"_s)
        return {typmod - 4};
    if (typeName == u"numeric"_s)
        return {((typmod - 4) >> 16) & 0xffff, (typmod - 4) & 0xffff};
    if (typeName == u"time"_s || typeName == u"timestamp"_s || typeName == u"timestamptz"_s)
        return {typmod};
    return {};
}

// pg_get_constraintdef: "CHECK (expr)" perhaps followed by " NOT VALID".
QString checkExpression(const QString &definition)
{
    static const QRegularExpression check(u"^CHECK \\((.*)\\)( NOT VALID)?$"_s, QRegularExpression::DotMatchesEverythingOption);
    const auto m = check.match(definition);
    return m.hasMatch() ? m.captured(1) : definition;
}

QStringList jsonNames(const QVariant &text)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toString().toUtf8()).array())
        out << v.toString();
    return out;
}

std::pair<qint64, qint64> typeRange(const QString &type)
{
    if (type == u"smallint"_s)
        return {-32768, 32767};
    if (type == u"integer"_s)
        return {-2147483648LL, 2147483647LL};
    return {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()};
}

} // namespace

QString PgDefinitions::nameSpace(const QString &schemaName)
{
    return schemaName == u"public"_s ? QString() : schemaName;
}

ColumnType PgDefinitions::columnType(const QString &typeName, const QString &typeKind, const QString &typeNamespace,
                                     bool array, int typmod)
{
    if (const auto builtin = PgDdlImporter::builtinType(typeName, typeMods(typeName, typmod), array);
        builtin && typeNamespace == u"pg_catalog"_s)
        return *builtin;
    ColumnType t;
    t.array = array;
    if (typeKind == u"e"_s) {
        t.kind = TypeKind::Enum;
        t.enumName = typeName;
    } else {
        t.kind = TypeKind::Custom;
        t.custom = (typeNamespace == u"pg_catalog"_s || typeNamespace == u"public"_s) ? typeName
                                                                                     : typeNamespace + u'.' + typeName;
    }
    return t;
}

db::DbResult<QList<Domain>> PgDefinitions::domains(db::PgConnection &connection)
{
    auto rows = connection.query(QString::fromLatin1(kDomains), {kSystemSchemas});
    if (!rows)
        return rows.error();
    QList<Domain> out;
    for (const QVariantList &r : rows.value().rows) {
        Domain d;
        d.nameSpace = nameSpace(r.at(0).toString());
        d.name = r.at(1).toString();
        d.id = ObjectIds::domain(d.nameSpace, d.name);
        d.type = columnType(r.at(2).toString(), r.at(3).toString(), r.at(4).toString(), r.at(5).toBool(), r.at(6).toInt());
        d.nullable = !r.at(7).toBool();
        if (const QString def = r.at(8).toString(); !def.isEmpty()) {
            d.defaultValue.kind = ColumnDefault::Kind::Expression;
            d.defaultValue.expression = def;
        }
        d.comment = r.at(9).toString();
        for (const QJsonValue &v : QJsonDocument::fromJson(r.at(10).toString().toUtf8()).array()) {
            const QJsonArray c = v.toArray();
            const QString name = c.at(0).toString();
            d.checks.append(CheckConstraint{ObjectIds::check(d.name, name), name, checkExpression(c.at(1).toString()), {}});
        }
        out.append(d);
    }
    return out;
}

db::DbResult<QList<std::pair<QString, Sequence>>> PgDefinitions::sequences(db::PgConnection &connection)
{
    auto rows = connection.query(QString::fromLatin1(kSequences), {kSystemSchemas});
    if (!rows)
        return rows.error();
    QList<std::pair<QString, Sequence>> out;
    for (const QVariantList &r : rows.value().rows) {
        Sequence s;
        s.nameSpace = nameSpace(r.at(1).toString());
        s.name = r.at(2).toString();
        s.id = ObjectIds::sequence(s.nameSpace, s.name);
        s.dataType = r.at(3).toString();
        s.start = r.at(4).toString().toLongLong();
        s.increment = r.at(5).toString().toLongLong();
        const qint64 min = r.at(6).toString().toLongLong();
        const qint64 max = r.at(7).toString().toLongLong();
        // NO MINVALUE / NO MAXVALUE: 1 and the type's maximum going up, the type's minimum and -1 going down.
        const auto [typeMin, typeMax] = typeRange(s.dataType);
        if (min != (s.increment > 0 ? 1 : typeMin))
            s.minValue = min;
        if (max != (s.increment > 0 ? typeMax : -1))
            s.maxValue = max;
        s.cache = r.at(8).toString().toLongLong();
        s.cycle = r.at(9).toBool();
        s.comment = r.at(10).toString();
        const QJsonArray owner = QJsonDocument::fromJson(r.at(11).toString().toUtf8()).array();
        if (owner.size() == 2) {
            s.ownedByTable = owner.at(0).toString();
            s.ownedByColumn = owner.at(1).toString();
        }
        out.append({r.at(0).toString(), s});
    }
    return out;
}

bool PgDefinitions::isSerialSequence(const Sequence &s, const QString &table, const QString &column, TypeKind kind)
{
    const QString type = kind == TypeKind::Integer ? u"integer"_s : kind == TypeKind::BigInt ? u"bigint"_s : QString();
    return !type.isEmpty() && s.dataType == type && s.name == table + u'_' + column + u"_seq"_s && s.start == 1
        && s.increment == 1 && !s.minValue && !s.maxValue && s.cache == 1 && !s.cycle
        && s.ownedByColumn == column && s.comment.isEmpty();
}

db::DbResult<QList<Routine>> PgDefinitions::routines(db::PgConnection &connection)
{
    auto rows = connection.query(QString::fromLatin1(kRoutines), {kSystemSchemas});
    if (!rows)
        return rows.error();
    QList<Routine> out;
    for (const QVariantList &r : rows.value().rows) {
        Routine f;
        f.nameSpace = nameSpace(r.at(0).toString());
        f.name = r.at(1).toString();
        const QString kind = r.at(2).toString();
        f.kind = kind == u"a"_s ? Routine::Kind::Aggregate : kind == u"p"_s ? Routine::Kind::Procedure : Routine::Kind::Function;
        f.arguments = r.at(3).toString();
        f.id = ObjectIds::routine(f.nameSpace, f.name, f.arguments);
        f.definition = r.at(4).toString().trimmed();
        f.comment = r.at(5).toString();
        f.dependsOn = jsonNames(r.at(6));
        out.append(f);
    }
    return out;
}

db::DbResult<QHash<QString, QList<Trigger>>> PgDefinitions::triggers(db::PgConnection &connection, const QString &oidArray,
                                                                     const QHash<QString, QString> &tableNames)
{
    auto rows = connection.query(QString::fromLatin1(kTriggers), {oidArray});
    if (!rows)
        return rows.error();
    QHash<QString, QList<Trigger>> out;
    for (const QVariantList &r : rows.value().rows) {
        const QString relation = r.at(0).toString();
        Trigger t;
        t.name = r.at(1).toString();
        t.id = ObjectIds::trigger(tableNames.value(relation), t.name);
        t.definition = r.at(2).toString();
        t.comment = r.at(3).toString();
        out[relation].append(t);
    }
    return out;
}

} // namespace quarry::schema
