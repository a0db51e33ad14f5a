// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/fakedata.h"
#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/requestlog.h"
#include "mock/routetable.h"
#include "mock/templaterenderer.h"
#include "workspace/workspace.h"

#include "rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;

namespace {

QJsonObject parse(const char *json)
{
    QJsonParseError e{};
    const auto doc = QJsonDocument::fromJson(QByteArray(json), &e);
    if (e.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(e.errorString()));
    return doc.object();
}

Request makeRequest(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                    QList<HeaderField> headers = {})
{
    Request r;
    r.method = method;
    r.setTarget(target);
    r.body = body;
    r.headers = headers;
    r.clientAddress = u"127.0.0.1"_s;
    return r;
}

} // namespace

class TestRouter : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void pathMatching_data();
    void pathMatching();
    void notFoundIsProblem();
    void methodNotAllowed();
    void queryMatching();
    void rules_data();
    void rules();
    void sequentialAndRandomModes();
    void templates();
    void templateEscapesForJson();
    void fakeDataReproducible();
    void invalidConfigIsAnError_data();
    void invalidConfigIsAnError();
    void editsApplyWhileRunning();
    void roundTripJson();
    void watchesWorkspace();

private:
    Response call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                  QList<HeaderField> headers = {})
    {
        Request r = makeRequest(method, target, body, headers);
        return m_server->handle(r);
    }
    void configure(const QJsonObject &mock)
    {
        auto config = MockConfig::fromJson(mock, {}, {}, m_dir.path());
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        const auto applied = m_server->configure(config.value());
        QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toString()));
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MockServer> m_server;
};

static const char *Routes = R"({
  "server": {"seed": 7},
  "routes": [
    {"id": "one", "method": "GET", "path": "/api/users/:id", "responses": [{"status": 200, "body": "user {{params.id}}"}]},
    {"id": "me", "method": "GET", "path": "/api/users/me", "responses": [{"status": 200, "body": "never: declared after :id"}]},
    {"id": "files", "method": "ANY", "path": "/files/*", "responses": [{"status": 200, "body": "file {{params.*}}"}]},
    {"id": "mid", "method": "GET", "path": "/a/*/c", "responses": [{"status": 200, "body": "mid"}]},
    {"id": "post", "method": "POST", "path": "/api/users", "responses": [{"status": 201, "body": "made"}]},
    {"id": "off", "method": "GET", "path": "/off", "enabled": false, "responses": [{"body": "x"}]}
  ]})";

void TestRouter::init()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<MockServer>();
    configure(parse(Routes));
}

void TestRouter::pathMatching_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("param") << QByteArray("GET") << QByteArray("/api/users/42") << 200 << QByteArray("user 42");
    QTest::newRow("param percent-decoded") << QByteArray("GET") << QByteArray("/api/users/a%20b") << 200 << QByteArray("user a b");
    QTest::newRow("first match wins") << QByteArray("GET") << QByteArray("/api/users/me") << 200 << QByteArray("user me");
    QTest::newRow("trailing slash") << QByteArray("GET") << QByteArray("/api/users/7/") << 200 << QByteArray("user 7");
    QTest::newRow("wildcard rest") << QByteArray("DELETE") << QByteArray("/files/a/b/c.txt") << 200 << QByteArray("file a/b/c.txt");
    QTest::newRow("wildcard middle") << QByteArray("GET") << QByteArray("/a/anything/c") << 200 << QByteArray("mid");
    QTest::newRow("wildcard middle needs a segment") << QByteArray("GET") << QByteArray("/a/c") << 404 << QByteArray();
    QTest::newRow("too many segments") << QByteArray("GET") << QByteArray("/api/users/1/2") << 404 << QByteArray();
    QTest::newRow("disabled route") << QByteArray("GET") << QByteArray("/off") << 404 << QByteArray();
    QTest::newRow("method") << QByteArray("POST") << QByteArray("/api/users") << 201 << QByteArray("made");
    QTest::newRow("query ignored for path") << QByteArray("GET") << QByteArray("/api/users/5?x=1") << 200 << QByteArray("user 5");
}

void TestRouter::pathMatching()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const Response r = call(method, target);
    QCOMPARE(r.status, status);
    if (!body.isEmpty())
        QCOMPARE(r.body, body);
}

void TestRouter::notFoundIsProblem()
{
    const Response r = call("GET", "/nope");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(o.value(u"status"_s).toInt(), 404);
    QCOMPARE(o.value(u"title"_s).toString(), u"Route not found"_s);
    QVERIFY(o.value(u"detail"_s).toString().contains(u"GET /nope"_s));
    QVERIFY(o.value(u"detail"_s).toString().contains(u"GET /api/users/:id"_s));   // tells what exists
    QVERIFY(o.value(u"type"_s).toString().startsWith(u"https://"_s));
}

void TestRouter::methodNotAllowed()
{
    const Response r = call("DELETE", "/api/users");
    QCOMPARE(r.status, 405);
    QCOMPARE(r.header("Allow"), QByteArray("POST"));
}

void TestRouter::queryMatching()
{
    configure(parse(R"({"routes": [
        {"id": "p2", "path": "/items", "query": {"page": "2"}, "responses": [{"body": "page two"}]},
        {"id": "any", "path": "/items", "query": {"q": "*"}, "responses": [{"body": "search"}]},
        {"id": "all", "path": "/items", "responses": [{"body": "all"}]}]})"));
    QCOMPARE(call("GET", "/items?page=2").body, QByteArray("page two"));
    QCOMPARE(call("GET", "/items?page=3").body, QByteArray("all"));
    QCOMPARE(call("GET", "/items?q=").body, QByteArray("search"));
    QCOMPARE(call("GET", "/items").body, QByteArray("all"));
}

void TestRouter::rules_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("role");
    QTest::addColumn<int>("status");
    QTest::newRow("header equals") << QByteArray("/r/1") << QByteArray() << QByteArray("admin") << 200;
    QTest::newRow("header differs") << QByteArray("/r/1") << QByteArray() << QByteArray("guest") << 418;
    QTest::newRow("query regex") << QByteArray("/r/1?token=abc123") << QByteArray() << QByteArray() << 202;
    QTest::newRow("query regex fails") << QByteArray("/r/1?token=zzz") << QByteArray() << QByteArray() << 418;
    QTest::newRow("param equals") << QByteArray("/r/999") << QByteArray() << QByteArray() << 404;
    QTest::newRow("body pointer equals") << QByteArray("/r/1") << QByteArray(R"({"user":{"email":"a@b.c"}})") << QByteArray() << 409;
    QTest::newRow("body pointer into array") << QByteArray("/r/1") << QByteArray(R"({"tags":["x","vip"]})") << QByteArray() << 207;
    QTest::newRow("body exists") << QByteArray("/r/1") << QByteArray(R"({"debug":false})") << QByteArray() << 299;
    QTest::newRow("invalid JSON body: body rules fail") << QByteArray("/r/1") << QByteArray("{oops") << QByteArray() << 418;
    QTest::newRow("any-of") << QByteArray("/r/1?a=1") << QByteArray() << QByteArray() << 298;
}

void TestRouter::rules()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, role);
    QFETCH(int, status);
    configure(parse(R"({"routes": [{"id": "r", "method": "ANY", "path": "/r/:id", "responses": [
        {"status": 200, "rules": [{"source": "header", "name": "X-Role", "operator": "equals", "value": "admin"}]},
        {"status": 202, "rules": [{"source": "query", "name": "token", "operator": "regex", "value": "^[a-z]+\\d+$"}]},
        {"status": 404, "rules": [{"source": "param", "name": "id", "operator": "equals", "value": "999"}]},
        {"status": 409, "rules": [{"source": "body", "name": "/user/email", "operator": "equals", "value": "a@b.c"}]},
        {"status": 207, "rules": [{"source": "body", "name": "/tags/1", "operator": "equals", "value": "vip"}]},
        {"status": 299, "rules": [{"source": "body", "name": "/debug", "operator": "exists"}]},
        {"status": 298, "rulesMatch": "any", "rules": [{"source": "query", "name": "a", "operator": "exists"},
                                                      {"source": "query", "name": "b", "operator": "exists"}]},
        {"status": 418}
    ]}]})"));
    QList<HeaderField> headers;
    if (!role.isEmpty())
        headers.append({"x-role", role});
    const Response r = call("POST", target, body, headers);
    QCOMPARE(r.status, status);
}

void TestRouter::sequentialAndRandomModes()
{
    configure(parse(R"({"server": {"seed": 3}, "routes": [
        {"id": "s", "path": "/s", "responseMode": "sequential", "responses": [{"body": "a"}, {"body": "b"}, {"body": "c"}]},
        {"id": "r", "path": "/r", "responseMode": "random", "responses": [{"body": "a"}, {"body": "b"}, {"body": "c"}]}]})"));
    QByteArray seq;
    for (int i = 0; i < 7; ++i)
        seq += call("GET", "/s").body;
    QCOMPARE(seq, QByteArray("abcabca"));
    QByteArray first;
    for (int i = 0; i < 30; ++i)
        first += call("GET", "/r").body;
    QVERIFY(first.contains('a') && first.contains('b') && first.contains('c'));
    // the same seed gives the same sequence
    MockServer other;
    auto config = MockConfig::fromJson(parse(R"({"server": {"seed": 3}, "routes": [
        {"id": "r", "path": "/r", "responseMode": "random", "responses": [{"body": "a"}, {"body": "b"}, {"body": "c"}]}]})"),
                                       {}, {}, m_dir.path());
    QVERIFY(config);
    QVERIFY(other.configure(config.value()));
    QByteArray second;
    for (int i = 0; i < 30; ++i) {
        Request r = makeRequest("GET", "/r");
        second += other.handle(r).body;
    }
    QCOMPARE(second, first);
}

void TestRouter::templates()
{
    configure(parse(R"({"routes": [{"id": "t", "method": "POST", "path": "/t/:id", "responses": [{"status": 201,
        "headers": {"Content-Type": "application/json", "X-Echo": "{{headers.x-request-id}}"},
        "body": "{\"id\": \"{{params.id}}\", \"page\": \"{{query.page}}\", \"email\": \"{{body.email}}\", \"city\": \"{{body.address.city}}\", \"method\": \"{{request.method}}\", \"missing\": \"{{query.nope}}\"}"}]}]})"));
    const Response r = call("POST", "/t/42?page=3", R"({"email": "ada@example.com", "address": {"city": "London"}})",
                            {{"X-Request-Id", "req-77"}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.header("X-Echo"), QByteArray("req-77"));
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(o.value(u"id"_s).toString(), u"42"_s);
    QCOMPARE(o.value(u"page"_s).toString(), u"3"_s);
    QCOMPARE(o.value(u"email"_s).toString(), u"ada@example.com"_s);
    QCOMPARE(o.value(u"city"_s).toString(), u"London"_s);
    QCOMPARE(o.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(o.value(u"missing"_s).toString(), QString());
}

void TestRouter::templateEscapesForJson()
{
    configure(parse(R"({"routes": [{"id": "t", "method": "POST", "path": "/t", "responses": [
        {"body": "{\"name\": \"{{body.name}}\"}"}]}]})"));
    const Response r = call("POST", "/t", R"({"name": "a \"quoted\" \\ <b>\n"})");
    QJsonParseError e{};
    const QJsonObject o = QJsonDocument::fromJson(r.body, &e).object();
    QCOMPARE(e.error, QJsonParseError::NoError);
    QCOMPARE(o.value(u"name"_s).toString(), u"a \"quoted\" \\ <b>\n"_s);
}

void TestRouter::fakeDataReproducible()
{
    const char *mock = R"({"server": {"seed": 11}, "routes": [{"id": "f", "path": "/f", "responses": [{"body":
        "{\"name\": \"{{fake.name}}\", \"email\": \"{{fake.email}}\", \"id\": \"{{fake.uuid}}\", \"n\": {{#fake.int}}5,9{{/fake.int}}, \"d\": \"{{fake.date}}\", \"t\": \"{{#fake.lorem}}4{{/fake.lorem}}\"}"}]}]})";
    configure(parse(mock));
    QList<QByteArray> first;
    for (int i = 0; i < 5; ++i)
        first.append(call("GET", "/f").body);
    for (const QByteArray &b : first) {
        QJsonParseError e{};
        const QJsonObject o = QJsonDocument::fromJson(b, &e).object();
        QCOMPARE(e.error, QJsonParseError::NoError);
        QVERIFY(o.value(u"name"_s).toString().contains(u' '));
        QVERIFY(o.value(u"email"_s).toString().endsWith(u"@example.com"_s));
        QVERIFY(QRegularExpression(u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s)
                    .match(o.value(u"id"_s).toString()).hasMatch());
        QVERIFY(o.value(u"n"_s).toInt() >= 5 && o.value(u"n"_s).toInt() <= 9);
        QVERIFY(QDate::fromString(o.value(u"d"_s).toString(), Qt::ISODate).isValid());
        QCOMPARE(o.value(u"t"_s).toString().split(u' ').size(), 4);
    }
    QVERIFY(first.at(0) != first.at(1));
    MockServer other;
    auto config = MockConfig::fromJson(parse(mock), {}, {}, m_dir.path());
    QVERIFY(other.configure(config.value()));
    for (int i = 0; i < 5; ++i) {
        Request r = makeRequest("GET", "/f");
        QCOMPARE(other.handle(r).body, first.at(i));
    }
}

void TestRouter::invalidConfigIsAnError_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::newRow("path without slash") << QByteArray(R"({"routes": [{"id": "x", "path": "api"}]})") << u"route x.path"_s;
    QTest::newRow("unknown method") << QByteArray(R"({"routes": [{"id": "x", "method": "FETCH", "path": "/a"}]})") << u"route x.method"_s;
    QTest::newRow("bad regex") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "responses": [{"rules": [{"source": "query", "name": "q", "operator": "regex", "value": "("}]}]}]})") << u"route x.responses[0].rules[0]"_s;
    QTest::newRow("bad status") << QByteArray(R"({"routes": [{"path": "/a", "responses": [{"status": 99}]}]})") << u"mock.routes[0].responses[0].status"_s;
    QTest::newRow("status as text") << QByteArray(R"({"routes": [{"path": "/a", "responses": [{"status": "x"}]}]})") << u"mock.routes[0].responses[0].status"_s;
    QTest::newRow("status with a fraction") << QByteArray(R"({"routes": [{"path": "/a", "responses": [{"status": 200.5}]}]})") << u"mock.routes[0].responses[0].status"_s;
    QTest::newRow("status 1e308") << QByteArray(R"({"routes": [{"path": "/a", "responses": [{"status": 1e308}]}]})") << u"mock.routes[0].responses[0].status"_s;
    QTest::newRow("status null") << QByteArray(R"({"routes": [{"path": "/a", "responses": [{"status": null}]}]})") << u"mock.routes[0].responses[0].status"_s;
    QTest::newRow("duplicate id") << QByteArray(R"({"routes": [{"id": "a", "path": "/a"}, {"id": "a", "path": "/b"}]})") << u"mock.routes[1].id"_s;
    QTest::newRow("auth true") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": true}]})") << u"mock.routes[0].auth"_s;
    QTest::newRow("auth text") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": "x"}]})") << u"mock.routes[0].auth"_s;
    QTest::newRow("auth empty list") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": []}]})") << u"mock.routes[0].auth"_s;
    QTest::newRow("auth zero") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": 0}]})") << u"mock.routes[0].auth"_s;
    QTest::newRow("auth empty text") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": ""}]})") << u"mock.routes[0].auth"_s;
    QTest::newRow("auth null") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": null}]})") << u"mock.routes[0].auth"_s;
    QTest::newRow("auth empty object") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {}}]})") << u"mock.routes[0].auth"_s;
    QTest::newRow("roles as text") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {"roles": "admin"}}]})") << u"mock.routes[0].auth.roles"_s;
    QTest::newRow("roles null") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {"roles": null}}]})") << u"mock.routes[0].auth.roles"_s;
    QTest::newRow("roles zero") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {"roles": 0}}]})") << u"mock.routes[0].auth.roles"_s;
    QTest::newRow("roles object") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {"roles": {}}}]})") << u"mock.routes[0].auth.roles"_s;
    QTest::newRow("roles empty list") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {"roles": []}}]})") << u"mock.routes[0].auth.roles"_s;
    QTest::newRow("role not a name") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {"roles": ["admin", 1]}}]})") << u"mock.routes[0].auth.roles[1]"_s;
    QTest::newRow("required as text") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {"required": "yes"}}]})") << u"mock.routes[0].auth.required"_s;
    QTest::newRow("profile empty") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {"profile": ""}}]})") << u"mock.routes[0].auth.profile"_s;
    QTest::newRow("misspelt key") << QByteArray(R"({"routes": [{"id": "x", "path": "/a", "auth": {"role": ["admin"]}}]})") << u"mock.routes[0].auth.role"_s;
    QTest::newRow("credentials with *") << QByteArray(R"({"server": {"cors": {"credentials": true}}})") << u"mock.server.cors.origins"_s;
    QTest::newRow("rate limit zero") << QByteArray(R"({"server": {"rateLimit": {"requests": 0}}})") << u"mock.server.rateLimit.requests"_s;
}

void TestRouter::invalidConfigIsAnError()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    const auto config = MockConfig::fromJson(QJsonDocument::fromJson(json).object(), {}, {}, m_dir.path());
    QVERIFY(!config);
    QCOMPARE(config.error().where, where);
    QVERIFY(!config.error().message.isEmpty());
}

void TestRouter::editsApplyWhileRunning()
{
    ServerOptions o;
    auto port = m_server->start(o);
    QVERIFY(port);
    auto get = [&](const QByteArray &path) {
        RawClient c;
        c.connectTo(port.value());
        c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
        return c.readResponse().value_or(RawResponse{});
    };
    QCOMPARE(get("/api/users/1").body, QByteArray("user 1"));
    // keep a connection open across the edit: it sees the new table on its next request
    RawClient kept;
    QVERIFY(kept.connectTo(port.value()));
    configure(parse(R"({"routes": [{"id": "one", "path": "/api/users/:id", "responses": [{"status": 203, "body": "edited {{params.id}}"}]}]})"));
    const auto r = get("/api/users/2");
    QCOMPARE(r.status, 203);
    QCOMPARE(r.body, QByteArray("edited 2"));
    kept.send("GET /api/users/3 HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(kept.readResponse().value_or(RawResponse{}).body, QByteArray("edited 3"));
    QCOMPARE(m_server->port(), port.value());   // no restart
    // a broken edit leaves the running table alone
    auto bad = MockConfig::fromJson(parse(R"({"routes": [{"path": "no-slash"}]})"), {}, {}, m_dir.path());
    QVERIFY(!bad);
    QCOMPARE(get("/api/users/4").body, QByteArray("edited 4"));
    m_server->stop();
}

void TestRouter::roundTripJson()
{
    const QJsonObject mock = parse(Routes);
    const QJsonArray routes = mock.value(u"routes"_s).toArray();
    for (qsizetype i = 0; i < routes.size(); ++i) {
        auto route = Route::fromJson(routes.at(i).toObject(), int(i));
        QVERIFY(route);
        auto again = Route::fromJson(route.value().toJson(), int(i));
        QVERIFY(again);
        QCOMPARE(again.value().toJson(), route.value().toJson());
    }
}

void TestRouter::watchesWorkspace()
{
    using quarry::workspace::Section;
    auto ws = quarry::workspace::Workspace::createEmpty(u"watch"_s);
    ws->setFilePath(m_dir.filePath(u"watch.quarry"_s));
    MockServer server;
    QSignalSpy failed(&server, &MockServer::configurationFailed);
    server.watch(ws.get());
    ws->setSection(Section::Mock, parse(R"({"routes": [{"id": "w", "path": "/w", "responses": [{"body": "one"}]}]})"));
    Request r = makeRequest("GET", "/w");
    QCOMPARE(server.handle(r).body, QByteArray("one"));
    ws->setSection(Section::Mock, parse(R"({"routes": [{"id": "w", "path": "/w", "responses": [{"body": "two"}]}]})"));
    Request r2 = makeRequest("GET", "/w");
    QCOMPARE(server.handle(r2).body, QByteArray("two"));
    // an invalid edit is reported and the last good table keeps serving
    ws->setSection(Section::Mock, parse(R"({"routes": [{"id": "w", "path": "w"}]})"));
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(u"must start with /"_s));
    Request r3 = makeRequest("GET", "/w");
    QCOMPARE(server.handle(r3).body, QByteArray("two"));
    // the default database sits beside the workspace, named after it
    QCOMPARE(server.config().defaultDatabase, u"sqlite:"_s + m_dir.filePath(u"watch.db"_s));
}

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
