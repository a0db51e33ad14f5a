// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/crudvalues.h"

#include "mock/conditionalrequest.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

QString affinityName(ColumnInfo::Affinity a)
{
    switch (a) {
    case ColumnInfo::Affinity::Integer: return u"an integer"_s;
    case ColumnInfo::Affinity::Real:
    case ColumnInfo::Affinity::Numeric: return u"a number"_s;
    case ColumnInfo::Affinity::Text: return u"a string"_s;
    case ColumnInfo::Affinity::Blob: return u"a base64 string"_s;
    case ColumnInfo::Affinity::Boolean: return u"true or false"_s;
    }
    return {};
}

QString jsonTypeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Bool: return u"a boolean"_s;
    case QJsonValue::Double: return u"a number"_s;
    case QJsonValue::String: return u"a string"_s;
    case QJsonValue::Array: return u"an array"_s;
    case QJsonValue::Object: return u"an object"_s;
    default: return u"null"_s;
    }
}

} // namespace

/// A JSON value for a column, or an error message; `nullRefused` tells a NULL for a NOT NULL
/// column (a rule) from a value of the wrong type.
std::optional<QVariant> CrudValues::fromJson(const ColumnInfo &c, const QJsonValue &v, QString *error, bool *nullRefused)
{
    *nullRefused = false;
    if (v.isNull()) {
        if (c.notNull) {
            *error = u"\"%1\" may not be null."_s.arg(c.name);
            *nullRefused = true;
            return std::nullopt;
        }
        return QVariant();
    }
    if ((v.isObject() || v.isArray()) && c.json)
        return QVariant(QString::fromUtf8(v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                                       : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)));
    switch (c.affinity) {
    case ColumnInfo::Affinity::Integer:
        if (v.isBool())
            return QVariant(qint64(v.toBool() ? 1 : 0));
        if (v.isDouble()) {
            // Exact for every 64-bit integer (9223372036854775807 too): JSON keeps integers as
            // integers; a fraction or a value beyond 64 bits is not one.
            constexpr qint64 none = std::numeric_limits<qint64>::min();
            const qint64 i = v.toInteger(none);
            if (i != none || v.toDouble() == double(none))
                return QVariant(i);
        }
        break;
    case ColumnInfo::Affinity::Real:
    case ColumnInfo::Affinity::Numeric:
        if (v.isDouble())
            return QVariant(v.toDouble());
        break;
    case ColumnInfo::Affinity::Text:
        if (v.isString())
            return QVariant(v.toString());
        break;
    case ColumnInfo::Affinity::Blob:
        if (v.isString())
            return QVariant(QByteArray::fromBase64(v.toString().toLatin1()));
        break;
    case ColumnInfo::Affinity::Boolean:
        if (v.isBool())
            return QVariant(v.toBool());
        if (v.isDouble() && (v.toDouble() == 0 || v.toDouble() == 1))
            return QVariant(v.toDouble() == 1);
        break;
    }
    *error = u"\"%1\" must be %2 (column type %3), not %4."_s.arg(c.name, affinityName(c.affinity),
                                                                  c.declaredType.isEmpty() ? u"any"_s : c.declaredType,
                                                                  jsonTypeName(v));
    return std::nullopt;
}

/// A query-string value for a column, or an error message.
std::optional<QVariant> CrudValues::fromText(const ColumnInfo &c, const QString &text, QString *error)
{
    bool ok = true;
    switch (c.affinity) {
    case ColumnInfo::Affinity::Integer: {
        const qint64 i = text.toLongLong(&ok);
        if (ok)
            return QVariant(i);
        if (text == u"true"_s || text == u"false"_s)
            return QVariant(qint64(text == u"true"_s));
        break;
    }
    case ColumnInfo::Affinity::Real:
    case ColumnInfo::Affinity::Numeric: {
        const double d = text.toDouble(&ok);
        if (ok)
            return QVariant(d);
        break;
    }
    case ColumnInfo::Affinity::Boolean:
        if (text == u"true"_s || text == u"false"_s || text == u"1"_s || text == u"0"_s)
            return QVariant(text == u"true"_s || text == u"1"_s);
        break;
    default:
        return QVariant(text);
    }
    *error = u"\"%1\" is %2 column; \"%3\" is not one."_s.arg(c.name, affinityName(c.affinity), text);
    return std::nullopt;
}

const ColumnInfo *CrudValues::updatedAtColumn(const TableInfo &table)
{
    for (const ColumnInfo &c : table.columns) {
        QString name = c.name.toLower();
        name.remove(u'_');
        if ((name == u"updatedat"_s || name == u"modifiedat"_s || name == u"lastmodified"_s)
            && (c.affinity == ColumnInfo::Affinity::Text || c.affinity == ColumnInfo::Affinity::Integer) && !c.json)
            return &c;
    }
    return nullptr;
}

QVariant CrudValues::now(const ColumnInfo &updatedAt)
{
    const QDateTime t = QDateTime::currentDateTimeUtc();
    if (updatedAt.affinity == ColumnInfo::Affinity::Integer)
        return QVariant(t.toSecsSinceEpoch());
    return QVariant(t.toString(u"yyyy-MM-dd HH:mm:ss"_s));
}

std::optional<QDateTime> CrudValues::lastModified(const QJsonObject &row, const ColumnInfo *updatedAt)
{
    if (!updatedAt)
        return std::nullopt;
    return ConditionalRequest::parseStoredTime(row.value(updatedAt->name));
}

} // namespace quarry::mock
