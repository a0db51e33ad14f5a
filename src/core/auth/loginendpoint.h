// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "auth/endpointresponse.h"
#include "auth/loginservice.h"
#include "auth/tokenissuer.h"

namespace quarry::auth {

/// `POST /api/auth/login` with a JSON body {"email", "password"}: checks the password (argon2id)
/// and answers 200 {"token", "tokenType": "Bearer", "expiresIn"}; 400 problem+json for a body
/// that is not that JSON; 401 problem+json "Invalid email or password." The token carries
/// sub (the user's id, else the email), email, the roles and the user's extra claims.
/// Thread-safe; blocks for one argon2id verification (tens of ms): run it on a worker thread.
class QUARRY_CORE_EXPORT LoginEndpoint
{
public:
    LoginEndpoint(TokenIssuer issuer, LoginService login);

    EndpointResponse handle(const QByteArray &body, qint64 now = 0) const;

    /// The token a user gets (also used by the OAuth2 password grant).
    static TokenRequest tokenRequestFor(const LoginUser &user, qint64 now);

private:
    TokenIssuer m_issuer;
    LoginService m_login;
};

} // namespace quarry::auth
