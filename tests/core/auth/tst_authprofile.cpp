// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/authprofile.h"
#include "auth/bearerverifier.h"
#include "auth/jwtverifier.h"
#include "auth/tokenissuer.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::auth;

namespace {
QJsonObject hsProfile()
{
    return {{u"id"_s, u"auth-demo"_s},       {u"name"_s, u"Demo HS256"_s},
            {u"algorithm"_s, u"HS256"_s},    {u"issuer"_s, u"quarry-demo"_s},
            {u"audience"_s, u"quarry-workshop"_s}, {u"lifetimeSeconds"_s, 3600},
            {u"rolesClaim"_s, u"roles"_s},   {u"secret"_s, u"env:QUARRY_TEST_JWT_SECRET"_s},
            {u"demoFallback"_s, true}};
}

QByteArray readData(const QString &name)
{
    QFile f(QFINDTESTDATA(u"data/"_s + name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(name));
    return f.readAll();
}

template <typename T>
T must(Result<T> r)
{
    if (!r)
        qFatal("unexpected error: %s", qPrintable(r.error().toString()));
    return std::move(r).value();
}
} // namespace

class TestAuthProfile : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void sampleWorkspace();
    void invalidProfiles_data();
    void invalidProfiles();
    void demoFallback();
    void environmentSecretWins();
    void noFallbackWithoutSecret();
    void rsaProfileFromPemAndJwk();
    void publicKeyMismatch();
    void verifyOnlyProfileWithJwks();
    void generateKeyPair();
    void ephemeralKey();
    void issueAndVerify();
    void issueCustomClaimsOverride();
    void roundTripKeepsUnknownKeys();
    void workspaceProfiles();
    void bearer_data();
    void bearer();
};

void TestAuthProfile::init()
{
    qunsetenv("QUARRY_TEST_JWT_SECRET");
    qunsetenv("QUARRY_TEST_PRIVATE_KEY");
}

void TestAuthProfile::sampleWorkspace()
{
    const QString path = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    auto ws = workspace::Workspace::load(path);
    QVERIFY2(ws, qPrintable(ws.ok() ? QString() : ws.error().toString()));
    auto p = AuthProfile::find(*ws.value(), u"auth-demo"_s);
    QVERIFY2(p, qPrintable(p.ok() ? QString() : p.error().toString()));
    QCOMPARE(p.value().algorithm(), Algorithm::HS256);
    QCOMPARE(p.value().issuer(), u"quarry-demo"_s);
    QCOMPARE(p.value().audiences(), QStringList{u"quarry-workshop"_s});
    QCOMPARE(p.value().rolesClaim(), u"roles"_s);
    QCOMPARE(p.value().secretRef(), u"env:QUARRY_JWT_SECRET"_s);
    QVERIFY(p.value().demoFallback());
    QCOMPARE(p.value().allowedAlgorithms(), QList<Algorithm>{Algorithm::HS256});
    auto missing = AuthProfile::find(*ws.value(), u"nope"_s);
    QVERIFY(!missing);
    QVERIFY(missing.error().message.contains(u"auth-demo"_s));
}

void TestAuthProfile::invalidProfiles_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("where");
    auto with = [](const QString &k, const QJsonValue &v) {
        QJsonObject o = hsProfile();
        if (v.isUndefined())
            o.remove(k);
        else
            o.insert(k, v);
        return o;
    };
    QTest::newRow("no id") << with(u"id"_s, QJsonValue::Undefined) << u"p.id"_s;
    QTest::newRow("alg none") << with(u"algorithm"_s, u"none"_s) << u"p.algorithm"_s;
    QTest::newRow("plain secret") << with(u"secret"_s, u"hunter2-hunter2-hunter2-hunter2-hunter2"_s) << u"p.secret"_s;
    QTest::newRow("empty allow-list") << with(u"allowedAlgorithms"_s, QJsonArray{}) << u"p.allowedAlgorithms"_s;
    QTest::newRow("none in allow-list") << with(u"allowedAlgorithms"_s, QJsonArray{u"HS256"_s, u"none"_s})
                                        << u"p.allowedAlgorithms"_s;
    QJsonObject rs{{u"id"_s, u"rs"_s}, {u"algorithm"_s, u"RS256"_s}, {u"privateKey"_s, u"env:X"_s},
                   {u"allowedAlgorithms"_s, QJsonArray{u"RS256"_s, u"HS256"_s}}};
    QTest::newRow("HS allowed in an RS profile") << rs << u"p.allowedAlgorithms"_s;
    QTest::newRow("RS profile without keys") << QJsonObject{{u"id"_s, u"rs"_s}, {u"algorithm"_s, u"RS256"_s}}
                                             << u"p.privateKey"_s;
    QTest::newRow("negative lifetime") << with(u"lifetimeSeconds"_s, -5) << u"p.lifetimeSeconds"_s;
    QJsonObject noSecret = with(u"secret"_s, QJsonValue::Undefined);
    noSecret.remove(u"demoFallback"_s);
    QTest::newRow("HS without secret") << noSecret << u"p.secret"_s;
}

void TestAuthProfile::invalidProfiles()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, where);
    auto p = AuthProfile::fromJson(json, u"p"_s);
    QVERIFY(!p);
    QCOMPARE(p.error().where, where);
}

void TestAuthProfile::demoFallback()
{
    const AuthProfile p = must(AuthProfile::fromJson(hsProfile()));
    const ProfileKeys keys = must(p.resolveKeys());
    QVERIFY(keys.usesDemoSecret);
    QCOMPARE(keys.signingKey.secret(), QByteArray(AuthProfile::DemoSecret));
    QVERIFY(QByteArray(AuthProfile::DemoSecret).size() >= 32);
    QCOMPARE(keys.warnings.size(), 1);
    QVERIFY2(keys.warnings.first().contains(u"QUARRY_TEST_JWT_SECRET"_s), qPrintable(keys.warnings.first()));
    const TokenIssuer issuer = must(TokenIssuer::fromProfile(p));
    QCOMPARE(issuer.warnings(), keys.warnings);
}

void TestAuthProfile::environmentSecretWins()
{
    qputenv("QUARRY_TEST_JWT_SECRET", "an-environment-secret-that-is-long-enough-for-hs256");
    const AuthProfile p = must(AuthProfile::fromJson(hsProfile()));
    const ProfileKeys keys = must(p.resolveKeys());
    QVERIFY(!keys.usesDemoSecret);
    QVERIFY(keys.warnings.isEmpty());
    const IssuedToken t = must(must(TokenIssuer::fromProfile(p)).issue({u"ada@example.com"_s, {u"admin"_s}, {}, 0, 0}));
    // Signed with the environment secret: a verifier holding only the demo secret rejects it.
    const Key demo = must(Key::fromSecret(AuthProfile::DemoSecret));
    auto withDemo = JwtVerifier(KeySet({demo}), p.verifyOptions()).verify(t.token);
    QVERIFY(!withDemo);
    QCOMPARE(withDemo.error().where, u"signature"_s);
    QVERIFY(JwtVerifier(keys.verificationKeys, p.verifyOptions()).verify(t.token).ok());

    // Too short a secret for HS256 is an error that names the field, not a weak token.
    qputenv("QUARRY_TEST_JWT_SECRET", "short");
    auto weak = p.resolveKeys();
    QVERIFY(!weak);
    QCOMPARE(weak.error().where, u"secret"_s);
    QVERIFY(weak.error().message.contains(u"32 bytes"_s));
}

void TestAuthProfile::noFallbackWithoutSecret()
{
    QJsonObject json = hsProfile();
    json.insert(u"demoFallback"_s, false);
    const AuthProfile p = must(AuthProfile::fromJson(json, u"authProfiles[0]"_s));
    auto keys = p.resolveKeys();
    QVERIFY(!keys);
    QCOMPARE(keys.error().where, u"authProfiles[0].secret"_s);
    QVERIFY(keys.error().message.contains(u"QUARRY_TEST_JWT_SECRET"_s));
}

void TestAuthProfile::rsaProfileFromPemAndJwk()
{
    const QJsonObject json{{u"id"_s, u"rs"_s},         {u"algorithm"_s, u"RS256"_s},
                           {u"issuer"_s, u"quarry"_s}, {u"audience"_s, QJsonArray{u"a"_s, u"b"_s}},
                           {u"privateKey"_s, u"env:QUARRY_TEST_PRIVATE_KEY"_s},
                           {u"publicKey"_s, QString::fromLatin1(readData(u"rsa-public.pem"_s))}};
    const AuthProfile p = must(AuthProfile::fromJson(json));
    auto unset = p.resolveKeys();
    QVERIFY(!unset);
    QVERIFY2(unset.error().message.contains(u"quarry jwt keygen"_s), qPrintable(unset.error().message));

    for (const QByteArray &text : {readData(u"rsa-traditional.pem"_s),
                                   QJsonDocument(must(Key::fromPem(readData(u"rsa-pkcs8.pem"_s))).toPrivateJwk())
                                       .toJson()}) {
        qputenv("QUARRY_TEST_PRIVATE_KEY", text);
        const ProfileKeys keys = must(p.resolveKeys());
        QVERIFY(keys.signingKey.hasPrivate());
        QCOMPARE(keys.verificationKeys.keys().size(), 1); // the public key is the private key's half
        QVERIFY(!keys.verificationKeys.keys().first().hasPrivate());
        const IssuedToken t = must(must(TokenIssuer::fromProfile(p)).issue({u"sub-1"_s, {}, {}, 0, 0}));
        QCOMPARE(t.header.value(u"kid"_s).toString(), keys.signingKey.thumbprint());
        QCOMPARE(t.claims.value(u"aud"_s).toArray(), (QJsonArray{u"a"_s, u"b"_s}));
        auto v = JwtVerifier(keys.verificationKeys, p.verifyOptions()).verify(t.token);
        QVERIFY2(v, qPrintable(v.ok() ? QString() : v.error().toString()));
    }
}

void TestAuthProfile::publicKeyMismatch()
{
    qputenv("QUARRY_TEST_PRIVATE_KEY", Key::generate(Algorithm::ES256).value().toPem(true).value());
    const AuthProfile p = must(AuthProfile::fromJson(
        {{u"id"_s, u"es"_s}, {u"algorithm"_s, u"ES256"_s}, {u"privateKey"_s, u"env:QUARRY_TEST_PRIVATE_KEY"_s},
         {u"publicKey"_s, QString::fromLatin1(readData(u"ec256-public.pem"_s))}},
        u"authProfiles[1]"_s));
    auto keys = p.resolveKeys();
    QVERIFY(!keys);
    QCOMPARE(keys.error().where, u"authProfiles[1].publicKey"_s);
}

void TestAuthProfile::verifyOnlyProfileWithJwks()
{
    const Key a = must(Key::generate(Algorithm::EdDSA, u"a"_s));
    const Key b = must(Key::generate(Algorithm::EdDSA, u"b"_s));
    const AuthProfile p = must(AuthProfile::fromJson({{u"id"_s, u"ext"_s}, {u"algorithm"_s, u"EdDSA"_s},
                                                      {u"jwks"_s, KeySet({a, b}).toJwks()}}));
    const ProfileKeys keys = must(p.resolveKeys());
    QVERIFY(keys.signingKey.isNull());
    QCOMPARE(keys.verificationKeys.keys().size(), 2);
    auto issuer = TokenIssuer::fromProfile(p);
    QVERIFY(!issuer);
    QVERIFY(issuer.error().message.contains(u"only verify"_s));
    const QByteArray token = must(Jwt::encode({{u"exp"_s, QDateTime::currentSecsSinceEpoch() + 60}}, Algorithm::EdDSA, b));
    QVERIFY(JwtVerifier(keys.verificationKeys, p.verifyOptions()).verify(token).ok());
}

void TestAuthProfile::generateKeyPair()
{
    // env: references cannot be written; the key comes back for the caller to export, and the profile
    // records the public half and the kid.
    AuthProfile p = must(AuthProfile::fromJson(
        {{u"id"_s, u"gen"_s}, {u"algorithm"_s, u"ES384"_s}, {u"privateKey"_s, u"env:QUARRY_TEST_PRIVATE_KEY"_s}}));
    const Key key = must(p.generateKeyPair());
    QCOMPARE(key.curve(), u"P-384"_s);
    QCOMPARE(p.kid(), key.kid());
    QVERIFY(p.publicKey().startsWith(u"-----BEGIN PUBLIC KEY-----"_s));
    QCOMPARE(p.toJson().value(u"kid"_s).toString(), key.kid());
    qputenv("QUARRY_TEST_PRIVATE_KEY", key.toPem(true).value());
    const ProfileKeys keys = must(p.resolveKeys());
    QCOMPARE(keys.signingKey.thumbprint(), key.thumbprint());

    // A keychain reference on a machine without a reachable keychain: a clear error, no plain-text fallback.
    AuthProfile kc = must(AuthProfile::fromJson(
        {{u"id"_s, u"kc"_s}, {u"algorithm"_s, u"EdDSA"_s}, {u"privateKey"_s, u"keychain:quarry-test-no-keychain"_s}}));
    auto stored = kc.generateKeyPair(3000);
    if (stored) {
        QSKIP("a keychain is reachable here; the unreachable-keychain path cannot be checked");
    }
    QVERIFY2(stored.error().message.contains(u"keychain"_s), qPrintable(stored.error().message));
    QVERIFY(kc.publicKey().isEmpty());
}

void TestAuthProfile::ephemeralKey()
{
    const QJsonObject json{{u"id"_s, u"eph"_s}, {u"algorithm"_s, u"ES256"_s}, {u"ephemeralKey"_s, true},
                           {u"issuer"_s, u"quarry-demo"_s}};
    const AuthProfile p = must(AuthProfile::fromJson(json));
    const ProfileKeys first = must(p.resolveKeys());
    const ProfileKeys second = must(AuthProfile::fromJson(json).value().resolveKeys());
    QVERIFY(first.signingKey.hasPrivate());
    QCOMPARE(first.signingKey.curve(), u"P-256"_s);
    QCOMPARE(second.signingKey.thumbprint(), first.signingKey.thumbprint()); // one key per process
    QVERIFY(first.warnings.first().contains(u"ephemeral"_s));
    // Issuer and verifier, built separately, agree; the JWKS publishes the public half.
    const IssuedToken t = must(must(TokenIssuer::fromProfile(p)).issue({u"ada"_s, {}, {}, 0, 0}));
    QVERIFY(must(BearerVerifier::fromProfile(p)).check("Bearer " + t.token).ok());
    QCOMPARE(first.verificationKeys.toJwks().value(u"keys"_s).toArray().size(), 1);
    // Another profile id gets another key.
    QJsonObject other = json;
    other.insert(u"id"_s, u"eph2"_s);
    QVERIFY(must(must(AuthProfile::fromJson(other)).resolveKeys()).signingKey.thumbprint() != first.signingKey.thumbprint());
}

void TestAuthProfile::issueAndVerify()
{
    qputenv("QUARRY_TEST_JWT_SECRET", "an-environment-secret-that-is-long-enough-for-hs256");
    const AuthProfile p = must(AuthProfile::fromJson(hsProfile()));
    const TokenIssuer issuer = must(TokenIssuer::fromProfile(p));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    TokenRequest request{u"ada@example.com"_s, {u"admin"_s, u"user"_s}, {{u"name"_s, u"Ada"_s}}, 0, 0};
    const IssuedToken t = must(issuer.issue(request));
    QCOMPARE(t.claims.value(u"iss"_s).toString(), u"quarry-demo"_s);
    QCOMPARE(t.claims.value(u"aud"_s).toString(), u"quarry-workshop"_s);
    QCOMPARE(t.claims.value(u"sub"_s).toString(), u"ada@example.com"_s);
    QCOMPARE(t.claims.value(u"roles"_s).toArray(), (QJsonArray{u"admin"_s, u"user"_s}));
    QCOMPARE(t.claims.value(u"name"_s).toString(), u"Ada"_s);
    QVERIFY(qAbs(t.claims.value(u"iat"_s).toInteger() - now) <= 2);
    QCOMPARE(t.expiresIn, 3600);
    QCOMPARE(t.expiresAt, t.claims.value(u"iat"_s).toInteger() + 3600);
    QCOMPARE(t.jwtId.size(), 36);
    QVERIFY(t.jwtId != must(issuer.issue(request)).jwtId);
    QCOMPARE(t.header.value(u"alg"_s).toString(), u"HS256"_s);

    const BearerVerifier bearer = must(BearerVerifier::fromProfile(p));
    const BearerOutcome ok = bearer.check("Bearer " + t.token, {u"admin"_s});
    QVERIFY2(ok.ok(), qPrintable(ok.description));
    QCOMPARE(ok.roles, (QStringList{u"admin"_s, u"user"_s}));
    QCOMPARE(ok.jwt.subject(), u"ada@example.com"_s);

    request.lifetimeSeconds = 5;
    QCOMPARE(must(issuer.issue(request)).expiresIn, 5);
}

void TestAuthProfile::issueCustomClaimsOverride()
{
    // A workshop mints an expired token on purpose to show the 401.
    const AuthProfile p = must(AuthProfile::fromJson(hsProfile()));
    const TokenIssuer issuer = must(TokenIssuer::fromProfile(p));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const IssuedToken t = must(issuer.issue({u"linus@example.com"_s, {u"user"_s}, {{u"exp"_s, now - 60}}, 0, 0}));
    const BearerOutcome o = must(BearerVerifier::fromProfile(p)).check("Bearer " + t.token);
    QCOMPARE(o.status, BearerOutcome::Status::Expired);
    QCOMPARE(o.httpStatus, 401);
}

void TestAuthProfile::roundTripKeepsUnknownKeys()
{
    QJsonObject json = hsProfile();
    json.insert(u"x-future"_s, u"kept"_s);
    json.insert(u"leewaySeconds"_s, 30);
    const AuthProfile p = must(AuthProfile::fromJson(json));
    QCOMPARE(p.leewaySeconds(), 30);
    QCOMPARE(p.verifyOptions().leewaySeconds, 30);
    QVERIFY(p.verifyOptions().requireExpiry);
    QCOMPARE(p.toJson(), json);
}

void TestAuthProfile::workspaceProfiles()
{
    auto ws = workspace::Workspace::createEmpty(u"t"_s);
    QJsonObject second = hsProfile();
    second.insert(u"id"_s, u"other"_s);
    ws->setSection(workspace::Section::AuthProfiles, QJsonArray{hsProfile(), second});
    QCOMPARE(must(AuthProfile::fromWorkspace(*ws)).size(), 2);
    ws->setSection(workspace::Section::AuthProfiles, QJsonArray{hsProfile(), hsProfile()});
    auto dup = AuthProfile::fromWorkspace(*ws);
    QVERIFY(!dup);
    QCOMPARE(dup.error().where, u"authProfiles[1].id"_s);
}

void TestAuthProfile::bearer_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QStringList>("roles");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("http");
    QTest::addColumn<QByteArray>("challenge"); // the WWW-Authenticate value starts with this

    qputenv("QUARRY_TEST_JWT_SECRET", "an-environment-secret-that-is-long-enough-for-hs256");
    const AuthProfile p = must(AuthProfile::fromJson(hsProfile()));
    const TokenIssuer issuer = must(TokenIssuer::fromProfile(p));
    const QByteArray ada = must(issuer.issue({u"ada@example.com"_s, {u"admin"_s, u"user"_s}, {}, 0, 0})).token;
    const QByteArray linus = must(issuer.issue({u"linus@example.com"_s, {u"user"_s}, {}, 0, 0})).token;
    const QByteArray noRoles = must(issuer.issue({u"x@example.com"_s, {}, {}, 0, 0})).token;
    const QByteArray expired =
        must(issuer.issue({u"ada@example.com"_s, {u"admin"_s}, {{u"exp"_s, QDateTime::currentSecsSinceEpoch() - 5}}, 0, 0}))
            .token;
    const QByteArray otherIssuer = must(issuer.issue({u"ada@example.com"_s, {}, {{u"iss"_s, u"evil"_s}}, 0, 0})).token;
    QByteArray tampered = ada;
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'A' ? 'B' : 'A';
    const auto ok = int(BearerOutcome::Status::Ok);

    QTest::newRow("no header") << QByteArray() << QStringList() << int(BearerOutcome::Status::Missing) << 401
                               << QByteArray("Bearer realm=\"quarry\"");
    QTest::newRow("basic auth") << QByteArray("Basic YWRhOnF1YXJyeQ==") << QStringList()
                                << int(BearerOutcome::Status::Missing) << 401 << QByteArray("Bearer realm=\"quarry\"");
    QTest::newRow("Bearer without token") << QByteArray("Bearer") << QStringList()
                                          << int(BearerOutcome::Status::InvalidRequest) << 400
                                          << QByteArray("Bearer realm=\"quarry\", error=\"invalid_request\"");
    QTest::newRow("Bearer with blank") << QByteArray("Bearer    ") << QStringList()
                                       << int(BearerOutcome::Status::InvalidRequest) << 400
                                       << QByteArray("Bearer realm=\"quarry\", error=\"invalid_request\"");
    QTest::newRow("two tokens") << "Bearer " + ada + " " + linus << QStringList()
                                << int(BearerOutcome::Status::InvalidRequest) << 400
                                << QByteArray("Bearer realm=\"quarry\", error=\"invalid_request\"");
    QTest::newRow("valid, no role needed") << "Bearer " + linus << QStringList() << ok << 200 << QByteArray();
    QTest::newRow("scheme in lower case") << "bearer " + ada << QStringList{u"admin"_s} << ok << 200 << QByteArray();
    QTest::newRow("admin route, admin") << "Bearer " + ada << QStringList{u"admin"_s} << ok << 200 << QByteArray();
    QTest::newRow("one of several roles") << "Bearer " + linus << QStringList{u"admin"_s, u"user"_s} << ok << 200
                                          << QByteArray();
    QTest::newRow("admin route, user") << "Bearer " + linus << QStringList{u"admin"_s}
                                       << int(BearerOutcome::Status::InsufficientScope) << 403
                                       << QByteArray("Bearer realm=\"quarry\", error=\"insufficient_scope\"");
    QTest::newRow("admin route, no roles") << "Bearer " + noRoles << QStringList{u"admin"_s}
                                           << int(BearerOutcome::Status::InsufficientScope) << 403
                                           << QByteArray("Bearer realm=\"quarry\", error=\"insufficient_scope\"");
    QTest::newRow("expired") << "Bearer " + expired << QStringList() << int(BearerOutcome::Status::Expired) << 401
                             << QByteArray("Bearer realm=\"quarry\", error=\"invalid_token\"");
    QTest::newRow("tampered") << "Bearer " + tampered << QStringList() << int(BearerOutcome::Status::InvalidToken)
                              << 401 << QByteArray("Bearer realm=\"quarry\", error=\"invalid_token\"");
    QTest::newRow("wrong issuer") << "Bearer " + otherIssuer << QStringList()
                                  << int(BearerOutcome::Status::InvalidToken) << 401
                                  << QByteArray("Bearer realm=\"quarry\", error=\"invalid_token\"");
    QTest::newRow("garbage") << QByteArray("Bearer not-a-jwt") << QStringList()
                             << int(BearerOutcome::Status::InvalidToken) << 401
                             << QByteArray("Bearer realm=\"quarry\", error=\"invalid_token\"");
}

void TestAuthProfile::bearer()
{
    QFETCH(QByteArray, header);
    QFETCH(QStringList, roles);
    QFETCH(int, status);
    QFETCH(int, http);
    QFETCH(QByteArray, challenge);
    qputenv("QUARRY_TEST_JWT_SECRET", "an-environment-secret-that-is-long-enough-for-hs256");
    const BearerVerifier v = must(BearerVerifier::fromProfile(must(AuthProfile::fromJson(hsProfile()))));
    const BearerOutcome o = v.check(header, roles);
    QCOMPARE(int(o.status), status);
    QCOMPARE(o.httpStatus, http);
    QCOMPARE(o.profileId, u"auth-demo"_s);
    if (challenge.isEmpty()) {
        QVERIFY(o.wwwAuthenticate.isEmpty());
        return;
    }
    QVERIFY2(o.wwwAuthenticate.startsWith(challenge), o.wwwAuthenticate.constData());
    QVERIFY(!o.description.isEmpty());
    // RFC 6750: the quoted values hold no quote or backslash of their own, and no control or non-ASCII byte.
    QCOMPARE(o.wwwAuthenticate.count('"') % 2, 0);
    QVERIFY(!o.wwwAuthenticate.contains('\\'));
    for (char c : o.wwwAuthenticate)
        QVERIFY(uchar(c) >= 0x20 && uchar(c) < 0x7f);
    if (status == int(BearerOutcome::Status::InsufficientScope))
        QVERIFY(o.wwwAuthenticate.contains("scope=\"" + roles.join(u' ').toLatin1() + '"'));
    if (status != int(BearerOutcome::Status::Missing))
        QVERIFY(o.wwwAuthenticate.contains("error_description=\""));
}

QTEST_GUILESS_MAIN(TestAuthProfile)
#include "tst_authprofile.moc"
