// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/corsmiddleware.h"

#include "mock/problem.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

bool containsCi(const QStringList &list, const QString &value)
{
    for (const QString &s : list) {
        if (s.compare(value, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

bool CorsMiddleware::before(Exchange &ex)
{
    const CorsPolicy &policy = (ex.policyRoute && ex.policyRoute->cors) ? *ex.policyRoute->cors : m_server;
    if (!policy.enabled)
        return true;
    const QByteArray originRaw = ex.request.header("origin");
    if (originRaw.isNull())
        return true;   // not a cross-origin request: nothing to decide
    const QString origin = QString::fromUtf8(originRaw);
    const bool wildcard = policy.origins.contains(u"*"_s);
    const bool allowed = wildcard || containsCi(policy.origins, origin);
    const bool preflight = ex.request.method == "OPTIONS" && ex.request.hasHeader("access-control-request-method");
    const QByteArray allowOrigin = (wildcard && !policy.credentials) ? QByteArray("*") : originRaw;

    if (!allowed) {
        const QString why = u"origin %1 is not in the allowed origins (%2): no CORS headers, so a browser "
                            u"will block the response"_s.arg(origin, policy.origins.join(u", "_s));
        ex.note(name(), why);
        if (preflight) {
            Problem p{403, u"Origin not allowed"_s,
                      u"This API does not accept cross-origin requests from %1. Allowed origins: %2."_s.arg(
                          origin, policy.origins.join(u", "_s)),
                      {}, {}};
            ex.response = p.toResponse();
            return false;
        }
        return true;
    }

    if (preflight) {
        const QString method = QString::fromLatin1(ex.request.header("access-control-request-method")).trimmed();
        if (!containsCi(policy.methods, method)) {
            ex.note(name(), u"preflight from %1 refused: method %2 is not allowed (%3)"_s.arg(
                                origin, method, policy.methods.join(u", "_s)));
            ex.response = Problem{403, u"Method not allowed by CORS"_s,
                                  u"Cross-origin %1 requests are not allowed here. Allowed methods: %2."_s.arg(
                                      method, policy.methods.join(u", "_s)),
                                  {}, {}}
                              .toResponse();
            return false;
        }
        const QStringList requested = QString::fromLatin1(ex.request.header("access-control-request-headers"))
                                          .split(u',', Qt::SkipEmptyParts);
        QStringList refused;
        for (const QString &h : requested) {
            if (!containsCi(policy.headers, h.trimmed()) && !policy.headers.contains(u"*"_s))
                refused.append(h.trimmed());
        }
        if (!refused.isEmpty()) {
            ex.note(name(), u"preflight from %1 refused: headers %2 are not allowed (%3)"_s.arg(
                                origin, refused.join(u", "_s), policy.headers.join(u", "_s)));
            ex.response = Problem{403, u"Header not allowed by CORS"_s,
                                  u"Cross-origin requests may not send %1. Allowed headers: %2."_s.arg(
                                      refused.join(u", "_s), policy.headers.join(u", "_s)),
                                  {}, {}}
                              .toResponse();
            return false;
        }
        Response r;
        r.status = 204;
        r.setHeader("Access-Control-Allow-Origin", allowOrigin);
        r.setHeader("Access-Control-Allow-Methods", policy.methods.join(u", "_s).toLatin1());
        if (!policy.headers.isEmpty())
            r.setHeader("Access-Control-Allow-Headers", policy.headers.join(u", "_s).toLatin1());
        r.setHeader("Access-Control-Max-Age", QByteArray::number(policy.maxAgeSeconds));
        if (policy.credentials)
            r.setHeader("Access-Control-Allow-Credentials", "true");
        if (allowOrigin != "*")
            r.setHeader("Vary", "Origin");
        ex.response = r;
        ex.note(name(), u"preflight from %1 for %2 allowed (max-age %3 s)"_s.arg(origin, method).arg(policy.maxAgeSeconds));
        return false;
    }

    ex.extraHeaders.append({QByteArray("Access-Control-Allow-Origin"), allowOrigin});
    if (policy.credentials)
        ex.extraHeaders.append({QByteArray("Access-Control-Allow-Credentials"), QByteArray("true")});
    if (!policy.exposeHeaders.isEmpty())
        ex.extraHeaders.append({QByteArray("Access-Control-Expose-Headers"), policy.exposeHeaders.join(u", "_s).toLatin1()});
    if (allowOrigin != "*")
        ex.extraHeaders.append({QByteArray("Vary"), QByteArray("Origin")});
    ex.note(name(), u"origin %1 allowed"_s.arg(origin));
    return true;
}

} // namespace quarry::mock
