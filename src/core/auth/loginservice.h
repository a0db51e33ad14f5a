// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/passwordhasher.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace quarry::auth {

/// A user as a login check needs it (a row of the users table, in the mock server).
struct QUARRY_CORE_EXPORT LoginUser {
    QString id;
    QString email;
    QString passwordHash;   ///< argon2id PHC string
    QStringList roles;
    QJsonObject claims;     ///< extra claims for the token (name, ...)
};

/// Checks an email and password against stored argon2id hashes. Unknown email and wrong password
/// give the same error (no user enumeration), and an unknown email still costs one argon2id
/// verification so the two cannot be told apart by timing. Thread-safe if `lookup` is.
class QUARRY_CORE_EXPORT LoginService
{
public:
    /// Finds a user by email (exact, case-insensitive is up to the lookup); nullopt when unknown.
    using Lookup = std::function<std::optional<LoginUser>(const QString &email)>;

    explicit LoginService(Lookup lookup, PasswordHasher hasher = PasswordHasher());

    /// The user, or an Error: InvalidInput "Invalid email or password." (where "credentials"), or
    /// InvalidInput for missing fields (where "email"/"password"), or Internal for a damaged stored
    /// hash (where "users.<id>.password_hash").
    Result<LoginUser> authenticate(const QString &email, const QString &password) const;

private:
    Lookup m_lookup;
    PasswordHasher m_hasher;
    QString m_dummyHash;
};

} // namespace quarry::auth
