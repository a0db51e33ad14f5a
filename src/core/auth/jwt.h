// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/jws.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace quarry::auth {

/// A JSON Web Token (RFC 7519): a JWS whose payload is a JSON object of claims. decode() does
/// not verify anything: use it for display, and JwtVerifier before trusting a claim.
class QUARRY_CORE_EXPORT Jwt
{
public:
    /// Parses without verifying. Errors as Jws::parse(), plus a payload that is not a JSON object
    /// (where "payload").
    static Result<Jwt> decode(QByteArrayView token);
    /// Signs `claims` into a compact token with header {alg, typ: "JWT", kid when the key has one}
    /// plus `extraHeader`.
    static Result<QByteArray> encode(const QJsonObject &claims, Algorithm alg, const Key &key,
                                     const QJsonObject &extraHeader = {});

    const Jws &jws() const { return m_jws; }
    QJsonObject header() const { return m_jws.header(); }
    QJsonObject claims() const { return m_claims; }

    QString issuer() const;
    QString subject() const;
    /// `aud` as a list, whether the token wrote a string or an array.
    QStringList audiences() const;
    QString jwtId() const;
    /// NumericDate claims (seconds since the epoch), when present and numeric.
    std::optional<qint64> expiresAt() const;
    std::optional<qint64> notBefore() const;
    std::optional<qint64> issuedAt() const;
    /// A claim as a list of strings: an array of strings, or a single string split on spaces
    /// (OAuth `scope` style). Used for roles.
    QStringList stringList(const QString &claim) const;

private:
    Jws m_jws;
    QJsonObject m_claims;
};

} // namespace quarry::auth
