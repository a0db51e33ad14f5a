// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/exchange.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QString>

namespace quarry::http {

/// One sent request as the history list shows it: no bodies and no headers, so nothing secret
/// (an auth token sent in the query is masked in `url`).
struct QUARRY_CORE_EXPORT HistoryEntry {
    QDateTime at;
    QString requestId;
    QString name;
    QString method;
    QString url;
    QString environment;
    int status = 0;           ///< 0: no response
    QString error;
    double timeMs = 0;
    qint64 size = 0;
    bool passed = false;
    QString authProfile;

    QJsonObject toJson() const;
    static HistoryEntry fromJson(const QJsonObject &object);
    static HistoryEntry fromExchange(const Exchange &exchange, const QString &environment, const QString &maskedQueryParam = {});
};

/// The most recent sends, newest first, capped. Stored as a JSON array
/// `[{at, requestId, name, method, url, environment?, status, error?, timeMs, size, passed, authProfile?}]`.
/// Not thread-safe: owned by the GUI thread.
class QUARRY_CORE_EXPORT RequestHistory
{
public:
    explicit RequestHistory(int capacity = 200) : m_capacity(capacity) {}

    void add(const HistoryEntry &entry);
    const QList<HistoryEntry> &entries() const { return m_entries; }
    /// The entries of one request, newest first.
    QList<HistoryEntry> forRequest(const QString &requestId) const;
    void clear() { m_entries.clear(); }
    int capacity() const { return m_capacity; }

    QJsonArray toJson() const;
    static RequestHistory fromJson(const QJsonArray &array, int capacity = 200);

private:
    int m_capacity;
    QList<HistoryEntry> m_entries;
};

} // namespace quarry::http
