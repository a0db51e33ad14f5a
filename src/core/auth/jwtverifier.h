// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/jwt.h"
#include "auth/keyset.h"

#include <QList>
#include <QStringList>

namespace quarry::auth {

/// What a token must satisfy besides its signature.
struct QUARRY_CORE_EXPORT VerifyOptions {
    /// The algorithms accepted; must not be empty. `none` cannot be listed (it is no Algorithm).
    QList<Algorithm> algorithms;
    /// Expected `iss`; empty: not checked.
    QString issuer;
    /// Accepted audiences; the token's `aud` (string or array) must contain one. Empty: not checked.
    QStringList audiences;
    /// Expected `sub` / `jti`; empty: not checked.
    QString subject;
    QString jwtId;
    /// Clock skew tolerated for exp, nbf and iat, in seconds.
    qint64 leewaySeconds = 0;
    /// Refuse tokens without `exp`.
    bool requireExpiry = false;
    /// When > 0, refuse tokens whose `iat` is older than this many seconds (needs `iat`).
    qint64 maxAgeSeconds = 0;
    /// Claims that must be present.
    QStringList requiredClaims;
    /// "Now" in seconds since the epoch; 0 = the system clock. For tests and replay.
    qint64 now = 0;
};

/// Verifies compact JWTs against a key set and options. Order of checks: parse, `alg` (never
/// `none`, must be in the allow-list), `crit`, key lookup by `kid`, key family, signature, claims.
/// Each failure is an Error with a readable message and a `where` a program can branch on:
/// "token", "header", "payload", "header.alg", "header.crit", "header.kid", "signature",
/// "claims.exp", "claims.nbf", "claims.iat", "claims.iss", "claims.aud", "claims.sub", "claims.jti",
/// "claims.<name>" (required claim), "options". Const and thread-safe.
class QUARRY_CORE_EXPORT JwtVerifier
{
public:
    JwtVerifier(KeySet keys, VerifyOptions options);

    Result<Jwt> verify(QByteArrayView token) const;
    /// The claims checks alone (exp, nbf, iat, iss, aud, sub, jti, required), for an already
    /// signature-checked token.
    static Result<void> validateClaims(const QJsonObject &claims, const VerifyOptions &options);

    const KeySet &keys() const { return m_keys; }
    const VerifyOptions &options() const { return m_options; }

private:
    KeySet m_keys;
    VerifyOptions m_options;
};

} // namespace quarry::auth
