// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/loginlimiter.h"

#include "mock/problem.h"
#include "mock/ratelimitmiddleware.h"
#include "mock/route.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

bool admitLogin(RateLimitState &state, Exchange &ex, const QString *account)
{
    const LoginLimits &limits = ex.route->loginLimits;
    const RateLimitPolicy &policy = account ? limits.perAccount : limits.perClient;
    if (!policy.enabled)
        return true;
    const QString who = account ? u"account "_s + account->left(100) : u"client "_s + ex.request.clientAddress;
    // The account's bucket is shared by every client: spreading guesses over addresses does not help.
    const QString key = u"login:"_s + ex.route->id + (account ? u"|account:"_s + *account : u"|ip:"_s + ex.request.clientAddress);
    const auto d = state.take(key, policy);
    if (d.allowed)
        return true;
    ex.note(u"rateLimit"_s, u"%1 is over the login limit of %2 attempts per %3 s: 429, retry after %4 s"_s.arg(who)
                                .arg(d.limit).arg(policy.perSeconds).arg(d.retryAfterSeconds));
    Problem p{429, u"Too many login attempts"_s,
              u"%1 may try to log in %2 times per %3 seconds. Wait %4 seconds before trying again."_s
                  .arg(account ? u"This account"_s : u"This client"_s).arg(d.limit).arg(policy.perSeconds)
                  .arg(d.retryAfterSeconds),
              {}, QJsonObject{{u"retryAfter"_s, d.retryAfterSeconds}}};
    ex.response = p.toResponse();
    ex.response.setHeader("Retry-After", QByteArray::number(d.retryAfterSeconds));
    return false;
}

} // namespace quarry::mock
