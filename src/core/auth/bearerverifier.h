// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/authprofile.h"
#include "auth/jwt.h"
#include "auth/jwtverifier.h"

#include <QByteArray>
#include <QStringList>

namespace quarry::auth {

/// The outcome of checking a request's `Authorization` header, ready to become an HTTP answer
/// (RFC 6750 section 3).
struct QUARRY_CORE_EXPORT BearerOutcome {
    enum class Status {
        Ok,                ///< valid token with one of the required roles
        Missing,           ///< no bearer credentials → 401, WWW-Authenticate: Bearer realm="…"
        InvalidRequest,    ///< "Bearer" without a token, several tokens → 400, error="invalid_request"
        InvalidToken,      ///< bad signature, malformed, wrong iss/aud, unknown kid → 401, error="invalid_token"
        Expired,           ///< exp passed (or nbf not reached) → 401, error="invalid_token"
        InsufficientScope, ///< valid token without a required role → 403, error="insufficient_scope"
        Misconfigured,     ///< the route names a profile that does not exist or cannot load → 500
    };
    Status status = Status::Missing;
    int httpStatus = 401;
    QByteArray wwwAuthenticate;   ///< the header value to send (empty for Ok)
    QString description;          ///< readable reason (also error_description)
    QString where;                ///< which part failed: "claims.exp", "header.kid", "roles", ...
    QString profileId;
    Jwt jwt;                      ///< the verified token (Ok and InsufficientScope)
    QStringList roles;            ///< the token's roles (Ok and InsufficientScope)

    bool ok() const { return status == Status::Ok; }
    /// "ok", "missing", "invalid_request", "invalid_token", "expired", "insufficient_scope", "misconfigured".
    QString statusName() const;
};

/// Checks bearer tokens against an auth profile; the mock server's auth step uses it. Const and
/// thread-safe once made, so one instance serves every network thread.
class QUARRY_CORE_EXPORT BearerVerifier
{
public:
    BearerVerifier(AuthProfile profile, KeySet keys, QString realm = QStringLiteral("quarry"));
    static Result<BearerVerifier> fromProfile(const AuthProfile &profile, int timeoutMs = 5000);

    /// `authorization` is the raw header value ("Bearer eyJ…"), empty when absent.
    /// `requiredRoles`: any one of them suffices; empty: any valid token. `now`: 0 = clock.
    BearerOutcome check(QByteArrayView authorization, const QStringList &requiredRoles = {}, qint64 now = 0) const;

    const AuthProfile &profile() const { return m_profile; }
    QStringList warnings() const { return m_warnings; }

private:
    AuthProfile m_profile;
    JwtVerifier m_verifier;
    QString m_realm;
    QStringList m_warnings;
};

} // namespace quarry::auth
