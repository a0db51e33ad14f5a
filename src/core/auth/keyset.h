// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/key.h"

#include <QJsonObject>
#include <QList>

namespace quarry::auth {

/// The keys a verifier may use, found by `kid` (RFC 7515 section 4.1.4); also a JWKS (RFC 7517
/// section 5) in both directions.
class QUARRY_CORE_EXPORT KeySet
{
public:
    KeySet() = default;
    KeySet(QList<Key> keys) : m_keys(std::move(keys)) {}

    void add(const Key &key) { m_keys.append(key); }
    const QList<Key> &keys() const { return m_keys; }
    bool isEmpty() const { return m_keys.isEmpty(); }

    /// The keys a token with this `kid` and `alg` may be checked against. With a kid: the key with
    /// that kid, or an error listing the known kids (where "header.kid"). Without: every key of the
    /// algorithm's family, or an error when there is none (where "header.alg").
    Result<QList<Key>> candidates(const QString &kid, Algorithm alg) const;

    /// Reads {"keys": [...]}; a key that cannot be read fails the whole set, naming its index.
    static Result<KeySet> fromJwks(const QJsonObject &jwks);
    /// The public JWKS of the asymmetric keys (secrets are never published).
    QJsonObject toJwks() const;

private:
    QList<Key> m_keys;
};

} // namespace quarry::auth
