// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/columntype.h"

#include <QHash>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct KindName {
    TypeKind kind;
    QString name;
};

const QList<KindName> &kindNames()
{
    static const QList<KindName> names = {
        {TypeKind::SmallInt, u"smallint"_s},   {TypeKind::Integer, u"integer"_s},
        {TypeKind::BigInt, u"bigint"_s},       {TypeKind::Serial, u"serial"_s},
        {TypeKind::BigSerial, u"bigserial"_s}, {TypeKind::Decimal, u"decimal"_s},
        {TypeKind::Real, u"real"_s},           {TypeKind::Double, u"double"_s},
        {TypeKind::Boolean, u"boolean"_s},     {TypeKind::Char, u"char"_s},
        {TypeKind::Varchar, u"varchar"_s},     {TypeKind::Text, u"text"_s},
        {TypeKind::Date, u"date"_s},           {TypeKind::Time, u"time"_s},
        {TypeKind::Timestamp, u"timestamp"_s}, {TypeKind::TimestampTz, u"timestamptz"_s},
        {TypeKind::Interval, u"interval"_s},   {TypeKind::Uuid, u"uuid"_s},
        {TypeKind::Json, u"json"_s},           {TypeKind::Jsonb, u"jsonb"_s},
        {TypeKind::Binary, u"binary"_s},       {TypeKind::Enum, u"enum"_s},
    };
    return names;
}

const QHash<QString, TypeKind> &lookup()
{
    static const QHash<QString, TypeKind> map = [] {
        QHash<QString, TypeKind> m;
        for (const KindName &k : kindNames())
            m.insert(k.name, k.kind);
        // Aliases people (and importers) write. The one alias table: DBML, the PostgreSQL and SQLite
        // importers and the workspace JSON all read type names through kindFromName().
        m.insert(u"int2"_s, TypeKind::SmallInt);
        m.insert(u"tinyint"_s, TypeKind::SmallInt);
        m.insert(u"int"_s, TypeKind::Integer);
        m.insert(u"int4"_s, TypeKind::Integer);
        m.insert(u"int8"_s, TypeKind::BigInt);
        m.insert(u"serial4"_s, TypeKind::Serial);
        m.insert(u"serial8"_s, TypeKind::BigSerial);
        m.insert(u"numeric"_s, TypeKind::Decimal);
        m.insert(u"float4"_s, TypeKind::Real);
        m.insert(u"float"_s, TypeKind::Double);
        m.insert(u"float8"_s, TypeKind::Double);
        m.insert(u"double precision"_s, TypeKind::Double);
        m.insert(u"bool"_s, TypeKind::Boolean);
        m.insert(u"character"_s, TypeKind::Char);
        m.insert(u"bpchar"_s, TypeKind::Char);
        m.insert(u"nvarchar"_s, TypeKind::Varchar);
        m.insert(u"string"_s, TypeKind::Text);
        m.insert(u"character varying"_s, TypeKind::Varchar);
        m.insert(u"timestamp without time zone"_s, TypeKind::Timestamp);
        m.insert(u"timestamp with time zone"_s, TypeKind::TimestampTz);
        m.insert(u"datetime"_s, TypeKind::Timestamp);
        m.insert(u"bytea"_s, TypeKind::Binary);
        m.insert(u"blob"_s, TypeKind::Binary);
        return m;
    }();
    return map;
}
} // namespace

QString ColumnType::kindName(TypeKind kind)
{
    if (kind == TypeKind::Custom)
        return u"custom"_s;
    for (const KindName &k : kindNames()) {
        if (k.kind == kind)
            return k.name;
    }
    return {};
}

bool ColumnType::kindFromName(const QString &name, TypeKind *kind)
{
    const auto it = lookup().constFind(name.trimmed().toLower());
    if (it == lookup().constEnd())
        return false;
    *kind = it.value();
    return true;
}

bool ColumnType::isInteger() const
{
    switch (kind) {
    case TypeKind::SmallInt:
    case TypeKind::Integer:
    case TypeKind::BigInt:
    case TypeKind::Serial:
    case TypeKind::BigSerial:
        return true;
    default:
        return false;
    }
}

QString ColumnType::displayName() const
{
    QString text;
    if (kind == TypeKind::Custom)
        text = custom;
    else if (kind == TypeKind::Enum)
        text = u"enum "_s + enumName;
    else
        text = kindName(kind);
    if ((kind == TypeKind::Char || kind == TypeKind::Varchar) && length > 0)
        text += u"(%1)"_s.arg(length);
    else if (kind == TypeKind::Decimal && precision > 0)
        text += u"(%1,%2)"_s.arg(precision).arg(scale);
    if (array)
        text += u"[]"_s;
    return text;
}

namespace {
// Integer width of a kind: serial is an integer with a default, so it references like one.
int integerRank(TypeKind kind)
{
    switch (kind) {
    case TypeKind::SmallInt: return 1;
    case TypeKind::Integer:
    case TypeKind::Serial: return 2;
    case TypeKind::BigInt:
    case TypeKind::BigSerial: return 3;
    default: return 0;
    }
}
} // namespace

bool ColumnType::isCompatibleReference(const ColumnType &target) const
{
    if (array != target.array)
        return false;
    if (isInteger() && target.isInteger())
        return integerRank(kind) == integerRank(target.kind);
    if (isText() && target.isText())
        return true; // lengths may differ; the advisor can point that out
    if (isJson() && target.isJson())
        return kind == target.kind;
    if (kind == TypeKind::Enum || target.kind == TypeKind::Enum)
        return kind == target.kind && enumName == target.enumName;
    if (kind == TypeKind::Custom || target.kind == TypeKind::Custom)
        return kind == target.kind && custom.compare(target.custom, Qt::CaseInsensitive) == 0;
    if (kind == TypeKind::Decimal && target.kind == TypeKind::Decimal)
        return precision == target.precision && scale == target.scale;
    return kind == target.kind;
}

} // namespace quarry::schema
