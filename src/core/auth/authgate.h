// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/authprofile.h"
#include "auth/bearerverifier.h"
#include "auth/endpointresponse.h"

#include <QHash>
#include <QJsonObject>

#include <memory>
#include <optional>

namespace quarry::workspace {
class Workspace;
}

namespace quarry::auth {

/// The mock server's auth step, minus the HTTP engine: one BearerVerifier per auth profile of the
/// workspace, and the decision for a route's `auth` object
///   { "required": true, "profile": "auth-demo", "roles": ["admin"] }
/// (`required` defaults to true; `profile` defaults to the workspace's only profile; `roles`: any
/// one of them suffices). A profile that cannot load (unset secret without demo fallback, bad key)
/// does not stop the server: its routes answer 500 with the reason. Immutable after construction,
/// so one instance serves every network thread; rebuild it when the workspace changes.
class QUARRY_CORE_EXPORT AuthGate
{
public:
    struct Decision {
        bool required = true;
        /// Ok also for a route without auth, or with optional auth and no/invalid token.
        BearerOutcome outcome;
        /// One line for the request log: profile, result, the failing claim and why.
        QString logLine;
    };

    AuthGate() = default;
    /// Loads every profile (keys resolved once, here; may block on the keychain).
    static AuthGate fromWorkspace(const workspace::Workspace &workspace, int timeoutMs = 5000);
    static AuthGate fromProfiles(const QList<AuthProfile> &profiles, int timeoutMs = 5000);

    Decision check(const QJsonObject &routeAuth, QByteArrayView authorization, qint64 now = 0) const;

    /// Warnings (demo secret in use) and load errors of the profiles, for the Problems dock / stderr.
    QStringList warnings() const { return m_warnings; }
    QList<Error> errors() const { return m_errors.values(); }
    /// Why this profile cannot verify tokens (its keys did not resolve), or nothing when it can.
    std::optional<Error> profileError(const QString &profileId) const
    {
        if (m_errors.contains(profileId))
            return m_errors.value(profileId);
        return std::nullopt;
    }
    /// GET /.well-known/jwks.json: the public keys of every asymmetric profile
    /// (Content-Type: application/jwk-set+json, cacheable for 5 minutes).
    EndpointResponse jwksResponse() const;

private:
    QHash<QString, std::shared_ptr<const BearerVerifier>> m_verifiers;
    QHash<QString, Error> m_errors;
    QStringList m_order;
    QStringList m_warnings;
    KeySet m_public;
};

} // namespace quarry::auth
