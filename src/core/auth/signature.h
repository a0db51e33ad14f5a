// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/algorithm.h"
#include "auth/key.h"

#include <QByteArray>

namespace quarry::auth {

/// JWS signatures over raw bytes, through OpenSSL EVP. ES256/ES384 signatures are in the JOSE
/// form (R || S, fixed width), converted to and from DER for OpenSSL. Thread-safe.
class QUARRY_CORE_EXPORT Signature
{
public:
    /// Checks the key against the algorithm first (Key::checkUsableFor), then signs.
    static Result<QByteArray> sign(Algorithm alg, const Key &key, QByteArrayView data);
    /// Ok when `signature` is a valid signature of `data`; HMACs are compared in constant time.
    /// Errors: the key does not fit the algorithm (where "header.alg"), or the signature is
    /// malformed or does not match (where "signature").
    static Result<void> verify(Algorithm alg, const Key &key, QByteArrayView data, QByteArrayView signature);
};

} // namespace quarry::auth
