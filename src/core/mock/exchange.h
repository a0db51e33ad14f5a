// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/logentry.h"
#include "mock/request.h"
#include "mock/response.h"
#include "mock/route.h"
#include "quarry_core_export.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>

#include <optional>

namespace quarry::mock {

struct ApiVersion;

/// One request on its way through the middleware chain and the handler. Lives on one network
/// thread for the duration of the request; steps must not keep pointers to it.
struct QUARRY_CORE_EXPORT Exchange {
    explicit Exchange(Request &r) : request(r) {}

    Request &request;
    Response response;
    const Route *route = nullptr;          ///< the matched route, or null (404/405 follow)
    /// The route whose settings apply: the matched route, else the first whose path matches
    /// whatever its method (a CORS preflight), else null (server settings apply).
    const Route *policyRoute = nullptr;
    bool resourceItem = false;             ///< a resource route matched in its item form (path/:id)
    QHash<QString, QString> params;        ///< path parameters (":id" -> "id"), "*" for a wildcard
    /// The API version the request asked for (ApiVersioning), and the path routes are matched
    /// with (the request's, without a version prefix); null: versioning is off.
    const ApiVersion *version = nullptr;
    QString routePath;
    QStringList allowedMethods;            ///< when the path matched but the method did not
    /// Verified token claims, set by an auth step; templates see them as {{jwt.*}}.
    QJsonObject claims;
    QList<LifecycleStep> steps;
    /// Headers a step wants on the final response whoever answers (CORS, RateLimit-*).
    QList<HeaderField> extraHeaders;
    /// Delay before the answer is written (latency step); the engine waits on a timer.
    int delayMs = 0;
    /// Validators the handler knows of its answer (a static body's tag computed once, a row's
    /// updated-at column); the conditional step computes the ETag of the body when `etag` is empty.
    QByteArray etag;
    std::optional<QDateTime> lastModified;

    void note(const QString &step, const QString &message, qint64 micros = -1)
    {
        steps.append({step, message, micros});
    }
};

} // namespace quarry::mock
