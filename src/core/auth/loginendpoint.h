// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "auth/endpointresponse.h"
#include "auth/loginservice.h"
#include "auth/tokenissuer.h"

#include <functional>
#include <optional>

namespace quarry::auth {

/// `POST /api/auth/login` with a JSON body {"email", "password"}: checks the password (argon2id)
/// and answers 200 {"token", "tokenType": "Bearer", "expiresIn"}; 400 problem+json for a body
/// that is not that JSON; 401 problem+json "Invalid email or password." The token carries
/// sub (the user's id, else the email), email, the roles and the user's extra claims.
/// A body over MaxBodyBytes (413) or a password over PasswordHasher::MaxPasswordBytes (400) is
/// refused before any lookup or hashing, with the same answer whether the account exists or not.
/// Thread-safe; blocks for one argon2id verification (tens of ms): run it on a worker thread.
class QUARRY_CORE_EXPORT LoginEndpoint
{
public:
    LoginEndpoint(TokenIssuer issuer, LoginService login);

    static constexpr qsizetype MaxBodyBytes = 16 * 1024;

    /// Asked with the submitted account name (trimmed, lower case) once the body is read and
    /// before the password is checked: an answer (a 429) ends the attempt there.
    using Admission = std::function<std::optional<EndpointResponse>(const QString &account)>;

    EndpointResponse handle(const QByteArray &body, qint64 now = 0, const Admission &admit = {}) const;

    /// The token a user gets (also used by the OAuth2 password grant).
    static TokenRequest tokenRequestFor(const LoginUser &user, qint64 now);

private:
    TokenIssuer m_issuer;
    LoginService m_login;
};

} // namespace quarry::auth
