// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/authprofile.h"
#include "auth/bearerverifier.h"
#include "auth/loginendpoint.h"
#include "auth/oauthtokenendpoint.h"

#include <QDateTime>
#include <QHash>
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

QJsonObject body(const EndpointResponse &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

QByteArray basic(const QByteArray &id, const QByteArray &secret)
{
    return "Basic " + (id + ':' + secret).toBase64();
}

constexpr auto Form = "application/x-www-form-urlencoded";
} // namespace

class TestAuthEndpoints : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void login_data();
    void login();
    void loginTokenCarriesTheUser();
    void oauthErrors_data();
    void oauthErrors();
    void clientCredentials();
    void passwordAndRefreshRotation();
    void refreshExpiry();
    void publicClient();
    void profileWithoutClient();

private:
    LoginService users() const;
    OAuthTokenEndpoint endpoint(bool withUsers = true) const;

    AuthProfile m_profile;
    QHash<QString, LoginUser> m_users;
};

void TestAuthEndpoints::initTestCase()
{
    qputenv("QUARRY_TEST_ENDPOINT_SECRET", "endpoint-test-secret-long-enough-for-hs256-xx");
    qputenv("QUARRY_TEST_CLIENT_SECRET", "s3cret:with/odd+chars");
    m_profile = must(AuthProfile::fromJson({{u"id"_s, u"api"_s},
                                            {u"algorithm"_s, u"HS256"_s},
                                            {u"issuer"_s, u"quarry-demo"_s},
                                            {u"audience"_s, u"quarry-workshop"_s},
                                            {u"lifetimeSeconds"_s, 900},
                                            {u"secret"_s, u"env:QUARRY_TEST_ENDPOINT_SECRET"_s},
                                            {u"clientId"_s, u"workshop-client"_s},
                                            {u"clientSecret"_s, u"env:QUARRY_TEST_CLIENT_SECRET"_s},
                                            {u"clientRoles"_s, QJsonArray{u"reports:read"_s, u"reports:write"_s}},
                                            {u"refreshTokenLifetimeSeconds"_s, 600}}));
    const PasswordHasher hasher;
    m_users.insert(u"ada@example.com"_s, {u"1"_s, u"ada@example.com"_s, hasher.hash(u"quarry-demo"_s).value(),
                                          {u"admin"_s, u"user"_s}, {{u"name"_s, u"Ada Lovelace"_s}}});
    m_users.insert(u"linus@example.com"_s,
                   {u"2"_s, u"linus@example.com"_s, hasher.hash(u"quarry-demo"_s).value(), {u"user"_s}, {}});
}

LoginService TestAuthEndpoints::users() const
{
    return LoginService([this](const QString &email) -> std::optional<LoginUser> {
        if (!m_users.contains(email))
            return std::nullopt;
        return m_users.value(email);
    });
}

OAuthTokenEndpoint TestAuthEndpoints::endpoint(bool withUsers) const
{
    return must(OAuthTokenEndpoint::fromProfile(m_profile, withUsers ? std::optional(users()) : std::nullopt));
}

void TestAuthEndpoints::login_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("detail");
    QTest::newRow("ada") << QByteArray(R"({"email":"ada@example.com","password":"quarry-demo"})") << 200 << QString();
    QTest::newRow("wrong password") << QByteArray(R"({"email":"ada@example.com","password":"nope"})") << 401
                                    << u"Invalid email or password."_s;
    QTest::newRow("unknown email") << QByteArray(R"({"email":"eve@example.com","password":"quarry-demo"})") << 401
                                   << u"Invalid email or password."_s;
    QTest::newRow("not JSON") << QByteArray("email=ada@example.com&password=quarry-demo") << 400 << u"JSON object"_s;
    QTest::newRow("JSON array") << QByteArray("[]") << 400 << u"JSON object"_s;
    QTest::newRow("password missing") << QByteArray(R"({"email":"ada@example.com"})") << 400 << u"must be strings"_s;
    QTest::newRow("password a number") << QByteArray(R"({"email":"ada@example.com","password":1234})") << 400
                                       << u"must be strings"_s;
    QTest::newRow("empty email") << QByteArray(R"({"email":"","password":"x"})") << 400 << u"email is missing"_s;
}

void TestAuthEndpoints::login()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    QFETCH(QString, detail);
    const LoginEndpoint login(must(TokenIssuer::fromProfile(m_profile)), users());
    const EndpointResponse r = login.handle(request);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(!r.note.isEmpty());
    const QJsonObject o = body(r);
    if (status == 200) {
        QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(o.value(u"tokenType"_s).toString(), u"Bearer"_s);
        QCOMPARE(o.value(u"expiresIn"_s).toInt(), 900);
        QVERIFY(!o.value(u"token"_s).toString().isEmpty());
        return;
    }
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(o.value(u"status"_s).toInt(), status);
    QVERIFY2(o.value(u"detail"_s).toString().contains(detail), qPrintable(o.value(u"detail"_s).toString()));
    QVERIFY(!o.contains(u"token"_s));
}

void TestAuthEndpoints::loginTokenCarriesTheUser()
{
    const LoginEndpoint login(must(TokenIssuer::fromProfile(m_profile)), users());
    const BearerVerifier verifier = must(BearerVerifier::fromProfile(m_profile));
    const QByteArray ada =
        body(login.handle(R"({"email":"ada@example.com","password":"quarry-demo"})")).value(u"token"_s).toString().toLatin1();
    const BearerOutcome admin = verifier.check("Bearer " + ada, {u"admin"_s});
    QVERIFY2(admin.ok(), qPrintable(admin.description));
    QCOMPARE(admin.jwt.subject(), u"1"_s);
    QCOMPARE(admin.jwt.claims().value(u"email"_s).toString(), u"ada@example.com"_s);
    QCOMPARE(admin.jwt.claims().value(u"name"_s).toString(), u"Ada Lovelace"_s);
    QCOMPARE(admin.roles, (QStringList{u"admin"_s, u"user"_s}));

    // The workshop's four answers: no token 401, token 200, user on an admin route 403, tampered 401.
    const QByteArray linus =
        body(login.handle(R"({"email":"linus@example.com","password":"quarry-demo"})")).value(u"token"_s).toString().toLatin1();
    QCOMPARE(verifier.check({}, {u"user"_s}).httpStatus, 401);
    QCOMPARE(verifier.check("Bearer " + linus, {u"user"_s}).httpStatus, 200);
    QCOMPARE(verifier.check("Bearer " + linus, {u"admin"_s}).httpStatus, 403);
    QByteArray tampered = linus;
    const qsizetype dot = tampered.indexOf('.');
    tampered[dot + 5] = tampered[dot + 5] == 'x' ? 'y' : 'x';
    const BearerOutcome t = verifier.check("Bearer " + tampered, {u"user"_s});
    QCOMPARE(t.httpStatus, 401);
    QVERIFY(t.wwwAuthenticate.contains("error=\"invalid_token\""));
}

void TestAuthEndpoints::oauthErrors_data()
{
    QTest::addColumn<QByteArray>("form");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QByteArray good = basic("workshop-client", "s3cret%3Awith%2Fodd%2Bchars");
    QTest::newRow("JSON instead of a form") << QByteArray(R"({"grant_type":"client_credentials"})")
                                            << QByteArray("application/json") << good << 400 << u"invalid_request"_s;
    QTest::newRow("no grant_type") << QByteArray("scope=x") << QByteArray(Form) << good << 400 << u"invalid_request"_s;
    QTest::newRow("grant_type twice") << QByteArray("grant_type=password&grant_type=client_credentials")
                                      << QByteArray(Form) << good << 400 << u"invalid_request"_s;
    QTest::newRow("unsupported grant") << QByteArray("grant_type=authorization_code&code=x") << QByteArray(Form) << good
                                       << 400 << u"unsupported_grant_type"_s;
    QTest::newRow("implicit-style grant") << QByteArray("grant_type=token") << QByteArray(Form) << good << 400
                                          << u"unsupported_grant_type"_s;
    QTest::newRow("no client") << QByteArray("grant_type=client_credentials") << QByteArray(Form) << QByteArray() << 400
                               << u"invalid_client"_s;
    QTest::newRow("wrong secret, Basic") << QByteArray("grant_type=client_credentials") << QByteArray(Form)
                                         << basic("workshop-client", "nope") << 401 << u"invalid_client"_s;
    QTest::newRow("unknown client, Basic") << QByteArray("grant_type=client_credentials") << QByteArray(Form)
                                           << basic("someone", "s3cret%3Awith%2Fodd%2Bchars") << 401 << u"invalid_client"_s;
    QTest::newRow("wrong secret, body")
        << QByteArray("grant_type=client_credentials&client_id=workshop-client&client_secret=nope") << QByteArray(Form)
        << QByteArray() << 400 << u"invalid_client"_s;
    QTest::newRow("Basic and body secret") << QByteArray("grant_type=client_credentials&client_secret=x")
                                           << QByteArray(Form) << good << 400 << u"invalid_request"_s;
    QTest::newRow("scope not granted") << QByteArray("grant_type=client_credentials&scope=admin") << QByteArray(Form)
                                       << good << 400 << u"invalid_scope"_s;
    QTest::newRow("password grant, wrong password")
        << QByteArray("grant_type=password&username=ada%40example.com&password=nope") << QByteArray(Form) << good << 400
        << u"invalid_grant"_s;
    QTest::newRow("password grant, no password") << QByteArray("grant_type=password&username=ada%40example.com")
                                                 << QByteArray(Form) << good << 400 << u"invalid_request"_s;
    QTest::newRow("refresh, unknown token") << QByteArray("grant_type=refresh_token&refresh_token=abc")
                                            << QByteArray(Form) << good << 400 << u"invalid_grant"_s;
    QTest::newRow("refresh, no token") << QByteArray("grant_type=refresh_token") << QByteArray(Form) << good << 400
                                       << u"invalid_request"_s;
}

void TestAuthEndpoints::oauthErrors()
{
    QFETCH(QByteArray, form);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QString, error);
    const EndpointResponse r = endpoint().handle(form, contentType, authorization);
    QCOMPARE(r.status, status);
    QCOMPARE(body(r).value(u"error"_s).toString(), error);
    QVERIFY(!body(r).value(u"error_description"_s).toString().isEmpty());
    QVERIFY(!body(r).contains(u"access_token"_s));
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(r.header("Pragma"), QByteArray("no-cache"));
    if (status == 401)
        QCOMPARE(r.header("WWW-Authenticate"), QByteArray("Basic realm=\"quarry\""));
}

void TestAuthEndpoints::clientCredentials()
{
    const OAuthTokenEndpoint e = endpoint();
    // RFC 6749 appendix B: the secret is form-urlencoded inside Basic.
    const EndpointResponse r = e.handle("grant_type=client_credentials", "application/x-www-form-urlencoded; charset=utf-8",
                                        basic("workshop-client", "s3cret%3Awith%2Fodd%2Bchars"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject o = body(r);
    QCOMPARE(o.value(u"token_type"_s).toString(), u"Bearer"_s);
    QCOMPARE(o.value(u"expires_in"_s).toInt(), 900);
    QCOMPARE(o.value(u"scope"_s).toString(), u"reports:read reports:write"_s);
    QVERIFY(!o.contains(u"refresh_token"_s)); // RFC 6749 section 4.4.3
    const BearerOutcome b = must(BearerVerifier::fromProfile(m_profile))
                                .check("Bearer " + o.value(u"access_token"_s).toString().toLatin1(), {u"reports:read"_s});
    QVERIFY2(b.ok(), qPrintable(b.description));
    QCOMPARE(b.jwt.subject(), u"workshop-client"_s);

    // Body authentication and a narrower scope.
    const EndpointResponse narrow = e.handle(
        "grant_type=client_credentials&client_id=workshop-client&client_secret=s3cret%3Awith%2Fodd%2Bchars&scope=reports%3Aread",
        Form, {});
    QCOMPARE(narrow.status, 200);
    QCOMPARE(body(narrow).value(u"scope"_s).toString(), u"reports:read"_s);
    const BearerOutcome write = must(BearerVerifier::fromProfile(m_profile))
                                    .check("Bearer " + body(narrow).value(u"access_token"_s).toString().toLatin1(),
                                           {u"reports:write"_s});
    QCOMPARE(write.httpStatus, 403);
}

void TestAuthEndpoints::passwordAndRefreshRotation()
{
    const OAuthTokenEndpoint e = endpoint();
    const QByteArray auth = basic("workshop-client", "s3cret%3Awith%2Fodd%2Bchars");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const EndpointResponse r =
        e.handle("grant_type=password&username=ada%40example.com&password=quarry-demo", Form, auth, now);
    QCOMPARE(r.status, 200);
    const QJsonObject first = body(r);
    const QString refresh1 = first.value(u"refresh_token"_s).toString();
    QVERIFY(refresh1.size() >= 43);
    const BearerVerifier verifier = must(BearerVerifier::fromProfile(m_profile));
    const BearerOutcome b = verifier.check("Bearer " + first.value(u"access_token"_s).toString().toLatin1(), {u"admin"_s});
    QVERIFY2(b.ok(), qPrintable(b.description));
    QCOMPARE(b.jwt.claims().value(u"email"_s).toString(), u"ada@example.com"_s);

    // Refresh: a new access token and a new refresh token.
    const EndpointResponse r2 =
        e.handle("grant_type=refresh_token&refresh_token=" + refresh1.toLatin1(), Form, auth, now + 60);
    QCOMPARE(r2.status, 200);
    const QString refresh2 = body(r2).value(u"refresh_token"_s).toString();
    QVERIFY(!refresh2.isEmpty() && refresh2 != refresh1);
    const BearerOutcome b2 = verifier.check("Bearer " + body(r2).value(u"access_token"_s).toString().toLatin1(), {u"admin"_s}, now + 60);
    QVERIFY2(b2.ok(), qPrintable(b2.description));
    QCOMPARE(b2.jwt.claims().value(u"iat"_s).toInteger(), now + 60);

    // Reusing the first refresh token is detected and revokes the second one too.
    const EndpointResponse reuse = e.handle("grant_type=refresh_token&refresh_token=" + refresh1.toLatin1(), Form, auth, now + 61);
    QCOMPARE(reuse.status, 400);
    QCOMPARE(body(reuse).value(u"error"_s).toString(), u"invalid_grant"_s);
    QVERIFY(body(reuse).value(u"error_description"_s).toString().contains(u"already used"_s));
    const EndpointResponse after = e.handle("grant_type=refresh_token&refresh_token=" + refresh2.toLatin1(), Form, auth, now + 62);
    QCOMPARE(after.status, 400);
    QCOMPARE(body(after).value(u"error"_s).toString(), u"invalid_grant"_s);
}

void TestAuthEndpoints::refreshExpiry()
{
    const OAuthTokenEndpoint e = endpoint();
    const QByteArray auth = basic("workshop-client", "s3cret%3Awith%2Fodd%2Bchars");
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString refresh =
        body(e.handle("grant_type=password&username=linus%40example.com&password=quarry-demo", Form, auth, now))
            .value(u"refresh_token"_s).toString();
    const EndpointResponse late = e.handle("grant_type=refresh_token&refresh_token=" + refresh.toLatin1(), Form, auth, now + 601);
    QCOMPARE(late.status, 400);
    QVERIFY(body(late).value(u"error_description"_s).toString().contains(u"expired"_s));
    QCOMPARE(e.refreshTokens().size(), 0);
}

void TestAuthEndpoints::publicClient()
{
    QJsonObject json = m_profile.toJson();
    json.remove(u"clientSecret"_s);
    const AuthProfile pub = must(AuthProfile::fromJson(json));
    const OAuthTokenEndpoint e = must(OAuthTokenEndpoint::fromProfile(pub, users()));
    const EndpointResponse cc = e.handle("grant_type=client_credentials&client_id=workshop-client", Form, {});
    QCOMPARE(cc.status, 400);
    QCOMPARE(body(cc).value(u"error"_s).toString(), u"unauthorized_client"_s);
    const EndpointResponse pw =
        e.handle("grant_type=password&client_id=workshop-client&username=linus%40example.com&password=quarry-demo", Form, {});
    QCOMPARE(pw.status, 200);
    // Without users, the password grant is not offered.
    const OAuthTokenEndpoint noUsers = endpoint(false);
    const EndpointResponse none = noUsers.handle("grant_type=password&username=a&password=b", Form,
                                                 basic("workshop-client", "s3cret%3Awith%2Fodd%2Bchars"));
    QCOMPARE(body(none).value(u"error"_s).toString(), u"unsupported_grant_type"_s);
}

void TestAuthEndpoints::profileWithoutClient()
{
    QJsonObject json = m_profile.toJson();
    json.remove(u"clientId"_s);
    auto e = OAuthTokenEndpoint::fromProfile(must(AuthProfile::fromJson(json)), users());
    QVERIFY(!e);
    QCOMPARE(e.error().where, u"clientId"_s);
    QJsonObject plain = m_profile.toJson();
    plain.insert(u"clientSecret"_s, u"plain-text-secret"_s);
    auto p = AuthProfile::fromJson(plain);
    QVERIFY(!p);
    QCOMPARE(p.error().where, u"clientSecret"_s);
}

QTEST_GUILESS_MAIN(TestAuthEndpoints)
#include "tst_authendpoints.moc"
