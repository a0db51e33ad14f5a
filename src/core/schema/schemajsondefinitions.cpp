// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// The schema section's definitions beside the tables: domains, sequences, routines, triggers,
// exclusion constraints and views.
#include "schema/schemajsonreader.h"

namespace quarry::schema::json {

namespace {

// JSON numbers are doubles: a bigint bound past 2^53 is written as a string, both are read.
constexpr qint64 kExactInDouble = qint64(1) << 53;

std::optional<qint64> int64(Reader &r, Reader::Obj &o, const QString &key)
{
    const QJsonValue v = o.take(key);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    bool ok = false;
    qint64 n = 0;
    if (v.isString()) {
        n = v.toString().toLongLong(&ok);
    } else if (v.isDouble()) {
        const double d = v.toDouble();
        ok = d == double(qint64(d)) && d > -double(kExactInDouble) && d < double(kExactInDouble);
        n = qint64(d);
    }
    if (!ok) {
        r.fail(o.path + u'.' + key, Tr::tr("Expected a whole number."));
        return std::nullopt;
    }
    return n;
}

QJsonValue int64Value(qint64 n)
{
    if (n > -kExactInDouble && n < kExactInDouble)
        return double(n);
    return QString::number(n);
}

} // namespace

Domain readDomain(Reader &r, const QJsonValue &value, const QString &path)
{
    Domain d;
    auto o = r.object(value, path);
    if (!o)
        return d;
    d.id = o->id(u"dom"_s);
    d.name = o->string(u"name"_s);
    d.nameSpace = o->string(u"namespace"_s);
    d.type = readType(r, *o);
    d.nullable = o->boolean(u"nullable"_s, true);
    d.defaultValue = readDefault(r, *o);
    const QJsonArray checks = o->array(u"checks"_s);
    for (qsizetype i = 0; i < checks.size(); ++i)
        d.checks.append(readCheck(r, checks.at(i), u"%1.checks[%2]"_s.arg(path).arg(i)));
    d.comment = o->string(u"comment"_s);
    d.extra = o->rest();
    return d;
}

QJsonObject writeDomain(const Domain &d)
{
    QJsonObject o{{u"id"_s, d.id}, {u"name"_s, d.name}};
    putString(o, u"namespace"_s, d.nameSpace);
    writeType(o, d.type);
    if (!d.nullable)
        o.insert(u"nullable"_s, false);
    writeDefault(o, d.defaultValue);
    if (!d.checks.isEmpty()) {
        QJsonArray a;
        for (const CheckConstraint &ck : d.checks)
            a.append(writeCheck(ck));
        o.insert(u"checks"_s, a);
    }
    putString(o, u"comment"_s, d.comment);
    return merged(d.extra, o);
}

Sequence readSequence(Reader &r, const QJsonValue &value, const QString &path)
{
    Sequence s;
    auto o = r.object(value, path);
    if (!o)
        return s;
    s.id = o->id(u"seq"_s);
    s.name = o->string(u"name"_s);
    s.nameSpace = o->string(u"namespace"_s);
    if (const QString type = o->string(u"type"_s); !type.isEmpty()) {
        if (type != u"smallint"_s && type != u"integer"_s && type != u"bigint"_s)
            r.fail(path + u".type"_s, Tr::tr("A sequence's type is \"smallint\", \"integer\" or \"bigint\"."));
        s.dataType = type;
    }
    s.start = int64(r, *o, u"start"_s).value_or(1);
    s.increment = int64(r, *o, u"increment"_s).value_or(1);
    if (s.increment == 0)
        r.fail(path + u".increment"_s, Tr::tr("A sequence's increment cannot be 0."));
    s.minValue = int64(r, *o, u"min"_s);
    s.maxValue = int64(r, *o, u"max"_s);
    s.cache = int64(r, *o, u"cache"_s).value_or(1);
    s.cycle = o->boolean(u"cycle"_s, false);
    const QJsonValue owned = o->take(u"ownedBy"_s);
    if (!owned.isUndefined() && !owned.isNull()) {
        if (auto ob = r.object(owned, path + u".ownedBy"_s)) {
            s.ownedByTable = ob->string(u"table"_s);
            s.ownedByColumn = ob->string(u"column"_s);
        }
    }
    s.comment = o->string(u"comment"_s);
    s.extra = o->rest();
    return s;
}

QJsonObject writeSequence(const Sequence &s)
{
    QJsonObject o{{u"id"_s, s.id}, {u"name"_s, s.name}, {u"type"_s, s.dataType}};
    putString(o, u"namespace"_s, s.nameSpace);
    if (s.start != 1)
        o.insert(u"start"_s, int64Value(s.start));
    if (s.increment != 1)
        o.insert(u"increment"_s, int64Value(s.increment));
    if (s.minValue)
        o.insert(u"min"_s, int64Value(*s.minValue));
    if (s.maxValue)
        o.insert(u"max"_s, int64Value(*s.maxValue));
    if (s.cache != 1)
        o.insert(u"cache"_s, int64Value(s.cache));
    if (s.cycle)
        o.insert(u"cycle"_s, true);
    if (!s.ownedByTable.isEmpty())
        o.insert(u"ownedBy"_s, QJsonObject{{u"table"_s, s.ownedByTable}, {u"column"_s, s.ownedByColumn}});
    putString(o, u"comment"_s, s.comment);
    return merged(s.extra, o);
}

Routine readRoutine(Reader &r, const QJsonValue &value, const QString &path)
{
    Routine f;
    auto o = r.object(value, path);
    if (!o)
        return f;
    f.id = o->id(u"fn"_s);
    f.name = o->string(u"name"_s);
    f.nameSpace = o->string(u"namespace"_s);
    const QString kind = o->string(u"kind"_s);
    if (kind == Routine::kindName(Routine::Kind::Aggregate))
        f.kind = Routine::Kind::Aggregate;
    else if (kind == Routine::kindName(Routine::Kind::Procedure))
        f.kind = Routine::Kind::Procedure;
    else if (!kind.isEmpty() && kind != Routine::kindName(Routine::Kind::Function))
        r.fail(path + u".kind"_s, Tr::tr("A routine's kind is \"function\", \"procedure\" or \"aggregate\"."));
    f.arguments = o->string(u"arguments"_s);
    f.definition = o->string(u"definition"_s);
    if (f.definition.trimmed().isEmpty())
        r.fail(path + u".definition"_s, Tr::tr("A routine needs its CREATE statement in \"definition\"."));
    f.dependsOn = o->strings(u"dependsOn"_s);
    f.comment = o->string(u"comment"_s);
    f.extra = o->rest();
    return f;
}

QJsonObject writeRoutine(const Routine &f)
{
    QJsonObject o{{u"id"_s, f.id}, {u"name"_s, f.name}, {u"kind"_s, Routine::kindName(f.kind)},
                  {u"arguments"_s, f.arguments}, {u"definition"_s, f.definition}};
    putString(o, u"namespace"_s, f.nameSpace);
    if (!f.dependsOn.isEmpty())
        o.insert(u"dependsOn"_s, QJsonArray::fromStringList(f.dependsOn));
    putString(o, u"comment"_s, f.comment);
    return merged(f.extra, o);
}

Trigger readTrigger(Reader &r, const QJsonValue &value, const QString &path)
{
    Trigger t;
    auto o = r.object(value, path);
    if (!o)
        return t;
    t.id = o->id(u"trg"_s);
    t.name = o->string(u"name"_s);
    t.definition = o->string(u"definition"_s);
    if (t.definition.trimmed().isEmpty())
        r.fail(path + u".definition"_s, Tr::tr("A trigger needs its CREATE TRIGGER statement in \"definition\"."));
    t.comment = o->string(u"comment"_s);
    t.extra = o->rest();
    return t;
}

QJsonObject writeTrigger(const Trigger &t)
{
    QJsonObject o{{u"id"_s, t.id}, {u"name"_s, t.name}, {u"definition"_s, t.definition}};
    putString(o, u"comment"_s, t.comment);
    return merged(t.extra, o);
}

ExclusionConstraint readExclusion(Reader &r, const QJsonValue &value, const QString &path)
{
    ExclusionConstraint x;
    auto o = r.object(value, path);
    if (!o)
        return x;
    x.id = o->id(u"ex"_s);
    x.name = o->string(u"name"_s);
    x.definition = o->string(u"definition"_s);
    if (!x.definition.trimmed().startsWith(u"EXCLUDE"_s, Qt::CaseInsensitive))
        r.fail(path + u".definition"_s, Tr::tr("An exclusion constraint's definition begins with EXCLUDE."));
    x.extra = o->rest();
    return x;
}

QJsonObject writeExclusion(const ExclusionConstraint &x)
{
    QJsonObject o{{u"id"_s, x.id}, {u"definition"_s, x.definition}};
    putString(o, u"name"_s, x.name);
    return merged(x.extra, o);
}

View readView(Reader &r, const QJsonValue &value, const QString &path)
{
    View v;
    auto o = r.object(value, path);
    if (!o)
        return v;
    v.id = o->id(u"view"_s);
    v.name = o->string(u"name"_s);
    v.nameSpace = o->string(u"namespace"_s);
    v.sql = o->string(u"sql"_s);
    v.materialized = o->boolean(u"materialized"_s, false);
    const QJsonArray indexes = o->array(u"indexes"_s);
    for (qsizetype i = 0; i < indexes.size(); ++i)
        v.indexes.append(readIndex(r, indexes.at(i), u"%1.indexes[%2]"_s.arg(path).arg(i)));
    v.dependsOn = o->strings(u"dependsOn"_s);
    v.comment = o->string(u"comment"_s);
    v.extra = o->rest();
    return v;
}

QJsonObject writeView(const View &v)
{
    QJsonObject o{{u"id"_s, v.id}, {u"name"_s, v.name}, {u"sql"_s, v.sql}};
    putString(o, u"namespace"_s, v.nameSpace);
    if (v.materialized)
        o.insert(u"materialized"_s, true);
    if (!v.indexes.isEmpty()) {
        QJsonArray a;
        for (const Index &ix : v.indexes)
            a.append(writeIndex(ix));
        o.insert(u"indexes"_s, a);
    }
    if (!v.dependsOn.isEmpty())
        o.insert(u"dependsOn"_s, QJsonArray::fromStringList(v.dependsOn));
    putString(o, u"comment"_s, v.comment);
    return merged(v.extra, o);
}

} // namespace quarry::schema::json
