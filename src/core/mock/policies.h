// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonObject>
#include <QStringList>

// The middleware settings of the `mock` section. Each appears in `mock.server` (every route) and
// may appear in a route (that route only; the route's object replaces the server's entirely,
// `"enabled": false` switches the step off for the route).

namespace quarry::mock {

/// `cors`: {enabled, origins ["*" | "http://host:port" ...], methods [...], headers [...],
///          exposeHeaders [...], credentials bool, maxAge seconds}
struct QUARRY_CORE_EXPORT CorsPolicy {
    bool enabled = true;
    QStringList origins{QStringLiteral("*")};
    QStringList methods{QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("OPTIONS")};
    QStringList headers{QStringLiteral("Content-Type"), QStringLiteral("Authorization"),
                        QStringLiteral("X-Request-Id")};
    QStringList exposeHeaders{QStringLiteral("X-Total-Count"), QStringLiteral("Link"), QStringLiteral("Location"),
                              QStringLiteral("Retry-After"), QStringLiteral("RateLimit-Limit"),
                              QStringLiteral("RateLimit-Remaining"), QStringLiteral("RateLimit-Reset")};
    bool credentials = false;
    int maxAgeSeconds = 600;

    static Result<CorsPolicy> fromJson(const QJsonObject &o, const QString &where);
    QJsonObject toJson() const;
};

/// `rateLimit`: {enabled, requests N, perSeconds S, key "client"|"token"}: a token bucket of N
/// tokens refilled at N/S per second, one bucket per client address (or bearer token, falling
/// back to the address when a request has none).
struct QUARRY_CORE_EXPORT RateLimitPolicy {
    bool enabled = false;
    int requests = 100;
    double perSeconds = 60;
    enum class Key { Client, Token } key = Key::Client;

    static Result<RateLimitPolicy> fromJson(const QJsonObject &o, const QString &where);
    QJsonObject toJson() const;
};

/// `latency`: {enabled, ms} fixed, or {enabled, minMs, maxMs} uniformly random (seeded).
struct QUARRY_CORE_EXPORT LatencyPolicy {
    bool enabled = false;
    int minMs = 0;
    int maxMs = 0;

    static Result<LatencyPolicy> fromJson(const QJsonObject &o, const QString &where);
    QJsonObject toJson() const;
};

/// `faults`: {enabled, errorRate 0..1, status 500|503, dropRate 0..1}: a share of requests gets
/// an error answer, another share a connection closed without an answer.
struct QUARRY_CORE_EXPORT FaultPolicy {
    bool enabled = false;
    double errorRate = 0;
    int status = 500;
    double dropRate = 0;

    static Result<FaultPolicy> fromJson(const QJsonObject &o, const QString &where);
    QJsonObject toJson() const;
};

} // namespace quarry::mock
