// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/algorithm.h"
#include "auth/jwtverifier.h"
#include "auth/key.h"
#include "auth/keyset.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace quarry::workspace {
class Workspace;
}

namespace quarry::auth {

/// The keys of a profile, resolved from their references.
struct QUARRY_CORE_EXPORT ProfileKeys {
    Key signingKey;            ///< null for a verify-only profile (public key / JWKS only)
    KeySet verificationKeys;   ///< public halves (or the secret, for HS)
    QStringList warnings;      ///< e.g. the demo secret is in use
    bool usesDemoSecret = false;
};

/// One entry of the workspace's `authProfiles` array: how tokens are minted and checked.
///
/// JSON (keys other than these are kept as they are, so newer files survive a round trip):
/// ```
/// { "id": "auth-demo", "name": "Demo HS256",
///   "algorithm": "HS256",                  // what TokenIssuer signs with
///   "allowedAlgorithms": ["HS256"],        // what verification accepts; default [algorithm]
///   "issuer": "quarry-demo", "audience": "quarry-workshop" | ["a", "b"],
///   "lifetimeSeconds": 3600, "leewaySeconds": 0, "requireExpiry": true,
///   "rolesClaim": "roles",
///   "secret": "env:NAME" | "keychain:NAME",       // HS*: the shared secret
///   "privateKey": "env:NAME" | "keychain:NAME",   // RS*/PS256/ES*/EdDSA: a PEM or JWK behind a reference
///   "publicKey": "-----BEGIN PUBLIC KEY-----…" | "env:NAME",  // optional; public, may be inline
///   "jwks": { "keys": [ … ] },              // optional extra public keys accepted (rotation)
///   "kid": "2026-11",                       // optional; default: the RFC 7638 thumbprint
///   "ephemeralKey": true,                   // RS/PS/ES/EdDSA without privateKey: a key pair generated in
///                                           //   memory once per process (tokens die with the server)
///   "demoFallback": true,                   // HS only: built-in workshop secret when `secret` is unset
///   "clientId": "workshop-client",          // OAuth2 token endpoint: the one client of this profile
///   "clientSecret": "env:NAME",             //   its secret (reference); absent: a public client
///   "clientRoles": ["service"],             //   roles of client_credentials tokens
///   "refreshTokenLifetimeSeconds": 86400 }  //   lifetime of refresh tokens (password grant)
/// ```
class QUARRY_CORE_EXPORT AuthProfile
{
public:
    /// The workshop secret used when a `demoFallback` profile's secret variable is unset. Public by
    /// design (it is in the README): tokens signed with it prove nothing outside a workshop.
    static constexpr auto DemoSecret = "quarry-workshop-demo-secret-do-not-use-in-production";

    /// Parses one profile; `where` prefixes error locations ("authProfiles[0]").
    static Result<AuthProfile> fromJson(const QJsonObject &json, const QString &where = {});
    /// Every profile of the workspace; duplicate ids are an error.
    static Result<QList<AuthProfile>> fromWorkspace(const workspace::Workspace &workspace);
    /// The profile with this id, or an error listing the ids there are.
    static Result<AuthProfile> find(const workspace::Workspace &workspace, const QString &id);

    QJsonObject toJson() const;

    QString id() const { return m_id; }
    QString name() const { return m_name; }
    Algorithm algorithm() const { return m_algorithm; }
    QList<Algorithm> allowedAlgorithms() const { return m_allowed; }
    QString issuer() const { return m_issuer; }
    QStringList audiences() const { return m_audiences; }
    qint64 lifetimeSeconds() const { return m_lifetime; }
    qint64 leewaySeconds() const { return m_leeway; }
    QString rolesClaim() const { return m_rolesClaim; }
    QString secretRef() const { return m_secret; }
    QString privateKeyRef() const { return m_privateKey; }
    QString publicKey() const { return m_publicKey; }
    QString kid() const { return m_kid; }
    bool demoFallback() const { return m_demoFallback; }
    bool ephemeralKey() const { return m_ephemeralKey; }
    QString clientId() const { return m_clientId; }
    QString clientSecretRef() const { return m_clientSecret; }
    QStringList clientRoles() const { return m_clientRoles; }
    qint64 refreshTokenLifetimeSeconds() const { return m_refreshLifetime; }

    void setKid(const QString &kid) { m_kid = kid; }
    void setPublicKey(const QString &pemOrRef) { m_publicKey = pemOrRef; }

    /// The verification options of this profile (allow-list, iss, aud, leeway, exp required).
    VerifyOptions verifyOptions() const;
    /// Resolves the references (environment, keychain; may block up to `timeoutMs` on the
    /// keychain). Errors name the field ("authProfiles[0].secret") and how to fix it.
    Result<ProfileKeys> resolveKeys(int timeoutMs = 5000) const;

    /// A new key pair for this profile's algorithm (RSA 2048, P-256, P-384 or Ed25519). When the
    /// `privateKey` reference is a keychain entry, the private PEM is stored there; an `env:`
    /// reference cannot be written, so the caller must export the returned key itself. Sets `kid`
    /// and the inline `publicKey` of this profile; the caller saves the workspace.
    Result<Key> generateKeyPair(int timeoutMs = 5000);

private:
    QJsonObject m_json; // the original, for unknown keys
    QString m_where;
    QString m_id;
    QString m_name;
    Algorithm m_algorithm = Algorithm::HS256;
    QList<Algorithm> m_allowed;
    QString m_issuer;
    QStringList m_audiences;
    qint64 m_lifetime = 3600;
    qint64 m_leeway = 0;
    bool m_requireExpiry = true;
    QString m_rolesClaim = QStringLiteral("roles");
    QString m_secret;
    QString m_privateKey;
    QString m_publicKey;
    QJsonObject m_jwks;
    QString m_kid;
    bool m_demoFallback = false;
    bool m_ephemeralKey = false;
    QString m_clientId;
    QString m_clientSecret;
    QStringList m_clientRoles;
    qint64 m_refreshLifetime = 86400;
};

} // namespace quarry::auth
