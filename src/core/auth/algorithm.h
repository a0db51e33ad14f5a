// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace quarry::auth {

/// The JWS algorithms Quarry signs and verifies (RFC 7518, RFC 8037). There is deliberately no
/// value for "none": an unsecured token cannot even be named here.
enum class Algorithm { HS256, HS384, HS512, RS256, RS384, RS512, PS256, ES256, ES384, EdDSA };

/// The kind of key an algorithm needs; a key of another family never verifies its tokens.
enum class KeyFamily { Hmac, Rsa, Ec, Okp };

/// Names, families and sizes of the algorithms.
class QUARRY_CORE_EXPORT Algorithms
{
public:
    /// "HS256", "EdDSA", ...: the `alg` header value.
    static QString name(Algorithm alg);
    /// Exact, case-sensitive (RFC 7515: `alg` is case-sensitive). "none" gets its own message.
    static Result<Algorithm> fromName(const QString &name);
    static QList<Algorithm> all();
    static QStringList names(const QList<Algorithm> &algs);
    static KeyFamily family(Algorithm alg);
    static QString familyName(KeyFamily family);
    /// Digest length in bytes of the algorithm's hash (0 for EdDSA); also the minimum HMAC key size.
    static int hashBytes(Algorithm alg);
    /// "P-256" for ES256, "P-384" for ES384, "Ed25519" for EdDSA, empty otherwise.
    static QString curve(Algorithm alg);
};

} // namespace quarry::auth
