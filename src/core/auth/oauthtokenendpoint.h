// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/authprofile.h"
#include "auth/endpointresponse.h"
#include "auth/loginservice.h"
#include "auth/refreshtokenstore.h"
#include "auth/tokenissuer.h"

#include <memory>
#include <optional>

namespace quarry::auth {

/// An OAuth 2.0 token endpoint (RFC 6749 section 3.2) for one auth profile: grants
/// `client_credentials` (4.4), `password` (4.3, users checked with argon2id) and `refresh_token`
/// (6, rotating refresh tokens with reuse detection). Answers are JSON with `Cache-Control:
/// no-store` and `Pragma: no-cache` (5.1); errors use the codes of section 5.2 (invalid_request,
/// invalid_client with 401 and `WWW-Authenticate: Basic` when the client used Basic,
/// invalid_grant, unauthorized_client, unsupported_grant_type, invalid_scope).
/// Thread-safe: const apart from the shared refresh-token store, which locks.
class QUARRY_CORE_EXPORT OAuthTokenEndpoint
{
public:
    struct Client {
        QString id;
        QByteArray secret;   ///< empty: a public client (no authentication beyond its id)
        QStringList roles;   ///< roles of its client_credentials tokens
    };

    OAuthTokenEndpoint(TokenIssuer issuer, Client client, std::optional<LoginService> users,
                       std::shared_ptr<RefreshTokenStore> store, qint64 refreshLifetimeSeconds = 86400);
    /// The profile's client (clientId, clientSecret reference, clientRoles) and keys; `users` enables
    /// the password grant. Errors when the profile has no clientId or a reference cannot be resolved.
    static Result<OAuthTokenEndpoint> fromProfile(const AuthProfile &profile, std::optional<LoginService> users,
                                                  std::shared_ptr<RefreshTokenStore> store = {});

    /// `body` is the application/x-www-form-urlencoded request body, `authorization` the raw
    /// Authorization header (may be empty). `now`: 0 = clock.
    EndpointResponse handle(const QByteArray &body, const QByteArray &contentType, const QByteArray &authorization,
                            qint64 now = 0) const;

    RefreshTokenStore &refreshTokens() const { return *m_store; }

private:
    TokenIssuer m_issuer;
    Client m_client;
    std::optional<LoginService> m_users;
    std::shared_ptr<RefreshTokenStore> m_store;
    qint64 m_refreshLifetime;
};

} // namespace quarry::auth
