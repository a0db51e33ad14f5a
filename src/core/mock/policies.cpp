// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/policies.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(MockPolicies)
};

Result<QStringList> stringList(const QJsonObject &o, const QString &key, const QStringList &fallback,
                               const QString &where)
{
    if (!o.contains(key))
        return fallback;
    const QJsonValue v = o.value(key);
    if (v.isString())
        return QStringList{v.toString()};
    if (!v.isArray())
        return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" must be a list of strings.").arg(key), where + u'.' + key};
    QStringList list;
    const QJsonArray a = v.toArray();
    for (const QJsonValue &item : a) {
        if (!item.isString())
            return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" must be a list of strings.").arg(key),
                         where + u'.' + key};
        list.append(item.toString());
    }
    return list;
}

Error rangeError(const QString &key, const QString &range, const QString &where)
{
    return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" must be %2.").arg(key, range), where + u'.' + key};
}

} // namespace

Result<CorsPolicy> CorsPolicy::fromJson(const QJsonObject &o, const QString &where)
{
    CorsPolicy p;
    p.enabled = o.value(u"enabled"_s).toBool(true);
    auto origins = stringList(o, u"origins"_s, p.origins, where);
    if (!origins)
        return origins.error();
    p.origins = origins.value();
    auto methods = stringList(o, u"methods"_s, p.methods, where);
    if (!methods)
        return methods.error();
    p.methods = methods.value();
    auto headers = stringList(o, u"headers"_s, p.headers, where);
    if (!headers)
        return headers.error();
    p.headers = headers.value();
    auto expose = stringList(o, u"exposeHeaders"_s, p.exposeHeaders, where);
    if (!expose)
        return expose.error();
    p.exposeHeaders = expose.value();
    p.credentials = o.value(u"credentials"_s).toBool(false);
    p.maxAgeSeconds = o.value(u"maxAge"_s).toInt(p.maxAgeSeconds);
    if (p.credentials && p.origins.contains(u"*"_s)) {
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Browsers refuse credentials with the origin \"*\": list the allowed origins instead."),
                     where + u".origins"_s};
    }
    return p;
}

QJsonObject CorsPolicy::toJson() const
{
    return {{u"enabled"_s, enabled},
            {u"origins"_s, QJsonArray::fromStringList(origins)},
            {u"methods"_s, QJsonArray::fromStringList(methods)},
            {u"headers"_s, QJsonArray::fromStringList(headers)},
            {u"exposeHeaders"_s, QJsonArray::fromStringList(exposeHeaders)},
            {u"credentials"_s, credentials},
            {u"maxAge"_s, maxAgeSeconds}};
}

Result<RateLimitPolicy> RateLimitPolicy::fromJson(const QJsonObject &o, const QString &where)
{
    RateLimitPolicy p;
    p.enabled = o.value(u"enabled"_s).toBool(true);
    p.requests = o.value(u"requests"_s).toInt(p.requests);
    p.perSeconds = o.value(u"perSeconds"_s).toDouble(p.perSeconds);
    if (p.requests < 1)
        return rangeError(u"requests"_s, Tr::tr("at least 1"), where);
    if (!(p.perSeconds > 0))
        return rangeError(u"perSeconds"_s, Tr::tr("a positive number of seconds"), where);
    const QString key = o.value(u"key"_s).toString(u"client"_s);
    if (key == u"client"_s || key == u"ip"_s)
        p.key = Key::Client;
    else if (key == u"token"_s)
        p.key = Key::Token;
    else
        return rangeError(u"key"_s, Tr::tr("\"client\" or \"token\""), where);
    return p;
}

QJsonObject RateLimitPolicy::toJson() const
{
    return {{u"enabled"_s, enabled}, {u"requests"_s, requests}, {u"perSeconds"_s, perSeconds},
            {u"key"_s, key == Key::Token ? u"token"_s : u"client"_s}};
}

Result<LatencyPolicy> LatencyPolicy::fromJson(const QJsonObject &o, const QString &where)
{
    LatencyPolicy p;
    p.enabled = o.value(u"enabled"_s).toBool(true);
    if (o.contains(u"ms"_s)) {
        p.minMs = p.maxMs = o.value(u"ms"_s).toInt(-1);
    } else {
        p.minMs = o.value(u"minMs"_s).toInt(0);
        p.maxMs = o.value(u"maxMs"_s).toInt(p.minMs);
    }
    if (p.minMs < 0 || p.maxMs < p.minMs || p.maxMs > 600000)
        return rangeError(u"ms"_s, Tr::tr("between 0 and 600000, with minMs <= maxMs"), where);
    return p;
}

QJsonObject LatencyPolicy::toJson() const
{
    if (minMs == maxMs)
        return {{u"enabled"_s, enabled}, {u"ms"_s, minMs}};
    return {{u"enabled"_s, enabled}, {u"minMs"_s, minMs}, {u"maxMs"_s, maxMs}};
}

Result<FaultPolicy> FaultPolicy::fromJson(const QJsonObject &o, const QString &where)
{
    FaultPolicy p;
    p.enabled = o.value(u"enabled"_s).toBool(true);
    p.errorRate = o.value(u"errorRate"_s).toDouble(0);
    p.dropRate = o.value(u"dropRate"_s).toDouble(0);
    p.status = o.value(u"status"_s).toInt(500);
    if (p.errorRate < 0 || p.errorRate > 1)
        return rangeError(u"errorRate"_s, Tr::tr("between 0 and 1"), where);
    if (p.dropRate < 0 || p.dropRate > 1 || p.errorRate + p.dropRate > 1)
        return rangeError(u"dropRate"_s, Tr::tr("between 0 and 1, and errorRate + dropRate at most 1"), where);
    if (p.status < 500 || p.status > 599)
        return rangeError(u"status"_s, Tr::tr("a 5xx status such as 500 or 503"), where);
    return p;
}

QJsonObject FaultPolicy::toJson() const
{
    return {{u"enabled"_s, enabled}, {u"errorRate"_s, errorRate}, {u"status"_s, status}, {u"dropRate"_s, dropRate}};
}

} // namespace quarry::mock
