// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/schemajson.h"

#include "schema/schemajsonreader.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace json {

void putString(QJsonObject &o, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

QJsonObject merged(QJsonObject extra, const QJsonObject &known)
{
    for (auto it = known.begin(); it != known.end(); ++it)
        extra.insert(it.key(), it.value());
    return extra;
}

ColumnType readType(Reader &r, Reader::Obj &o)
{
    ColumnType t;
    const QString type = o.string(u"type"_s);
    if (type.isEmpty()) {
        r.fail(o.path + u".type"_s, Tr::tr("The column has no type."));
    } else if (!ColumnType::kindFromName(type, &t.kind)) {
        t.kind = TypeKind::Custom;
        t.custom = type;
    }
    t.length = o.integer(u"length"_s);
    t.precision = o.integer(u"precision"_s);
    t.scale = o.integer(u"scale"_s);
    t.array = o.boolean(u"array"_s, false);
    t.enumName = o.string(u"enum"_s);
    if (t.kind == TypeKind::Enum && t.enumName.isEmpty())
        r.fail(o.path + u".enum"_s, Tr::tr("An enum column names its enum in \"enum\"."));
    t.domain = o.string(u"domain"_s);
    return t;
}

void writeType(QJsonObject &o, const ColumnType &type)
{
    o.insert(u"type"_s, type.kind == TypeKind::Custom ? type.custom : ColumnType::kindName(type.kind));
    if (type.length > 0)
        o.insert(u"length"_s, type.length);
    if (type.precision > 0)
        o.insert(u"precision"_s, type.precision);
    if (type.scale > 0)
        o.insert(u"scale"_s, type.scale);
    if (type.array)
        o.insert(u"array"_s, true);
    putString(o, u"enum"_s, type.enumName);
    putString(o, u"domain"_s, type.domain);
}

ColumnDefault readDefault(Reader &r, Reader::Obj &o)
{
    ColumnDefault d;
    const QJsonValue def = o.take(u"default"_s);
    if (def.isUndefined() || def.isNull())
        return d;
    if (auto v = r.object(def, o.path + u".default"_s)) {
        if (v->json.contains(u"expression"_s)) {
            d.kind = ColumnDefault::Kind::Expression;
            d.expression = v->string(u"expression"_s);
        } else if (v->json.contains(u"value"_s)) {
            d.kind = ColumnDefault::Kind::Literal;
            d.literal = v->take(u"value"_s);
        } else {
            r.fail(o.path + u".default"_s, Tr::tr("A default has an \"expression\" or a \"value\"."));
        }
    }
    return d;
}

void writeDefault(QJsonObject &o, const ColumnDefault &d)
{
    if (d.kind == ColumnDefault::Kind::Expression)
        o.insert(u"default"_s, QJsonObject{{u"expression"_s, d.expression}});
    else if (d.kind == ColumnDefault::Kind::Literal)
        o.insert(u"default"_s, QJsonObject{{u"value"_s, d.literal}});
}

CheckConstraint readCheck(Reader &r, const QJsonValue &value, const QString &path)
{
    CheckConstraint ck;
    auto co = r.object(value, path);
    if (!co)
        return ck;
    ck.id = co->id(u"ck"_s);
    ck.name = co->string(u"name"_s);
    ck.expression = co->string(u"expression"_s);
    ck.extra = co->rest();
    return ck;
}

QJsonObject writeCheck(const CheckConstraint &ck)
{
    QJsonObject co{{u"id"_s, ck.id}, {u"expression"_s, ck.expression}};
    putString(co, u"name"_s, ck.name);
    return merged(ck.extra, co);
}

Index readIndex(Reader &r, const QJsonValue &value, const QString &path)
{
    Index ix;
    auto o = r.object(value, path);
    if (!o)
        return ix;
    ix.id = o->id(u"idx"_s);
    ix.name = o->string(u"name"_s);
    const QJsonArray elements = o->array(u"columns"_s);
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const QString epath = u"%1.columns[%2]"_s.arg(path).arg(i);
        IndexElement e;
        if (elements.at(i).isString()) {
            e.column = elements.at(i).toString();
        } else if (auto eo = r.object(elements.at(i), epath)) {
            e.column = eo->string(u"column"_s);
            e.expression = eo->string(u"expression"_s);
            const QString order = eo->string(u"order"_s).toLower();
            if (order == u"desc"_s)
                e.descending = true;
            else if (!order.isEmpty() && order != u"asc"_s)
                r.fail(epath + u".order"_s, Tr::tr("Order is \"asc\" or \"desc\"."));
            const QString nulls = eo->string(u"nulls"_s).toLower();
            if (nulls == u"first"_s)
                e.nulls = IndexElement::Nulls::First;
            else if (nulls == u"last"_s)
                e.nulls = IndexElement::Nulls::Last;
            else if (!nulls.isEmpty())
                r.fail(epath + u".nulls"_s, Tr::tr("Nulls is \"first\" or \"last\"."));
            if (e.column.isEmpty() == e.expression.isEmpty())
                r.fail(epath, Tr::tr("An index key has either a \"column\" or an \"expression\"."));
        }
        ix.elements.append(e);
    }
    ix.unique = o->boolean(u"unique"_s, false);
    ix.method = o->string(u"method"_s);
    ix.where = o->string(u"where"_s);
    ix.comment = o->string(u"comment"_s);
    ix.extra = o->rest();
    return ix;
}

QJsonObject writeIndex(const Index &ix)
{
    QJsonArray elements;
    for (const IndexElement &e : ix.elements) {
        if (e.isPlainColumn()) {
            elements.append(e.column);
            continue;
        }
        QJsonObject eo;
        putString(eo, u"column"_s, e.column);
        putString(eo, u"expression"_s, e.expression);
        if (e.descending)
            eo.insert(u"order"_s, u"desc"_s);
        if (e.nulls != IndexElement::Nulls::Default)
            eo.insert(u"nulls"_s, e.nulls == IndexElement::Nulls::First ? u"first"_s : u"last"_s);
        elements.append(eo);
    }
    QJsonObject o{{u"id"_s, ix.id}, {u"name"_s, ix.name}, {u"columns"_s, elements}};
    if (ix.unique)
        o.insert(u"unique"_s, true);
    putString(o, u"method"_s, ix.method);
    putString(o, u"where"_s, ix.where);
    putString(o, u"comment"_s, ix.comment);
    return merged(ix.extra, o);
}

} // namespace json

namespace {

using namespace json;

ReferentialAction action(Reader &r, Reader::Obj &o, const QString &key)
{
    const QString name = o.string(key);
    if (name.isEmpty())
        return ReferentialAction::NoAction;
    if (const auto a = ReferentialActions::fromText(name))
        return *a;
    r.fail(o.path + u'.' + key,
           Tr::tr("Unknown referential action \"%1\"; use noAction, restrict, cascade, setNull or setDefault.").arg(name));
    return ReferentialAction::NoAction;
}

KeyConstraint readKey(Reader &r, const QJsonValue &value, const QString &path, const QString &prefix)
{
    KeyConstraint k;
    auto o = r.object(value, path);
    if (!o)
        return k;
    k.id = o->id(prefix);
    k.name = o->string(u"name"_s);
    k.columns = o->strings(u"columns"_s);
    k.extra = o->rest();
    return k;
}

Column readColumn(Reader &r, const QJsonValue &value, const QString &path)
{
    Column c;
    auto o = r.object(value, path);
    if (!o)
        return c;
    c.id = o->id(u"col"_s);
    c.name = o->string(u"name"_s);
    c.type = readType(r, *o);
    c.nullable = o->boolean(u"nullable"_s, true);
    c.primaryKey = o->boolean(u"primaryKey"_s, false);
    c.unique = o->boolean(u"unique"_s, false);
    c.defaultValue = readDefault(r, *o);
    const QString identity = o->string(u"identity"_s);
    if (identity == u"always"_s)
        c.identity = Column::Identity::Always;
    else if (identity == u"byDefault"_s)
        c.identity = Column::Identity::ByDefault;
    else if (!identity.isEmpty())
        r.fail(path + u".identity"_s, Tr::tr("Identity is \"always\" or \"byDefault\"."));
    const QJsonValue gen = o->take(u"generated"_s);
    if (!gen.isUndefined() && !gen.isNull()) {
        if (auto g = r.object(gen, path + u".generated"_s))
            c.generatedExpression = g->string(u"expression"_s);
    }
    c.comment = o->string(u"comment"_s);
    c.extra = o->rest();
    return c;
}

template <typename T, typename F>
QList<T> readList(Reader &r, Reader::Obj &o, const QString &key, F read)
{
    QList<T> out;
    const QJsonArray a = o.array(key);
    out.reserve(a.size());
    for (qsizetype i = 0; i < a.size(); ++i)
        out.append(read(r, a.at(i), u"%1.%2[%3]"_s.arg(o.path, key).arg(i)));
    return out;
}

template <typename T, typename F>
void writeList(QJsonObject &o, const QString &key, const QList<T> &list, F write)
{
    if (list.isEmpty())
        return;
    QJsonArray a;
    for (const T &item : list)
        a.append(write(item));
    o.insert(key, a);
}

Table readTable(Reader &r, const QJsonValue &value, const QString &path)
{
    Table t;
    auto o = r.object(value, path);
    if (!o)
        return t;
    t.id = o->id(u"tbl"_s);
    t.name = o->string(u"name"_s);
    t.nameSpace = o->string(u"namespace"_s);
    t.comment = o->string(u"comment"_s);
    t.columns = readList<Column>(r, *o, u"columns"_s, readColumn);
    const QJsonValue pk = o->take(u"primaryKey"_s);
    if (!pk.isUndefined() && !pk.isNull())
        t.primaryKey = readKey(r, pk, path + u".primaryKey"_s, u"pk"_s);
    t.uniques = readList<KeyConstraint>(r, *o, u"uniques"_s, [](Reader &r, const QJsonValue &v, const QString &p) {
        return readKey(r, v, p, u"uq"_s);
    });
    const QJsonArray fks = o->array(u"foreignKeys"_s);
    for (qsizetype i = 0; i < fks.size(); ++i) {
        const QString fpath = u"%1.foreignKeys[%2]"_s.arg(path).arg(i);
        auto fo = r.object(fks.at(i), fpath);
        if (!fo)
            continue;
        ForeignKey fk;
        fk.id = fo->id(u"fk"_s);
        fk.name = fo->string(u"name"_s);
        fk.columns = fo->strings(u"columns"_s);
        if (auto ref = r.object(fo->take(u"references"_s), fpath + u".references"_s)) {
            fk.refNamespace = ref->string(u"namespace"_s);
            fk.refTable = ref->string(u"table"_s);
            fk.refColumns = ref->strings(u"columns"_s);
        }
        fk.onDelete = action(r, *fo, u"onDelete"_s);
        fk.onUpdate = action(r, *fo, u"onUpdate"_s);
        fk.extra = fo->rest();
        t.foreignKeys.append(fk);
    }
    t.checks = readList<CheckConstraint>(r, *o, u"checks"_s, readCheck);
    t.exclusions = readList<ExclusionConstraint>(r, *o, u"exclusions"_s, readExclusion);
    t.indexes = readList<Index>(r, *o, u"indexes"_s, readIndex);
    t.triggers = readList<Trigger>(r, *o, u"triggers"_s, readTrigger);
    t.extra = o->rest();
    return t;
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject writeKey(const KeyConstraint &k)
{
    QJsonObject o{{u"id"_s, k.id}, {u"columns"_s, toArray(k.columns)}};
    putString(o, u"name"_s, k.name);
    return merged(k.extra, o);
}

QJsonObject writeColumn(const Column &c)
{
    QJsonObject o{{u"id"_s, c.id}, {u"name"_s, c.name}, {u"nullable"_s, c.nullable}};
    writeType(o, c.type);
    if (c.primaryKey)
        o.insert(u"primaryKey"_s, true);
    if (c.unique)
        o.insert(u"unique"_s, true);
    writeDefault(o, c.defaultValue);
    if (c.identity == Column::Identity::Always)
        o.insert(u"identity"_s, u"always"_s);
    else if (c.identity == Column::Identity::ByDefault)
        o.insert(u"identity"_s, u"byDefault"_s);
    if (!c.generatedExpression.isEmpty())
        o.insert(u"generated"_s, QJsonObject{{u"expression"_s, c.generatedExpression}});
    putString(o, u"comment"_s, c.comment);
    return merged(c.extra, o);
}

QJsonObject writeForeignKey(const ForeignKey &fk)
{
    QJsonObject ref{{u"table"_s, fk.refTable}, {u"columns"_s, toArray(fk.refColumns)}};
    putString(ref, u"namespace"_s, fk.refNamespace);
    QJsonObject fo{{u"id"_s, fk.id}, {u"columns"_s, toArray(fk.columns)}, {u"references"_s, ref}};
    putString(fo, u"name"_s, fk.name);
    if (fk.onDelete != ReferentialAction::NoAction)
        fo.insert(u"onDelete"_s, ReferentialActions::jsonName(fk.onDelete));
    if (fk.onUpdate != ReferentialAction::NoAction)
        fo.insert(u"onUpdate"_s, ReferentialActions::jsonName(fk.onUpdate));
    return merged(fk.extra, fo);
}

QJsonObject writeTable(const Table &t)
{
    QJsonObject o{{u"id"_s, t.id}, {u"name"_s, t.name}};
    putString(o, u"namespace"_s, t.nameSpace);
    putString(o, u"comment"_s, t.comment);
    QJsonArray columns;
    for (const Column &c : t.columns)
        columns.append(writeColumn(c));
    o.insert(u"columns"_s, columns);
    if (t.primaryKey)
        o.insert(u"primaryKey"_s, writeKey(*t.primaryKey));
    writeList(o, u"uniques"_s, t.uniques, writeKey);
    writeList(o, u"foreignKeys"_s, t.foreignKeys, writeForeignKey);
    writeList(o, u"checks"_s, t.checks, writeCheck);
    writeList(o, u"exclusions"_s, t.exclusions, writeExclusion);
    writeList(o, u"indexes"_s, t.indexes, writeIndex);
    writeList(o, u"triggers"_s, t.triggers, writeTrigger);
    return merged(t.extra, o);
}

Namespace readNamespace(Reader &r, const QJsonValue &value, const QString &path)
{
    Namespace n;
    if (auto o = r.object(value, path)) {
        n.id = o->id(u"ns"_s);
        n.name = o->string(u"name"_s);
        n.comment = o->string(u"comment"_s);
        n.extra = o->rest();
    }
    return n;
}

EnumType readEnum(Reader &r, const QJsonValue &value, const QString &path)
{
    EnumType e;
    if (auto o = r.object(value, path)) {
        e.id = o->id(u"enum"_s);
        e.name = o->string(u"name"_s);
        e.nameSpace = o->string(u"namespace"_s);
        e.values = o->strings(u"values"_s);
        e.comment = o->string(u"comment"_s);
        e.extra = o->rest();
    }
    return e;
}

QJsonObject writeNamespace(const Namespace &n)
{
    QJsonObject no{{u"id"_s, n.id}, {u"name"_s, n.name}};
    putString(no, u"comment"_s, n.comment);
    return merged(n.extra, no);
}

QJsonObject writeEnum(const EnumType &e)
{
    QJsonObject eo{{u"id"_s, e.id}, {u"name"_s, e.name}, {u"values"_s, toArray(e.values)}};
    putString(eo, u"namespace"_s, e.nameSpace);
    putString(eo, u"comment"_s, e.comment);
    return merged(e.extra, eo);
}

} // namespace

Result<Schema> SchemaJson::read(const QJsonObject &json)
{
    Reader r;
    Reader::Obj root{&r, json, u"schema"_s, {}};
    Schema s;
    s.namespaces = readList<Namespace>(r, root, u"namespaces"_s, readNamespace);
    s.enums = readList<EnumType>(r, root, u"enums"_s, readEnum);
    s.domains = readList<Domain>(r, root, u"domains"_s, readDomain);
    s.sequences = readList<Sequence>(r, root, u"sequences"_s, readSequence);
    s.tables = readList<Table>(r, root, u"tables"_s, readTable);
    s.views = readList<View>(r, root, u"views"_s, readView);
    s.routines = readList<Routine>(r, root, u"routines"_s, readRoutine);
    s.extra = root.rest();
    if (r.error)
        return *r.error;
    return s;
}

QJsonObject SchemaJson::write(const Schema &schema)
{
    QJsonObject o;
    writeList(o, u"namespaces"_s, schema.namespaces, writeNamespace);
    writeList(o, u"enums"_s, schema.enums, writeEnum);
    writeList(o, u"domains"_s, schema.domains, writeDomain);
    writeList(o, u"sequences"_s, schema.sequences, writeSequence);
    QJsonArray tables;
    for (const Table &t : schema.tables)
        tables.append(writeTable(t));
    o.insert(u"tables"_s, tables);
    writeList(o, u"views"_s, schema.views, writeView);
    writeList(o, u"routines"_s, schema.routines, writeRoutine);
    return merged(schema.extra, o);
}

} // namespace quarry::schema
