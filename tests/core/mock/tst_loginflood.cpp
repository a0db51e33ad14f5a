// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// Login flooding over real sockets: argon2id checks run on the worker pool (a full pool answers
// 503 + Retry-After), the login route is rate limited per client and per submitted account name
// (429 + Retry-After), and oversized passwords and bodies get the same answer for known and
// unknown accounts, before any hashing.

#include "rawhttp.h"

#include "auth/passwordhasher.h"
#include "mock/mockserver.h"
#include "workspace/workspace.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;
using quarry::workspace::Section;

namespace {

QJsonObject obj(const char *json) { return QJsonDocument::fromJson(QByteArray(json)).object(); }

QByteArray loginRequest(const QString &email, const QString &password, const QByteArray &padding = {})
{
    QJsonObject body{{u"email"_s, email}, {u"password"_s, password}};
    if (!padding.isEmpty())
        body.insert(u"padding"_s, QString::fromLatin1(padding));
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
           + QByteArray::number(json.size()) + "\r\n\r\n" + json;
}

/// Whether a response (or part of one) has arrived, without waiting for it.
bool answered(RawClient &c)
{
    c.socket().waitForReadyRead(0);
    return c.socket().bytesAvailable() > 0 || !c.buffered().isEmpty();
}

} // namespace

class TestLoginFlood : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void passwordChecksLeaveTheNetworkThread();
    void fullQueueAnswers503WithRetryAfter();
    void rateLimitedPerClient();
    void rateLimitedPerAccountKnownOrNot();
    void limitsAreOnByDefault();
    void oversizedInputRefusedAlikeForKnownAndUnknown();

private:
    /// Configures the login route with `rateLimit` and starts with one network thread.
    quint16 start(const QJsonObject &rateLimit, int workerThreads, int workerQueue);
    RawResponse post(const QByteArray &raw);

    QString m_hash;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<quarry::workspace::Workspace> m_ws;
    std::unique_ptr<MockServer> m_server;
    quint16 m_port = 0;
};

void TestLoginFlood::initTestCase()
{
    qputenv("QUARRY_FLOOD_TEST_SECRET", "a-test-secret-that-is-long-enough-for-hs256!");
    // 64 MiB per check: slow enough that a blocked network thread would show.
    const auto hash = quarry::auth::PasswordHasher(quarry::auth::PasswordHasher::interactive()).hash(u"right-password"_s);
    QVERIFY(hash);
    m_hash = hash.value();
}

void TestLoginFlood::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<MockServer>();
}

void TestLoginFlood::cleanup()
{
    m_server.reset();
    m_ws.reset();
    m_dir.reset();
}

quint16 TestLoginFlood::start(const QJsonObject &rateLimit, int workerThreads, int workerQueue)
{
    m_ws = quarry::workspace::Workspace::createEmpty(u"flood"_s);
    m_ws->setFilePath(m_dir->filePath(u"flood.quarry"_s));
    m_ws->setSection(Section::AuthProfiles, QJsonArray{obj(R"({"id": "p1", "algorithm": "HS256", "issuer": "t",
        "audience": "t", "secret": "env:QUARRY_FLOOD_TEST_SECRET"})")});
    m_ws->setSection(Section::Schema, obj(R"({"tables": [{"name": "users", "columns": [
        {"name": "id", "type": "serial", "primaryKey": true}, {"name": "email", "type": "varchar", "nullable": false},
        {"name": "password_hash", "type": "text"}, {"name": "roles", "type": "text"}]}]})"));
    QJsonObject login{{u"profile"_s, u"p1"_s}};
    if (!rateLimit.isEmpty())
        login.insert(u"rateLimit"_s, rateLimit);
    QJsonObject mock = obj(R"({"routes": [{"id": "users", "method": "ANY", "path": "/api/users", "resource": {"table": "users"}}]})");
    QJsonArray routes = mock.value(u"routes"_s).toArray();
    routes.append(QJsonObject{{u"id"_s, u"login"_s}, {u"method"_s, u"POST"_s}, {u"path"_s, u"/api/auth/login"_s}, {u"login"_s, login}});
    mock.insert(u"routes"_s, routes);
    mock.insert(u"fixtures"_s, QJsonObject{{u"users"_s, QJsonArray{QJsonObject{{u"email"_s, u"ada@example.com"_s},
                                                                              {u"password_hash"_s, m_hash},
                                                                              {u"roles"_s, u"user"_s}}}}});
    m_ws->setSection(Section::Mock, mock);
    const auto configured = m_server->configureFromWorkspace(*m_ws);
    if (!configured) {
        qWarning("%s", qPrintable(configured.error().toString()));
        return 0;
    }
    ServerOptions o = m_server->config().server;
    o.port = 0;
    o.threads = 1;
    o.workerThreads = workerThreads;
    o.workerQueue = workerQueue;
    const auto port = m_server->start(o);
    m_port = port ? port.value() : 0;
    return m_port;
}

RawResponse TestLoginFlood::post(const QByteArray &raw)
{
    RawClient c;
    if (!c.connectTo(m_port))
        return {};
    c.send(raw);
    return c.readResponse(20000).value_or(RawResponse{});
}

void TestLoginFlood::passwordChecksLeaveTheNetworkThread()
{
    const QJsonObject off{{u"perClient"_s, QJsonObject{{u"enabled"_s, false}}}, {u"perAccount"_s, QJsonObject{{u"enabled"_s, false}}}};
    QVERIFY(start(off, 1, 16));
    // Four password checks for one worker, then a probe on the only network thread.
    std::vector<std::unique_ptr<RawClient>> logins;
    for (int i = 0; i < 4; ++i) {
        logins.push_back(std::make_unique<RawClient>());
        QVERIFY(logins.back()->connectTo(m_port));
        logins.back()->send(loginRequest(u"ada@example.com"_s, u"wrong-%1"_s.arg(i)));
    }
    RawClient probe;
    QVERIFY(probe.connectTo(m_port));
    QElapsedTimer t;
    t.start();
    probe.send("GET /api/users HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto listed = probe.readResponse(20000);
    const qint64 probeMs = t.elapsed();
    QVERIFY(listed);
    QCOMPARE(listed->status, 200);
    // The probe did not wait for the checks: some are still running when it is answered.
    const auto pending = std::count_if(logins.begin(), logins.end(), [](const auto &c) { return !answered(*c); });
    qInfo("probe answered in %lld ms with %lld of 4 password checks still pending", probeMs, qint64(pending));
    QVERIFY2(pending > 0, "the probe waited for every password check");
    for (auto &c : logins) {
        const auto r = c->readResponse(20000);
        QVERIFY(r);
        QCOMPARE(r->status, 401);
    }
}

void TestLoginFlood::fullQueueAnswers503WithRetryAfter()
{
    const QJsonObject off{{u"perClient"_s, QJsonObject{{u"enabled"_s, false}}}, {u"perAccount"_s, QJsonObject{{u"enabled"_s, false}}}};
    QVERIFY(start(off, 1, 1));
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 6; ++i) {
        clients.push_back(std::make_unique<RawClient>());
        QVERIFY(clients.back()->connectTo(m_port));
        clients.back()->send(loginRequest(u"ada@example.com"_s, u"wrong"_s));
    }
    int busy = 0;
    int checked = 0;
    for (auto &c : clients) {
        const auto r = c->readResponse(20000);
        QVERIFY(r);
        if (r->status == 503) {
            ++busy;
            QCOMPARE(r->header("Retry-After"), QByteArray("1"));
            QCOMPARE(r->header("Content-Type"), QByteArray("application/problem+json"));
        } else {
            QCOMPARE(r->status, 401);
            ++checked;
        }
    }
    qInfo("%d checked, %d answered 503 (1 worker, queue 1)", checked, busy);
    QVERIFY(busy >= 1);
    QVERIFY(checked >= 1 && checked <= 2 + 1);   // one running, one queued, perhaps one after a free slot
    QCOMPARE(post(loginRequest(u"ada@example.com"_s, u"right-password"_s)).status, 200);   // the pool recovers
}

void TestLoginFlood::rateLimitedPerClient()
{
    QVERIFY(start(QJsonObject{{u"perClient"_s, QJsonObject{{u"requests"_s, 3}, {u"perSeconds"_s, 3600}}},
                              {u"perAccount"_s, QJsonObject{{u"enabled"_s, false}}}},
                  2, 16));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(post(loginRequest(u"user%1@example.com"_s.arg(i), u"guess"_s)).status, 401);
    const RawResponse limited = post(loginRequest(u"someone-else@example.com"_s, u"guess"_s));
    QCOMPARE(limited.status, 429);
    QVERIFY(limited.header("Retry-After").toInt() > 0);
    // The right password does not help once the client is over its limit.
    QCOMPARE(post(loginRequest(u"ada@example.com"_s, u"right-password"_s)).status, 429);
    // Other routes are not affected.
    QCOMPARE(post("GET /api/users HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
}

void TestLoginFlood::rateLimitedPerAccountKnownOrNot()
{
    QVERIFY(start(QJsonObject{{u"perClient"_s, QJsonObject{{u"enabled"_s, false}}},
                              {u"perAccount"_s, QJsonObject{{u"requests"_s, 2}, {u"perSeconds"_s, 3600}}}},
                  2, 16));
    for (const QString &account : {u"ada@example.com"_s, u"nobody@example.com"_s}) {
        QCOMPARE(post(loginRequest(account, u"guess-1"_s)).status, 401);
        QCOMPARE(post(loginRequest(account, u"guess-2"_s)).status, 401);
        // The same name written otherwise is the same account.
        const RawResponse limited = post(loginRequest(u"  "_s + account.toUpper(), u"guess-3"_s));
        QCOMPARE(limited.status, 429);
        QVERIFY(limited.header("Retry-After").toInt() > 0);
        QVERIFY(limited.body.contains("account"));
    }
    // Known and unknown accounts are limited alike, and a third account is still free.
    QCOMPARE(post(loginRequest(u"linus@example.com"_s, u"guess"_s)).status, 401);
}

void TestLoginFlood::limitsAreOnByDefault()
{
    QVERIFY(start({}, 2, 64));
    const Route &login = m_server->config().routes.at(1);
    QCOMPARE(login.loginLimits.perAccount.requests, 10);
    QCOMPARE(login.loginLimits.perAccount.perSeconds, 60.0);
    QCOMPARE(login.loginLimits.perClient.requests, 30);
    int attempts = 0;
    int status = 0;
    while (attempts < 50 && status != 429) {
        status = post(loginRequest(u"nobody@example.com"_s, u"guess"_s)).status;
        ++attempts;
        QVERIFY(status == 401 || status == 429);
    }
    QCOMPARE(status, 429);
    // 10 per account and minute: the 11th, or a little later when the bucket refilled meanwhile
    // (one attempt per 6 s) on a slow machine.
    qInfo("limited at attempt %d", attempts);
    QVERIFY(attempts >= 11 && attempts <= 14);
}

void TestLoginFlood::oversizedInputRefusedAlikeForKnownAndUnknown()
{
    QVERIFY(start({}, 2, 16));
    const QString huge(quarry::auth::PasswordHasher::MaxPasswordBytes + 1, u'x');
    const RawResponse known = post(loginRequest(u"ada@example.com"_s, huge));
    const RawResponse unknown = post(loginRequest(u"nobody@example.com"_s, huge));
    QCOMPARE(known.status, 400);
    QCOMPARE(unknown.status, known.status);
    QCOMPARE(unknown.body, known.body);
    // A body over the login limit is refused before it is parsed.
    const QByteArray padding(20 * 1024, 'p');
    const RawResponse bigKnown = post(loginRequest(u"ada@example.com"_s, u"right-password"_s, padding));
    const RawResponse bigUnknown = post(loginRequest(u"nobody@example.com"_s, u"guess"_s, padding));
    QCOMPARE(bigKnown.status, 413);
    QCOMPARE(bigUnknown.status, 413);
    QCOMPARE(bigUnknown.body, bigKnown.body);
    // Neither counted as an attempt on the account: the right password still works.
    QCOMPARE(post(loginRequest(u"ada@example.com"_s, u"right-password"_s)).status, 200);
}

QTEST_GUILESS_MAIN(TestLoginFlood)
#include "tst_loginflood.moc"
