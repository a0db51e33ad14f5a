// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/request.h"
#include "quarry_core_export.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

namespace quarry::mock {

/// One step of a request's lifecycle: which step ("cors", "auth", "rateLimit", "rule", "handler",
/// "sql", "engine"...), what it decided and how long it took (microseconds, -1 if not measured).
struct QUARRY_CORE_EXPORT LifecycleStep {
    QString step;
    QString message;
    qint64 micros = -1;
};

/// A finished request as the request log keeps it. Bodies are truncated to BodyLimit bytes.
struct QUARRY_CORE_EXPORT LogEntry {
    static constexpr qsizetype BodyLimit = 4096;

    quint64 id = 0;                  ///< increasing per server
    QDateTime time;                  ///< when the request arrived (UTC)
    QString method;
    QString target;                  ///< path and query as sent
    QString path;
    int status = 0;                  ///< 0: the connection was dropped without an answer
    qint64 durationMicros = 0;       ///< handling time, plus any configured latency
    QString routeId;                 ///< empty when no route matched
    QString routeLabel;              ///< "GET /api/users/:id"
    QString client;                  ///< "127.0.0.1:53422"
    QList<HeaderField> requestHeaders;
    QByteArray requestBody;
    QList<HeaderField> responseHeaders;
    QByteArray responseBody;
    qint64 responseBytes = 0;        ///< the full size before truncation
    QList<LifecycleStep> steps;
    /// Set for a message of the server itself, which is no request: what a design change did (or
    /// could not do) to a served database. Such an entry has only an id, a time and this text.
    QString notice;

    /// The `--log json` form: {time, method, path, status, durationMs, route, client, steps: [...], ...}.
    QJsonObject toJson(bool withBodies = true) const;
};

} // namespace quarry::mock

Q_DECLARE_METATYPE(quarry::mock::LogEntry)
