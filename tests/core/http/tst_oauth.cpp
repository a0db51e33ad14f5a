// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "testserver.h"

#include "http/collection.h"
#include "http/executor.h"
#include "http/postmanformat.h"
#include "http/transport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::http;

/// OAuth2 grants against the Express token endpoint, and tokens minted locally by a workspace
/// auth profile (the auth core) that the Express server verifies with jsonwebtoken.
class TestHttpOAuth : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void clientCredentials_data();
    void clientCredentials();
    void passwordGrantRefreshesWithTheRefreshToken();
    void refusedClientSaysWhy();
    void newmanRunsTheOAuthExport();
    void signedLocally();
    void signedWithUnknownProfile();

private:
    Collection collection(const QJsonObject &auth, const QString &path = u"/me"_s);
    QJsonObject stats();
    Executor::Context context(const Collection &c);
    TestServer m_server;
};

void TestHttpOAuth::initTestCase()
{
    QVERIFY2(m_server.start(QFINDTESTDATA("server.js"), 2), qPrintable(m_server.error()));
    qputenv("QUARRY_TEST_CLIENT_SECRET", "cli-secret");
    qputenv("QUARRY_TEST_SIGNING_SECRET", "quarry-test-signing-secret-0123456789");
}

Collection TestHttpOAuth::collection(const QJsonObject &auth, const QString &path)
{
    const QJsonObject json{{u"id"_s, u"c"_s},
                           {u"name"_s, u"OAuth"_s},
                           {u"auth"_s, auth},
                           {u"variables"_s, QJsonArray{QJsonObject{{u"name"_s, u"clientSecret"_s},
                                                                   {u"value"_s, u"env:QUARRY_TEST_CLIENT_SECRET"_s},
                                                                   {u"secret"_s, true}}}},
                           {u"items"_s, QJsonArray{QJsonObject{{u"type"_s, u"request"_s}, {u"id"_s, u"me"_s}, {u"name"_s, u"Me"_s},
                                                               {u"url"_s, u"{{baseUrl}}"_s + path},
                                                               {u"assertions"_s, QJsonArray{Assertion::statusEquals(200).toJson()}}}}}};
    auto c = Collection::fromJson(json);
    if (!c)
        qWarning() << c.error().toString();
    return c ? c.value() : Collection{};
}

Executor::Context TestHttpOAuth::context(const Collection &c)
{
    Executor::Context ctx;
    ctx.collection = &c;   // the caller keeps `c` alive while the executor runs
    ctx.scope.setOverride(u"baseUrl"_s, m_server.baseUrl());
    ctx.scope.setCollectionVariables(c.variables);
    ctx.defaultTimeoutMs = 10000;
    ctx.authProfiles = QJsonArray{QJsonObject{{u"id"_s, u"local-hs"_s},
                                              {u"name"_s, u"Local HS256"_s},
                                              {u"algorithm"_s, u"HS256"_s},
                                              {u"issuer"_s, u"quarry-test"_s},
                                              {u"audience"_s, u"test-api"_s},
                                              {u"lifetimeSeconds"_s, 60},
                                              {u"rolesClaim"_s, u"roles"_s},
                                              {u"secret"_s, u"env:QUARRY_TEST_SIGNING_SECRET"_s}}};
    return ctx;
}

QJsonObject TestHttpOAuth::stats()
{
    Transport t;
    PreparedRequest p;
    p.method = "GET";
    p.url = QUrl(m_server.baseUrl() + u"/stats"_s);
    auto r = t.send(p);
    return r ? r.value().json().value().toObject() : QJsonObject();
}

void TestHttpOAuth::clientCredentials_data()
{
    QTest::addColumn<QString>("clientAuth");
    QTest::newRow("client secret in a Basic header") << u"basic"_s;
    QTest::newRow("client secret in the body") << u"body"_s;
}

void TestHttpOAuth::clientCredentials()
{
    QFETCH(QString, clientAuth);
    const Collection c = collection(QJsonObject{{u"type"_s, u"oauth2"_s}, {u"id"_s, u"cc"_s}, {u"name"_s, u"Service"_s},
                                                {u"tokenUrl"_s, u"{{baseUrl}}/oauth/token"_s}, {u"grant"_s, u"client_credentials"_s},
                                                {u"clientId"_s, u"quarry-cli"_s}, {u"clientSecret"_s, u"{{clientSecret}}"_s},
                                                {u"clientAuth"_s, clientAuth}, {u"scope"_s, u"read"_s}});
    QCOMPARE(c.requests().size(), 1);
    const int before = stats().value(u"oauthTokens"_s).toInt();
    Executor executor(context(c));
    const Exchange first = executor.execute(*c.findRequest(u"me"_s));
    QVERIFY2(first.passed(), qPrintable(first.error ? first.error->toString() : first.assertions.value(0).message));
    QCOMPARE(first.auth.type, u"oauth2"_s);
    QVERIFY(first.auth.loggedIn);
    QCOMPARE(first.auth.claims.value(u"sub"_s).toString(), u"quarry-cli"_s);
    QCOMPARE(first.response->json().value().toObject().value(u"sub"_s).toString(), u"quarry-cli"_s);
    const Exchange second = executor.execute(*c.findRequest(u"me"_s));
    QVERIFY(second.passed());
    QVERIFY(!second.auth.loggedIn);
    QCOMPARE(second.auth.tokenId, first.auth.tokenId);
    QCOMPARE(stats().value(u"oauthTokens"_s).toInt(), before + 1);
}

void TestHttpOAuth::passwordGrantRefreshesWithTheRefreshToken()
{
    const Collection c = collection(QJsonObject{{u"type"_s, u"oauth2"_s}, {u"id"_s, u"pw"_s},
                                                {u"tokenUrl"_s, u"{{baseUrl}}/oauth/token"_s}, {u"grant"_s, u"password"_s},
                                                {u"clientId"_s, u"quarry-cli"_s}, {u"clientSecret"_s, u"{{clientSecret}}"_s},
                                                {u"username"_s, u"ada"_s}, {u"password"_s, u"quarry-demo"_s}});
    const int refreshesBefore = stats().value(u"oauthRefreshes"_s).toInt();
    Executor executor(context(c));
    const Exchange first = executor.execute(*c.findRequest(u"me"_s));
    QVERIFY2(first.passed(), qPrintable(first.error ? first.error->toString() : QString()));
    QCOMPARE(first.response->json().value().toObject().value(u"sub"_s).toString(), u"ada"_s);
    QTest::qWait(1700);   // 2 s tokens: inside the renewal window
    const Exchange second = executor.execute(*c.findRequest(u"me"_s));
    QVERIFY(second.passed());
    QVERIFY(second.auth.refreshed);
    QVERIFY(second.auth.tokenId != first.auth.tokenId);
    QCOMPARE(executor.tokens().logins(), 1);
    QCOMPARE(executor.tokens().refreshes(), 1);
    QCOMPARE(stats().value(u"oauthRefreshes"_s).toInt(), refreshesBefore + 1);
}

void TestHttpOAuth::refusedClientSaysWhy()
{
    const Collection c = collection(QJsonObject{{u"type"_s, u"oauth2"_s}, {u"id"_s, u"bad"_s},
                                                {u"tokenUrl"_s, u"{{baseUrl}}/oauth/token"_s},
                                                {u"clientId"_s, u"quarry-cli"_s}, {u"clientSecret"_s, u"wrong"_s}});
    Executor executor(context(c));
    const Exchange ex = executor.execute(*c.findRequest(u"me"_s));
    QVERIFY(!ex.passed());
    QVERIFY2(ex.error->message.contains(u"401 Unauthorized): invalid_client: unknown client"_s), qPrintable(ex.error->message));
}

void TestHttpOAuth::newmanRunsTheOAuthExport()
{
    const Collection c = collection(QJsonObject{{u"type"_s, u"oauth2"_s}, {u"id"_s, u"cc"_s}, {u"name"_s, u"Service"_s},
                                                {u"tokenUrl"_s, u"{{baseUrl}}/oauth/token"_s},
                                                {u"clientId"_s, u"quarry-cli"_s}, {u"clientSecret"_s, u"{{clientSecret}}"_s}});
    QTemporaryDir dir;
    const QString path = dir.filePath(u"oauth.postman.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(PostmanFormat::exportCollection(c)).toJson());
    file.close();
    const int before = stats().value(u"oauthTokens"_s).toInt();
    QString modules = qEnvironmentVariable("QUARRY_NODE_MODULES");
    if (modules.isEmpty())
        modules = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/node/node_modules"_s;
    QProcess newman;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NODE_PATH"_s, modules);
    newman.setProcessEnvironment(env);
    newman.start(u"node"_s, {QFINDTESTDATA("newmanrun.js"), path, u"-"_s, u"baseUrl="_s + m_server.baseUrl(),
                              u"clientSecret=cli-secret"_s});
    QVERIFY(newman.waitForFinished(30000));
    const QJsonObject result = QJsonDocument::fromJson(newman.readAllStandardOutput()).object();
    QCOMPARE(result.value(u"failures"_s).toInt(), 0);
    const QJsonObject item = result.value(u"items"_s).toArray().first().toObject();
    QCOMPARE(item.value(u"code"_s).toInt(), 200);
    QCOMPARE(item.value(u"requests"_s).toInt(), 2);   // the token request, then the request itself
    QCOMPARE(stats().value(u"oauthTokens"_s).toInt(), before + 1);
}

void TestHttpOAuth::signedLocally()
{
    const Collection c = collection(QJsonObject{{u"type"_s, u"signed"_s}, {u"authProfile"_s, u"local-hs"_s},
                                                {u"subject"_s, u"ada"_s}, {u"roles"_s, QJsonArray{u"admin"_s}},
                                                {u"claims"_s, QJsonObject{{u"team"_s, u"workshop"_s}}}},
                                    u"/signed-me"_s);
    Executor executor(context(c));
    const Exchange first = executor.execute(*c.findRequest(u"me"_s));
    QVERIFY2(first.passed(), qPrintable(first.error ? first.error->toString() : QString::fromUtf8(first.response->body)));
    const QJsonObject verified = first.response->json().value().toObject();   // as jsonwebtoken verified it
    QCOMPARE(verified.value(u"sub"_s).toString(), u"ada"_s);
    QCOMPARE(verified.value(u"roles"_s).toArray().first().toString(), u"admin"_s);
    QCOMPARE(verified.value(u"team"_s).toString(), u"workshop"_s);
    QCOMPARE(first.auth.type, u"signed"_s);
    QVERIFY(first.auth.signedLocally);
    QVERIFY(!first.auth.loggedIn);
    QVERIFY(*first.auth.secondsToExpiry > 50);
    // Cached until expiry by default...
    const Exchange second = executor.execute(*c.findRequest(u"me"_s));
    QCOMPARE(second.auth.tokenId, first.auth.tokenId);
    QCOMPARE(executor.tokens().logins(), 0);
    // ...or fresh for every request.
    QJsonObject perRequest = c.auth.toJson();
    perRequest.insert(u"perRequest"_s, true);
    const Collection fresh = collection(perRequest, u"/signed-me"_s);
    Executor other(context(fresh));
    const Exchange a = other.execute(*fresh.findRequest(u"me"_s));
    const Exchange b = other.execute(*fresh.findRequest(u"me"_s));
    QVERIFY(a.passed() && b.passed());
    QVERIFY(a.auth.tokenId != b.auth.tokenId);
}

void TestHttpOAuth::signedWithUnknownProfile()
{
    const Collection c = collection(QJsonObject{{u"type"_s, u"signed"_s}, {u"authProfile"_s, u"nope"_s}}, u"/signed-me"_s);
    Executor executor(context(c));
    const Exchange ex = executor.execute(*c.findRequest(u"me"_s));
    QVERIFY(!ex.passed());
    QVERIFY2(ex.error->message.contains(u"no auth profile \"nope\""_s), qPrintable(ex.error->message));
}

QTEST_GUILESS_MAIN(TestHttpOAuth)
#include "tst_oauth.moc"
