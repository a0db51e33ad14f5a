// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/policies.h"
#include "quarry_core_export.h"
#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

namespace quarry::mock {

/// A condition on the request that selects a response: {"source": "header"|"query"|"param"|"body"|"jwt",
/// "name": "x-role" | "page" | "id" | "/user/email" (a JSON pointer for body),
/// "operator": "equals"|"regex"|"exists", "value": "..."}.
struct QUARRY_CORE_EXPORT Rule {
    enum class Source { Header, Query, Param, Body, Jwt };
    enum class Operator { Equals, Regex, Exists };
    Source source = Source::Header;
    Operator op = Operator::Equals;
    QString name;
    QString value;
    QRegularExpression regex;   ///< compiled when op == Regex

    static Result<Rule> fromJson(const QJsonObject &o, const QString &where);
    QJsonObject toJson() const;
};

/// One possible answer of a route: {"status", "headers": {name: value}, "body": string or JSON,
/// "label", "rules": [Rule...], "rulesMatch": "all"|"any"}. Body and header values are Mustache
/// templates.
struct QUARRY_CORE_EXPORT ResponseSpec {
    QString label;
    int status = 200;
    QList<std::pair<QString, QString>> headers;
    QString body;
    bool bodyIsTemplate = false;   ///< the body contains "{{"
    QByteArray bodyUtf8;           ///< the body, encoded once for static answers
    QList<std::pair<QByteArray, QByteArray>> encodedHeaders;   ///< headers, encoded once
    QList<Rule> rules;
    bool matchAll = true;

    static Result<ResponseSpec> fromJson(const QJsonObject &o, const QString &where);
    QJsonObject toJson() const;
};

/// A CRUD resource bound to a table: {"table", "database" (an id of the workspace's databases or a
/// URL; default: the server's), "idColumn" (default: the table's primary key)}.
struct QUARRY_CORE_EXPORT ResourceSpec {
    QString table;
    QString database;
    QString idColumn;
};

/// `login.rateLimit` / `oauth.rateLimit` of a password-checking route, both on by default:
/// {"perClient": {"requests": 30, "perSeconds": 60}, "perAccount": {"requests": 10, "perSeconds": 60}}
/// (token buckets as in RateLimitPolicy; {"enabled": false} turns one off). perAccount counts the
/// submitted account name, whether or not the account exists.
struct QUARRY_CORE_EXPORT LoginLimits {
    RateLimitPolicy perClient{true, 30, 60};
    RateLimitPolicy perAccount{true, 10, 60};
};

/// One route of the `mock.routes` array. See docs in mockconfig.h for the whole shape.
struct QUARRY_CORE_EXPORT Route {
    enum class Mode { Rules, Sequential, Random };

    QString id;
    QString method = QStringLiteral("GET");   ///< upper case; "ANY" matches every method
    QString path;                             ///< "/api/users/:id", "/files/*"
    QString description;
    bool enabled = true;
    QList<std::pair<QString, QString>> query;   ///< required query items; value "" or "*": present
    Mode mode = Mode::Rules;
    QList<ResponseSpec> responses;
    std::optional<ResourceSpec> resource;
    /// {"required", "profile", "roles"} (checked by fromJson(): malformed is an error, never "public");
    /// empty: a public route. Read by the auth step.
    QJsonObject auth;
    /// A login endpoint instead of responses: {"profile", "table" ("users"), "emailColumn"
    /// ("email"), "passwordColumn" ("password_hash", argon2id), "rolesColumn" ("roles": a JSON
    /// array or comma list), "idColumn" (the table's key), "database"}. Empty: not a login route.
    QJsonObject login;
    /// An OAuth 2.0 token endpoint (RFC 6749: client_credentials, password, refresh_token):
    /// {"profile", and for the password grant the same user-table keys as `login`}. The client id,
    /// secret and roles come from the auth profile. Empty: not a token endpoint.
    QJsonObject oauth;
    LoginLimits loginLimits;   ///< for login and oauth routes
    std::optional<CorsPolicy> cors;
    std::optional<RateLimitPolicy> rateLimit;
    std::optional<LatencyPolicy> latency;
    std::optional<FaultPolicy> faults;
    /// Request schemas checked by the validate step: {"dialect", "components", "body",
    /// "parameters", "enabled"}; see RequestValidator. Empty: requests are not checked.
    QJsonObject validation;
    /// The API version this route belongs to (one of `mock.versioning.versions`); empty: it
    /// answers in every version. See ApiVersioning.
    QString version;

    /// Compiled path segments.
    QStringList segments;

    /// "GET /api/users/:id": how the route is named in logs and errors.
    QString label() const { return method + u' ' + path; }
    /// Whether a request needs a valid token (`auth.required` defaults to true).
    bool requiresAuth() const { return !auth.isEmpty() && auth.value(QLatin1String("required")).toBool(true); }
    bool matchesMethod(const QByteArray &requestMethod) const;
    /// Matches the path (and, for a resource, path/ID); fills params. `item` says whether the
    /// resource's item form (path/:id) matched.
    bool matchPath(const QStringList &requestSegments, QHash<QString, QString> &params, bool *item = nullptr) const;

    /// Parses one element of `mock.routes`; `index` names it in errors when it has no id.
    static Result<Route> fromJson(const QJsonObject &o, int index);
    QJsonObject toJson() const;
    static QStringList splitPath(const QString &path);
};

} // namespace quarry::mock
