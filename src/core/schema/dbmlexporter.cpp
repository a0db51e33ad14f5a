// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dbmlexporter.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DbmlExporter)
};

QString name(const QString &n)
{
    static const QRegularExpression bare(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (bare.match(n).hasMatch())
        return n;
    QString q = n;
    q.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    return u'"' + q + u'"';
}

QString qualified(const QString &ns, const QString &n)
{
    return ns.isEmpty() ? name(n) : name(ns) + u'.' + name(n);
}

// A multi-line text becomes a '''...''' block indented one level below `indent`.
QString string(const QString &text, const QString &indent = {})
{
    if (text.contains(u'\n')) {
        QString body = text;
        body.replace(u'\\', u"\\\\"_s).replace(u"'''"_s, u"\\'''"_s);
        QStringList lines = body.split(u'\n');
        for (QString &l : lines)
            l = l.isEmpty() ? l : indent + u"  "_s + l;
        return u"'''\n"_s + lines.join(u'\n') + u'\n' + indent + u"'''"_s;
    }
    QString q = text;
    q.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
    return u'\'' + q + u'\'';
}

QString expression(const QString &text)
{
    QString q = text;
    q.replace(u'\\', u"\\\\"_s).replace(u'`', u"\\`"_s);
    return u'`' + q + u'`';
}

} // namespace

QString DbmlExporter::typeName(const Schema &schema, const Table &table, const ColumnType &t)
{
    QString s;
    switch (t.kind) {
    case TypeKind::SmallInt: s = u"smallint"_s; break;
    case TypeKind::Integer:
    case TypeKind::Serial: s = u"int"_s; break;
    case TypeKind::BigInt:
    case TypeKind::BigSerial: s = u"bigint"_s; break;
    case TypeKind::Decimal:
        s = t.precision > 0 ? u"decimal(%1,%2)"_s.arg(t.precision).arg(t.scale) : u"decimal"_s;
        break;
    case TypeKind::Real: s = u"real"_s; break;
    case TypeKind::Double: s = u"double"_s; break;
    case TypeKind::Boolean: s = u"boolean"_s; break;
    case TypeKind::Char: s = t.length > 0 ? u"char(%1)"_s.arg(t.length) : u"char"_s; break;
    case TypeKind::Varchar: s = t.length > 0 ? u"varchar(%1)"_s.arg(t.length) : u"varchar"_s; break;
    case TypeKind::Text: s = u"text"_s; break;
    case TypeKind::Date: s = u"date"_s; break;
    case TypeKind::Time: s = t.precision > 0 ? u"time(%1)"_s.arg(t.precision) : u"time"_s; break;
    case TypeKind::Timestamp: s = t.precision > 0 ? u"timestamp(%1)"_s.arg(t.precision) : u"timestamp"_s; break;
    case TypeKind::TimestampTz: s = t.precision > 0 ? u"timestamptz(%1)"_s.arg(t.precision) : u"timestamptz"_s; break;
    case TypeKind::Interval: s = u"interval"_s; break;
    case TypeKind::Uuid: s = u"uuid"_s; break;
    case TypeKind::Json: s = u"json"_s; break;
    case TypeKind::Jsonb: s = u"jsonb"_s; break;
    case TypeKind::Binary: s = u"bytea"_s; break;
    case TypeKind::Enum: {
        const EnumType *e = schema.enumType(t.enumName, table.nameSpace);
        if (!e)
            e = schema.enumType(t.enumName);
        s = e ? qualified(e->nameSpace, e->name) : name(t.enumName);
        break;
    }
    case TypeKind::Custom: {
        // name, name(args) and schema.name are written bare; anything else ("double precision") quoted
        static const QRegularExpression plain(u"^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?(\\([0-9, ]*\\))?$"_s);
        s = plain.match(t.custom).hasMatch() ? t.custom : name(t.custom);
        break;
    }
    }
    if (t.array)
        s += u"[]"_s;
    return s;
}

namespace {

QString defaultText(const ColumnDefault &d)
{
    if (d.kind == ColumnDefault::Kind::Expression)
        return expression(d.expression);
    if (d.literal.isBool())
        return d.literal.toBool() ? u"true"_s : u"false"_s;
    if (d.literal.isDouble())
        return QString::number(d.literal.toDouble(), 'g', 17);
    if (d.literal.isString())
        return string(d.literal.toString());
    return u"null"_s;
}

QString columnList(const QString &table, const QStringList &columns)
{
    QStringList names;
    for (const QString &c : columns)
        names << name(c);
    return columns.size() == 1 ? table + u'.' + names.first() : table + u".("_s + names.join(u", "_s) + u')';
}

} // namespace

QString DbmlExporter::write(const Schema &schema, QStringList *notes)
{
    QStringList out;
    QStringList left;
    const QJsonObject dbml = schema.extra.value(u"dbml"_s).toObject();
    const QJsonObject project = dbml.value(u"project"_s).toObject();
    if (!project.isEmpty()) {
        QStringList body;
        for (auto it = project.begin(); it != project.end(); ++it) {
            if (it.key() == u"name"_s)
                continue;
            body << u"  "_s + (it.key() == u"note"_s ? u"Note"_s : it.key()) + u": "_s + string(it.value().toString(), u"  "_s);
        }
        out << u"Project "_s + (project.contains(u"name"_s) ? name(project.value(u"name"_s).toString()) + u' ' : QString())
                   + u"{\n"_s + body.join(u'\n') + u"\n}"_s;
    }

    for (const EnumType &e : schema.enums) {
        const QJsonObject valueNotes = e.extra.value(u"dbml"_s).toObject().value(u"valueNotes"_s).toObject();
        QStringList body;
        for (const QString &v : e.values) {
            QString line = u"  "_s + name(v);
            if (valueNotes.contains(v))
                line += u" [note: "_s + string(valueNotes.value(v).toString()) + u']';
            body << line;
        }
        out << u"Enum "_s + qualified(e.nameSpace, e.name) + u" {\n"_s + body.join(u'\n') + u"\n}"_s;
        if (!e.comment.isEmpty())
            left << Tr::tr("the comment on enum %1 (DBML enums have no note)").arg(e.name);
    }

    for (const Table &t : schema.tables) {
        const QJsonObject tdbml = t.extra.value(u"dbml"_s).toObject();
        QString head = u"Table "_s + qualified(t.nameSpace, t.name);
        if (tdbml.contains(u"alias"_s))
            head += u" as "_s + name(tdbml.value(u"alias"_s).toString());
        if (tdbml.contains(u"headerColor"_s))
            head += u" [headercolor: "_s + tdbml.value(u"headerColor"_s).toString() + u']';
        QStringList body;
        const QStringList pkColumns = [&] {
            QStringList c;
            for (const Column &col : t.columns) {
                if (col.primaryKey)
                    c << col.name;
            }
            return c;
        }();
        for (const Column &c : t.columns) {
            QStringList settings;
            if (c.primaryKey)
                settings << u"pk"_s;
            if (c.type.isAutoIncrement() || c.identity != Column::Identity::None)
                settings << u"increment"_s;
            if (!c.nullable && !c.primaryKey)
                settings << u"not null"_s;
            if (c.unique)
                settings << u"unique"_s;
            if (c.defaultValue.isSet())
                settings << u"default: "_s + defaultText(c.defaultValue);
            if (!c.comment.isEmpty())
                settings << u"note: "_s + string(c.comment);
            QString line = u"  "_s + name(c.name) + u' ' + typeName(schema, t, c.type);
            if (!settings.isEmpty())
                line += u" ["_s + settings.join(u", "_s) + u']';
            body << line;
            if (!c.generatedExpression.isEmpty())
                left << Tr::tr("the generated expression of %1.%2").arg(t.name, c.name);
            if (c.identity != Column::Identity::None && !c.type.isAutoIncrement())
                left << Tr::tr("identity of %1.%2 (written as increment)").arg(t.name, c.name);
        }
        QStringList indexes;
        auto settingsOf = [](bool pk, bool unique, const QString &indexName, const QString &method, const QString &comment) {
            QStringList s;
            if (pk)
                s << u"pk"_s;
            if (unique)
                s << u"unique"_s;
            if (!indexName.isEmpty())
                s << u"name: "_s + string(indexName);
            if (!method.isEmpty())
                s << u"type: "_s + method;
            if (!comment.isEmpty())
                s << u"note: "_s + string(comment);
            return s.isEmpty() ? QString() : u" ["_s + s.join(u", "_s) + u']';
        };
        auto keyList = [](const QStringList &cols) {
            QStringList n;
            for (const QString &c : cols)
                n << name(c);
            return cols.size() == 1 ? n.first() : u'(' + n.join(u", "_s) + u')';
        };
        if (t.primaryKey)
            indexes << u"    "_s + keyList(t.primaryKey->columns) + settingsOf(true, false, t.primaryKey->name, {}, {});
        for (const KeyConstraint &u : t.uniques)
            indexes << u"    "_s + keyList(u.columns) + settingsOf(false, true, u.name, {}, {});
        for (const Index &ix : t.indexes) {
            QStringList parts;
            bool lost = false;
            for (const IndexElement &e : ix.elements) {
                parts << (e.expression.isEmpty() ? name(e.column) : expression(e.expression));
                lost = lost || e.descending || e.nulls != IndexElement::Nulls::Default;
            }
            if (lost)
                left << Tr::tr("the sort order of index %1").arg(ix.name);
            if (!ix.where.isEmpty())
                left << Tr::tr("the WHERE of partial index %1").arg(ix.name);
            const QString method = ix.effectiveMethod();
            const bool dbmlMethod = method == u"btree"_s || method == u"hash"_s;
            if (!dbmlMethod)
                left << Tr::tr("the %1 method of index %2").arg(method, ix.name);
            const QString keys = parts.size() == 1 ? parts.first() : u'(' + parts.join(u", "_s) + u')';
            indexes << u"    "_s + keys
                           + settingsOf(false, ix.unique, ix.name, dbmlMethod && !ix.method.isEmpty() ? method : QString(), ix.comment);
        }
        if (!indexes.isEmpty())
            body << QString() << u"  indexes {\n"_s + indexes.join(u'\n') + u"\n  }"_s;
        if (!t.comment.isEmpty())
            body << QString() << u"  Note: "_s + string(t.comment, u"  "_s);
        for (const CheckConstraint &c : t.checks)
            left << Tr::tr("CHECK (%1) on %2").arg(c.expression, t.name);
        out << head + u" {\n"_s + body.join(u'\n') + u"\n}"_s;
        Q_UNUSED(pkColumns);
    }

    QStringList refs;
    for (const Table &t : schema.tables) {
        for (const ForeignKey &fk : t.foreignKeys) {
            const Table *target = schema.table(fk.refTable, fk.refNamespace);
            const QString from = columnList(qualified(t.nameSpace, t.name), fk.columns);
            const QString to = columnList(qualified(fk.refNamespace, fk.refTable), fk.refColumns);
            QString relation = fk.extra.value(u"dbml"_s).toObject().value(u"relation"_s).toString();
            if (relation.isEmpty())
                relation = u">"_s;
            QStringList settings;
            if (fk.onDelete != ReferentialAction::NoAction)
                settings << u"delete: "_s + ReferentialActions::sql(fk.onDelete).toLower();
            if (fk.onUpdate != ReferentialAction::NoAction)
                settings << u"update: "_s + ReferentialActions::sql(fk.onUpdate).toLower();
            refs << u"Ref"_s + (fk.name.isEmpty() ? QString() : u' ' + name(fk.name)) + u": "_s + from + u' ' + relation + u' '
                        + to + (settings.isEmpty() ? QString() : u" ["_s + settings.join(u", "_s) + u']');
            Q_UNUSED(target);
        }
    }
    if (!refs.isEmpty())
        out << refs.join(u'\n');

    for (const QJsonValue &g : dbml.value(u"tableGroups"_s).toArray()) {
        QStringList tables;
        for (const QJsonValue &tn : g.toObject().value(u"tables"_s).toArray()) {
            const QString full = tn.toString();
            tables << u"  "_s + (full.contains(u'.') ? qualified(full.section(u'.', 0, 0), full.section(u'.', 1)) : name(full));
        }
        out << u"TableGroup "_s + name(g.toObject().value(u"name"_s).toString()) + u" {\n"_s + tables.join(u'\n') + u"\n}"_s;
    }
    for (const QJsonValue &n : dbml.value(u"notes"_s).toArray()) {
        const QJsonObject o = n.toObject();
        out << u"Note "_s + name(o.value(u"name"_s).toString()) + u" {\n  "_s
                   + string(o.value(u"text"_s).toString(), u"  "_s) + u"\n}"_s;
    }
    for (const View &v : schema.views)
        left << Tr::tr("view %1").arg(v.name);
    if (notes) {
        for (const QString &l : left)
            *notes << Tr::tr("DBML cannot express %1; left out.").arg(l);
    }
    return out.join(u"\n\n"_s) + u'\n';
}

} // namespace quarry::schema
