// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "openapi/openapisampler.h"

#include "jsonpointer.h"
#include "openapi/openapidocument.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace quarry::openapi {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OpenApiSampler)
};

constexpr int MaxDepth = 24;

QString typeOf(const QJsonObject &schema)
{
    const QJsonValue type = schema.value(u"type"_s);
    if (type.isString())
        return type.toString();
    if (type.isArray()) {
        // 3.1: ["string", "null"] -> the first type that is not null.
        for (const QJsonValue &t : type.toArray()) {
            if (t.toString() != u"null"_s)
                return t.toString();
        }
        return u"null"_s;
    }
    if (schema.contains(u"properties"_s) || schema.contains(u"additionalProperties"_s))
        return u"object"_s;
    if (schema.contains(u"items"_s))
        return u"array"_s;
    return {};
}

QJsonValue stringFor(const QJsonObject &schema)
{
    const QString format = schema.value(u"format"_s).toString();
    if (format == u"date-time"_s)
        return u"2026-01-01T12:00:00Z"_s;
    if (format == u"date"_s)
        return u"2026-01-01"_s;
    if (format == u"time"_s)
        return u"12:00:00Z"_s;
    if (format == u"email"_s)
        return u"user@example.com"_s;
    if (format == u"uuid"_s)
        return u"3fa85f64-5717-4562-b3fc-2c963f66afa6"_s;
    if (format == u"uri"_s || format == u"url"_s)
        return u"https://example.com/"_s;
    if (format == u"hostname"_s)
        return u"example.com"_s;
    if (format == u"ipv4"_s)
        return u"192.0.2.1"_s;
    if (format == u"ipv6"_s)
        return u"2001:db8::1"_s;
    if (format == u"byte"_s)
        return u"c3RyaW5n"_s;
    const int minLength = schema.value(u"minLength"_s).toInt(0);
    QString s = u"string"_s;
    while (s.size() < minLength)
        s += s;
    return s;
}

QJsonValue numberFor(const QJsonObject &schema, bool integer)
{
    double v = 0;
    if (schema.contains(u"minimum"_s))
        v = schema.value(u"minimum"_s).toDouble();
    else if (schema.value(u"exclusiveMinimum"_s).isDouble())
        v = schema.value(u"exclusiveMinimum"_s).toDouble() + 1;
    else if (schema.contains(u"maximum"_s) && schema.value(u"maximum"_s).toDouble() < 0)
        v = schema.value(u"maximum"_s).toDouble();
    if (integer)
        return QJsonValue(qint64(std::ceil(v)));
    return v;
}

} // namespace

OpenApiSampler::OpenApiSampler(const OpenApiDocument &document) : m_document(document) {}

void OpenApiSampler::warn(const QString &message)
{
    if (!m_warnings.contains(message))
        m_warnings.append(message);
}

QJsonValue OpenApiSampler::sample(const QJsonValue &schema, const QString &pointer, bool forRequest)
{
    m_forRequest = forRequest;
    m_refStack.clear();
    return sampleAt(schema, pointer, 0);
}

QJsonValue OpenApiSampler::sampleAt(const QJsonValue &value, const QString &pointer, int depth)
{
    if (value.isBool())   // 3.1: `true` accepts anything, `false` nothing
        return value.toBool() ? QJsonValue(u"string"_s) : QJsonValue(QJsonValue::Null);
    if (!value.isObject() || depth > MaxDepth)
        return QJsonValue(QJsonValue::Null);
    QJsonObject schema = value.toObject();
    if (schema.contains(u"$ref"_s)) {
        const QString ref = schema.value(u"$ref"_s).toString();
        if (m_refStack.contains(ref))
            return QJsonValue(QJsonValue::Null);   // a cycle: stop here
        auto target = m_document.resolve(ref);
        if (!target) {
            warn(target.error().message);
            return QJsonValue(QJsonValue::Null);
        }
        m_refStack.append(ref);
        // 3.1 allows siblings of $ref; they describe the same value, so they override.
        QJsonObject merged = target.value().toObject();
        for (auto it = schema.begin(); it != schema.end(); ++it) {
            if (it.key() != u"$ref"_s)
                merged.insert(it.key(), it.value());
        }
        const QJsonValue result = sampleAt(merged, ref.mid(1), depth + 1);
        m_refStack.removeLast();
        return result;
    }
    if (schema.contains(u"example"_s))
        return schema.value(u"example"_s);
    if (schema.value(u"examples"_s).isArray() && !schema.value(u"examples"_s).toArray().isEmpty())
        return schema.value(u"examples"_s).toArray().first();
    if (schema.contains(u"default"_s))
        return schema.value(u"default"_s);
    if (schema.contains(u"const"_s))
        return schema.value(u"const"_s);
    if (schema.value(u"enum"_s).isArray() && !schema.value(u"enum"_s).toArray().isEmpty())
        return schema.value(u"enum"_s).toArray().first();

    if (schema.value(u"allOf"_s).isArray()) {
        QJsonObject combined;
        QJsonValue last;
        const QJsonArray parts = schema.value(u"allOf"_s).toArray();
        for (qsizetype i = 0; i < parts.size(); ++i) {
            last = sampleAt(parts.at(i), pointer + u"/allOf/"_s + QString::number(i), depth + 1);
            if (last.isObject()) {
                const QJsonObject o = last.toObject();
                for (auto it = o.begin(); it != o.end(); ++it)
                    combined.insert(it.key(), it.value());
            }
        }
        QJsonObject rest = schema;
        rest.remove(u"allOf"_s);
        if (!typeOf(rest).isEmpty()) {
            const QJsonValue own = sampleAt(rest, pointer, depth + 1);
            if (own.isObject()) {
                const QJsonObject o = own.toObject();
                for (auto it = o.begin(); it != o.end(); ++it)
                    combined.insert(it.key(), it.value());
            } else if (combined.isEmpty()) {
                return own;
            }
        }
        return combined.isEmpty() && !last.isObject() ? last : QJsonValue(combined);
    }
    for (const auto &key : {u"oneOf"_s, u"anyOf"_s}) {
        const QJsonArray choices = schema.value(key).toArray();
        if (!choices.isEmpty()) {
            // The first choice that does not end in a cycle.
            for (qsizetype i = 0; i < choices.size(); ++i) {
                const QJsonValue v = sampleAt(choices.at(i), pointer + u'/' + key + u'/' + QString::number(i), depth + 1);
                if (!v.isNull())
                    return v;
            }
            return QJsonValue(QJsonValue::Null);
        }
    }

    const QString type = typeOf(schema);
    if (type == u"object"_s) {
        QJsonObject o;
        const QJsonObject properties = schema.value(u"properties"_s).toObject();
        const QString at = pointer + u"/properties"_s;
        for (const QString &name : m_document.keys(properties, at)) {
            const QJsonValue property = properties.value(name);
            auto resolved = m_document.dereference(property);
            const QJsonObject p = resolved ? resolved.value() : QJsonObject();
            if (p.value(m_forRequest ? u"readOnly"_s : u"writeOnly"_s).toBool())
                continue;
            o.insert(name, sampleAt(property, at + u'/' + JsonPointer::escape(name), depth + 1));
        }
        return o;
    }
    if (type == u"array"_s) {
        QJsonArray a;
        const QJsonValue items = schema.value(u"items"_s);
        if (items.isObject() && items.toObject().contains(u"$ref"_s)
            && m_refStack.contains(items.toObject().value(u"$ref"_s).toString()))
            return a;   // a recursive list: empty ends the cycle
        const int count = std::max(1, std::min(schema.value(u"minItems"_s).toInt(1), 3));
        for (int i = 0; i < count; ++i)
            a.append(sampleAt(items, pointer + u"/items"_s, depth + 1));
        return a;
    }
    if (type == u"string"_s)
        return stringFor(schema);
    if (type == u"integer"_s)
        return numberFor(schema, true);
    if (type == u"number"_s)
        return numberFor(schema, false);
    if (type == u"boolean"_s)
        return true;
    return QJsonValue(QJsonValue::Null);
}

} // namespace quarry::openapi
