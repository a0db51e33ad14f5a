// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/mockserver.h"

#include "auth/authgate.h"
#include "auth/authprofile.h"
#include "auth/loginendpoint.h"
#include "auth/oauthtokenendpoint.h"
#include "auth/refreshtokenstore.h"
#include "auth/tokenissuer.h"
#include "mock/apiversioning.h"
#include "mock/authmiddleware.h"
#include "mock/conditionalmiddleware.h"
#include "mock/corsmiddleware.h"
#include "mock/crudhandler.h"
#include "mock/fakedata.h"
#include "mock/faultmiddleware.h"
#include "mock/latencymiddleware.h"
#include "mock/loginlimiter.h"
#include "mock/pgstore.h"
#include "mock/problem.h"
#include "mock/ratelimitmiddleware.h"
#include "mock/requestlog.h"
#include "mock/routetable.h"
#include "mock/sqlitestore.h"
#include "mock/storedesign.h"
#include "mock/templatedresponse.h"
#include "mock/validationmiddleware.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(MockServer)
};

/// Holds the auth slot while no auth module is plugged in: a route that requires a token cannot
/// be served honestly without one, so it gets 501 rather than a pretend 200.
class MissingAuthStep : public Middleware
{
public:
    QString name() const override { return u"auth"_s; }
    bool before(Exchange &ex) override
    {
        if (!ex.route || !ex.route->requiresAuth())
            return true;
        ex.note(name(), u"route requires a token, but no auth step is installed in this build"_s);
        ex.response = Problem{501, u"Authentication not available"_s,
                              u"%1 requires a bearer token, and this build of Quarry cannot verify tokens yet."_s.arg(
                                  ex.route->label()),
                              {}, {}}
                          .toResponse();
        return false;
    }
};

QByteArray truncated(const QByteArray &body)
{
    return body.size() > LogEntry::BodyLimit ? body.left(LogEntry::BodyLimit) : body;
}

} // namespace

struct MockServer::Snapshot {
    std::shared_ptr<RouteTable> table;
    std::vector<std::shared_ptr<Middleware>> chain;
    QHash<QString, std::shared_ptr<ResourceStore>> stores;   // by database URL
    QHash<QString, QString> storeErrors;
    QHash<const Route *, std::shared_ptr<const auth::LoginEndpoint>> logins;
    QHash<const Route *, std::shared_ptr<const auth::OAuthTokenEndpoint>> tokenEndpoints;
    QHash<const Route *, QString> loginErrors;
    QHash<const ResponseSpec *, Validators> staticValidators;   ///< of bodies without a template
    MockConfig config;
};

MockServer::MockServer(QObject *parent)
    : QObject(parent), m_fake(std::make_shared<FakeData>(1)), m_chaos(std::make_shared<FakeData>(2)),
      m_rateState(std::make_shared<RateLimitState>()), m_log(new RequestLog(1000, this))
{
    m_http = std::make_unique<HttpServer>([this](Request &r) { return handle(r); });
    m_designTimer = new QTimer(this);
    m_designTimer->setSingleShot(true);
    m_designTimer->setInterval(DesignSettleMs);
    connect(m_designTimer, &QTimer::timeout, this, &MockServer::reconfigureFromWatched);
    m_http->setRejectionObserver([this](const Request &r, const Response &res, const QString &reason) {
        logRejected(r, res, reason);
    });
    m_http->setNoticeObserver([this](const QString &notice) { postNotice(notice); });
    // Password checks (argon2id, tens of ms each) run on the engine's worker pool.
    m_http->setOffload([this](const Request &r) {
        const auto snap = snapshot();
        if (snap->logins.isEmpty() && snap->tokenEndpoints.isEmpty())
            return false;
        const QStringList segments = Route::splitPath(r.path);
        auto matches = [&](const Route *route) {
            QHash<QString, QString> params;
            return route->matchesMethod(r.method) && route->matchPath(segments, params);
        };
        return std::any_of(snap->logins.keyBegin(), snap->logins.keyEnd(), matches)
               || std::any_of(snap->tokenEndpoints.keyBegin(), snap->tokenEndpoints.keyEnd(), matches);
    });
    rebuild();
}

MockServer::~MockServer()
{
    m_http->stop();
}

Result<void> MockServer::configure(const MockConfig &config)
{
    const QStringList urlList = config.servedTables().keys();
    const QSet<QString> urls(urlList.begin(), urlList.end());
    QHash<QString, std::shared_ptr<ResourceStore>> stores;
    QHash<QString, QString> errors;
    for (const QString &url : std::as_const(urls)) {
        std::shared_ptr<ResourceStore> store = m_stores.value(url);
        const bool sqlite = url.startsWith(u"sqlite:"_s);
        if (store && sqlite && config.durableWrites != m_config.durableWrites)
            store.reset();   // the sync mode is set per connection when it opens
        if (!sqlite && !url.startsWith(u"postgres"_s)) {
            errors.insert(url, Tr::tr("\"%1\" is not a database URL Quarry can serve from; use sqlite:FILE or "
                                      "postgresql://user@host:port/db.").arg(url));
            continue;
        }
        const bool reused = bool(store);
        if (!store && sqlite) {
            auto opened = SqliteStore::open(url.mid(7), config.durableWrites);
            if (!opened) {
                errors.insert(url, opened.error().toString());
                continue;
            }
            store = opened.value();
        } else if (!store) {
            auto opened = PgStore::open(url);
            if (!opened) {
                errors.insert(url, opened.error().toString());
                continue;
            }
            store = opened.value();
        }
        if (auto applied = applyDesign(url, *store, config, reused); !applied)
            errors.insert(url, applied.error().message);
        if (sqlite) {
            const QString failed = loadFixtures(*store, config.fixtures);
            if (!failed.isEmpty())
                errors.insert(url, failed);
        }
        stores.insert(url, store);
    }
    for (auto it = config.fixtures.begin(); it != config.fixtures.end(); ++it) {
        const bool found = std::any_of(stores.begin(), stores.end(),
                                       [&](const auto &store) { return store->table(it.key()).has_value(); });
        if (!found && !stores.isEmpty())
            errors.insert(u"mock.fixtures"_s, Tr::tr("Fixtures name the table \"%1\", which no resource database has.").arg(it.key()));
    }
    m_stores = stores;
    m_storeErrors = errors;
    m_fake->setLocale(config.locale);
    if (config.seed != m_seed) {
        m_seed = config.seed;
        m_fake->reseed(config.seed);
        m_chaos->reseed(config.seed ^ 0x9e3779b97f4a7c15ull);
    }
    m_config = config;
    rebuild();
    if (!errors.isEmpty())
        return Error{Error::Kind::Database, errors.begin().value(), errors.begin().key()};
    return {};
}

Result<void> MockServer::configureFromWorkspace(const workspace::Workspace &workspace)
{
    auto config = MockConfig::fromWorkspace(workspace);
    if (!config)
        return config.error();
    // Keys are resolved once here (env, keychain), not per request.
    auto gate = std::make_shared<const auth::AuthGate>(auth::AuthGate::fromWorkspace(workspace));
    // A protected route whose profile has no usable key would answer 500 to every request: refuse to start.
    const QList<Route> &routes = config.value().routes;
    for (qsizetype i = 0; i < routes.size(); ++i) {
        if (routes.at(i).auth.isEmpty())
            continue;
        QString profile = routes.at(i).auth.value(u"profile"_s).toString();
        const QJsonArray profiles = workspace.sectionArray(workspace::Section::AuthProfiles);
        if (profile.isEmpty() && profiles.size() == 1)   // more or fewer: MockConfig refused the route already
            profile = profiles.at(0).toObject().value(u"id"_s).toString();
        if (const auto why = gate->profileError(profile))
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("%1 uses the auth profile \"%2\", which cannot verify tokens: %3")
                             .arg(routes.at(i).label(), profile, why->message),
                         why->where.isEmpty() ? u"mock.routes[%1].auth"_s.arg(i) : why->where};
    }
    m_warnings = gate->warnings();
    for (const Error &e : gate->errors())
        m_warnings.append(e.toString());
    m_authStep = std::make_shared<AuthMiddleware>(std::move(gate));
    m_authProfiles = workspace.sectionArray(workspace::Section::AuthProfiles);
    return configure(config.value());
}

void MockServer::watch(workspace::Workspace *workspace)
{
    if (m_watched)
        disconnect(m_watched, nullptr, this, nullptr);
    m_watched = workspace;
    if (!workspace)
        return;
    connect(workspace, &workspace::Workspace::sectionChanged, this, [this](workspace::Section section) {
        using workspace::Section;
        if (!m_watched
            || (section != Section::Mock && section != Section::Schema && section != Section::Databases
                && section != Section::AuthProfiles))
            return;
        if (section == Section::Schema) {
            m_designTimer->start();   // a name typed in the designer is one design change, not one per key
            return;
        }
        m_designTimer->stop();
        reconfigureFromWatched();
    });
}

void MockServer::reconfigureFromWatched()
{
    if (!m_watched)
        return;
    const auto result = configureFromWorkspace(*m_watched);
    if (!result)
        emit configurationFailed(result.error().toString());
}

void MockServer::setStep(Slot slot, std::shared_ptr<Middleware> step)
{
    if (slot == Slot::Auth)
        m_authStep = std::move(step);
    rebuild();
}

void MockServer::rebuild()
{
    auto s = std::make_shared<Snapshot>();
    s->config = m_config;
    s->table = std::make_shared<RouteTable>(m_config.routes);
    s->chain.push_back(std::make_shared<CorsMiddleware>(m_config.cors));
    s->chain.push_back(m_authStep ? m_authStep : std::make_shared<MissingAuthStep>());
    s->chain.push_back(std::make_shared<RateLimitMiddleware>(m_config.rateLimit, m_rateState));
    s->chain.push_back(std::make_shared<LatencyMiddleware>(m_config.latency, m_chaos));
    s->chain.push_back(std::make_shared<FaultMiddleware>(m_config.faults, m_chaos));
    s->chain.push_back(std::make_shared<ValidationMiddleware>());
    s->chain.push_back(std::make_shared<ConditionalMiddleware>());
    s->stores = m_stores;
    s->storeErrors = m_storeErrors;
    // A static body's ETag is computed once; its Last-Modified is when it last changed (an edit of
    // another route keeps it).
    QDateTime now = QDateTime::currentDateTimeUtc();
    now.setTime(QTime(now.time().hour(), now.time().minute(), now.time().second()));
    QHash<QByteArray, QDateTime> since;
    for (const Route &route : s->table->routes()) {
        for (const ResponseSpec &spec : route.responses) {
            if (spec.bodyIsTemplate)
                continue;
            const QByteArray fingerprint = route.id.toUtf8() + '\0' + QJsonDocument(spec.toJson()).toJson(QJsonDocument::Compact);
            const QDateTime changed = m_responseSince.value(fingerprint, now);
            since.insert(fingerprint, changed);
            s->staticValidators.insert(&spec, Validators{ConditionalRequest::strongEtag(spec.bodyUtf8), changed});
        }
    }
    m_responseSince = std::move(since);
    for (const Route &route : s->table->routes()) {
        if (!route.login.isEmpty()) {
            auto endpoint = loginEndpoint(route, *s);
            if (endpoint)
                s->logins.insert(&route, endpoint.value());
            else
                s->loginErrors.insert(&route, endpoint.error().toString());
        } else if (!route.oauth.isEmpty()) {
            auto endpoint = oauthEndpoint(route, *s);
            if (endpoint)
                s->tokenEndpoints.insert(&route, endpoint.value());
            else
                s->loginErrors.insert(&route, endpoint.error().toString());
        }
    }
    std::lock_guard lock(m_snapshotMutex);
    m_snapshot = std::move(s);
}

Result<auth::AuthProfile> MockServer::profileFor(const Route &route, const QJsonObject &options) const
{
    QString profileId = options.value(u"profile"_s).toString();
    if (profileId.isEmpty() && m_authProfiles.size() == 1)
        profileId = m_authProfiles.first().toObject().value(u"id"_s).toString();
    for (const QJsonValue &p : m_authProfiles) {
        if (p.toObject().value(u"id"_s).toString() == profileId)
            return auth::AuthProfile::fromJson(p.toObject());
    }
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("%1 signs tokens with the auth profile \"%2\", which the workspace does not have.")
                     .arg(route.label(), profileId),
                 route.id + u".profile"_s};
}

Result<auth::LoginService> MockServer::userLookup(const Route &route, const QJsonObject &options, const Snapshot &s) const
{
    const QString url = s.config.databaseFor(ResourceSpec{{}, options.value(u"database"_s).toString(), {}});
    const std::shared_ptr<ResourceStore> store = s.stores.value(url);
    if (!store)
        return Error{Error::Kind::Database, s.storeErrors.value(url, Tr::tr("The database %1 is not open.").arg(url)), url};
    const QString tableName = options.value(u"table"_s).toString(u"users"_s);
    const auto table = store->table(tableName);
    const QString emailColumn = options.value(u"emailColumn"_s).toString(u"email"_s);
    const QString passwordColumn = options.value(u"passwordColumn"_s).toString(u"password_hash"_s);
    const QString rolesColumn = options.value(u"rolesColumn"_s).toString(u"roles"_s);
    if (!table || !table->column(emailColumn) || !table->column(passwordColumn))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("%1 checks passwords in %2.%3 (argon2id hashes) by %2.%4, but the table or a column is missing.")
                         .arg(route.label(), tableName, passwordColumn, emailColumn),
                     route.id};
    const QString idColumn = options.value(u"idColumn"_s).toString(table->primaryKey);
    const QString sql = u"SELECT * FROM %1 WHERE lower(%2) = lower(?) LIMIT 1"_s.arg(store->quote(tableName),
                                                                                   store->quote(emailColumn));
    const TableInfo shape = *table;
    auto lookup = [store, sql, shape, emailColumn, passwordColumn, rolesColumn, idColumn](const QString &email)
        -> std::optional<auth::LoginUser> {
        const SqlOutcome r = store->run(sql, {email}, &shape);
        if (!r.ok() || r.rows.isEmpty())
            return std::nullopt;
        const QJsonObject row = r.rows.first().toObject();
        auth::LoginUser user;
        const QJsonValue id = row.value(idColumn);
        user.id = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
        user.email = row.value(emailColumn).toString();
        user.passwordHash = row.value(passwordColumn).toString();
        const QJsonValue roles = row.value(rolesColumn);
        QJsonArray list = roles.toArray();
        if (roles.isString()) {
            const QJsonDocument doc = QJsonDocument::fromJson(roles.toString().toUtf8());
            if (doc.isArray())
                list = doc.array();
            else
                for (const QString &role : roles.toString().split(u',', Qt::SkipEmptyParts))
                    list.append(role.trimmed());
        }
        for (const QJsonValue &role : std::as_const(list))
            user.roles.append(role.toString());
        if (row.value(u"name"_s).isString())
            user.claims.insert(u"name"_s, row.value(u"name"_s));
        return user;
    };
    return auth::LoginService(lookup);
}

Result<std::shared_ptr<const auth::LoginEndpoint>> MockServer::loginEndpoint(const Route &route, const Snapshot &s) const
{
    auto profile = profileFor(route, route.login);
    if (!profile)
        return profile.error();
    auto issuer = auth::TokenIssuer::fromProfile(profile.value());
    if (!issuer)
        return issuer.error();
    auto users = userLookup(route, route.login, s);
    if (!users)
        return users.error();
    return std::make_shared<const auth::LoginEndpoint>(issuer.value(), users.value());
}

Result<std::shared_ptr<const auth::OAuthTokenEndpoint>> MockServer::oauthEndpoint(const Route &route, const Snapshot &s)
{
    auto profile = profileFor(route, route.oauth);
    if (!profile)
        return profile.error();
    // Without a users table the endpoint still serves client_credentials and refresh_token.
    auto users = userLookup(route, route.oauth, s);
    std::optional<auth::LoginService> service;
    if (users)
        service = users.value();
    auto &store = m_refreshStores[route.id];
    if (!store)
        store = std::make_shared<auth::RefreshTokenStore>();
    auto endpoint = auth::OAuthTokenEndpoint::fromProfile(profile.value(), service, store);
    if (!endpoint)
        return endpoint.error();
    return std::make_shared<const auth::OAuthTokenEndpoint>(endpoint.value());
}

std::shared_ptr<const MockServer::Snapshot> MockServer::snapshot() const
{
    std::lock_guard lock(m_snapshotMutex);
    return m_snapshot;
}

Result<quint16> MockServer::start()
{
    return start(m_config.server);
}

Result<quint16> MockServer::start(const ServerOptions &options)
{
    auto port = m_http->start(options);
    if (port)
        emit started(port.value());
    return port;
}

void MockServer::stop()
{
    if (!m_http->isRunning())
        return;
    m_http->stop();
    emit stopped();
}

bool MockServer::isRunning() const { return m_http->isRunning(); }
quint16 MockServer::port() const { return m_http->port(); }
QString MockServer::url() const
{
    const QString host = m_http->host();   // an IPv6 address goes in brackets (RFC 3986): http://[::1]:3000
    return u"http://%1:%2"_s.arg(host.contains(u':') ? u'[' + host + u']' : host).arg(m_http->port());
}
RequestLog *MockServer::requestLog() const { return m_log; }

Response MockServer::handle(Request &request)
{
    QElapsedTimer timer;
    timer.start();
    const QDateTime arrived = QDateTime::currentDateTimeUtc();
    const auto snap = snapshot();
    Exchange ex(request);
    const ApiVersioning &versioning = snap->config.versioning;
    ApiVersioning::Choice version;
    if (versioning.isEnabled()) {
        version = versioning.choose(request);
        ex.note(u"version"_s, version.why);
        ex.version = version.version;
        ex.routePath = version.routePath;
    }
    const bool matched = version.status == 0 && snap->table->match(ex);
    ex.policyRoute = matched ? ex.route : snap->table->matchPathOnly(ex);
    if (matched)
        ex.note(u"route"_s, u"matched %1%2"_s.arg(ex.route->label(), ex.route->id.isEmpty() ? QString() : u" ("_s + ex.route->id + u')'));
    else
        ex.note(u"route"_s, ex.allowedMethods.isEmpty() ? u"no route matches this path"_s
                                                        : u"the path matches routes for %1 only"_s.arg(ex.allowedMethods.join(u", "_s)));

    std::size_t ran = 0;
    bool answered = version.status != 0;
    if (answered)
        ex.response = ApiVersioning::refusal(version);
    for (const auto &step : snap->chain) {
        if (answered)   // an unknown version: no route, no step
            break;
        ++ran;
        if (!step->before(ex)) {
            answered = true;
            break;
        }
    }
    if (!answered) {
        QElapsedTimer handlerTimer;
        handlerTimer.start();
        if (!ex.route) {
            snap->table->answerUnmatched(ex);
        } else if ((!ex.route->oauth.isEmpty() || !ex.route->login.isEmpty()) && !admitLogin(*m_rateState, ex, nullptr)) {
            // over the per-client limit: ex.response is the 429
        } else if (!ex.route->oauth.isEmpty()) {
            const auto endpoint = snap->tokenEndpoints.value(ex.route);
            if (!endpoint) {
                ex.response = Problem{500, u"Token endpoint not available"_s, snap->loginErrors.value(ex.route), {}, {}}.toResponse();
            } else {
                const auth::EndpointResponse answer =
                    endpoint->handle(request.body, request.header("content-type"), request.header("authorization"));
                ex.response = Response{};
                ex.response.status = answer.status;
                for (const auto &h : answer.headers)
                    ex.response.setHeader(h.first, h.second);
                ex.response.body = answer.body;
                ex.note(u"oauth"_s, answer.note);
            }
        } else if (!ex.route->login.isEmpty()) {
            const auto endpoint = snap->logins.value(ex.route);
            if (!endpoint) {
                ex.response = Problem{500, u"Login not available"_s, snap->loginErrors.value(ex.route), {}, {}}.toResponse();
            } else {
                // On a worker thread (see the offload in the constructor): one argon2id verification.
                const auth::EndpointResponse answer =
                    endpoint->handle(request.body, 0, [&](const QString &account) -> std::optional<auth::EndpointResponse> {
                        if (admitLogin(*m_rateState, ex, &account))
                            return std::nullopt;
                        auth::EndpointResponse refused;
                        refused.status = ex.response.status;
                        for (const auto &h : std::as_const(ex.response.headers))
                            refused.headers.append({h.first, h.second});
                        refused.body = ex.response.body;
                        refused.note = u"rate limited before the password check"_s;
                        return refused;
                    });
                ex.response = Response{};
                ex.response.status = answer.status;
                for (const auto &h : answer.headers)
                    ex.response.setHeader(h.first, h.second);
                ex.response.body = answer.body;
                ex.note(u"login"_s, answer.note);
            }
        } else if (ex.route->resource) {
            const QString url = snap->config.databaseFor(*ex.route->resource);
            const auto store = snap->stores.value(url);
            if (!store) {
                ex.response = Problem{503, u"Database unavailable"_s,
                                      snap->storeErrors.value(url, u"The database %1 is not open."_s.arg(url)), {}, {}}
                                  .toResponse();
            } else {
                CrudHandler::handle(ex, *store, *ex.route->resource, *snap->config.design);
            }
        } else {
            const int index = snap->table->pickResponse(*ex.route, ex, *m_fake);
            const ResponseSpec *spec = index < 0 ? nullptr : &ex.route->responses.at(index);
            TemplatedResponse::answer(ex, spec, *m_fake, spec ? snap->staticValidators.value(spec) : Validators{});
        }
        ex.note(u"handler"_s, u"answered %1"_s.arg(ex.response.status), handlerTimer.nsecsElapsed() / 1000);
    }
    for (std::size_t i = ran; i-- > 0;)
        snap->chain[i]->after(ex);
    for (const HeaderField &h : std::as_const(ex.extraHeaders)) {
        if (ex.response.header(h.first).isNull())
            ex.response.headers.append(h);
    }
    if (version.version)
        versioning.decorate(version, ex.response);
    ex.response.delayMs += ex.delayMs;
    if (!m_logging.load(std::memory_order_relaxed))
        return std::move(ex.response);

    LogEntry e;
    e.id = m_nextId.fetch_add(1);
    e.time = arrived;
    e.method = QString::fromLatin1(request.method);
    e.target = QString::fromUtf8(request.target);
    e.path = request.path;
    e.status = ex.response.dropConnection ? 0 : ex.response.status;
    e.durationMicros = timer.nsecsElapsed() / 1000 + qint64(ex.response.delayMs) * 1000;
    if (ex.route) {
        e.routeId = ex.route->id;
        e.routeLabel = ex.route->label();
    }
    e.client = request.clientAddress + u':' + QString::number(request.clientPort);
    e.requestHeaders = request.headers;
    e.requestBody = truncated(request.body);
    e.responseHeaders = ex.response.headers;
    e.responseBody = truncated(ex.response.body);
    e.responseBytes = ex.response.body.size();
    e.steps = std::move(ex.steps);
    m_log->post(std::move(e));
    return std::move(ex.response);
}

void MockServer::logRejected(const Request &request, const Response &response, const QString &reason)
{
    if (!m_logging.load(std::memory_order_relaxed))
        return;
    LogEntry e;
    e.id = m_nextId.fetch_add(1);
    e.time = QDateTime::currentDateTimeUtc();
    e.method = QString::fromLatin1(request.method);
    e.target = QString::fromUtf8(request.target);
    e.path = request.path;
    e.status = response.status;
    e.client = request.clientAddress + u':' + QString::number(request.clientPort);
    e.responseHeaders = response.headers;
    e.responseBody = truncated(response.body);
    e.responseBytes = response.body.size();
    e.steps.append({u"engine"_s, reason, -1});
    m_log->post(std::move(e));
}

} // namespace quarry::mock
