// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// API versions of the mock server: chosen by path prefix, header or media type, deprecation
// headers per version, over real sockets and with curl.
#include "mock/apiversioning.h"
#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/requestlog.h"

#include "rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;

namespace {

const char *Mock = R"({
  "versioning": {
    "versions": [
      {"name": "v1", "deprecated": "2026-01-01", "sunset": "2027-06-30", "link": "https:\/\/example.com/moving-to-v2"},
      {"name": "v2"}],
    "mediaType": "quarry"},
  "routes": [
    {"id": "users-v1", "method": "GET", "path": "/users", "version": "v1",
     "responses": [{"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"version": 1}}]},
    {"id": "users-v2", "method": "GET", "path": "/users", "version": "v2",
     "responses": [{"status": 200, "headers": {"Content-Type": "application/json"}, "body": {"version": 2}}]},
    {"id": "health", "method": "GET", "path": "/health", "responses": [{"status": 200, "body": "ok"}]}
  ]})";

QJsonObject obj(const char *json) { return QJsonDocument::fromJson(QByteArray(json)).object(); }

} // namespace

class TestVersioning : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void byPathPrefix();
    void byHeader();
    void byMediaType();
    void defaultVersionWhenNoneAsked();
    void unknownVersionIsRefused();
    void curlSeesDeprecationHeaders();
    void configurationErrorsNameTheirPath_data();
    void configurationErrorsNameTheirPath();
    void roundTripsThroughJson();

private:
    RawResponse get(const QByteArray &target, const QList<QByteArray> &headers = {})
    {
        RawClient c;
        if (!c.connectTo(m_port))
            return {};
        QByteArray req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const QByteArray &h : headers)
            req += h + "\r\n";
        c.send(req + "\r\n");
        return c.readResponse().value_or(RawResponse{});
    }
    static int version(const RawResponse &r) { return QJsonDocument::fromJson(r.body).object().value(u"version"_s).toInt(); }
    QString note(const QString &target) const
    {
        const QList<LogEntry> entries = m_server->requestLog()->entries();
        for (auto e = entries.crbegin(); e != entries.crend(); ++e) {
            for (const LifecycleStep &s : e->steps) {
                if (e->target == target && s.step == u"version"_s)
                    return s.message;
            }
        }
        return {};
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MockServer> m_server;
    quint16 m_port = 0;
};

void TestVersioning::init()
{
    m_server = std::make_unique<MockServer>();
    auto config = MockConfig::fromJson(obj(Mock), {}, {}, m_dir.path());
    QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
    QVERIFY(m_server->configure(config.value()));
    ServerOptions o;
    auto port = m_server->start(o);
    QVERIFY(port);
    m_port = port.value();
}

void TestVersioning::cleanup()
{
    m_server.reset();
}

void TestVersioning::byPathPrefix()
{
    const RawResponse v1 = get("/v1/users");
    QCOMPARE(v1.status, 200);
    QCOMPARE(version(v1), 1);
    QCOMPARE(v1.header("Deprecation"), QByteArray("@1767225600"));   // RFC 9745: 2026-01-01T00:00:00Z
    QCOMPARE(v1.header("Sunset"), QByteArray("Wed, 30 Jun 2027 00:00:00 GMT"));
    QCOMPARE(v1.header("Link"), QByteArray("<https://example.com/moving-to-v2>; rel=\"deprecation\", "
                                           "<https://example.com/moving-to-v2>; rel=\"sunset\""));
    QCOMPARE(v1.header("Vary"), QByteArray());   // the URL alone tells the version
    QCOMPARE(note(u"/v1/users"_s), u"v1 by the path prefix /v1; deprecated since 2026-01-01, sunset 2027-06-30"_s);

    const RawResponse v2 = get("/v2/users");
    QCOMPARE(version(v2), 2);
    QCOMPARE(v2.header("Deprecation"), QByteArray());
    QCOMPARE(v2.header("Sunset"), QByteArray());
    // A route without a version answers in every version, with that version's headers.
    const RawResponse health = get("/v1/health");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.body, QByteArray("ok"));
    QVERIFY(!health.header("Deprecation").isEmpty());
    QCOMPARE(get("/v3/users").status, 404);
    // The 404 names the routes with their versions.
    const QString detail = QJsonDocument::fromJson(get("/nothing").body).object().value(u"detail"_s).toString();
    QVERIFY2(detail.contains(u"GET /users (v1), GET /users (v2), GET /health"_s), qPrintable(detail));
}

void TestVersioning::byHeader()
{
    QCOMPARE(version(get("/users", {"Accept-Version: v1"})), 1);
    QCOMPARE(version(get("/users", {"X-API-Version: 1"})), 1);   // "1" names v1
    const RawResponse r = get("/users", {"Accept-Version: V2"});
    QCOMPARE(version(r), 2);
    QCOMPARE(r.header("Vary"), QByteArray("Accept-Version, X-API-Version, Accept"));
    QCOMPARE(note(u"/users"_s), u"v2 by the header Accept-Version: V2"_s);
    // The path wins; the log says what it ignored.
    QCOMPARE(version(get("/v1/users", {"Accept-Version: v2"})), 1);
    QCOMPARE(note(u"/v1/users"_s).section(u';', 0, 0), u"v1 by the path prefix /v1 (ignored: Accept-Version: v2)"_s);
}

void TestVersioning::byMediaType()
{
    const RawResponse r = get("/users", {"Accept: text/html, application/vnd.quarry.v1+json;q=0.9"});
    QCOMPARE(r.status, 200);
    QCOMPARE(version(r), 1);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/vnd.quarry.v1+json"));
    QVERIFY(note(u"/users"_s).startsWith(u"v1 by the media type application/vnd.quarry.v1+json"_s));
    // Another vendor's media type names nothing here.
    QCOMPARE(version(get("/users", {"Accept: application/vnd.other.v1+json"})), 2);
}

void TestVersioning::defaultVersionWhenNoneAsked()
{
    const RawResponse r = get("/users");
    QCOMPARE(version(r), 2);   // the last version, without "default"
    QCOMPARE(note(u"/users"_s), u"v2, the default: the request names no version"_s);
    auto config = m_server->config();
    config.versioning.defaultVersion = u"v1"_s;
    QVERIFY(m_server->configure(config));
    QCOMPARE(version(get("/users")), 1);
}

void TestVersioning::unknownVersionIsRefused()
{
    const RawResponse header = get("/users", {"Accept-Version: v9"});
    QCOMPARE(header.status, 400);
    QCOMPARE(header.header("Content-Type"), QByteArray("application/problem+json"));
    const QString detail = QJsonDocument::fromJson(header.body).object().value(u"detail"_s).toString();
    QVERIFY2(detail.contains(u"v9"_s) && detail.contains(u"v1, v2"_s), qPrintable(detail));
    QCOMPARE(get("/users", {"Accept: application/vnd.quarry.v9+json"}).status, 406);
}

void TestVersioning::curlSeesDeprecationHeaders()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    QProcess p;
    p.start(curl, {u"-s"_s, u"-D"_s, u"-"_s, u"-o"_s, u"/dev/null"_s, u"-H"_s, u"Accept-Version: 1"_s,
                   u"http://127.0.0.1:%1/users"_s.arg(m_port)});
    QVERIFY(p.waitForFinished(10000));
    const QByteArray headers = p.readAllStandardOutput();
    QVERIFY2(headers.startsWith("HTTP/1.1 200"), headers.constData());
    QVERIFY2(headers.contains("Deprecation: @1767225600\r\n"), headers.constData());
    QVERIFY(headers.contains("Sunset: Wed, 30 Jun 2027 00:00:00 GMT\r\n"));
}

void TestVersioning::configurationErrorsNameTheirPath_data()
{
    QTest::addColumn<QByteArray>("mock");
    QTest::addColumn<QString>("where");
    QTest::newRow("route names an unknown version")
        << QByteArray(R"({"versioning": {"versions": [{"name": "v1"}]}, "routes": [{"path": "/a", "version": "v3"}]})")
        << u"mock.routes[0].version"_s;
    QTest::newRow("version without versioning")
        << QByteArray(R"({"routes": [{"path": "/a", "version": "v1"}]})") << u"mock.routes[0].version"_s;
    QTest::newRow("deprecated is not a date")
        << QByteArray(R"({"versioning": {"versions": [{"name": "v1", "deprecated": true}]}})")
        << u"mock.versioning.versions[0].deprecated"_s;
    QTest::newRow("name is no path segment")
        << QByteArray(R"({"versioning": {"versions": [{"name": "v 1"}]}})") << u"mock.versioning.versions[0].name"_s;
    QTest::newRow("listed twice")
        << QByteArray(R"({"versioning": {"versions": [{"name": "v1"}, {"name": "1"}]}})") << u"mock.versioning.versions[1].name"_s;
    QTest::newRow("unknown default")
        << QByteArray(R"({"versioning": {"versions": [{"name": "v1"}], "default": "v2"}})") << u"mock.versioning.default"_s;
    QTest::newRow("versioning is not an object") << QByteArray(R"({"versioning": true})") << u"mock.versioning"_s;
}

void TestVersioning::configurationErrorsNameTheirPath()
{
    QFETCH(QByteArray, mock);
    QFETCH(QString, where);
    const auto config = MockConfig::fromJson(QJsonDocument::fromJson(mock).object(), {}, {}, m_dir.path());
    QVERIFY(!config);
    QCOMPARE(config.error().where, where);
}

void TestVersioning::roundTripsThroughJson()
{
    const MockConfig &config = m_server->config();
    QCOMPARE(config.versioning.toJson(), obj(Mock).value(u"versioning"_s).toObject());
    QCOMPARE(config.routes.at(0).toJson().value(u"version"_s).toString(), u"v1"_s);
    QCOMPARE(config.routes.at(2).toJson().contains(u"version"_s), false);
    // Keys this version of Quarry does not know survive.
    QJsonObject withExtra = obj(Mock).value(u"versioning"_s).toObject();
    withExtra.insert(u"x-note"_s, u"kept"_s);
    const auto again = ApiVersioning::fromJson(withExtra, u"mock.versioning"_s);
    QVERIFY(again);
    QCOMPARE(again.value().toJson(), withExtra);
}

QTEST_GUILESS_MAIN(TestVersioning)
#include "tst_versioning.moc"
