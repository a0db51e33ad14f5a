// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/authgate.h"
#include "auth/tokenissuer.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::auth;

namespace {
template <typename T>
T must(Result<T> r)
{
    if (!r)
        qFatal("unexpected error: %s", qPrintable(r.error().toString()));
    return std::move(r).value();
}

QJsonObject demoProfile()
{
    return {{u"id"_s, u"auth-demo"_s},   {u"algorithm"_s, u"HS256"_s},       {u"issuer"_s, u"quarry-demo"_s},
            {u"audience"_s, u"quarry-workshop"_s}, {u"rolesClaim"_s, u"roles"_s},
            {u"secret"_s, u"env:QUARRY_GATE_UNSET_SECRET"_s}, {u"demoFallback"_s, true}};
}
} // namespace

class TestAuthGate : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void decisions_data();
    void decisions();
    void warningsAndErrors();
    void jwks();
    void sampleWorkspace();

private:
    AuthGate m_gate;
    QByteArray m_ada;
    QByteArray m_linus;
    QByteArray m_rs;
};

void TestAuthGate::initTestCase()
{
    qunsetenv("QUARRY_GATE_UNSET_SECRET");
    const Key rsa = must(Key::generate(Algorithm::RS256, u"rs-key"_s));
    qputenv("QUARRY_GATE_RSA", rsa.toPem(true).value());
    const QList<AuthProfile> profiles = {
        must(AuthProfile::fromJson(demoProfile())),
        must(AuthProfile::fromJson({{u"id"_s, u"rs"_s}, {u"algorithm"_s, u"RS256"_s}, {u"kid"_s, u"rs-key"_s},
                                    {u"privateKey"_s, u"env:QUARRY_GATE_RSA"_s}})),
        must(AuthProfile::fromJson({{u"id"_s, u"broken"_s}, {u"algorithm"_s, u"HS256"_s},
                                    {u"secret"_s, u"env:QUARRY_GATE_UNSET_SECRET"_s}})),
    };
    m_gate = AuthGate::fromProfiles(profiles);
    const TokenIssuer demo = must(TokenIssuer::fromProfile(profiles.at(0)));
    m_ada = must(demo.issue({u"ada@example.com"_s, {u"admin"_s, u"user"_s}, {}, 0, 0})).token;
    m_linus = must(demo.issue({u"linus@example.com"_s, {u"user"_s}, {}, 0, 0})).token;
    m_rs = must(must(TokenIssuer::fromProfile(profiles.at(1))).issue({u"svc"_s, {}, {}, 0, 0})).token;
}

void TestAuthGate::decisions_data()
{
    QTest::addColumn<QJsonObject>("routeAuth");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("http");
    QTest::addColumn<QString>("log");
    const QJsonObject demo{{u"profile"_s, u"auth-demo"_s}, {u"required"_s, true}};
    QJsonObject admin = demo;
    admin.insert(u"roles"_s, QJsonArray{u"admin"_s});
    QTest::newRow("route without auth") << QJsonObject() << QByteArray() << 200 << u"no authentication"_s;
    QTest::newRow("no token") << demo << QByteArray() << 401 << u"401 missing"_s;
    QTest::newRow("valid token") << demo << "Bearer " + m_linus << 200 << u"sub linus@example.com"_s;
    QTest::newRow("admin route, admin") << admin << "Bearer " + m_ada << 200 << u"roles [admin, user]"_s;
    QTest::newRow("admin route, user") << admin << "Bearer " + m_linus << 403 << u"insufficient_scope [claims.roles]"_s;
    QTest::newRow("token of another profile") << demo << "Bearer " + m_rs << 401 << u"[header.alg]"_s;
    QTest::newRow("RS profile, RS token") << QJsonObject{{u"profile"_s, u"rs"_s}} << "Bearer " + m_rs << 200
                                          << u"sub svc"_s;
    QTest::newRow("unknown profile") << QJsonObject{{u"profile"_s, u"nope"_s}} << "Bearer " + m_ada << 500
                                     << u"does not exist"_s;
    QTest::newRow("profile that cannot load") << QJsonObject{{u"profile"_s, u"broken"_s}} << "Bearer " + m_ada << 500
                                              << u"QUARRY_GATE_UNSET_SECRET"_s;
    QTest::newRow("no profile named, several exist") << QJsonObject{{u"required"_s, true}} << "Bearer " + m_ada << 500
                                                     << u"several"_s;
    QTest::newRow("optional, no token") << QJsonObject{{u"profile"_s, u"auth-demo"_s}, {u"required"_s, false}}
                                        << QByteArray() << 200 << u"no authentication"_s;
    QTest::newRow("optional, bad token") << QJsonObject{{u"profile"_s, u"auth-demo"_s}, {u"required"_s, false}}
                                         << QByteArray("Bearer x.y.z") << 200 << u"token ignored"_s;
    QTest::newRow("optional, good token") << QJsonObject{{u"profile"_s, u"auth-demo"_s}, {u"required"_s, false}}
                                          << "Bearer " + m_ada << 200 << u"sub ada@example.com"_s;
}

void TestAuthGate::decisions()
{
    QFETCH(QJsonObject, routeAuth);
    QFETCH(QByteArray, authorization);
    QFETCH(int, http);
    QFETCH(QString, log);
    const AuthGate::Decision d = m_gate.check(routeAuth, authorization);
    QCOMPARE(d.outcome.httpStatus, http);
    QVERIFY2(d.logLine.contains(log), qPrintable(d.logLine));
    if (http == 200 && log.startsWith(u"sub"_s))
        QVERIFY(!d.outcome.jwt.claims().isEmpty());
}

void TestAuthGate::warningsAndErrors()
{
    QCOMPARE(m_gate.warnings().size(), 1);
    QVERIFY(m_gate.warnings().first().contains(u"QUARRY_GATE_UNSET_SECRET"_s));
    QCOMPARE(m_gate.errors().size(), 1);
    QVERIFY(m_gate.errors().first().message.contains(u"broken"_s));
}

void TestAuthGate::jwks()
{
    const EndpointResponse r = m_gate.jwksResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/jwk-set+json"));
    const QJsonArray keys = QJsonDocument::fromJson(r.body).object().value(u"keys"_s).toArray();
    QCOMPARE(keys.size(), 1); // the HMAC secrets are never published
    const QJsonObject k = keys.first().toObject();
    QCOMPARE(k.value(u"kid"_s).toString(), u"rs-key"_s);
    QCOMPARE(k.value(u"alg"_s).toString(), u"RS256"_s);
    QCOMPARE(k.value(u"kty"_s).toString(), u"RSA"_s);
    QVERIFY(!k.contains(u"d"_s));
    // A backend holding only the JWKS verifies the profile's tokens.
    const KeySet published = must(KeySet::fromJwks(QJsonDocument::fromJson(r.body).object()));
    VerifyOptions o;
    o.algorithms = {Algorithm::RS256};
    QVERIFY(JwtVerifier(published, o).verify(m_rs).ok());
}

void TestAuthGate::sampleWorkspace()
{
    qunsetenv("QUARRY_JWT_SECRET");
    auto ws = workspace::Workspace::load(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s);
    QVERIFY(ws);
    const AuthGate gate = AuthGate::fromWorkspace(*ws.value());
    QVERIFY(gate.errors().isEmpty());
    QCOMPARE(gate.warnings().size(), 1); // the demo secret
    const QByteArray token = must(must(TokenIssuer::fromProfile(must(AuthProfile::find(*ws.value(), u"auth-demo"_s))))
                                      .issue({u"ada@example.com"_s, {u"admin"_s}, {}, 0, 0}))
                                 .token;
    // The sample's protected route: {"profile": "auth-demo", "required": true}.
    const QJsonObject routeAuth{{u"profile"_s, u"auth-demo"_s}, {u"required"_s, true}};
    QCOMPARE(gate.check(routeAuth, {}).outcome.httpStatus, 401);
    QCOMPARE(gate.check(routeAuth, "Bearer " + token).outcome.httpStatus, 200);
    // The only profile is the default one.
    QCOMPARE(gate.check(QJsonObject{{u"required"_s, true}}, "Bearer " + token).outcome.httpStatus, 200);
}

QTEST_GUILESS_MAIN(TestAuthGate)
#include "tst_authgate.moc"
