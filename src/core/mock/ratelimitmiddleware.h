// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/middleware.h"
#include "mock/policies.h"

#include <QHash>

#include <chrono>
#include <memory>
#include <mutex>

namespace quarry::mock {

/// The token buckets, kept by the server across route edits. Thread-safe.
class QUARRY_CORE_EXPORT RateLimitState
{
public:
    struct Decision {
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        int resetSeconds = 0;    ///< until the bucket is full again
        int retryAfterSeconds = 0;
    };
    using Clock = std::chrono::steady_clock;
    Decision take(const QString &bucketKey, const RateLimitPolicy &policy, Clock::time_point now = Clock::now());
    void clear();

private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated;
    };
    std::mutex m_mutex;
    QHash<QString, Bucket> m_buckets;
};

/// Token-bucket rate limiting per client address or bearer token: 429 problem with Retry-After
/// and RateLimit-Limit/-Remaining/-Reset; allowed answers carry the RateLimit-* headers too.
class QUARRY_CORE_EXPORT RateLimitMiddleware : public Middleware
{
public:
    RateLimitMiddleware(RateLimitPolicy serverPolicy, std::shared_ptr<RateLimitState> state)
        : m_server(std::move(serverPolicy)), m_state(std::move(state)) {}
    QString name() const override { return QStringLiteral("rateLimit"); }
    bool before(Exchange &exchange) override;

private:
    RateLimitPolicy m_server;
    std::shared_ptr<RateLimitState> m_state;
};

} // namespace quarry::mock
