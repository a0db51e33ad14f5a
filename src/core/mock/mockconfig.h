// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/apiversioning.h"
#include "mock/httpserver.h"
#include "mock/policies.h"
#include "mock/route.h"
#include "quarry_core_export.h"
#include "result.h"
#include "schema/schema.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

#include <memory>

namespace quarry::workspace { class Workspace; }

namespace quarry::mock {

/// The parsed `mock` section of a workspace:
/// ```
/// "mock": {
///   "server": { "host": "127.0.0.1", "port": 3000, "threads": 2, "seed": 1, "locale": "en", "durableWrites": false,
///               "database": "db-local" | "sqlite:file.db",
///               "limits": { "maxHeaderBytes", "maxHeaderCount", "maxConnections", "maxBodyBytes", "headerTimeoutMs", "bodyTimeoutMs", "idleTimeoutMs",
///                           "workerThreads", "workerQueue" },   // see ServerOptions
///               "cors": {...}, "rateLimit": {...}, "latency": {...}, "faults": {...} },   // see policies.h
///   "versioning": { "versions": [...], ... },                                            // see apiversioning.h
///   "routes": [ Route... ],                                                              // see route.h
///   "fixtures": { "users": [ { "email": "ada@example.com", ... } ] }                       // rows for empty tables
/// }
/// ```
/// Database references resolve against the workspace's `databases` array (by id) and relative
/// SQLite paths against the workspace's folder; the default database is the first SQLite entry of
/// `databases`, else "<workspace name>.db" beside the workspace. A PostgreSQL entry with
/// `"createTables": true` lets the server create the design's missing tables in it.
struct QUARRY_CORE_EXPORT MockConfig {
    ServerOptions server;
    quint64 seed = 1;
    /// `mock.server.locale`: the fake data's ("en", "de", "fr", "ja", ...; see FakeLocale).
    QString locale = QStringLiteral("en");
    /// `mock.server.durableWrites`: SQLite syncs every commit to disk (synchronous=FULL), so an
    /// acknowledged write survives power loss too, at a cost in write speed. Default false: WAL with
    /// synchronous=NORMAL, which survives the server being killed (tested) but not power loss.
    bool durableWrites = false;
    CorsPolicy cors;
    RateLimitPolicy rateLimit;
    LatencyPolicy latency;
    FaultPolicy faults;
    QList<Route> routes;
    /// `mock.versioning`: route groups by API version (see ApiVersioning); off when it lists none.
    ApiVersioning versioning;
    QString defaultDatabase;            ///< resolved URL: "sqlite:/abs/path.db" or "postgresql://..."
    QHash<QString, QString> databases;  ///< id -> resolved URL
    /// The workspace's design: served tables are created from it and its constraints explain refusals.
    std::shared_ptr<const schema::Schema> design = std::make_shared<const schema::Schema>();
    /// Resolved URLs of the PostgreSQL databases whose entry says "createTables": true.
    QSet<QString> createTables;
    /// `mock.fixtures`: {"users": [{row}, ...]}: rows put into an SQLite resource table when it is
    /// empty (first start, or after the file was deleted), e.g. the sample's demo users.
    QHash<QString, QJsonArray> fixtures;

    /// Also refuses a route whose `auth`, `login` or `oauth` names an auth profile that is missing
    /// or broken (see profileProblems()).
    static Result<MockConfig> fromWorkspace(const workspace::Workspace &workspace);
    /// For each route that needs an auth profile (auth, login, oauth): the profile it names (or the
    /// workspace's only one) must exist and parse. Every problem, each naming the profile and the
    /// route's JSON path; keys are not resolved here (see auth::AuthGate).
    static QList<Error> profileProblems(const QList<Route> &routes, const workspace::Workspace &workspace);
    /// `baseDir` resolves relative SQLite paths; `defaultDbName` is used when `databases` has no SQLite entry.
    static Result<MockConfig> fromJson(const QJsonObject &mock, const QJsonObject &schema, const QJsonArray &databases,
                                       const QString &baseDir, const QString &defaultDbName = QStringLiteral("mock.db"));
    /// The URL a resource uses: its own `database` (id or URL), else the default.
    QString databaseFor(const ResourceSpec &resource) const;
    /// Each database the routes use (resources, login and token endpoints) -> the tables they name.
    QHash<QString, QStringList> servedTables() const;
    QStringList tablesServedFrom(const QString &url) const { return servedTables().value(url); }
};

} // namespace quarry::mock
