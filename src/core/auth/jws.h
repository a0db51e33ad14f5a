// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/algorithm.h"
#include "auth/key.h"

#include <QByteArray>
#include <QJsonObject>

namespace quarry::auth {

/// A JWS in compact serialization (RFC 7515 section 7.1): header.payload.signature, parsed but
/// not verified. The payload may be any bytes; Jwt adds the claims on top.
class QUARRY_CORE_EXPORT Jws
{
public:
    /// Larger tokens are refused before any decoding (a bearer header is far smaller).
    static constexpr qsizetype MaxTokenBytes = 64 * 1024;

    /// Never crashes on any input: every malformed token is an Error naming the part that is
    /// wrong ("token", "header", "payload", "signature") and why.
    static Result<Jws> parse(QByteArrayView token);
    /// Signs `payload` and returns the compact token. `header` may carry extra members (typ, kid,
    /// cty); `alg` is always set from `alg`, and `kid` from the key when the header has none.
    static Result<QByteArray> sign(const QByteArray &payload, Algorithm alg, const Key &key,
                                   const QJsonObject &header = {});

    QJsonObject header() const { return m_header; }
    QByteArray payload() const { return m_payload; }
    QByteArray signature() const { return m_signature; }
    /// The bytes the signature covers: the first two segments as they appeared in the token.
    QByteArray signingInput() const { return m_signingInput; }
    /// The `alg` header as written (may be "none" or unknown: see Algorithms::fromName()).
    QString algorithmName() const;
    QString kid() const;

private:
    QJsonObject m_header;
    QByteArray m_payload;
    QByteArray m_signature;
    QByteArray m_signingInput;
};

} // namespace quarry::auth
