// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/authmiddleware.h"

#include "auth/authgate.h"
#include "mock/problem.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

QString titleFor(const auth::BearerOutcome &o)
{
    using S = auth::BearerOutcome::Status;
    switch (o.status) {
    case S::Missing: return u"Authentication required"_s;
    case S::InvalidRequest: return u"Malformed Authorization header"_s;
    case S::InvalidToken: return u"Invalid token"_s;
    case S::Expired: return u"Token expired"_s;
    case S::InsufficientScope: return u"Missing role"_s;
    case S::Misconfigured: return u"Authentication misconfigured"_s;
    case S::Ok: break;
    }
    return u"Unauthorized"_s;
}

} // namespace

AuthMiddleware::AuthMiddleware(std::shared_ptr<const auth::AuthGate> gate) : m_gate(std::move(gate)) {}

AuthMiddleware::~AuthMiddleware() = default;

bool AuthMiddleware::before(Exchange &ex)
{
    if (!ex.route) {
        if (ex.request.path == u"/.well-known/jwks.json"_s && (ex.request.method == "GET" || ex.request.method == "HEAD")) {
            const auth::EndpointResponse jwks = m_gate->jwksResponse();
            ex.response = Response{};
            ex.response.status = jwks.status;
            for (const auto &h : jwks.headers)
                ex.response.setHeader(h.first, h.second);
            ex.response.body = jwks.body;
            ex.note(name(), jwks.note.isEmpty() ? u"JWKS of the workspace's asymmetric profiles"_s : jwks.note);
            return false;
        }
        return true;
    }
    if (ex.route->auth.isEmpty())
        return true;
    const auth::AuthGate::Decision d = m_gate->check(ex.route->auth, ex.request.header("authorization"));
    ex.note(name(), d.logLine);
    if (d.outcome.ok()) {
        if (!d.outcome.jwt.claims().isEmpty())
            ex.claims = d.outcome.jwt.claims();
        return true;
    }
    QJsonObject extra{{u"error"_s, d.outcome.statusName()}};
    if (!d.outcome.where.isEmpty())
        extra.insert(u"where"_s, d.outcome.where);
    if (!d.outcome.profileId.isEmpty())
        extra.insert(u"profile"_s, d.outcome.profileId);
    ex.response = Problem{d.outcome.httpStatus, titleFor(d.outcome), d.outcome.description, {}, extra}.toResponse();
    if (!d.outcome.wwwAuthenticate.isEmpty())
        ex.response.setHeader("WWW-Authenticate", d.outcome.wwwAuthenticate);
    return false;
}

} // namespace quarry::mock
