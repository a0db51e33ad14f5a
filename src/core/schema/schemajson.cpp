// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/schemajson.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Schema)
};

// Reads one JSON object, remembering which keys it consumed so that the rest lands in `extra`.
// The first error wins; later reads become no-ops so the code can stay straight-line.
class Reader
{
public:
    std::optional<Error> error;

    void fail(const QString &path, const QString &message)
    {
        if (!error)
            error = Error{Error::Kind::InvalidInput, message, path};
    }

    struct Obj {
        Reader *r;
        QJsonObject json;
        QString path;
        QStringList used;

        QJsonValue take(const QString &key)
        {
            used << key;
            return json.value(key);
        }
        QString string(const QString &key)
        {
            const QJsonValue v = take(key);
            if (v.isUndefined() || v.isNull())
                return {};
            if (!v.isString()) {
                r->fail(path + u'.' + key, Tr::tr("Expected a string."));
                return {};
            }
            return v.toString();
        }
        bool boolean(const QString &key, bool fallback)
        {
            const QJsonValue v = take(key);
            if (v.isUndefined() || v.isNull())
                return fallback;
            if (!v.isBool()) {
                r->fail(path + u'.' + key, Tr::tr("Expected true or false."));
                return fallback;
            }
            return v.toBool();
        }
        int integer(const QString &key)
        {
            const QJsonValue v = take(key);
            if (v.isUndefined() || v.isNull())
                return 0;
            if (!v.isDouble() || v.toDouble() < 0 || v.toDouble() != double(v.toInt())) {
                r->fail(path + u'.' + key, Tr::tr("Expected a whole number of at least 0."));
                return 0;
            }
            return v.toInt();
        }
        QJsonArray array(const QString &key)
        {
            const QJsonValue v = take(key);
            if (v.isUndefined() || v.isNull())
                return {};
            if (!v.isArray()) {
                r->fail(path + u'.' + key, Tr::tr("Expected an array."));
                return {};
            }
            return v.toArray();
        }
        QStringList strings(const QString &key)
        {
            QStringList list;
            const QJsonArray a = array(key);
            for (qsizetype i = 0; i < a.size(); ++i) {
                if (!a.at(i).isString())
                    r->fail(u"%1.%2[%3]"_s.arg(path, key).arg(i), Tr::tr("Expected a name."));
                list << a.at(i).toString();
            }
            return list;
        }
        QString id(const QString &prefix)
        {
            const QString value = string(u"id"_s);
            return value.isEmpty() ? Schema::newId(prefix) : value;
        }
        QJsonObject rest() const
        {
            QJsonObject extra = json;
            for (const QString &k : used)
                extra.remove(k);
            return extra;
        }
    };

    std::optional<Obj> object(const QJsonValue &value, const QString &path)
    {
        if (!value.isObject()) {
            fail(path, Tr::tr("Expected an object."));
            return std::nullopt;
        }
        return Obj{this, value.toObject(), path, {}};
    }

    ReferentialAction action(Obj &o, const QString &key)
    {
        const QString name = o.string(key);
        if (name.isEmpty())
            return ReferentialAction::NoAction;
        if (const auto a = ReferentialActions::fromText(name))
            return *a;
        fail(o.path + u'.' + key,
             Tr::tr("Unknown referential action \"%1\"; use noAction, restrict, cascade, setNull or setDefault.").arg(name));
        return ReferentialAction::NoAction;
    }

    KeyConstraint key(const QJsonValue &value, const QString &path, const QString &prefix)
    {
        KeyConstraint k;
        auto o = object(value, path);
        if (!o)
            return k;
        k.id = o->id(prefix);
        k.name = o->string(u"name"_s);
        k.columns = o->strings(u"columns"_s);
        k.extra = o->rest();
        return k;
    }

    Column column(const QJsonValue &value, const QString &path)
    {
        Column c;
        auto o = object(value, path);
        if (!o)
            return c;
        c.id = o->id(u"col"_s);
        c.name = o->string(u"name"_s);
        const QString type = o->string(u"type"_s);
        if (type.isEmpty()) {
            fail(path + u".type"_s, Tr::tr("The column has no type."));
        } else if (!ColumnType::kindFromName(type, &c.type.kind)) {
            c.type.kind = TypeKind::Custom;
            c.type.custom = type;
        }
        c.type.length = o->integer(u"length"_s);
        c.type.precision = o->integer(u"precision"_s);
        c.type.scale = o->integer(u"scale"_s);
        c.type.array = o->boolean(u"array"_s, false);
        c.type.enumName = o->string(u"enum"_s);
        if (c.type.kind == TypeKind::Enum && c.type.enumName.isEmpty())
            fail(path + u".enum"_s, Tr::tr("An enum column names its enum in \"enum\"."));
        c.nullable = o->boolean(u"nullable"_s, true);
        c.primaryKey = o->boolean(u"primaryKey"_s, false);
        c.unique = o->boolean(u"unique"_s, false);
        const QJsonValue def = o->take(u"default"_s);
        if (!def.isUndefined() && !def.isNull()) {
            if (auto d = object(def, path + u".default"_s)) {
                if (d->json.contains(u"expression"_s)) {
                    c.defaultValue.kind = ColumnDefault::Kind::Expression;
                    c.defaultValue.expression = d->string(u"expression"_s);
                } else if (d->json.contains(u"value"_s)) {
                    c.defaultValue.kind = ColumnDefault::Kind::Literal;
                    c.defaultValue.literal = d->take(u"value"_s);
                } else {
                    fail(path + u".default"_s, Tr::tr("A default has an \"expression\" or a \"value\"."));
                }
            }
        }
        const QString identity = o->string(u"identity"_s);
        if (identity == u"always"_s)
            c.identity = Column::Identity::Always;
        else if (identity == u"byDefault"_s)
            c.identity = Column::Identity::ByDefault;
        else if (!identity.isEmpty())
            fail(path + u".identity"_s, Tr::tr("Identity is \"always\" or \"byDefault\"."));
        const QJsonValue gen = o->take(u"generated"_s);
        if (!gen.isUndefined() && !gen.isNull()) {
            if (auto g = object(gen, path + u".generated"_s))
                c.generatedExpression = g->string(u"expression"_s);
        }
        c.comment = o->string(u"comment"_s);
        c.extra = o->rest();
        return c;
    }

    Index index(const QJsonValue &value, const QString &path)
    {
        Index ix;
        auto o = object(value, path);
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
            } else if (auto eo = object(elements.at(i), epath)) {
                e.column = eo->string(u"column"_s);
                e.expression = eo->string(u"expression"_s);
                const QString order = eo->string(u"order"_s).toLower();
                if (order == u"desc"_s)
                    e.descending = true;
                else if (!order.isEmpty() && order != u"asc"_s)
                    fail(epath + u".order"_s, Tr::tr("Order is \"asc\" or \"desc\"."));
                const QString nulls = eo->string(u"nulls"_s).toLower();
                if (nulls == u"first"_s)
                    e.nulls = IndexElement::Nulls::First;
                else if (nulls == u"last"_s)
                    e.nulls = IndexElement::Nulls::Last;
                else if (!nulls.isEmpty())
                    fail(epath + u".nulls"_s, Tr::tr("Nulls is \"first\" or \"last\"."));
                if (e.column.isEmpty() == e.expression.isEmpty())
                    fail(epath, Tr::tr("An index key has either a \"column\" or an \"expression\"."));
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

    Table table(const QJsonValue &value, const QString &path)
    {
        Table t;
        auto o = object(value, path);
        if (!o)
            return t;
        t.id = o->id(u"tbl"_s);
        t.name = o->string(u"name"_s);
        t.nameSpace = o->string(u"namespace"_s);
        t.comment = o->string(u"comment"_s);
        const QJsonArray columns = o->array(u"columns"_s);
        for (qsizetype i = 0; i < columns.size(); ++i)
            t.columns.append(column(columns.at(i), u"%1.columns[%2]"_s.arg(path).arg(i)));
        const QJsonValue pk = o->take(u"primaryKey"_s);
        if (!pk.isUndefined() && !pk.isNull())
            t.primaryKey = key(pk, path + u".primaryKey"_s, u"pk"_s);
        const QJsonArray uniques = o->array(u"uniques"_s);
        for (qsizetype i = 0; i < uniques.size(); ++i)
            t.uniques.append(key(uniques.at(i), u"%1.uniques[%2]"_s.arg(path).arg(i), u"uq"_s));
        const QJsonArray fks = o->array(u"foreignKeys"_s);
        for (qsizetype i = 0; i < fks.size(); ++i) {
            const QString fpath = u"%1.foreignKeys[%2]"_s.arg(path).arg(i);
            auto fo = object(fks.at(i), fpath);
            if (!fo)
                continue;
            ForeignKey fk;
            fk.id = fo->id(u"fk"_s);
            fk.name = fo->string(u"name"_s);
            fk.columns = fo->strings(u"columns"_s);
            if (auto ref = object(fo->take(u"references"_s), fpath + u".references"_s)) {
                fk.refNamespace = ref->string(u"namespace"_s);
                fk.refTable = ref->string(u"table"_s);
                fk.refColumns = ref->strings(u"columns"_s);
            }
            fk.onDelete = action(*fo, u"onDelete"_s);
            fk.onUpdate = action(*fo, u"onUpdate"_s);
            fk.extra = fo->rest();
            t.foreignKeys.append(fk);
        }
        const QJsonArray checks = o->array(u"checks"_s);
        for (qsizetype i = 0; i < checks.size(); ++i) {
            auto co = object(checks.at(i), u"%1.checks[%2]"_s.arg(path).arg(i));
            if (!co)
                continue;
            CheckConstraint ck;
            ck.id = co->id(u"ck"_s);
            ck.name = co->string(u"name"_s);
            ck.expression = co->string(u"expression"_s);
            ck.extra = co->rest();
            t.checks.append(ck);
        }
        const QJsonArray indexes = o->array(u"indexes"_s);
        for (qsizetype i = 0; i < indexes.size(); ++i)
            t.indexes.append(index(indexes.at(i), u"%1.indexes[%2]"_s.arg(path).arg(i)));
        t.extra = o->rest();
        return t;
    }
};

void putString(QJsonObject &o, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject merged(QJsonObject extra, const QJsonObject &known)
{
    for (auto it = known.begin(); it != known.end(); ++it)
        extra.insert(it.key(), it.value());
    return extra;
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
    o.insert(u"type"_s, c.type.kind == TypeKind::Custom ? c.type.custom : ColumnType::kindName(c.type.kind));
    if (c.type.length > 0)
        o.insert(u"length"_s, c.type.length);
    if (c.type.precision > 0)
        o.insert(u"precision"_s, c.type.precision);
    if (c.type.scale > 0)
        o.insert(u"scale"_s, c.type.scale);
    if (c.type.array)
        o.insert(u"array"_s, true);
    putString(o, u"enum"_s, c.type.enumName);
    if (c.primaryKey)
        o.insert(u"primaryKey"_s, true);
    if (c.unique)
        o.insert(u"unique"_s, true);
    if (c.defaultValue.kind == ColumnDefault::Kind::Expression)
        o.insert(u"default"_s, QJsonObject{{u"expression"_s, c.defaultValue.expression}});
    else if (c.defaultValue.kind == ColumnDefault::Kind::Literal)
        o.insert(u"default"_s, QJsonObject{{u"value"_s, c.defaultValue.literal}});
    if (c.identity == Column::Identity::Always)
        o.insert(u"identity"_s, u"always"_s);
    else if (c.identity == Column::Identity::ByDefault)
        o.insert(u"identity"_s, u"byDefault"_s);
    if (!c.generatedExpression.isEmpty())
        o.insert(u"generated"_s, QJsonObject{{u"expression"_s, c.generatedExpression}});
    putString(o, u"comment"_s, c.comment);
    return merged(c.extra, o);
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
    if (!t.uniques.isEmpty()) {
        QJsonArray a;
        for (const KeyConstraint &k : t.uniques)
            a.append(writeKey(k));
        o.insert(u"uniques"_s, a);
    }
    if (!t.foreignKeys.isEmpty()) {
        QJsonArray a;
        for (const ForeignKey &fk : t.foreignKeys) {
            QJsonObject ref{{u"table"_s, fk.refTable}, {u"columns"_s, toArray(fk.refColumns)}};
            putString(ref, u"namespace"_s, fk.refNamespace);
            QJsonObject fo{{u"id"_s, fk.id}, {u"columns"_s, toArray(fk.columns)}, {u"references"_s, ref}};
            putString(fo, u"name"_s, fk.name);
            if (fk.onDelete != ReferentialAction::NoAction)
                fo.insert(u"onDelete"_s, ReferentialActions::jsonName(fk.onDelete));
            if (fk.onUpdate != ReferentialAction::NoAction)
                fo.insert(u"onUpdate"_s, ReferentialActions::jsonName(fk.onUpdate));
            a.append(merged(fk.extra, fo));
        }
        o.insert(u"foreignKeys"_s, a);
    }
    if (!t.checks.isEmpty()) {
        QJsonArray a;
        for (const CheckConstraint &ck : t.checks) {
            QJsonObject co{{u"id"_s, ck.id}, {u"expression"_s, ck.expression}};
            putString(co, u"name"_s, ck.name);
            a.append(merged(ck.extra, co));
        }
        o.insert(u"checks"_s, a);
    }
    if (!t.indexes.isEmpty()) {
        QJsonArray a;
        for (const Index &ix : t.indexes)
            a.append(writeIndex(ix));
        o.insert(u"indexes"_s, a);
    }
    return merged(t.extra, o);
}

} // namespace

Result<Schema> SchemaJson::read(const QJsonObject &json)
{
    Reader r;
    Reader::Obj root{&r, json, u"schema"_s, {}};
    Schema s;
    const QJsonArray namespaces = root.array(u"namespaces"_s);
    for (qsizetype i = 0; i < namespaces.size(); ++i) {
        if (auto o = r.object(namespaces.at(i), u"schema.namespaces[%1]"_s.arg(i))) {
            Namespace n;
            n.id = o->id(u"ns"_s);
            n.name = o->string(u"name"_s);
            n.comment = o->string(u"comment"_s);
            n.extra = o->rest();
            s.namespaces.append(n);
        }
    }
    const QJsonArray enums = root.array(u"enums"_s);
    for (qsizetype i = 0; i < enums.size(); ++i) {
        if (auto o = r.object(enums.at(i), u"schema.enums[%1]"_s.arg(i))) {
            EnumType e;
            e.id = o->id(u"enum"_s);
            e.name = o->string(u"name"_s);
            e.nameSpace = o->string(u"namespace"_s);
            e.values = o->strings(u"values"_s);
            e.comment = o->string(u"comment"_s);
            e.extra = o->rest();
            s.enums.append(e);
        }
    }
    const QJsonArray tables = root.array(u"tables"_s);
    s.tables.reserve(tables.size());
    for (qsizetype i = 0; i < tables.size(); ++i)
        s.tables.append(r.table(tables.at(i), u"schema.tables[%1]"_s.arg(i)));
    const QJsonArray views = root.array(u"views"_s);
    for (qsizetype i = 0; i < views.size(); ++i) {
        if (auto o = r.object(views.at(i), u"schema.views[%1]"_s.arg(i))) {
            View v;
            v.id = o->id(u"view"_s);
            v.name = o->string(u"name"_s);
            v.nameSpace = o->string(u"namespace"_s);
            v.sql = o->string(u"sql"_s);
            v.comment = o->string(u"comment"_s);
            v.extra = o->rest();
            s.views.append(v);
        }
    }
    s.extra = root.rest();
    if (r.error)
        return *r.error;
    return s;
}

QJsonObject SchemaJson::write(const Schema &schema)
{
    QJsonObject o;
    if (!schema.namespaces.isEmpty()) {
        QJsonArray a;
        for (const Namespace &n : schema.namespaces) {
            QJsonObject no{{u"id"_s, n.id}, {u"name"_s, n.name}};
            putString(no, u"comment"_s, n.comment);
            a.append(merged(n.extra, no));
        }
        o.insert(u"namespaces"_s, a);
    }
    if (!schema.enums.isEmpty()) {
        QJsonArray a;
        for (const EnumType &e : schema.enums) {
            QJsonObject eo{{u"id"_s, e.id}, {u"name"_s, e.name}, {u"values"_s, toArray(e.values)}};
            putString(eo, u"namespace"_s, e.nameSpace);
            putString(eo, u"comment"_s, e.comment);
            a.append(merged(e.extra, eo));
        }
        o.insert(u"enums"_s, a);
    }
    QJsonArray tables;
    for (const Table &t : schema.tables)
        tables.append(writeTable(t));
    o.insert(u"tables"_s, tables);
    if (!schema.views.isEmpty()) {
        QJsonArray a;
        for (const View &v : schema.views) {
            QJsonObject vo{{u"id"_s, v.id}, {u"name"_s, v.name}, {u"sql"_s, v.sql}};
            putString(vo, u"namespace"_s, v.nameSpace);
            putString(vo, u"comment"_s, v.comment);
            a.append(merged(v.extra, vo));
        }
        o.insert(u"views"_s, a);
    }
    return merged(schema.extra, o);
}

} // namespace quarry::schema
