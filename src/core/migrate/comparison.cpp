// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrate/comparison.h"

#include "schema/dialect.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::migrate::comparison {

using schema::ColumnType;
using schema::TypeKind;

QString expressionKey(const QString &expression)
{
    // PostgreSQL deparses with casts ('a'::text, (0)::numeric, ARRAY[...]::text[]) and parentheses.
    static const QRegularExpression casts(u"::\\s*(\"[^\"]+\"|[a-z_][a-z0-9_]*(\\s+(varying|precision|without time zone|with time zone))?)(\\s*\\([0-9, ]*\\))?(\\[\\])*"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    QString text = expression;
    text.replace(casts, QString());
    text = text.toLower();
    QString key;
    key.reserve(text.size());
    bool inString = false;
    for (const QChar c : std::as_const(text)) {
        if (c == u'\'')
            inString = !inString;
        if (!inString && (c.isSpace() || c == u'(' || c == u')' || c == u'"' || c == u'`'))
            continue;
        key += c;
    }
    return key;
}

QString defaultKey(const schema::ColumnDefault &value)
{
    switch (value.kind) {
    case schema::ColumnDefault::Kind::None:
        return {};
    case schema::ColumnDefault::Kind::Expression: {
        const QString key = expressionKey(value.expression);
        return key == u"null"_s ? QString() : key;
    }
    case schema::ColumnDefault::Kind::Literal:
        if (value.literal.isBool())
            return value.literal.toBool() ? u"true"_s : u"false"_s;
        if (value.literal.isDouble())
            return QString::number(value.literal.toDouble(), 'g', 17);
        if (value.literal.isString())
            return u"'"_s + QString(value.literal.toString()).replace(u"'"_s, u"''"_s) + u"'"_s;
        return {};
    }
    return {};
}

ColumnType storedType(ColumnType type)
{
    if (type.kind == TypeKind::Serial)
        type.kind = TypeKind::Integer;
    else if (type.kind == TypeKind::BigSerial)
        type.kind = TypeKind::BigInt;
    return type;
}

QString typeKey(const ColumnType &type, const schema::Dialect *dialect)
{
    const ColumnType t = storedType(type);
    if (t.kind == TypeKind::Custom)
        return t.custom.simplified().toLower() + (t.array ? u"[]"_s : QString());
    return (dialect ? dialect->typeName(t) : t.displayName()).simplified().toLower();
}

QString renameIdentifiers(QString expression, const QHash<QString, QString> &renamed)
{
    for (auto it = renamed.cbegin(); it != renamed.cend(); ++it) {
        if (it.key() == it.value())
            continue;
        const QRegularExpression word(u"(?<![A-Za-z0-9_])\"?"_s + QRegularExpression::escape(it.key())
                                      + u"\"?(?![A-Za-z0-9_])"_s);
        expression.replace(word, it.value());
    }
    return expression;
}

namespace {
int integerRank(TypeKind kind)
{
    switch (kind) {
    case TypeKind::SmallInt: return 1;
    case TypeKind::Integer: case TypeKind::Serial: return 2;
    case TypeKind::BigInt: case TypeKind::BigSerial: return 3;
    default: return 0;
    }
}
} // namespace

bool isWidening(const ColumnType &type, const ColumnType &target)
{
    if (type.array != target.array)
        return false;
    if (const int a = integerRank(type.kind), b = integerRank(target.kind); a && b)
        return a <= b;
    if (integerRank(type.kind) && (target.kind == TypeKind::Decimal && target.precision == 0))
        return true;
    if (type.isText() && target.kind == TypeKind::Text)
        return true;
    if (type.kind == TypeKind::Varchar && target.kind == TypeKind::Varchar)
        return target.length == 0 || (type.length > 0 && type.length <= target.length);
    if (type.kind == TypeKind::Char && target.kind == TypeKind::Varchar)
        return target.length == 0 || type.length <= target.length;
    if (type.kind == TypeKind::Real && target.kind == TypeKind::Double)
        return true;
    if (type.kind == TypeKind::Decimal && target.kind == TypeKind::Decimal)
        return target.precision == 0
            || (type.precision > 0 && type.precision - type.scale <= target.precision - target.scale && type.scale <= target.scale);
    if (type.kind == TypeKind::Timestamp && target.kind == TypeKind::TimestampTz)
        return false; // reinterpreted in the session's time zone: not a plain widening
    if (type.kind == TypeKind::Json && target.kind == TypeKind::Jsonb)
        return true;
    return false;
}

} // namespace quarry::migrate::comparison
