// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace quarry::http {

/// How a request authenticates. Set on a collection, a folder or a request; `Inherit` (the
/// default) takes the nearest enclosing setting. Stored as the item's `auth` object:
///   {type:"inherit"} | {type:"none"}
///   {type:"bearer", token:"{{tok}}"}
///   {type:"basic", username, password}
///   {type:"login", id, name, loginRequest:"req-login", tokenPointer:"/token",
///    refreshTokenPointer?, expiresInPointer?, refreshRequest?, refreshSkewSeconds?,
///    placement:"header"|"query", header:"Authorization", scheme:"Bearer", queryParam:"access_token"}
///   {type:"oauth2", id, name, tokenUrl:"{{baseUrl}}/oauth/token", grant:"client_credentials"|"password",
///    clientId, clientSecret:"{{clientSecret}}", username?, password?, scope?, clientAuth:"basic"|"body",
///    refreshSkewSeconds?, placement...}   (a refresh_token grant renews when the server gave one)
///   {type:"signed", id?, name?, authProfile:"auth-demo", subject?, roles?:[...], claims?:{...},
///    perRequest?:true, placement...}   (signed locally by the workspace's auth profile, cached
///    until shortly before `exp` unless perRequest)
/// A login profile's tokens are held per environment and per profile `id`; they never move to
/// another profile. `refreshRequest` is sent with the variable {{refreshToken}} set.
struct QUARRY_CORE_EXPORT AuthSpec {
    enum class Type { Inherit, None, Bearer, Basic, Login, OAuth2, Signed };
    Type type = Type::Inherit;

    QString id;             ///< login: the profile's stable id (the token key)
    QString name;           ///< login: shown in the resolved auth
    QString token;          ///< bearer
    QString username;       ///< basic, oauth2 password grant
    QString password;       ///< basic, oauth2 password grant (may be {{secretVariable}})

    QString tokenUrl;       ///< oauth2
    QString grant = QStringLiteral("client_credentials");   ///< oauth2: client_credentials or password
    QString clientId;       ///< oauth2
    QString clientSecret;   ///< oauth2 (may be {{secretVariable}})
    QString scope;          ///< oauth2, optional
    QString clientAuth = QStringLiteral("basic");   ///< oauth2: "basic" (Authorization header) or "body"

    QString authProfile;    ///< signed: id of an entry of the workspace's authProfiles
    QString subject;        ///< signed: `sub`
    QStringList roles;      ///< signed
    QJsonObject claims;     ///< signed: extra claims
    bool perRequest = false;   ///< signed: a fresh token for every request

    QString loginRequest;   ///< login: id of a request of the same collection
    QString tokenPointer = QStringLiteral("/token");
    QString refreshTokenPointer;
    QString expiresInPointer;
    QString refreshRequest;
    int refreshSkewSeconds = -1;   ///< -1: 20% of the token's lifetime, at most 30 s
    enum class Placement { Header, Query };
    Placement placement = Placement::Header;
    QString header = QStringLiteral("Authorization");
    QString scheme = QStringLiteral("Bearer");
    QString queryParam = QStringLiteral("access_token");

    bool isInherit() const { return type == Type::Inherit; }
    /// Login, OAuth2 and Signed hold tokens (per environment and `id`).
    bool holdsTokens() const { return type == Type::Login || type == Type::OAuth2 || type == Type::Signed; }
    QJsonObject toJson() const;
    static Result<AuthSpec> fromJson(const QJsonObject &object);
    static QString typeName(Type type);
    bool operator==(const AuthSpec &) const = default;
};

} // namespace quarry::http
