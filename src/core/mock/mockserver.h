// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/httpserver.h"
#include "mock/middleware.h"
#include "mock/mockconfig.h"
#include "quarry_core_export.h"
#include "result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QObject>
#include <QPointer>

#include <memory>
#include <mutex>

class QTimer;

namespace quarry::schema { class Schema; }
namespace quarry::workspace { class Workspace; }
namespace quarry::auth { class LoginEndpoint; class LoginService; class OAuthTokenEndpoint; class RefreshTokenStore; class AuthProfile; }

namespace quarry::mock {

class FakeData;
class RequestLog;
class ResourceStore;

/// The workspace's mock API: the HTTP engine, the route table, the middleware chain
/// (cors → auth → rateLimit → latency → faults → validate → conditional), the response rules and templates, CRUD resources
/// on SQLite (default) or PostgreSQL, and the request log.
///
/// Lives in its owner's thread (the GUI's or the CLI's); requests run on the engine's network
/// threads and never touch the owner's thread except through RequestLog's queued signals.
/// configure() may be called while running: routes and middleware settings are swapped atomically
/// (requests in flight finish with the old table); host, port, threads and limits apply at the next
/// start().
class QUARRY_CORE_EXPORT MockServer : public QObject
{
    Q_OBJECT
public:
    /// Places in the chain where another module plugs in a step.
    enum class Slot { Auth };

    static constexpr int DesignSettleMs = 200;

    explicit MockServer(QObject *parent = nullptr);
    ~MockServer() override;   ///< stops the server

    /// Validated settings and routes; opens (creates) the databases of resources and brings the
    /// design to each through applyDesignChange(): the one path of a design edit to a served
    /// database, at start and while running. What a later call applied, and what it could not
    /// (renames, drops, changed columns), goes to the request log as notices. On error the
    /// previous configuration stays in force.
    Result<void> configure(const MockConfig &config);
    /// Whether the design's missing tables may be created in every PostgreSQL database (`quarry
    /// serve --create-tables`); otherwise only in those whose entry says "createTables": true.
    /// Quarry's own SQLite files always follow the design. Applies at the next configure().
    void setCreateTables(bool allowed) { m_createTables = allowed; }
    Result<void> configureFromWorkspace(const workspace::Workspace &workspace);
    /// Re-configures whenever the workspace's mock, schema, databases or authProfiles section changes
    /// (a design edit once the schema has been quiet for DesignSettleMs, so that a name typed key by key
    /// is one change); failures are reported by configurationFailed(). The workspace must outlive the binding (or be destroyed
    /// first: the connection goes with it).
    void watch(workspace::Workspace *workspace);
    const MockConfig &config() const { return m_config; }

    /// Installs the step of a slot (null removes it). Takes effect for the next request.
    /// configureFromWorkspace() installs the auth step of the workspace's auth profiles itself.
    void setStep(Slot slot, std::shared_ptr<Middleware> step);
    /// Things the user should know that do not stop the server (an auth profile using its demo
    /// secret, a profile that cannot load), from the last configureFromWorkspace().
    QStringList warnings() const { return m_warnings; }

    /// Starts on the configured host and port.
    Result<quint16> start();
    /// Starts with explicit options (host, port, threads, limits).
    Result<quint16> start(const ServerOptions &options);
    void stop();
    bool isRunning() const;
    quint16 port() const;
    /// "http://127.0.0.1:3000"
    QString url() const;

    /// The live log; owned by this object, lives in its thread.
    RequestLog *requestLog() const;
    /// Whether requests are recorded in requestLog() (default true). Headless use without a log
    /// (`quarry serve --log none`) switches it off and saves building an entry per request.
    void setLogging(bool enabled) { m_logging.store(enabled); }
    bool isLogging() const { return m_logging.load(); }

    /// Runs a request through the chain and handler without the network (thread-safe; the engine
    /// calls it on its threads, tests may call it directly).
    Response handle(Request &request);

signals:
    void started(quint16 port);
    void stopped();
    void configurationFailed(const QString &message);

private:
    struct Snapshot;
    std::shared_ptr<const Snapshot> snapshot() const;
    Result<std::shared_ptr<const auth::LoginEndpoint>> loginEndpoint(const Route &route, const Snapshot &s) const;
    Result<std::shared_ptr<const auth::OAuthTokenEndpoint>> oauthEndpoint(const Route &route, const Snapshot &s);
    Result<auth::AuthProfile> profileFor(const Route &route, const QJsonObject &options) const;
    Result<auth::LoginService> userLookup(const Route &route, const QJsonObject &options, const Snapshot &s) const;
    void rebuild();
    void reconfigureFromWatched();
    Result<void> applyDesign(const QString &url, ResourceStore &store, const MockConfig &config, bool reused);
    void postNotice(const QString &text);
    void logRejected(const Request &request, const Response &response, const QString &reason);

    MockConfig m_config;
    std::unique_ptr<HttpServer> m_http;
    std::shared_ptr<FakeData> m_fake;
    std::shared_ptr<FakeData> m_chaos;
    std::shared_ptr<class RateLimitState> m_rateState;
    QHash<QString, std::shared_ptr<ResourceStore>> m_stores;
    QHash<QString, QString> m_storeErrors;
    QHash<QString, std::shared_ptr<const schema::Schema>> m_appliedDesigns;   ///< by database URL
    QHash<QString, QStringList> m_missing;                                    ///< by database URL, as last noticed
    QHash<QString, QStringList> m_notApplied;                                 ///< by database URL, as last noticed
    QHash<QByteArray, QDateTime> m_responseSince;   ///< route id + static response -> when it last changed
    QTimer *m_designTimer = nullptr;
    bool m_createTables = false;
    std::shared_ptr<Middleware> m_authStep;
    RequestLog *m_log = nullptr;
    std::atomic<quint64> m_nextId{1};
    std::atomic<bool> m_logging{true};
    quint64 m_seed = 0;

    mutable std::mutex m_snapshotMutex;
    std::shared_ptr<const Snapshot> m_snapshot;
    QPointer<workspace::Workspace> m_watched;
    QStringList m_warnings;
    QJsonArray m_authProfiles;   ///< the workspace's, for login routes
    /// Refresh tokens of each token endpoint (by route id), kept across route edits.
    QHash<QString, std::shared_ptr<auth::RefreshTokenStore>> m_refreshStores;
};

} // namespace quarry::mock
