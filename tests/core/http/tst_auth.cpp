// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "testserver.h"

#include "http/collection.h"
#include "http/executor.h"
#include "http/runner.h"
#include "http/transport.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::http;

/// The automatic JWT login flow against tests/core/http/server.js, whose tokens live 2 seconds.
class TestHttpAuth : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void logsInOnceAndReusesTheToken();
    void folderWithoutAuthSendsNoToken();
    void tokenInTheQuery();
    void refreshesShortlyBeforeExpiry();
    void reloginsOnceAfterRevocation();
    void tokensPerEnvironmentAndProfile();
    void wrongCredentialsFailClearly();
    void tenSecondRunThroughExpiryAndRevocation();

private:
    Executor::Context context(const QString &environmentId = u"env-test"_s);
    QJsonObject stats();
    void revoke();
    TestServer m_server;
    Collection m_collection;
    Environment m_environment;
};

void TestHttpAuth::initTestCase()
{
    QVERIFY2(m_server.start(QFINDTESTDATA("server.js"), 2), qPrintable(m_server.error()));
    QFile file(QFINDTESTDATA("authcollection.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto c = Collection::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
    m_collection = c.value();
    // The password is a secret variable: the collection holds a reference, the value is in the environment.
    qputenv("QUARRY_TEST_LOGIN_PASSWORD", "quarry-demo");
    m_environment = Environment{u"env-test"_s, u"Test"_s, false,
                                {{u"baseUrl"_s, m_server.baseUrl()},
                                 {u"user"_s, u"ada"_s},
                                 {u"password"_s, u"env:QUARRY_TEST_LOGIN_PASSWORD"_s, true}}};
}

void TestHttpAuth::init()
{
    m_collection.auth.refreshRequest.clear();
}

Executor::Context TestHttpAuth::context(const QString &environmentId)
{
    Executor::Context ctx;
    ctx.collection = &m_collection;
    Environment env = m_environment;
    env.id = environmentId;
    ctx.scope.setEnvironment(&env);
    ctx.tokens = std::make_shared<TokenStore>();
    ctx.defaultTimeoutMs = 10000;
    return ctx;
}

QJsonObject TestHttpAuth::stats()
{
    Transport t;
    PreparedRequest p;
    p.method = "GET";
    p.url = QUrl(m_server.baseUrl() + u"/stats"_s);
    auto r = t.send(p);
    return r ? r.value().json().value().toObject() : QJsonObject();
}

void TestHttpAuth::revoke()
{
    Transport t;
    PreparedRequest p;
    p.method = "POST";
    p.url = QUrl(m_server.baseUrl() + u"/revoke"_s);
    QVERIFY(t.send(p));
}

void TestHttpAuth::logsInOnceAndReusesTheToken()
{
    const int serverLogins = stats().value(u"logins"_s).toInt();
    Executor executor(context());
    const RequestSpec *me = m_collection.findRequest(u"me"_s);
    const Exchange first = executor.execute(*me);
    QVERIFY2(first.passed(), qPrintable(first.error ? first.error->toString() : first.assertions.value(0).message));
    QVERIFY(first.auth.loggedIn);
    QCOMPARE(first.auth.type, u"login"_s);
    QCOMPARE(first.auth.profileId, u"p-main"_s);
    QCOMPARE(first.auth.profileName, u"Main login"_s);
    QCOMPARE(first.auth.inheritedFrom, u"collection \"Auth API\""_s);
    QCOMPARE(first.auth.tokenId.size(), 16);   // the jti the server put in the token
    QCOMPARE(first.auth.claims.value(u"sub"_s).toString(), u"ada"_s);
    QVERIFY(first.auth.secondsToExpiry && *first.auth.secondsToExpiry > 0 && *first.auth.secondsToExpiry <= 2.0);
    QVERIFY(first.request.header("Authorization").startsWith("Bearer ey"));
    QVERIFY(first.request.headers.last().source.contains(u"login profile \"Main login\""_s));

    const Exchange second = executor.execute(*me);
    QVERIFY(second.passed());
    QVERIFY(!second.auth.loggedIn);
    QCOMPARE(second.auth.tokenId, first.auth.tokenId);
    QCOMPARE(executor.tokens().logins(), 1);
    QCOMPARE(stats().value(u"logins"_s).toInt(), serverLogins + 1);

    // The login request itself, sent as an item, goes out without the profile's token.
    const Exchange login = executor.execute(*m_collection.findRequest(u"login"_s));
    QCOMPARE(login.response->status, 200);
    QVERIFY(!login.request.hasHeader("Authorization"));
    QCOMPARE(login.auth.type, u"none"_s);
}

void TestHttpAuth::folderWithoutAuthSendsNoToken()
{
    Executor executor(context());
    const Exchange ex = executor.execute(*m_collection.findRequest(u"me-anon"_s));
    QVERIFY2(ex.passed(), qPrintable(ex.assertions.value(0).message));
    QVERIFY(!ex.request.hasHeader("Authorization"));
    QCOMPARE(ex.auth.inheritedFrom, u"folder \"Public\""_s);
    QCOMPARE(executor.tokens().logins(), 0);
}

void TestHttpAuth::tokenInTheQuery()
{
    Executor executor(context());
    const Exchange ex = executor.execute(*m_collection.findRequest(u"me-query"_s));
    QVERIFY2(ex.passed(), qPrintable(ex.error ? ex.error->toString() : ex.assertions.value(0).message));
    QVERIFY(ex.request.url.query().startsWith(u"access_token=ey"_s));
    QVERIFY(!ex.request.hasHeader("Authorization"));
    QCOMPARE(ex.auth.profileId, u"p-query"_s);
    QCOMPARE(ex.auth.inheritedFrom, u"folder \"Query\""_s);
}

void TestHttpAuth::refreshesShortlyBeforeExpiry()
{
    m_collection.auth.refreshRequest = u"refresh"_s;
    const int serverRefreshes = stats().value(u"refreshes"_s).toInt();
    Executor executor(context());
    const RequestSpec *me = m_collection.findRequest(u"me"_s);
    const Exchange first = executor.execute(*me);
    QVERIFY(first.passed());
    // 2 s tokens are renewed 20 % (0.4 s) before they expire.
    QTest::qWait(1700);
    const Exchange renewed = executor.execute(*me);
    QVERIFY2(renewed.passed(), qPrintable(renewed.error ? renewed.error->toString() : renewed.assertions.value(0).message));
    QVERIFY(renewed.auth.refreshed);
    QVERIFY(!renewed.auth.loggedIn);
    QVERIFY(renewed.auth.tokenId != first.auth.tokenId);
    QVERIFY(*renewed.auth.secondsToExpiry > 1.0);
    QCOMPARE(executor.tokens().logins(), 1);
    QCOMPARE(executor.tokens().refreshes(), 1);
    QCOMPARE(stats().value(u"refreshes"_s).toInt(), serverRefreshes + 1);
}

void TestHttpAuth::reloginsOnceAfterRevocation()
{
    Executor executor(context());
    const RequestSpec *me = m_collection.findRequest(u"me"_s);
    const Exchange first = executor.execute(*me);
    QVERIFY(first.passed());
    const int rejected = stats().value(u"rejected"_s).toInt();
    revoke();
    const Exchange after = executor.execute(*me);
    QVERIFY2(after.passed(), qPrintable(after.error ? after.error->toString() : after.assertions.value(0).message));
    QVERIFY(after.auth.retriedAfter401);
    QVERIFY(after.auth.loggedIn);
    QVERIFY(after.auth.tokenId != first.auth.tokenId);
    QCOMPARE(executor.tokens().logins(), 2);
    QCOMPARE(stats().value(u"rejected"_s).toInt(), rejected + 1);   // exactly one request was refused, then retried
}

void TestHttpAuth::tokensPerEnvironmentAndProfile()
{
    auto tokens = std::make_shared<TokenStore>();
    Executor::Context a = context(u"env-a"_s);
    a.tokens = tokens;
    Executor::Context b = context(u"env-b"_s);
    b.tokens = tokens;
    Executor inA(std::move(a));
    Executor inB(std::move(b));
    const Exchange ea = inA.execute(*m_collection.findRequest(u"me"_s));
    const Exchange eb = inB.execute(*m_collection.findRequest(u"me"_s));
    QVERIFY(ea.passed() && eb.passed());
    QVERIFY(ea.auth.loggedIn && eb.auth.loggedIn);
    QVERIFY(ea.auth.tokenId != eb.auth.tokenId);
    // A second profile in the same environment holds its own token.
    const Exchange eq = inA.execute(*m_collection.findRequest(u"me-query"_s));
    QVERIFY(eq.passed());
    QVERIFY(eq.auth.loggedIn);
    QVERIFY(eq.auth.tokenId != ea.auth.tokenId);
    QCOMPARE(tokens->logins(), 3);
    QVERIFY(tokens->token(TokenStore::key(u"env-a"_s, u"p-main"_s)));
    QVERIFY(tokens->token(TokenStore::key(u"env-a"_s, u"p-query"_s)));
    QVERIFY(!tokens->token(TokenStore::key(u"env-b"_s, u"p-query"_s)));
}

void TestHttpAuth::wrongCredentialsFailClearly()
{
    const int serverLogins = stats().value(u"logins"_s).toInt();
    Executor::Context ctx = context();
    ctx.scope.setOverride(u"password"_s, u"wrong"_s);
    Executor executor(std::move(ctx));
    const Exchange ex = executor.execute(*m_collection.findRequest(u"me"_s));
    QVERIFY(!ex.passed());
    QVERIFY(!ex.response);
    QVERIFY2(ex.error->message.contains(u"Logging in for \"Main login\" failed: the server answered 401"_s),
             qPrintable(ex.error->message));
    QCOMPARE(executor.tokens().logins(), 0);
    QCOMPARE(stats().value(u"logins"_s).toInt(), serverLogins);
}

void TestHttpAuth::tenSecondRunThroughExpiryAndRevocation()
{
    RunOptions options;
    options.environment = u"Test"_s;
    options.folder = u"Protected"_s;
    options.durationMs = 10000;
    options.concurrency = 2;
    options.defaultTimeoutMs = 5000;
    Runner runner(m_collection, {m_environment}, options);
    const QJsonObject before = stats();
    std::unique_ptr<QThread> revoker(QThread::create([this] {
        QThread::msleep(5000);
        revoke();
    }));
    revoker->start();
    std::atomic<int> seen{0};
    auto report = runner.run([&](const Exchange &) { ++seen; });
    revoker->wait();
    QVERIFY2(report, qPrintable(report ? QString() : report.error().toString()));
    const RunReport &r = report.value();
    const QJsonObject after = stats();
    qInfo("10 s run: %d requests, %d failed, %d logins, %d with a retry after 401, %d refused by the server",
          r.requests(), r.failedRequests(), r.logins,
          int(std::count_if(r.exchanges.cbegin(), r.exchanges.cend(), [](const Exchange &e) { return e.auth.retriedAfter401; })),
          after.value(u"rejected"_s).toInt() - before.value(u"rejected"_s).toInt());
    QVERIFY(r.durationMs >= 10000);
    QVERIFY(r.durationMs < 20000);
    QCOMPARE(seen.load(), r.requests());
    QVERIFY(r.requests() > 100);
    for (const Exchange &e : r.exchanges) {
        if (!e.passed())
            QFAIL(qPrintable(u"%1 (iteration %2) failed: %3"_s.arg(e.requestName).arg(e.iteration)
                                 .arg(e.error ? e.error->toString() : e.assertions.value(0).message)));
    }
    QCOMPARE(r.failedRequests(), 0);
    QVERIFY(r.passed());
    // 10 s of 2 s tokens need at least 5 logins; the revocation forces one more through a 401.
    QVERIFY2(r.logins >= 6, qPrintable(QString::number(r.logins)));
    QCOMPARE(after.value(u"logins"_s).toInt() - before.value(u"logins"_s).toInt(), r.logins);
    QCOMPARE(after.value(u"protectedOk"_s).toInt() - before.value(u"protectedOk"_s).toInt(), r.requests());
    QVERIFY(std::any_of(r.exchanges.cbegin(), r.exchanges.cend(), [](const Exchange &e) { return e.auth.retriedAfter401; }));
    QVERIFY(r.toText().contains(u"%1 logins"_s.arg(r.logins)));
}

QTEST_GUILESS_MAIN(TestHttpAuth)
#include "tst_auth.moc"
