// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/sqliteschema.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SqliteSchema)
};

QString literal(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool() ? u"1"_s : u"0"_s;
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isNull())
        return u"NULL"_s;
    QString s = v.toString();
    return u'\'' + s.replace(u"'"_s, u"''"_s) + u'\'';
}

} // namespace

QString SqliteSchema::quote(const QString &identifier)
{
    QString s = identifier;
    return u'"' + s.replace(u"\""_s, u"\"\""_s) + u'"';
}

QString SqliteSchema::sqliteType(const QString &portable)
{
    const QString t = portable.toLower().section(u'(', 0, 0).trimmed();
    static const QStringList integers{u"serial"_s,   u"bigserial"_s, u"smallserial"_s, u"integer"_s, u"int"_s,
                                      u"int4"_s,     u"int8"_s,      u"bigint"_s,      u"smallint"_s, u"boolean"_s,
                                      u"bool"_s,     u"tinyint"_s};
    static const QStringList reals{u"real"_s, u"double"_s, u"double precision"_s, u"float"_s, u"float8"_s, u"float4"_s};
    static const QStringList numerics{u"numeric"_s, u"decimal"_s, u"money"_s};
    static const QStringList blobs{u"bytea"_s, u"blob"_s, u"binary"_s, u"varbinary"_s};
    if (integers.contains(t))
        return u"INTEGER"_s;
    if (reals.contains(t))
        return u"REAL"_s;
    if (numerics.contains(t))
        return u"NUMERIC"_s;
    if (blobs.contains(t))
        return u"BLOB"_s;
    return u"TEXT"_s;   // varchar, char, text, uuid, json(b), date, time, timestamp(tz), enums
}

Result<QStringList> SqliteSchema::createStatements(const QJsonObject &schema)
{
    QStringList out;
    const QJsonArray tables = schema.value(u"tables"_s).toArray();
    for (const QJsonValue &tv : tables) {
        const QJsonObject table = tv.toObject();
        const QString tableName = table.value(u"name"_s).toString();
        if (tableName.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("A table of the schema has no name."), u"schema.tables"_s};
        QStringList defs;
        QStringList pk;
        const QJsonArray columns = table.value(u"columns"_s).toArray();
        for (const QJsonValue &cv : columns) {
            const QJsonObject c = cv.toObject();
            if (c.value(u"primaryKey"_s).toBool())
                pk.append(c.value(u"name"_s).toString());
        }
        for (const QJsonValue &cv : columns) {
            const QJsonObject c = cv.toObject();
            const QString name = c.value(u"name"_s).toString();
            if (name.isEmpty())
                return Error{Error::Kind::InvalidInput, Tr::tr("A column has no name."), tableName};
            const QString type = c.value(u"type"_s).toString(u"text"_s).toLower();
            QString def = quote(name) + u' ' + sqliteType(type);
            const bool isPk = c.value(u"primaryKey"_s).toBool();
            if (isPk && pk.size() == 1) {
                def += u" PRIMARY KEY"_s;
                if (type.contains(u"serial"_s))
                    def += u" AUTOINCREMENT"_s;
            }
            if (!c.value(u"nullable"_s).toBool(true) && !(isPk && pk.size() == 1))
                def += u" NOT NULL"_s;
            if (c.value(u"unique"_s).toBool() && !isPk)
                def += u" UNIQUE"_s;
            const QJsonValue dflt = c.value(u"default"_s);
            if (dflt.isObject()) {
                const QJsonObject d = dflt.toObject();
                if (d.contains(u"expression"_s)) {
                    const QString e = d.value(u"expression"_s).toString().trimmed();
                    const QString upper = e.toUpper();
                    if (upper == u"CURRENT_TIMESTAMP"_s || upper == u"NOW()"_s)
                        def += u" DEFAULT CURRENT_TIMESTAMP"_s;
                    else if (upper == u"CURRENT_DATE"_s || upper == u"CURRENT_TIME"_s)
                        def += u" DEFAULT "_s + upper;
                    else
                        def += u" DEFAULT ("_s + e + u')';
                } else if (d.contains(u"value"_s)) {
                    def += u" DEFAULT "_s + literal(d.value(u"value"_s));
                }
            } else if (!dflt.isUndefined() && !dflt.isNull()) {
                def += u" DEFAULT "_s + literal(dflt);
            }
            const QJsonObject ref = c.value(u"references"_s).toObject();
            if (!ref.isEmpty() && !ref.value(u"table"_s).toString().isEmpty()) {
                def += u" REFERENCES "_s + quote(ref.value(u"table"_s).toString());
                if (!ref.value(u"column"_s).toString().isEmpty())
                    def += u'(' + quote(ref.value(u"column"_s).toString()) + u')';
            }
            defs.append(def);
        }
        if (pk.size() > 1) {
            QStringList q;
            for (const QString &p : std::as_const(pk))
                q.append(quote(p));
            defs.append(u"PRIMARY KEY ("_s + q.join(u", "_s) + u')');
        }
        out.append(u"CREATE TABLE IF NOT EXISTS "_s + quote(tableName) + u" (\n  "_s + defs.join(u",\n  "_s) + u"\n)"_s);
        const QJsonArray indexes = table.value(u"indexes"_s).toArray();
        for (const QJsonValue &iv : indexes) {
            const QJsonObject idx = iv.toObject();
            QStringList cols;
            const QJsonArray ic = idx.value(u"columns"_s).toArray();
            for (const QJsonValue &c : ic)
                cols.append(quote(c.toString()));
            if (cols.isEmpty())
                continue;
            const QString idxName = idx.value(u"name"_s).toString(tableName + u"_idx"_s);
            out.append(u"CREATE %1INDEX IF NOT EXISTS %2 ON %3 (%4)"_s.arg(
                idx.value(u"unique"_s).toBool() ? u"UNIQUE "_s : QString(), quote(idxName), quote(tableName),
                cols.join(u", "_s)));
        }
    }
    return out;
}

} // namespace quarry::mock
