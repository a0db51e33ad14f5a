// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/requesthistory.h"

#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

QJsonObject HistoryEntry::toJson() const
{
    QJsonObject o{{u"at"_s, at.toString(Qt::ISODateWithMs)}, {u"requestId"_s, requestId}, {u"name"_s, name},
                  {u"method"_s, method}, {u"url"_s, url}, {u"status"_s, status}, {u"timeMs"_s, timeMs},
                  {u"size"_s, size}, {u"passed"_s, passed}};
    if (!environment.isEmpty())
        o.insert(u"environment"_s, environment);
    if (!error.isEmpty())
        o.insert(u"error"_s, error);
    if (!authProfile.isEmpty())
        o.insert(u"authProfile"_s, authProfile);
    return o;
}

HistoryEntry HistoryEntry::fromJson(const QJsonObject &o)
{
    HistoryEntry e;
    e.at = QDateTime::fromString(o.value(u"at"_s).toString(), Qt::ISODateWithMs);
    e.requestId = o.value(u"requestId"_s).toString();
    e.name = o.value(u"name"_s).toString();
    e.method = o.value(u"method"_s).toString();
    e.url = o.value(u"url"_s).toString();
    e.environment = o.value(u"environment"_s).toString();
    e.status = o.value(u"status"_s).toInt();
    e.error = o.value(u"error"_s).toString();
    e.timeMs = o.value(u"timeMs"_s).toDouble();
    e.size = o.value(u"size"_s).toInteger();
    e.passed = o.value(u"passed"_s).toBool();
    e.authProfile = o.value(u"authProfile"_s).toString();
    return e;
}

HistoryEntry HistoryEntry::fromExchange(const Exchange &x, const QString &environment, const QString &maskedQueryParam)
{
    HistoryEntry e;
    e.at = QDateTime::currentDateTimeUtc();
    e.requestId = x.requestId;
    e.name = x.requestName;
    e.method = QString::fromLatin1(x.request.method);
    QUrl url = x.request.url;
    if (!maskedQueryParam.isEmpty() && url.hasQuery()) {
        QUrlQuery query(url);
        if (query.hasQueryItem(maskedQueryParam)) {
            query.removeAllQueryItems(maskedQueryParam);
            query.addQueryItem(maskedQueryParam, u"***"_s);
            url.setQuery(query);
        }
    }
    e.url = url.toDisplayString();
    e.environment = environment;
    if (x.response) {
        e.status = x.response->status;
        e.timeMs = x.response->timings.total;
        e.size = x.response->size();
    }
    if (x.error)
        e.error = x.error->message;
    e.passed = x.passed();
    e.authProfile = x.auth.profileName;
    return e;
}

void RequestHistory::add(const HistoryEntry &entry)
{
    m_entries.prepend(entry);
    while (m_entries.size() > m_capacity)
        m_entries.removeLast();
}

QList<HistoryEntry> RequestHistory::forRequest(const QString &requestId) const
{
    QList<HistoryEntry> out;
    for (const HistoryEntry &e : m_entries) {
        if (e.requestId == requestId)
            out.append(e);
    }
    return out;
}

QJsonArray RequestHistory::toJson() const
{
    QJsonArray out;
    for (const HistoryEntry &e : m_entries)
        out.append(e.toJson());
    return out;
}

RequestHistory RequestHistory::fromJson(const QJsonArray &array, int capacity)
{
    RequestHistory h(capacity);
    for (const QJsonValue &v : array) {
        if (h.m_entries.size() >= capacity)
            break;
        h.m_entries.append(HistoryEntry::fromJson(v.toObject()));
    }
    return h;
}

} // namespace quarry::http
