// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/authprofile.h"
#include "auth/key.h"

#include <QJsonObject>
#include <QStringList>

namespace quarry::auth {

/// What to put in a token besides the profile's defaults.
struct QUARRY_CORE_EXPORT TokenRequest {
    QString subject;            ///< `sub`; empty: none
    QStringList roles;          ///< written as an array under the profile's rolesClaim; empty: none
    QJsonObject claims;         ///< extra claims; they override the defaults (an `exp` in the past mints an expired token, for teaching)
    qint64 lifetimeSeconds = 0; ///< 0: the profile's
    qint64 now = 0;             ///< seconds since the epoch; 0: the system clock
};

/// A minted token and what it says.
struct QUARRY_CORE_EXPORT IssuedToken {
    QByteArray token;
    QJsonObject header;
    QJsonObject claims;
    qint64 expiresAt = 0;  ///< `exp`
    qint64 expiresIn = 0;  ///< seconds from issue to `exp` (the login response's "expiresIn")
    QString jwtId;
};

/// Mints signed JWTs for a profile: iss, aud, sub, iat, exp (iat + lifetime), a random jti, and
/// the roles claim. Const and thread-safe once made.
class QUARRY_CORE_EXPORT TokenIssuer
{
public:
    TokenIssuer(AuthProfile profile, Key signingKey);
    /// Resolves the profile's keys (see AuthProfile::resolveKeys) and keeps their warnings.
    static Result<TokenIssuer> fromProfile(const AuthProfile &profile, int timeoutMs = 5000);

    Result<IssuedToken> issue(const TokenRequest &request) const;

    const AuthProfile &profile() const { return m_profile; }
    const Key &signingKey() const { return m_key; }
    QStringList warnings() const { return m_warnings; }

private:
    AuthProfile m_profile;
    Key m_key;
    QStringList m_warnings;
};

} // namespace quarry::auth
