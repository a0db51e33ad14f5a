// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QString>

namespace quarry::auth {

/// argon2id password hashing through libsodium (`crypto_pwhash_str_alg`), in the PHC string
/// format "$argon2id$v=19$m=…,t=…,p=1$salt$hash" that carries its own salt and cost. Thread-safe;
/// hashing and verifying take tens of milliseconds by design, so keep them off the GUI thread.
class QUARRY_CORE_EXPORT PasswordHasher
{
public:
    struct Cost {
        quint64 opsLimit; ///< passes over memory (argon2 t)
        quint64 memLimitBytes; ///< memory (argon2 m, in bytes)
    };
    /// OWASP's argon2id baseline (19 MiB, 2 passes): the default, fast enough for a login route.
    static Cost standard();
    /// libsodium's INTERACTIVE limits (64 MiB, 2 passes).
    static Cost interactive();
    /// libsodium's MODERATE limits (256 MiB, 3 passes), for hashes that protect more than a mock.
    static Cost moderate();

    /// Longer passwords are refused (hashing cost must not be driven by the caller).
    static constexpr qsizetype MaxPasswordBytes = 4096;

    PasswordHasher() : PasswordHasher(standard()) {}
    explicit PasswordHasher(Cost cost) : m_cost(cost) {}

    /// A fresh salted argon2id hash of `password` (UTF-8).
    Result<QString> hash(const QString &password) const;
    /// Whether `password` matches `hash` (libsodium compares in constant time). An error only when
    /// `hash` is not an argon2id hash string (where "hash") or the password is over the limit.
    Result<bool> verify(const QString &password, const QString &hash) const;
    /// True when `hash` was made with other costs than this hasher's, so it should be re-hashed
    /// after the next successful login.
    bool needsRehash(const QString &hash) const;

private:
    Cost m_cost;
};

} // namespace quarry::auth
