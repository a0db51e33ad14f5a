// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/middleware.h"
#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/problem.h"
#include "mock/ratelimitmiddleware.h"
#include "mock/requestlog.h"
#include "auth/authprofile.h"
#include "auth/tokenissuer.h"
#include "auth/passwordhasher.h"
#include "workspace/workspace.h"

#include "rawhttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;

namespace {

QJsonObject obj(const char *json)
{
    QJsonParseError e{};
    const auto d = QJsonDocument::fromJson(QByteArray(json), &e);
    if (e.error)
        qFatal("bad JSON in test: %s", qPrintable(e.errorString()));
    return d.object();
}

QString stepsText(const LogEntry &e)
{
    QStringList s;
    for (const auto &step : e.steps)
        s.append(step.step + u": "_s + step.message);
    return s.join(u" | "_s);
}

/// A stand-in for the auth step of issue #4: proves a step slots in between CORS and the limit.
class FakeAuth : public Middleware
{
public:
    QString name() const override { return u"auth"_s; }
    bool before(Exchange &ex) override
    {
        if (!ex.route || !ex.route->auth.value(u"required"_s).toBool())
            return true;
        if (ex.request.header("authorization") == "Bearer good") {
            ex.claims = QJsonObject{{u"sub"_s, u"ada"_s}};
            ex.note(name(), u"token ok"_s);
            return true;
        }
        ex.note(name(), u"no valid token"_s);
        ex.response = Problem{401, u"Unauthorized"_s, u"token missing"_s, {}, {}}.toResponse();
        ex.response.setHeader("WWW-Authenticate", "Bearer");
        return false;
    }
};

} // namespace

class TestMiddleware : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void corsAllowedOrigin();
    void corsDisallowedOriginGetsNoHeaders();
    void corsPreflight_data();
    void corsPreflight();
    void corsPerRouteAndCredentials();
    void rateLimitPerClient();
    void rateLimitPerToken();
    void rateLimitRefills();
    void latencyDoesNotBlockThread();
    void faultsError();
    void faultsDrop();
    void authSlotOrder();
    void missingAuthStepIs501();
    void authStepFromWorkspace();
    void claimsInRulesAndTemplates();
    void loginRoute();
    void oauthTokenRoute();
    void requestLogSignals();
    void requestLogBounded();
    void engineRejectionsAreLogged();
    void loggingCanBeSwitchedOff();

private:
    void configure(const char *mock)
    {
        auto config = MockConfig::fromJson(obj(mock), {}, {}, m_dir.path());
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        QVERIFY(m_server->configure(config.value()));
    }
    Response call(const QByteArray &method, const QByteArray &target, QList<HeaderField> headers = {},
                  const QString &client = u"127.0.0.1"_s)
    {
        Request r;
        r.method = method;
        r.setTarget(target);
        r.headers = headers;
        r.clientAddress = client;
        return m_server->handle(r);
    }
    LogEntry lastEntry() const { return m_server->requestLog()->entries().last(); }

    QTemporaryDir m_dir;
    std::unique_ptr<MockServer> m_server;
};

void TestMiddleware::init()
{
    m_server = std::make_unique<MockServer>();
}

static const char *CorsMock = R"({"server": {"cors": {"origins": ["http://app.test:5173"], "methods": ["GET", "POST"],
    "headers": ["Content-Type", "Authorization"], "maxAge": 120}},
  "routes": [{"id": "a", "method": "GET", "path": "/a", "responses": [{"body": "ok"}]},
             {"id": "open", "method": "GET", "path": "/open", "cors": {"origins": ["*"]}, "responses": [{"body": "open"}]},
             {"id": "cred", "method": "GET", "path": "/cred", "cors": {"origins": ["http://app.test:5173"], "credentials": true}, "responses": [{"body": "c"}]}]})";

void TestMiddleware::corsAllowedOrigin()
{
    configure(CorsMock);
    const Response r = call("GET", "/a", {{"Origin", "http://app.test:5173"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("http://app.test:5173"));
    QCOMPARE(r.header("Vary"), QByteArray("Origin"));
    QVERIFY(r.header("Access-Control-Expose-Headers").contains("X-Total-Count"));
    // no Origin: not a CORS request, no headers
    QVERIFY(call("GET", "/a").header("Access-Control-Allow-Origin").isNull());
    // CORS headers reach error answers too (404 of an unknown route)
    QCOMPARE(call("GET", "/zzz", {{"Origin", "http://app.test:5173"}}).header("Access-Control-Allow-Origin"),
             QByteArray("http://app.test:5173"));
}

void TestMiddleware::corsDisallowedOriginGetsNoHeaders()
{
    configure(CorsMock);
    const Response r = call("GET", "/a", {{"Origin", "http://evil.test"}});
    QCOMPARE(r.status, 200);   // the server answers; the browser blocks it
    QVERIFY(r.header("Access-Control-Allow-Origin").isNull());
    const QString steps = stepsText(lastEntry());
    QVERIFY2(steps.contains(u"cors: origin http://evil.test is not in the allowed origins"_s), qPrintable(steps));
}

void TestMiddleware::corsPreflight_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<int>("status");
    QTest::newRow("allowed") << QByteArray("http://app.test:5173") << QByteArray("POST") << QByteArray("content-type, authorization") << 204;
    QTest::newRow("method refused") << QByteArray("http://app.test:5173") << QByteArray("DELETE") << QByteArray() << 403;
    QTest::newRow("header refused") << QByteArray("http://app.test:5173") << QByteArray("GET") << QByteArray("X-Secret") << 403;
    QTest::newRow("origin refused") << QByteArray("http://evil.test") << QByteArray("GET") << QByteArray() << 403;
}

void TestMiddleware::corsPreflight()
{
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, headers);
    QFETCH(int, status);
    configure(CorsMock);
    QList<HeaderField> h{{"Origin", origin}, {"Access-Control-Request-Method", method}};
    if (!headers.isEmpty())
        h.append({"Access-Control-Request-Headers", headers});
    const Response r = call("OPTIONS", "/a", h);
    QCOMPARE(r.status, status);
    if (status == 204) {
        QCOMPARE(r.header("Access-Control-Allow-Origin"), origin);
        QVERIFY(r.header("Access-Control-Allow-Methods").contains("POST"));
        QVERIFY(r.header("Access-Control-Allow-Headers").contains("Authorization"));
        QCOMPARE(r.header("Access-Control-Max-Age"), QByteArray("120"));
    } else {
        QVERIFY(r.header("Access-Control-Allow-Origin").isNull());
        QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    }
    QVERIFY(stepsText(lastEntry()).contains(u"cors: "_s));
}

void TestMiddleware::corsPerRouteAndCredentials()
{
    configure(CorsMock);
    QCOMPARE(call("GET", "/open", {{"Origin", "http://evil.test"}}).header("Access-Control-Allow-Origin"), QByteArray("*"));
    const Response r = call("GET", "/cred", {{"Origin", "http://app.test:5173"}});
    QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("http://app.test:5173"));
    QCOMPARE(r.header("Access-Control-Allow-Credentials"), QByteArray("true"));
}

void TestMiddleware::rateLimitPerClient()
{
    configure(R"({"server": {"rateLimit": {"requests": 3, "perSeconds": 60}},
      "routes": [{"id": "a", "path": "/a", "responses": [{"body": "ok"}]},
                 {"id": "b", "path": "/b", "rateLimit": {"enabled": false}, "responses": [{"body": "free"}]}]})");
    for (int i = 0; i < 3; ++i) {
        const Response r = call("GET", "/a");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("RateLimit-Limit"), QByteArray("3"));
        QCOMPARE(r.header("RateLimit-Remaining"), QByteArray::number(2 - i));
    }
    const Response limited = call("GET", "/a");
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(limited.header("Retry-After"), QByteArray("20"));   // one token per 20 s
    QCOMPARE(limited.header("RateLimit-Remaining"), QByteArray("0"));
    QVERIFY(limited.header("RateLimit-Reset").toInt() > 0);
    QVERIFY(stepsText(lastEntry()).contains(u"rateLimit: client 127.0.0.1 is over the limit"_s));
    // another client has its own bucket; a route with the limit off is not limited
    QCOMPARE(call("GET", "/a", {}, u"10.0.0.2"_s).status, 200);
    QCOMPARE(call("GET", "/b").status, 200);
}

void TestMiddleware::rateLimitPerToken()
{
    configure(R"({"server": {"rateLimit": {"requests": 1, "perSeconds": 60, "key": "token"}},
      "routes": [{"id": "a", "path": "/a", "responses": [{"body": "ok"}]}]})");
    QCOMPARE(call("GET", "/a", {{"Authorization", "Bearer one"}}).status, 200);
    QCOMPARE(call("GET", "/a", {{"Authorization", "Bearer one"}}).status, 429);
    QCOMPARE(call("GET", "/a", {{"Authorization", "Bearer two"}}).status, 200);   // same address, other token
}

void TestMiddleware::rateLimitRefills()
{
    RateLimitState state;
    RateLimitPolicy p;
    p.enabled = true;
    p.requests = 2;
    p.perSeconds = 1;
    const auto t0 = RateLimitState::Clock::now();
    QVERIFY(state.take(u"k"_s, p, t0).allowed);
    QVERIFY(state.take(u"k"_s, p, t0).allowed);
    const auto denied = state.take(u"k"_s, p, t0);
    QVERIFY(!denied.allowed);
    QCOMPARE(denied.retryAfterSeconds, 1);
    QVERIFY(state.take(u"k"_s, p, t0 + std::chrono::milliseconds(600)).allowed);   // 1.2 tokens back
    QVERIFY(!state.take(u"k"_s, p, t0 + std::chrono::milliseconds(700)).allowed);
}

void TestMiddleware::latencyDoesNotBlockThread()
{
    configure(R"({"routes": [{"id": "slow", "path": "/slow", "latency": {"ms": 1000}, "responses": [{"body": "slow"}]},
                             {"id": "fast", "path": "/fast", "responses": [{"body": "fast"}]},
                             {"id": "range", "path": "/range", "latency": {"minMs": 100, "maxMs": 200}, "responses": [{"body": "r"}]}]})");
    ServerOptions o;
    o.threads = 1;   // one network thread: a sleeping handler would stall /fast
    auto port = m_server->start(o);
    QVERIFY(port);
    RawClient slow;
    QVERIFY(slow.connectTo(port.value()));
    QElapsedTimer t;
    t.start();
    slow.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    QTest::qWait(50);
    RawClient fast;
    QVERIFY(fast.connectTo(port.value()));
    fast.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto f = fast.readResponse(2000);
    QVERIFY(f);
    QVERIFY2(t.elapsed() < 700, qPrintable(QString::number(t.elapsed())));
    const auto s = slow.readResponse(3000);
    QVERIFY(s);
    QCOMPARE(s->body, QByteArray("slow"));
    QVERIFY(t.elapsed() >= 990);
    const auto r = call("GET", "/range");
    QVERIFY(r.delayMs >= 100 && r.delayMs <= 200);
    m_server->stop();
}

void TestMiddleware::faultsError()
{
    configure(R"({"routes": [{"id": "f", "path": "/f", "faults": {"errorRate": 1, "status": 503}, "responses": [{"body": "never"}]},
                             {"id": "half", "path": "/half", "faults": {"errorRate": 0.5}, "responses": [{"body": "ok"}]}]})");
    const Response r = call("GET", "/f");
    QCOMPARE(r.status, 503);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    int failures = 0;
    for (int i = 0; i < 400; ++i)
        failures += call("GET", "/half").status == 500 ? 1 : 0;
    QVERIFY2(failures > 140 && failures < 260, qPrintable(QString::number(failures)));
}

void TestMiddleware::faultsDrop()
{
    configure(R"({"routes": [{"id": "d", "path": "/d", "faults": {"dropRate": 1}, "responses": [{"body": "never"}]}]})");
    auto port = m_server->start(ServerOptions{});
    QVERIFY(port);
    RawClient c;
    QVERIFY(c.connectTo(port.value()));
    c.send("GET /d HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(c.waitForClose(2000));
    QVERIFY(c.buffered().isEmpty());
    QTRY_VERIFY(!m_server->requestLog()->entries().isEmpty());
    QCOMPARE(lastEntry().status, 0);
    m_server->stop();
}

void TestMiddleware::authSlotOrder()
{
    configure(R"({"server": {"rateLimit": {"requests": 1, "perSeconds": 60}},
      "routes": [{"id": "p", "path": "/p", "auth": {"required": true}, "responses": [{"body": "hi {{jwt.sub}}"}]}]})");
    m_server->setStep(MockServer::Slot::Auth, std::make_shared<FakeAuth>());
    const Response denied = call("GET", "/p", {{"Origin", "http://x.test"}});
    QCOMPARE(denied.status, 401);
    QCOMPARE(denied.header("WWW-Authenticate"), QByteArray("Bearer"));
    QCOMPARE(denied.header("Access-Control-Allow-Origin"), QByteArray("*"));   // CORS ran before auth
    const QString steps = stepsText(lastEntry());
    QVERIFY(steps.indexOf(u"cors:"_s) < steps.indexOf(u"auth:"_s));
    QVERIFY(!steps.contains(u"rateLimit:"_s));   // the 401 did not use up the limit
    const Response ok = call("GET", "/p", {{"Authorization", "Bearer good"}});
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.body, QByteArray("hi ada"));
    QVERIFY(stepsText(lastEntry()).contains(u"auth: token ok | rateLimit:"_s));
}

void TestMiddleware::missingAuthStepIs501()
{
    configure(R"({"routes": [{"id": "p", "path": "/p", "auth": {"required": true}, "responses": [{"body": "secret"}]}]})");
    const Response r = call("GET", "/p");
    QCOMPARE(r.status, 501);
    QVERIFY(!r.body.contains("secret"));
}

void TestMiddleware::authStepFromWorkspace()
{
    using quarry::workspace::Section;
    qputenv("QUARRY_MOCK_TEST_SECRET", "a-test-secret-that-is-long-enough-for-hs256!");
    const QJsonObject profile = obj(R"({"id": "p1", "name": "Test", "algorithm": "HS256", "issuer": "quarry-test",
        "audience": "mock-tests", "lifetimeSeconds": 600, "rolesClaim": "roles", "secret": "env:QUARRY_MOCK_TEST_SECRET"})");
    auto ws = quarry::workspace::Workspace::createEmpty(u"auth"_s);
    ws->setFilePath(m_dir.filePath(u"auth.quarry"_s));
    ws->setSection(Section::AuthProfiles, QJsonArray{profile});
    ws->setSection(Section::Mock, obj(R"({"routes": [
        {"id": "me", "path": "/me", "auth": {"required": true, "profile": "p1"},
         "responses": [{"headers": {"Content-Type": "application/json"}, "body": "{\"sub\": \"{{jwt.sub}}\"}"}]},
        {"id": "admin", "path": "/admin", "auth": {"profile": "p1", "roles": ["admin"]}, "responses": [{"body": "admin area"}]},
        {"id": "open", "path": "/open", "responses": [{"body": "open"}]}]})"));
    QVERIFY(m_server->configureFromWorkspace(*ws));

    auto parsed = quarry::auth::AuthProfile::fromJson(profile);
    QVERIFY(parsed);
    auto issuer = quarry::auth::TokenIssuer::fromProfile(parsed.value());
    QVERIFY2(issuer, qPrintable(issuer ? QString() : issuer.error().toString()));
    quarry::auth::TokenRequest userRequest;
    userRequest.subject = u"linus"_s;
    userRequest.roles = QStringList{u"user"_s};
    const auto user = issuer.value().issue(userRequest);
    QVERIFY(user);
    quarry::auth::TokenRequest adminRequest;
    adminRequest.subject = u"ada"_s;
    adminRequest.roles = QStringList{u"admin"_s, u"user"_s};
    const auto admin = issuer.value().issue(adminRequest);
    QVERIFY(admin);
    auto bearer = [](const QByteArray &t) { return QList<HeaderField>{{"Authorization", "Bearer " + t}}; };

    Response r = call("GET", "/me", {{"Origin", "http://x.test"}});
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("*"));
    QVERIFY(stepsText(lastEntry()).contains(u"auth: profile p1"_s));

    r = call("GET", "/me", bearer(user.value().token));
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"sub"_s).toString(), u"linus"_s);

    r = call("GET", "/admin", bearer(user.value().token));
    QCOMPARE(r.status, 403);
    QVERIFY(r.header("WWW-Authenticate").contains("insufficient_scope"));
    QCOMPARE(call("GET", "/admin", bearer(admin.value().token)).status, 200);

    QByteArray tampered = admin.value().token;
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
    r = call("GET", "/me", bearer(tampered));
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("WWW-Authenticate").contains("invalid_token"));
    QCOMPARE(call("GET", "/open").status, 200);
    qunsetenv("QUARRY_MOCK_TEST_SECRET");
}

void TestMiddleware::loginRoute()
{
    using quarry::workspace::Section;
    qputenv("QUARRY_MOCK_TEST_SECRET", "a-test-secret-that-is-long-enough-for-hs256!");
    auto ws = quarry::workspace::Workspace::createEmpty(u"login"_s);
    ws->setFilePath(m_dir.filePath(u"login.quarry"_s));
    ws->setSection(Section::AuthProfiles, QJsonArray{obj(R"({"id": "p1", "name": "Test", "algorithm": "HS256",
        "issuer": "quarry-test", "audience": "mock-tests", "lifetimeSeconds": 600, "rolesClaim": "roles",
        "secret": "env:QUARRY_MOCK_TEST_SECRET"})")});
    ws->setSection(Section::Schema, obj(R"({"tables": [{"name": "users", "columns": [
        {"name": "id", "type": "serial", "primaryKey": true}, {"name": "email", "type": "varchar", "nullable": false, "unique": true},
        {"name": "name", "type": "text"}, {"name": "password_hash", "type": "text"}, {"name": "roles", "type": "text"}]}]})"));
    ws->setSection(Section::Mock, obj(R"json({"routes": [
        {"id": "users", "method": "ANY", "path": "/api/users", "resource": {"table": "users"}},
        {"id": "login", "method": "POST", "path": "/api/auth/login", "login": {"profile": "p1"}},
        {"id": "admin", "path": "/api/admin", "auth": {"profile": "p1", "roles": ["admin"]},
         "responses": [{"body": "hello {{jwt.name}} ({{jwt.sub}})"}]}]})json"));
    QVERIFY(m_server->configureFromWorkspace(*ws));
    const auto hash = quarry::auth::PasswordHasher().hash(u"quarry-demo"_s);
    QVERIFY(hash);
    const QByteArray user = QJsonDocument(QJsonObject{{u"email"_s, u"ada@example.com"_s}, {u"name"_s, u"Ada"_s},
                                                      {u"password_hash"_s, hash.value()}, {u"roles"_s, u"[\"admin\", \"user\"]"_s}})
                                .toJson();
    Request create;
    create.method = "POST";
    create.setTarget("/api/users");
    create.body = user;
    QCOMPARE(m_server->handle(create).status, 201);

    Request bad;
    bad.method = "POST";
    bad.setTarget("/api/auth/login");
    bad.body = R"({"email": "ada@example.com", "password": "wrong"})";
    const Response refused = m_server->handle(bad);
    QCOMPARE(refused.status, 401);
    QVERIFY(!refused.body.contains("token"));

    Request good;
    good.method = "POST";
    good.setTarget("/api/auth/login");
    good.body = R"({"email": "ADA@example.com", "password": "quarry-demo"})";
    const Response ok = m_server->handle(good);
    QCOMPARE(ok.status, 200);
    const QJsonObject answer = QJsonDocument::fromJson(ok.body).object();
    const QByteArray token = answer.value(u"token"_s).toString().toLatin1();
    QVERIFY(!token.isEmpty());
    QCOMPARE(answer.value(u"expiresIn"_s).toInt(), 600);
    QVERIFY(stepsText(lastEntry()).contains(u"login: "_s));

    const Response admin = call("GET", "/api/admin", {{"Authorization", "Bearer " + token}});
    QCOMPARE(admin.status, 200);
    QCOMPARE(admin.body, QByteArray("hello Ada (1)"));
    qunsetenv("QUARRY_MOCK_TEST_SECRET");
}

void TestMiddleware::claimsInRulesAndTemplates()
{
    using quarry::workspace::Section;
    qputenv("QUARRY_MOCK_TEST_SECRET", "a-test-secret-that-is-long-enough-for-hs256!");
    const QJsonObject profile = obj(R"({"id": "p1", "name": "Test", "algorithm": "HS256", "lifetimeSeconds": 600,
        "rolesClaim": "roles", "secret": "env:QUARRY_MOCK_TEST_SECRET"})");
    auto ws = quarry::workspace::Workspace::createEmpty(u"claims"_s);
    ws->setFilePath(m_dir.filePath(u"claims.quarry"_s));
    ws->setSection(Section::AuthProfiles, QJsonArray{profile});
    // One route answers admins and everyone else differently: a rule on the roles claim (an array:
    // any element may match), and the roles rendered as text in the template.
    ws->setSection(Section::Mock, obj(R"json({"routes": [
        {"id": "dash", "path": "/dashboard", "auth": {"required": true, "profile": "p1"},
         "responses": [
           {"label": "admin", "rules": [{"source": "jwt", "name": "roles", "operator": "equals", "value": "admin"}],
            "body": "admin view for {{jwt.sub}} ({{jwt.roles}}){{#jwt.roles_list}} [{{.}}]{{/jwt.roles_list}}"},
           {"label": "team", "rules": [{"source": "jwt", "name": "/org/team", "operator": "regex", "value": "^core-"}],
            "body": "team view"},
           {"label": "user", "body": "user view for {{jwt.sub}} ({{jwt.roles}})"}]}]})json"));
    QVERIFY(m_server->configureFromWorkspace(*ws));
    auto issuer = quarry::auth::TokenIssuer::fromProfile(quarry::auth::AuthProfile::fromJson(profile).value());
    QVERIFY(issuer);
    const auto token = [&](const QString &sub, const QStringList &roles, const QJsonObject &claims = {}) {
        quarry::auth::TokenRequest request;
        request.subject = sub;
        request.roles = roles;
        request.claims = claims;
        return issuer.value().issue(request).value().token;
    };
    auto bearer = [](const QByteArray &t) { return QList<HeaderField>{{"Authorization", "Bearer " + t}}; };

    Response r = call("GET", "/dashboard", bearer(token(u"ada"_s, {u"user"_s, u"admin"_s})));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("admin view for ada (user, admin) [user] [admin]"));
    r = call("GET", "/dashboard", bearer(token(u"grace"_s, {u"user"_s}, obj(R"({"org": {"team": "core-infra"}})"))));
    QCOMPARE(r.body, QByteArray("team view"));
    r = call("GET", "/dashboard", bearer(token(u"linus"_s, {u"user"_s})));
    QCOMPARE(r.body, QByteArray("user view for linus (user)"));
    QVERIFY(!quarry::mock::Rule::fromJson(obj(R"({"source": "cookie", "name": "x"})"), u"r"_s));
}

void TestMiddleware::oauthTokenRoute()
{
    using quarry::workspace::Section;
    qputenv("QUARRY_MOCK_TEST_SECRET", "a-test-secret-that-is-long-enough-for-hs256!");
    qputenv("QUARRY_MOCK_TEST_CLIENT_SECRET", "client-secret");
    auto ws = quarry::workspace::Workspace::createEmpty(u"oauth"_s);
    ws->setFilePath(m_dir.filePath(u"oauth.quarry"_s));
    ws->setSection(Section::AuthProfiles, QJsonArray{obj(R"({"id": "p1", "name": "Test", "algorithm": "HS256",
        "issuer": "quarry-test", "audience": "mock-tests", "lifetimeSeconds": 600, "rolesClaim": "roles",
        "secret": "env:QUARRY_MOCK_TEST_SECRET", "clientId": "workshop-client",
        "clientSecret": "env:QUARRY_MOCK_TEST_CLIENT_SECRET", "clientRoles": ["service"]})")});
    ws->setSection(Section::Mock, obj(R"({"routes": [
        {"id": "token", "method": "POST", "path": "/oauth/token", "oauth": {"profile": "p1"}},
        {"id": "svc", "path": "/svc", "auth": {"profile": "p1", "roles": ["service"]}, "responses": [{"body": "service ok"}]}]})"));
    QVERIFY(m_server->configureFromWorkspace(*ws));

    auto post = [&](const QByteArray &form) {
        Request r;
        r.method = "POST";
        r.setTarget("/oauth/token");
        r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
        r.body = form;
        r.clientAddress = u"127.0.0.1"_s;
        return m_server->handle(r);
    };
    Response r = post("grant_type=client_credentials&client_id=workshop-client&client_secret=client-secret");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    const QByteArray token = QJsonDocument::fromJson(r.body).object().value(u"access_token"_s).toString().toLatin1();
    QVERIFY(!token.isEmpty());
    QCOMPARE(call("GET", "/svc", {{"Authorization", "Bearer " + token}}).status, 200);
    QVERIFY(stepsText(lastEntry()).contains(u"auth: profile p1"_s));

    // a wrong secret in the body is 400 invalid_client; with HTTP Basic it is 401 and a Basic challenge
    r = post("grant_type=client_credentials&client_id=workshop-client&client_secret=wrong");
    QCOMPARE(r.status, 400);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"error"_s).toString(), u"invalid_client"_s);
    Request basic;
    basic.method = "POST";
    basic.setTarget("/oauth/token");
    basic.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Authorization", "Basic " + QByteArray("workshop-client:wrong").toBase64()}};
    basic.body = "grant_type=client_credentials";
    r = m_server->handle(basic);
    QCOMPARE(r.status, 401);
    QVERIFY(r.header("WWW-Authenticate").startsWith("Basic"));
    r = post("grant_type=magic");
    QCOMPARE(r.status, 400);
    qunsetenv("QUARRY_MOCK_TEST_SECRET");
    qunsetenv("QUARRY_MOCK_TEST_CLIENT_SECRET");
}

void TestMiddleware::requestLogSignals()
{
    configure(R"({"routes": [{"id": "a", "path": "/a", "responses": [{"body": "ok"}]}]})");
    QSignalSpy spy(m_server->requestLog(), &RequestLog::entryAdded);
    auto port = m_server->start(ServerOptions{});
    QVERIFY(port);
    for (int i = 0; i < 3; ++i) {
        RawClient c;
        QVERIFY(c.connectTo(port.value()));
        c.send("GET /a?i=" + QByteArray::number(i) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(c.readResponse());
    }
    QTRY_COMPARE(spy.count(), 3);   // delivered in this (the log's) thread through the event loop
    const LogEntry e = spy.at(2).at(0).value<LogEntry>();
    QCOMPARE(e.target, u"/a?i=2"_s);
    QCOMPARE(e.status, 200);
    QCOMPARE(e.routeLabel, u"GET /a"_s);
    QVERIFY(e.client.startsWith(u"127.0.0.1:"_s));
    QCOMPARE(e.responseBody, QByteArray("ok"));
    const QJsonObject j = e.toJson();
    QCOMPARE(j.value(u"status"_s).toInt(), 200);
    QCOMPARE(j.value(u"route"_s).toString(), u"GET /a"_s);
    QVERIFY(j.value(u"steps"_s).toArray().size() >= 2);
    m_server->stop();
}

void TestMiddleware::requestLogBounded()
{
    RequestLog log(10);
    QSignalSpy spy(&log, &RequestLog::entryAdded);
    for (int i = 0; i < 25; ++i) {
        LogEntry e;
        e.id = quint64(i);
        e.responseBody = QByteArray(100, 'x');
        log.post(e);
    }
    QCOMPARE(log.entries().size(), 10);
    QCOMPARE(log.entries().first().id, quint64(15));
    QTRY_COMPARE(spy.count(), 10);   // the receiver was busy: only the newest 10 waited
    QCOMPARE(log.droppedCount(), quint64(15));
}

void TestMiddleware::engineRejectionsAreLogged()
{
    configure(R"({"routes": []})");
    ServerOptions o;
    o.maxBodyBytes = 10;
    auto port = m_server->start(o);
    QVERIFY(port);
    RawClient c;
    QVERIFY(c.connectTo(port.value()));
    c.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
    QCOMPARE(c.readResponse().value_or(RawResponse{}).status, 413);
    QTRY_VERIFY(!m_server->requestLog()->entries().isEmpty());
    const LogEntry e = lastEntry();
    QCOMPARE(e.status, 413);
    QCOMPARE(e.path, u"/big"_s);
    QVERIFY(stepsText(e).contains(u"engine: body over 10 bytes"_s));
    m_server->stop();
}

void TestMiddleware::loggingCanBeSwitchedOff()
{
    configure(R"({"routes": [{"id": "a", "path": "/a", "responses": [{"body": "ok"}]}]})");
    m_server->setLogging(false);
    QCOMPARE(call("GET", "/a").status, 200);
    QVERIFY(m_server->requestLog()->entries().isEmpty());
    m_server->setLogging(true);
    QCOMPARE(call("GET", "/a").status, 200);
    QCOMPARE(m_server->requestLog()->entries().size(), 1);
}

QTEST_GUILESS_MAIN(TestMiddleware)
#include "tst_middleware.moc"
