// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/ratelimitmiddleware.h"

#include "mock/problem.h"

#include <QCryptographicHash>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

RateLimitState::Decision RateLimitState::take(const QString &key, const RateLimitPolicy &policy, Clock::time_point now)
{
    const double capacity = policy.requests;
    const double rate = policy.requests / policy.perSeconds;   // tokens per second
    std::lock_guard lock(m_mutex);
    if (m_buckets.size() > 50000) {
        // Forget clients whose bucket has refilled: they are indistinguishable from new ones.
        m_buckets.removeIf([&](const auto &it) {
            return it.value().tokens + std::chrono::duration<double>(now - it.value().updated).count() * rate >= capacity;
        });
    }
    auto it = m_buckets.find(key);
    if (it == m_buckets.end())
        it = m_buckets.insert(key, Bucket{capacity, now});
    Bucket &b = it.value();
    b.tokens = std::min(capacity, b.tokens + std::chrono::duration<double>(now - b.updated).count() * rate);
    b.updated = now;
    Decision d;
    d.limit = policy.requests;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        d.allowed = true;
    } else {
        d.allowed = false;
        d.retryAfterSeconds = std::max(1, int(std::ceil((1.0 - b.tokens) / rate)));
    }
    d.remaining = int(std::floor(b.tokens));
    d.resetSeconds = int(std::ceil((capacity - b.tokens) / rate));
    return d;
}

void RateLimitState::clear()
{
    std::lock_guard lock(m_mutex);
    m_buckets.clear();
}

bool RateLimitMiddleware::before(Exchange &ex)
{
    const RateLimitPolicy &policy =
        (ex.policyRoute && ex.policyRoute->rateLimit) ? *ex.policyRoute->rateLimit : m_server;
    if (!policy.enabled)
        return true;
    const QString scope = (ex.policyRoute && ex.policyRoute->rateLimit) ? u"route:"_s + ex.policyRoute->id : u"server"_s;
    QString who = u"client "_s + ex.request.clientAddress;
    QString key = scope + u"|ip:"_s + ex.request.clientAddress;
    if (policy.key == RateLimitPolicy::Key::Token) {
        const QByteArray auth = ex.request.header("authorization");
        if (auth.startsWith("Bearer ") || auth.startsWith("bearer ")) {
            const QByteArray digest = QCryptographicHash::hash(auth.mid(7).trimmed(), QCryptographicHash::Sha256).toHex().left(16);
            key = scope + u"|token:"_s + QString::fromLatin1(digest);
            who = u"token "_s + QString::fromLatin1(digest.left(8)) + u"…"_s;
        }
    }
    const auto d = m_state->take(key, policy);
    ex.extraHeaders.append({QByteArray("RateLimit-Limit"), QByteArray::number(d.limit)});
    ex.extraHeaders.append({QByteArray("RateLimit-Remaining"), QByteArray::number(d.remaining)});
    ex.extraHeaders.append({QByteArray("RateLimit-Reset"), QByteArray::number(d.resetSeconds)});
    if (d.allowed) {
        ex.note(name(), u"%1: %2 of %3 requests left (refill %3 per %4 s)"_s.arg(who).arg(d.remaining).arg(d.limit)
                            .arg(policy.perSeconds));
        return true;
    }
    ex.note(name(), u"%1 is over the limit of %2 requests per %3 s: 429, retry after %4 s"_s.arg(who).arg(d.limit)
                        .arg(policy.perSeconds).arg(d.retryAfterSeconds));
    Problem p{429, u"Too many requests"_s,
              u"This client may send %1 requests per %2 seconds. Wait %3 seconds before trying again."_s.arg(d.limit)
                  .arg(policy.perSeconds).arg(d.retryAfterSeconds),
              {}, QJsonObject{{u"retryAfter"_s, d.retryAfterSeconds}}};
    ex.response = p.toResponse();
    ex.response.setHeader("Retry-After", QByteArray::number(d.retryAfterSeconds));
    return false;
}

} // namespace quarry::mock
