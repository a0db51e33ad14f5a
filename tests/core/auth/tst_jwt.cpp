// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/base64url.h"
#include "auth/jws.h"
#include "auth/jwt.h"
#include "auth/jwtverifier.h"
#include "auth/key.h"
#include "auth/keyset.h"
#include "auth/signature.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::auth;

namespace {

// RFC 7515 appendix A: the shared payload {"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}
constexpr auto Rfc7515Payload =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
constexpr qint64 Rfc7515Exp = 1300819380;

// A.1
constexpr auto A1Token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
                         "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
                         "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
constexpr auto A1Key = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";

// A.2
constexpr auto A2Signature =
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CU"
    "Ar7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO"
    "--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igc"
    "N_IoypGlUPQGe77Rw";
constexpr auto A2N =
    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-"
    "pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2"
    "CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9"
    "gb54h4FRWyuXpoQ";
constexpr auto A2D =
    "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-"
    "pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBju"
    "dU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91"
    "p1DhOVRuOopznQ";

// A.3
constexpr auto A3Signature = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";
constexpr auto A3X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
constexpr auto A3Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
constexpr auto A3D = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";

// A.5
constexpr auto A5Token = "eyJhbGciOiJub25lIn0."
                         "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.";

// RFC 8037 appendix A.1, A.3, A.4
constexpr auto EdD = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
constexpr auto EdX = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
constexpr auto EdThumbprint = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
constexpr auto EdToken = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
                         "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

constexpr qint64 Now = 1800000000; // a fixed "now" for the claims tests

QByteArray b64(const QByteArray &raw)
{
    return Base64Url::encode(raw);
}

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// A token assembled by hand, for the attacks a signer would never produce.
QByteArray handmade(const QJsonObject &header, const QJsonObject &claims, const QByteArray &signature = {})
{
    return b64(json(header)) + '.' + b64(json(claims)) + '.' + b64(signature);
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

QJsonObject goodClaims()
{
    return {{u"iss"_s, u"quarry-demo"_s}, {u"aud"_s, u"quarry-workshop"_s}, {u"sub"_s, u"ada@example.com"_s},
            {u"iat"_s, Now - 10}, {u"exp"_s, Now + 3600}, {u"jti"_s, u"t-1"_s}};
}

} // namespace

class TestJwt : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void base64url_data();
    void base64url();
    void base64urlRoundTrip();

    void rfc7515A1Hs256();
    void rfc7515A2Rs256();
    void rfc7515A3Es256();
    void rfc7515A5UnsecuredRejected();
    void rfc8037Ed25519();
    void es384ThirdParty();

    void roundTrip_data();
    void roundTrip();

    void attacks_data();
    void attacks();

    void malformed_data();
    void malformed();

    void claims_data();
    void claims();

    void pemKeys_data();
    void pemKeys();
    void badKeys_data();
    void badKeys();
    void jwkRoundTripAndJwks();
    void kidSelection();
    void duplicateMembersUseTheLastOne();
    void concurrentVerification();

private:
    VerifyOptions options(QList<Algorithm> algs) const;

    Key m_hmac;
    Key m_rsa;
    Key m_ec;
    QByteArray m_rsaPublicPem;
};

void TestJwt::initTestCase()
{
    m_hmac = must(Key::fromSecret("a-secret-of-at-least-thirty-two-bytes-for-hs256", u"hmac-1"_s));
    m_rsa = must(Key::fromPem(readData(u"rsa-pkcs8.pem"_s), u"rsa-1"_s));
    m_ec = must(Key::fromPem(readData(u"ec256-traditional.pem"_s), u"ec-1"_s));
    m_rsaPublicPem = readData(u"rsa-public.pem"_s);
}

VerifyOptions TestJwt::options(QList<Algorithm> algs) const
{
    VerifyOptions o;
    o.algorithms = std::move(algs);
    o.issuer = u"quarry-demo"_s;
    o.audiences = {u"quarry-workshop"_s};
    o.now = Now;
    return o;
}

void TestJwt::base64url_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("decoded");
    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("one byte") << QByteArray("_w") << true << QByteArray("\xff");
    QTest::newRow("two bytes") << QByteArray("-_8") << true << QByteArray("\xfb\xff");
    QTest::newRow("three bytes") << QByteArray("Zm9v") << true << QByteArray("foo");
    QTest::newRow("padding") << QByteArray("_w==") << false << QByteArray();
    QTest::newRow("standard base64 plus") << QByteArray("+w") << false << QByteArray();
    QTest::newRow("standard base64 slash") << QByteArray("/w") << false << QByteArray();
    QTest::newRow("length 4n+1") << QByteArray("Zm9vY") << false << QByteArray();
    QTest::newRow("stray bits") << QByteArray("_x") << false << QByteArray();
    QTest::newRow("whitespace") << QByteArray("Zm 9v") << false << QByteArray();
    QTest::newRow("nul byte") << QByteArray("Zm\0v", 4) << false << QByteArray();
    QTest::newRow("high byte") << QByteArray("Zm\xc3v") << false << QByteArray();
}

void TestJwt::base64url()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(QByteArray, decoded);
    auto r = Base64Url::decode(text, u"test"_s);
    QCOMPARE(r.ok(), valid);
    if (valid)
        QCOMPARE(r.value(), decoded);
    else
        QVERIFY2(r.error().message.contains(u"base64url"_s), qPrintable(r.error().message));
}

void TestJwt::base64urlRoundTrip()
{
    QByteArray data;
    for (int i = 0; i < 300; ++i) {
        data.append(char(i * 37 + 11));
        QCOMPARE(must(Base64Url::decode(Base64Url::encode(data))), data);
    }
    QVERIFY(!Base64Url::encode("\xfb\xff\xbf").contains('+'));
    QVERIFY(!Base64Url::encode("\xfb\xff\xbf").contains('/'));
}

void TestJwt::rfc7515A1Hs256()
{
    const Key key = must(Key::fromJwk({{u"kty"_s, u"oct"_s}, {u"k"_s, QString::fromLatin1(A1Key)}}));
    VerifyOptions o;
    o.algorithms = {Algorithm::HS256};
    o.now = Rfc7515Exp - 60;
    auto jwt = JwtVerifier(KeySet({key}), o).verify(A1Token);
    QVERIFY2(jwt, qPrintable(jwt.ok() ? QString() : jwt.error().toString()));
    QCOMPARE(jwt.value().issuer(), u"joe"_s);
    QCOMPARE(jwt.value().expiresAt().value(), Rfc7515Exp);
    QCOMPARE(jwt.value().claims().value(u"http://example.com/is_root"_s).toBool(), true);
    // HMAC is deterministic: signing the same input gives the RFC's signature.
    const QByteArray token(A1Token);
    const QByteArray input = token.left(token.lastIndexOf('.'));
    QCOMPARE(b64(must(Signature::sign(Algorithm::HS256, key, input))), token.mid(token.lastIndexOf('.') + 1));
    // After the RFC's expiry it is rejected as expired.
    o.now = Rfc7515Exp + 1;
    auto late = JwtVerifier(KeySet({key}), o).verify(A1Token);
    QVERIFY(!late);
    QCOMPARE(late.error().where, u"claims.exp"_s);
}

void TestJwt::rfc7515A2Rs256()
{
    const QJsonObject publicJwk{{u"kty"_s, u"RSA"_s}, {u"n"_s, QString::fromLatin1(A2N)}, {u"e"_s, u"AQAB"_s}};
    QJsonObject privateJwk = publicJwk;
    privateJwk.insert(u"d"_s, QString::fromLatin1(A2D));
    const QByteArray token = QByteArray("eyJhbGciOiJSUzI1NiJ9.") + Rfc7515Payload + '.' + A2Signature;

    const Key pub = must(Key::fromJwk(publicJwk));
    QCOMPARE(pub.type(), Key::Type::Rsa);
    QCOMPARE(pub.bits(), 2048);
    QVERIFY(!pub.hasPrivate());
    VerifyOptions o;
    o.algorithms = {Algorithm::RS256};
    o.now = Rfc7515Exp - 60;
    auto jwt = JwtVerifier(KeySet({pub}), o).verify(token);
    QVERIFY2(jwt, qPrintable(jwt.ok() ? QString() : jwt.error().toString()));
    QCOMPARE(jwt.value().issuer(), u"joe"_s);

    // PKCS#1 v1.5 is deterministic: the private key (n, e, d only, no CRT) reproduces the RFC's signature.
    const Key priv = must(Key::fromJwk(privateJwk));
    QVERIFY(priv.hasPrivate());
    const QByteArray input = token.left(token.lastIndexOf('.'));
    QCOMPARE(b64(must(Signature::sign(Algorithm::RS256, priv, input))), QByteArray(A2Signature));
    // A public key cannot sign.
    auto noPrivate = Signature::sign(Algorithm::RS256, pub, input);
    QVERIFY(!noPrivate);
    QVERIFY(noPrivate.error().message.contains(u"private key"_s));
}

void TestJwt::rfc7515A3Es256()
{
    const QJsonObject publicJwk{{u"kty"_s, u"EC"_s}, {u"crv"_s, u"P-256"_s}, {u"x"_s, QString::fromLatin1(A3X)},
                                {u"y"_s, QString::fromLatin1(A3Y)}};
    const QByteArray token = QByteArray("eyJhbGciOiJFUzI1NiJ9.") + Rfc7515Payload + '.' + A3Signature;
    const Key pub = must(Key::fromJwk(publicJwk));
    QCOMPARE(pub.curve(), u"P-256"_s);
    VerifyOptions o;
    o.algorithms = {Algorithm::ES256};
    o.now = Rfc7515Exp - 60;
    auto jwt = JwtVerifier(KeySet({pub}), o).verify(token);
    QVERIFY2(jwt, qPrintable(jwt.ok() ? QString() : jwt.error().toString()));

    // ECDSA is randomized: sign with the RFC's private key, check the JOSE form and that it verifies.
    QJsonObject privateJwk = publicJwk;
    privateJwk.insert(u"d"_s, QString::fromLatin1(A3D));
    const Key priv = must(Key::fromJwk(privateJwk));
    const QByteArray input = token.left(token.lastIndexOf('.'));
    const QByteArray sig = must(Signature::sign(Algorithm::ES256, priv, input));
    QCOMPARE(sig.size(), 64);
    QVERIFY(Signature::verify(Algorithm::ES256, pub, input, sig).ok());
    // One flipped bit of S fails.
    QByteArray bad = sig;
    bad[40] = char(bad[40] ^ 0x01);
    QVERIFY(!Signature::verify(Algorithm::ES256, pub, input, bad).ok());
}

void TestJwt::rfc7515A5UnsecuredRejected()
{
    // Even with every algorithm allowed and a key of every family.
    VerifyOptions o;
    o.algorithms = Algorithms::all();
    o.now = Rfc7515Exp - 60;
    auto r = JwtVerifier(KeySet({m_hmac, m_rsa, m_ec}), o).verify(A5Token);
    QVERIFY(!r);
    QCOMPARE(r.error().where, u"header.alg"_s);
    QVERIFY2(r.error().message.contains(u"unsecured"_s), qPrintable(r.error().message));
    // Decoding for display still works: the inspector shows what the token says.
    auto decoded = Jwt::decode(A5Token);
    QVERIFY(decoded);
    QCOMPARE(decoded.value().jws().algorithmName(), u"none"_s);
}

void TestJwt::rfc8037Ed25519()
{
    const Key priv = must(Key::fromJwk({{u"kty"_s, u"OKP"_s}, {u"crv"_s, u"Ed25519"_s},
                                        {u"d"_s, QString::fromLatin1(EdD)}, {u"x"_s, QString::fromLatin1(EdX)}}));
    const Key pub = must(Key::fromJwk({{u"kty"_s, u"OKP"_s}, {u"crv"_s, u"Ed25519"_s}, {u"x"_s, QString::fromLatin1(EdX)}}));
    QCOMPARE(pub.thumbprint(), QString::fromLatin1(EdThumbprint)); // A.3
    QCOMPARE(priv.thumbprint(), QString::fromLatin1(EdThumbprint));
    // A.4: Ed25519 is deterministic, so signing reproduces the RFC's JWS byte for byte.
    QCOMPARE(must(Jws::sign("Example of Ed25519 signing", Algorithm::EdDSA, priv)), QByteArray(EdToken));
    // A.5: verification with the public key.
    const Jws jws = must(Jws::parse(EdToken));
    QCOMPARE(jws.payload(), QByteArray("Example of Ed25519 signing"));
    QVERIFY(Signature::verify(Algorithm::EdDSA, pub, jws.signingInput(), jws.signature()).ok());
    QVERIFY(!Signature::verify(Algorithm::EdDSA, pub, jws.signingInput() + 'x', jws.signature()).ok());
    // The payload is not a JSON object, so it is a JWS but not a JWT.
    auto asJwt = Jwt::decode(EdToken);
    QVERIFY(!asJwt);
    QCOMPARE(asJwt.error().where, u"payload"_s);
}

void TestJwt::es384ThirdParty()
{
    // An ES384 token produced by another implementation (lestrrat-go/jwx test data), with its public JWK.
    const QByteArray token =
        "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6IjE5MzFmZTQ0YmFhMWNhZTkyZWUzNzYzOTQ0MDU1OGMwODdlMTRlNjk5ZWU5NjVh"
        "M2Q1OGU1MmU2NGY4MDE0NWIifQ.eyJpc3MiOiJicmt0LWNsaS0xLjAuN3ByZTEiLCJpYXQiOjE0ODQ2OTU1MjAsImp0aSI6IjgxYjczY2Y3"
        "In0.DdFi0KmPHSv4PfIMGcWGMSRLmZsfRPQ3muLFW6Ly2HpiLFFQWZ0VEanyrFV263wjlp3udfedgw_vrBLz3XC8CkbvCo_xeHMzaTr_yfhjo"
        "heSj8gWRLwB-22rOnUX_M0A";
    const Jwt decoded = must(Jwt::decode(token));
    const Key pub = must(Key::fromJwk({{u"kty"_s, u"EC"_s}, {u"crv"_s, u"P-384"_s},
                                       {u"x"_s, u"YHVZ4gc1RDoqxKm4NzaN_Y1r7R7h3RM3JMteC478apSKUiLVb4UNytqWaLoE6ygH"_s},
                                       {u"y"_s, u"CRKSqP-aYTIsqJfg_wZEEYUayUR5JhZaS2m4NLk2t1DfXZgfApAJ2lBO0vWKnUMp"_s},
                                       {u"kid"_s, decoded.jws().kid()}}));
    VerifyOptions o;
    o.algorithms = {Algorithm::ES384};
    o.now = 1484695600;
    auto r = JwtVerifier(KeySet({pub}), o).verify(token);
    QVERIFY2(r, qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r.value().jwtId(), u"81b73cf7"_s);
}

void TestJwt::roundTrip_data()
{
    QTest::addColumn<Algorithm>("alg");
    for (Algorithm a : Algorithms::all())
        QTest::newRow(qPrintable(Algorithms::name(a))) << a;
}

void TestJwt::roundTrip()
{
    QFETCH(Algorithm, alg);
    const Key key = must(Key::generate(alg));
    QVERIFY(!key.kid().isEmpty());
    QCOMPARE(key.kid(), key.thumbprint());
    QJsonObject claims = goodClaims();
    claims.insert(u"roles"_s, QJsonArray{u"admin"_s, u"user"_s});
    claims.insert(u"name"_s, u"Ada Lovelace — ünïcødé"_s);
    const QByteArray token = must(Jwt::encode(claims, alg, key));
    const Jwt decoded = must(Jwt::decode(token));
    QCOMPARE(decoded.header().value(u"alg"_s).toString(), Algorithms::name(alg));
    QCOMPARE(decoded.header().value(u"typ"_s).toString(), u"JWT"_s);
    QCOMPARE(decoded.header().value(u"kid"_s).toString(), key.kid());

    // Verify with the public half only (the secret itself for HS).
    auto r = JwtVerifier(KeySet({key.publicKey()}), options({alg})).verify(token);
    QVERIFY2(r, qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r.value().claims(), claims);
    QCOMPARE(r.value().stringList(u"roles"_s), QStringList({u"admin"_s, u"user"_s}));

    // Another key of the same kind fails on the signature.
    const Key other = must(Key::generate(alg, key.kid()));
    auto wrong = JwtVerifier(KeySet({other}), options({alg})).verify(token);
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().where, u"signature"_s);

    // PEM round trip of asymmetric keys keeps them working.
    if (Algorithms::family(alg) != KeyFamily::Hmac) {
        const Key fromPem = must(Key::fromPem(must(key.toPem(true)), key.kid()));
        const Key pubFromPem = must(Key::fromPem(must(key.toPem(false)), key.kid()));
        QVERIFY(fromPem.hasPrivate());
        QVERIFY(!pubFromPem.hasPrivate());
        const QByteArray again = must(Jwt::encode(claims, alg, fromPem));
        QVERIFY(JwtVerifier(KeySet({pubFromPem}), options({alg})).verify(again).ok());
        QVERIFY(!key.publicKey().toPem(true).ok());
    }
}

void TestJwt::attacks_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QList<Algorithm>>("allowed");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("says");

    const QJsonObject claims = goodClaims();
    const QList<Algorithm> rs = {Algorithm::RS256};
    const QList<Algorithm> hs = {Algorithm::HS256};

    QTest::newRow("alg none") << handmade({{u"alg"_s, u"none"_s}, {u"typ"_s, u"JWT"_s}}, claims) << rs
                              << u"header.alg"_s << u"unsecured"_s;
    QTest::newRow("alg nOnE") << handmade({{u"alg"_s, u"nOnE"_s}}, claims) << rs << u"header.alg"_s << u"unsecured"_s;
    QTest::newRow("alg none with a signature")
        << handmade({{u"alg"_s, u"none"_s}}, claims, "whatever") << rs << u"header.alg"_s << u"unsecured"_s;

    // The classic: HMAC-SHA256 keyed with the server's RSA public key PEM.
    const QByteArray input = b64(json({{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}})) + '.' + b64(json(claims));
    const QByteArray forged = input + '.'
        + b64(QMessageAuthenticationCode::hash(input, m_rsaPublicPem, QCryptographicHash::Sha256));
    QTest::newRow("HS256 with the RSA public key, RS256 profile") << forged << rs << u"header.alg"_s << u"does not allow"_s;
    QTest::newRow("HS256 with the RSA public key, misconfigured profile allowing both")
        << forged << QList<Algorithm>{Algorithm::RS256, Algorithm::HS256} << u"header.alg"_s << u"never used as an HMAC"_s;

    QJsonObject expired = claims;
    expired[u"exp"_s] = Now - 90;
    QTest::newRow("expired") << must(Jwt::encode(expired, Algorithm::RS256, m_rsa)) << rs << u"claims.exp"_s
                             << u"expired"_s;
    QJsonObject early = claims;
    early[u"nbf"_s] = Now + 600;
    QTest::newRow("not yet valid") << must(Jwt::encode(early, Algorithm::RS256, m_rsa)) << rs << u"claims.nbf"_s
                                   << u"not valid yet"_s;
    QJsonObject otherAud = claims;
    otherAud[u"aud"_s] = QJsonArray{u"billing"_s, u"reports"_s};
    QTest::newRow("wrong aud") << must(Jwt::encode(otherAud, Algorithm::RS256, m_rsa)) << rs << u"claims.aud"_s
                               << u"audience"_s;
    QJsonObject otherIss = claims;
    otherIss[u"iss"_s] = u"evil.example"_s;
    QTest::newRow("wrong iss") << must(Jwt::encode(otherIss, Algorithm::RS256, m_rsa)) << rs << u"claims.iss"_s
                               << u"issuer"_s;

    const QByteArray good = must(Jwt::encode(claims, Algorithm::RS256, m_rsa));
    QTest::newRow("signature stripped") << good.left(good.lastIndexOf('.') + 1) << rs << u"signature"_s
                                        << u"no signature"_s;
    QTest::newRow("signature segment missing") << good.left(good.lastIndexOf('.')) << rs << u"token"_s
                                               << u"three segments"_s;
    QJsonObject elevated = claims;
    elevated[u"roles"_s] = QJsonArray{u"admin"_s};
    const QByteArray tampered = good.left(good.indexOf('.') + 1) + b64(json(elevated)) + good.mid(good.lastIndexOf('.'));
    QTest::newRow("claims tampered") << tampered << rs << u"signature"_s << u"does not match"_s;

    QTest::newRow("kid unknown") << must(Jwt::encode(claims, Algorithm::RS256, m_rsa.withKid(u"rotated-away"_s))) << rs
                                 << u"header.kid"_s << u"rotated-away"_s;
    QTest::newRow("RS256 token, HS256 profile") << good << hs << u"header.alg"_s << u"does not allow"_s;
    QTest::newRow("critical extension")
        << must(Jwt::encode(claims, Algorithm::RS256, m_rsa, {{u"crit"_s, QJsonArray{u"exp"_s}}, {u"exp"_s, 1}}))
        << rs << u"header.crit"_s << u"critical"_s;
    QTest::newRow("unknown alg") << handmade({{u"alg"_s, u"RS1"_s}}, claims, "x") << rs << u"header.alg"_s
                                 << u"Unsupported algorithm"_s;
    QTest::newRow("alg case changed") << handmade({{u"alg"_s, u"rs256"_s}}, claims, "x") << rs << u"header.alg"_s
                                      << u"case-sensitive"_s;
    const QByteArray es = must(Jwt::encode(claims, Algorithm::ES256, m_ec));
    const Jws esJws = must(Jws::parse(es));
    QTest::newRow("ES256 signature in DER form")
        << es.left(es.lastIndexOf('.') + 1) + b64(QByteArray(8, '\x30') + esJws.signature()) << QList<Algorithm>{Algorithm::ES256}
        << u"signature"_s << u"R and S"_s;
}

void TestJwt::attacks()
{
    QFETCH(QByteArray, token);
    QFETCH(QList<Algorithm>, allowed);
    QFETCH(QString, where);
    QFETCH(QString, says);
    VerifyOptions o = options(allowed);
    const KeySet keys({m_rsa.publicKey(), m_ec.publicKey()});
    auto r = JwtVerifier(keys, o).verify(token);
    QVERIFY2(!r, "an attack was accepted");
    QCOMPARE(r.error().where, where);
    QVERIFY2(r.error().message.contains(says, Qt::CaseInsensitive), qPrintable(r.error().message));
}

void TestJwt::malformed_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("where");

    const QByteArray valid = handmade({{u"alg"_s, u"HS256"_s}}, goodClaims(), "sig");
    const QByteArray h = b64(R"({"alg":"HS256"})");
    const QByteArray c = b64(json(goodClaims()));

    QTest::newRow("empty") << QByteArray() << u"token"_s;
    QTest::newRow("one segment") << QByteArray("abc") << u"token"_s;
    QTest::newRow("two segments") << h + '.' + c << u"token"_s;
    QTest::newRow("four segments") << valid + ".x" << u"token"_s;
    QTest::newRow("five segments (JWE)") << QByteArray("a.b.c.d.e") << u"token"_s;
    QTest::newRow("only dots") << QByteArray("..") << u"header"_s;
    QTest::newRow("header bad base64url") << QByteArray("e*J.") + c + ".AA" << u"header"_s;
    QTest::newRow("header padded") << h + "==." + c + ".AA" << u"header"_s;
    QTest::newRow("header not JSON") << b64("{alg:HS256}") + '.' + c + ".AA" << u"header"_s;
    QTest::newRow("header truncated JSON") << b64(R"({"alg":"HS2)") + '.' + c + ".AA" << u"header"_s;
    QTest::newRow("header array") << b64(R"(["HS256"])") + '.' + c + ".AA" << u"header"_s;
    QTest::newRow("header without alg") << b64(R"({"typ":"JWT"})") + '.' + c + ".AA" << u"header.alg"_s;
    QTest::newRow("alg is a number") << b64(R"({"alg":256})") + '.' + c + ".AA" << u"header.alg"_s;
    QTest::newRow("kid is an object") << b64(R"({"alg":"HS256","kid":{}})") + '.' + c + ".AA" << u"header.kid"_s;
    QTest::newRow("claims bad base64url") << h + ".c!aims.AA" << u"payload"_s;
    QTest::newRow("claims not JSON") << h + '.' + b64("sub=ada") + ".AA" << u"payload"_s;
    QTest::newRow("claims array") << h + '.' + b64("[1,2]") + ".AA" << u"payload"_s;
    QTest::newRow("claims a string") << h + '.' + b64("\"ada\"") + ".AA" << u"payload"_s;
    QTest::newRow("claims trailing garbage") << h + '.' + b64(json(goodClaims()) + "}x") + ".AA" << u"payload"_s;
    QTest::newRow("trailing garbage after signature") << valid + "!!" << u"signature"_s;
    QTest::newRow("trailing newline") << valid + "\n" << u"signature"_s;
    QTest::newRow("leading space") << " " + valid << u"header"_s;
    QTest::newRow("nul byte") << h + '.' + QByteArray("\0", 1) + ".AA" << u"payload"_s;
    QTest::newRow("deeply nested header") << b64(QByteArray(5000, '[') + QByteArray(5000, ']')) + '.' + c + ".AA"
                                          << u"header"_s;
    QTest::newRow("huge token") << h + '.' + b64(QByteArray(80000, 'a')) + ".AA" << u"token"_s;
}

void TestJwt::malformed()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, where);
    auto decoded = Jwt::decode(token);
    QVERIFY2(!decoded, "a malformed token decoded");
    QCOMPARE(decoded.error().where, where);
    QVERIFY(!decoded.error().message.isEmpty());
    auto verified = JwtVerifier(KeySet({m_hmac}), options({Algorithm::HS256})).verify(token);
    QVERIFY(!verified);
    QCOMPARE(verified.error().message, decoded.error().message);
}

void TestJwt::claims_data()
{
    QTest::addColumn<QJsonObject>("claims");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("where"); // empty: accepted

    auto with = [](const QString &name, const QJsonValue &v) {
        QJsonObject c = goodClaims();
        if (v.isUndefined())
            c.remove(name);
        else
            c.insert(name, v);
        return c;
    };
    QTest::newRow("valid") << goodClaims() << QString() << QString();
    QTest::newRow("expired 30 s ago, 60 s leeway") << with(u"exp"_s, Now - 30) << u"leeway60"_s << QString();
    QTest::newRow("expired 90 s ago, 60 s leeway") << with(u"exp"_s, Now - 90) << u"leeway60"_s << u"claims.exp"_s;
    QTest::newRow("expires exactly now") << with(u"exp"_s, Now) << QString() << u"claims.exp"_s;
    QTest::newRow("nbf in 30 s, 60 s leeway") << with(u"nbf"_s, Now + 30) << u"leeway60"_s << QString();
    QTest::newRow("nbf in 30 s, no leeway") << with(u"nbf"_s, Now + 30) << QString() << u"claims.nbf"_s;
    QTest::newRow("iat in the future") << with(u"iat"_s, Now + 3600) << QString() << u"claims.iat"_s;
    QTest::newRow("exp as a string") << with(u"exp"_s, u"tomorrow"_s) << QString() << u"claims.exp"_s;
    QTest::newRow("exp fractional") << with(u"exp"_s, double(Now) + 10.5) << QString() << QString();
    QTest::newRow("no exp, not required") << with(u"exp"_s, QJsonValue::Undefined) << QString() << QString();
    QTest::newRow("no exp, required") << with(u"exp"_s, QJsonValue::Undefined) << u"requireExp"_s << u"claims.exp"_s;
    QTest::newRow("aud array containing ours")
        << with(u"aud"_s, QJsonArray{u"other"_s, u"quarry-workshop"_s}) << QString() << QString();
    QTest::newRow("aud missing") << with(u"aud"_s, QJsonValue::Undefined) << QString() << u"claims.aud"_s;
    QTest::newRow("aud number") << with(u"aud"_s, 5) << QString() << u"claims.aud"_s;
    QTest::newRow("iss missing") << with(u"iss"_s, QJsonValue::Undefined) << QString() << u"claims.iss"_s;
    QTest::newRow("sub matches") << goodClaims() << u"sub"_s << QString();
    QTest::newRow("sub differs") << with(u"sub"_s, u"linus@example.com"_s) << u"sub"_s << u"claims.sub"_s;
    QTest::newRow("jti matches") << goodClaims() << u"jti"_s << QString();
    QTest::newRow("jti differs") << with(u"jti"_s, u"t-2"_s) << u"jti"_s << u"claims.jti"_s;
    QTest::newRow("max age ok") << goodClaims() << u"maxAge60"_s << QString();
    QTest::newRow("max age exceeded") << with(u"iat"_s, Now - 600) << u"maxAge60"_s << u"claims.iat"_s;
    QTest::newRow("required claim missing") << goodClaims() << u"requireRoles"_s << u"claims.roles"_s;
}

void TestJwt::claims()
{
    QFETCH(QJsonObject, claims);
    QFETCH(QString, option);
    QFETCH(QString, where);
    VerifyOptions o = options({Algorithm::HS256});
    if (option == u"leeway60"_s)
        o.leewaySeconds = 60;
    else if (option == u"requireExp"_s)
        o.requireExpiry = true;
    else if (option == u"sub"_s)
        o.subject = u"ada@example.com"_s;
    else if (option == u"jti"_s)
        o.jwtId = u"t-1"_s;
    else if (option == u"maxAge60"_s)
        o.maxAgeSeconds = 60;
    else if (option == u"requireRoles"_s)
        o.requiredClaims = {u"roles"_s};
    const QByteArray token = must(Jwt::encode(claims, Algorithm::HS256, m_hmac));
    auto r = JwtVerifier(KeySet({m_hmac}), o).verify(token);
    if (where.isEmpty()) {
        QVERIFY2(r, qPrintable(r.ok() ? QString() : r.error().toString()));
    } else {
        QVERIFY(!r);
        QCOMPARE(r.error().where, where);
    }
}

void TestJwt::pemKeys_data()
{
    QTest::addColumn<QString>("privateFile");
    QTest::addColumn<QString>("publicFile");
    QTest::addColumn<Algorithm>("alg");
    QTest::addColumn<Key::Type>("type");
    QTest::newRow("RSA traditional + SPKI") << u"rsa-traditional.pem"_s << u"rsa-public.pem"_s << Algorithm::RS256
                                            << Key::Type::Rsa;
    QTest::newRow("RSA PKCS#8 + PKCS#1 public") << u"rsa-pkcs8.pem"_s << u"rsa-public-pkcs1.pem"_s << Algorithm::PS256
                                                << Key::Type::Rsa;
    QTest::newRow("RSA PKCS#8 + certificate") << u"rsa-pkcs8.pem"_s << u"rsa-cert.pem"_s << Algorithm::RS512
                                              << Key::Type::Rsa;
    QTest::newRow("EC P-256 with EC PARAMETERS block") << u"ec256-traditional.pem"_s << u"ec256-public.pem"_s
                                                       << Algorithm::ES256 << Key::Type::Ec;
    QTest::newRow("EC P-384 PKCS#8") << u"ec384-pkcs8.pem"_s << u"ec384-public.pem"_s << Algorithm::ES384
                                     << Key::Type::Ec;
    QTest::newRow("Ed25519 PKCS#8") << u"ed25519.pem"_s << u"ed25519-public.pem"_s << Algorithm::EdDSA
                                    << Key::Type::Okp;
}

void TestJwt::pemKeys()
{
    QFETCH(QString, privateFile);
    QFETCH(QString, publicFile);
    QFETCH(Algorithm, alg);
    QFETCH(Key::Type, type);
    const Key priv = must(Key::fromPem(readData(privateFile)));
    const Key pub = must(Key::fromPem(readData(publicFile)));
    QCOMPARE(priv.type(), type);
    QCOMPARE(pub.type(), type);
    QVERIFY(priv.hasPrivate());
    QVERIFY(!pub.hasPrivate());
    QCOMPARE(pub.thumbprint(), priv.thumbprint());
    const QByteArray token = must(Jwt::encode(goodClaims(), alg, priv));
    auto r = JwtVerifier(KeySet({pub}), options({alg})).verify(token);
    QVERIFY2(r, qPrintable(r.ok() ? QString() : r.error().toString()));
    // JWK export of the public half, re-imported, verifies too.
    const Key viaJwk = must(Key::fromJwk(must(pub.toPublicJwk())));
    QVERIFY(JwtVerifier(KeySet({viaJwk}), options({alg})).verify(token).ok());
    // The private JWK round-trips to a key that signs.
    const Key privViaJwk = must(Key::fromJwk(priv.toPrivateJwk()));
    QVERIFY(JwtVerifier(KeySet({pub}), options({alg})).verify(must(Jwt::encode(goodClaims(), alg, privViaJwk))).ok());
}

void TestJwt::badKeys_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("says");
    QTest::newRow("encrypted PEM") << u"pem"_s << readData(u"encrypted.pem"_s) << u"encrypted"_s;
    QTest::newRow("not a PEM") << u"pem"_s << QByteArray("hello") << u"No PEM key"_s;
    QTest::newRow("PEM with a broken body") << u"pem"_s
                                            << QByteArray("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
                                            << u"Cannot read"_s;
    QTest::newRow("PEM as HMAC secret") << u"secret"_s << m_rsaPublicPem << u"PEM key"_s;
    QTest::newRow("JWK as HMAC secret") << u"secret"_s << QByteArray(R"({"kty":"oct","k":"AAAA"})") << u"JWK"_s;
    QTest::newRow("empty secret") << u"secret"_s << QByteArray() << u"empty"_s;
    QTest::newRow("JWK without kty") << u"jwk"_s << QByteArray(R"({"k":"AAAA"})") << u"kty"_s;
    QTest::newRow("JWK kty unknown") << u"jwk"_s << QByteArray(R"({"kty":"DSA"})") << u"Unsupported"_s;
    QTest::newRow("JWK EC point not on curve")
        << u"jwk"_s
        << QByteArray(R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",)"
                      R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a4"})")
        << u"curve"_s;
    QTest::newRow("JWK EC short x") << u"jwk"_s
                                    << QByteArray(R"({"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"})") << u"bytes"_s;
    QTest::newRow("JWK EC P-521") << u"jwk"_s << QByteArray(R"({"kty":"EC","crv":"P-521","x":"AA","y":"AA"})")
                                  << u"P-521"_s;
    QTest::newRow("JWK OKP X25519") << u"jwk"_s << QByteArray(R"({"kty":"OKP","crv":"X25519","x":"AA"})")
                                    << u"X25519"_s;
    QTest::newRow("JWK RSA without e") << u"jwk"_s << QByteArray(R"({"kty":"RSA","n":"AQAB"})") << u"\"e\""_s;
    QTest::newRow("JWK alg none") << u"jwk"_s << QByteArray(R"({"kty":"oct","k":"AAAA","alg":"none"})")
                                  << u"unsecured"_s;
    QTest::newRow("JWK for encryption") << u"jwk"_s << QByteArray(R"({"kty":"oct","k":"AAAA","use":"enc"})")
                                        << u"enc"_s;
    QTest::newRow("RSA 1024 for RS256") << u"use-rs256"_s << readData(u"rsa1024.pem"_s) << u"2048"_s;
    QTest::newRow("P-384 key for ES256") << u"use-es256"_s << readData(u"ec384-pkcs8.pem"_s) << u"P-256"_s;
    QTest::newRow("short HMAC secret for HS256") << u"use-hs256"_s << QByteArray("secret") << u"at least 32 bytes"_s;
}

void TestJwt::badKeys()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, input);
    QFETCH(QString, says);
    Error error;
    if (kind == u"pem"_s) {
        auto r = Key::fromPem(input);
        QVERIFY(!r);
        error = r.error();
    } else if (kind == u"secret"_s) {
        auto r = Key::fromSecret(input);
        QVERIFY(!r);
        error = r.error();
    } else if (kind == u"jwk"_s) {
        auto r = Key::fromJwk(QJsonDocument::fromJson(input).object());
        QVERIFY(!r);
        error = r.error();
    } else {
        const Key key = kind == u"use-hs256"_s ? must(Key::fromSecret(input)) : must(Key::fromPem(input));
        const Algorithm alg = kind == u"use-rs256"_s ? Algorithm::RS256
            : kind == u"use-es256"_s                 ? Algorithm::ES256
                                                     : Algorithm::HS256;
        auto r = Jwt::encode(goodClaims(), alg, key);
        QVERIFY(!r);
        error = r.error();
    }
    QVERIFY2(error.message.contains(says), qPrintable(error.message));
}

void TestJwt::jwkRoundTripAndJwks()
{
    const Key ed = must(Key::generate(Algorithm::EdDSA, u"ed-1"_s));
    const Key es384 = must(Key::generate(Algorithm::ES384, u"ec-384"_s));
    const KeySet set({m_hmac, m_rsa, m_ec, ed, es384});
    const QJsonObject jwks = set.toJwks();
    const QJsonArray keys = jwks.value(u"keys"_s).toArray();
    QCOMPARE(keys.size(), 4); // the HMAC secret is never published
    for (const QJsonValue &k : keys) {
        const QJsonObject o = k.toObject();
        QVERIFY2(!o.contains(u"d"_s) && !o.contains(u"k"_s) && !o.contains(u"p"_s), "private material in a JWKS");
        QCOMPARE(o.value(u"use"_s).toString(), u"sig"_s);
        QVERIFY(!o.value(u"kid"_s).toString().isEmpty());
    }
    QCOMPARE(keys.at(2).toObject().value(u"kid"_s).toString(), u"ed-1"_s);
    QCOMPARE(keys.at(2).toObject().value(u"alg"_s).toString(), u"EdDSA"_s);

    // A verifier built from the published JWKS accepts tokens of each private key.
    const KeySet published = must(KeySet::fromJwks(jwks));
    VerifyOptions o = options({Algorithm::RS256, Algorithm::ES256, Algorithm::ES384, Algorithm::EdDSA});
    for (const auto &[key, alg] : {std::pair{m_rsa, Algorithm::RS256}, std::pair{m_ec, Algorithm::ES256},
                                   std::pair{ed, Algorithm::EdDSA}, std::pair{es384, Algorithm::ES384}}) {
        auto r = JwtVerifier(published, o).verify(must(Jwt::encode(goodClaims(), alg, key)));
        QVERIFY2(r, qPrintable(r.ok() ? QString() : r.error().toString()));
    }
    // A key restricted by its JWK "alg" refuses other algorithms.
    auto restricted = Jwt::encode(goodClaims(), Algorithm::ES256, es384);
    QVERIFY(!restricted);

    auto broken = KeySet::fromJwks({{u"keys"_s, QJsonArray{jwks.value(u"keys"_s).toArray().at(0), QJsonObject{{u"kty"_s, u"RSA"_s}}}}});
    QVERIFY(!broken);
    QCOMPARE(broken.error().where, u"keys[1]"_s);
}

void TestJwt::kidSelection()
{
    // Two RSA keys; the kid picks the right one, and without a kid every RSA key is tried.
    const Key second = must(Key::fromPem(readData(u"rsa-traditional.pem"_s), u"rsa-2"_s));
    const Key third = must(Key::generate(Algorithm::RS256, u"rsa-3"_s));
    const KeySet set({m_rsa.publicKey(), third.publicKey(), m_ec.publicKey()});
    const VerifyOptions o = options({Algorithm::RS256});
    QVERIFY(JwtVerifier(set, o).verify(must(Jwt::encode(goodClaims(), Algorithm::RS256, third))).ok());
    QVERIFY(JwtVerifier(set, o).verify(must(Jwt::encode(goodClaims(), Algorithm::RS256, third.withKid({})))).ok());
    // m_rsa and `second` hold the same key material under different kids.
    auto wrongKid = JwtVerifier(set, o).verify(must(Jwt::encode(goodClaims(), Algorithm::RS256, second)));
    QVERIFY(!wrongKid);
    QCOMPARE(wrongKid.error().where, u"header.kid"_s);
    QVERIFY2(wrongKid.error().message.contains(u"\"rsa-1\""_s), qPrintable(wrongKid.error().message));
    // A kid that names a key of the wrong family: the family mismatch is reported.
    QJsonObject header{{u"kid"_s, u"ec-1"_s}};
    auto familyMismatch = JwtVerifier(set, o).verify(must(Jwt::encode(goodClaims(), Algorithm::RS256, m_rsa, header)));
    QVERIFY(!familyMismatch);
    QCOMPARE(familyMismatch.error().where, u"header.alg"_s);
    // An empty verifier options list refuses everything.
    auto noAlgs = JwtVerifier(set, options({})).verify(must(Jwt::encode(goodClaims(), Algorithm::RS256, m_rsa)));
    QVERIFY(!noAlgs);
    QCOMPARE(noAlgs.error().where, u"options"_s);
}

void TestJwt::duplicateMembersUseTheLastOne()
{
    // RFC 7515 section 4: reject duplicate member names or use the lexically last one. Quarry (through
    // QJsonDocument) uses the last, as JavaScript's JSON.parse and thus jsonwebtoken do, so both sides
    // read the same header.
    const QByteArray token = b64(R"({"alg":"none","alg":"HS256"})") + '.' + b64(R"({"sub":"a","sub":"b"})") + ".AA";
    const Jwt jwt = must(Jwt::decode(token));
    QCOMPARE(jwt.jws().algorithmName(), u"HS256"_s);
    QCOMPARE(jwt.subject(), u"b"_s);
    const QByteArray reversed = b64(R"({"alg":"HS256","alg":"none"})") + '.' + b64(R"({"sub":"a"})") + ".AA";
    auto r = JwtVerifier(KeySet({m_hmac}), options({Algorithm::HS256})).verify(reversed);
    QVERIFY(!r);
    QCOMPARE(r.error().where, u"header.alg"_s);
}

void TestJwt::concurrentVerification()
{
    // The mock server verifies on several network threads with one verifier and shared keys.
    const QList<std::pair<Key, Algorithm>> signers = {
        {m_hmac, Algorithm::HS256}, {m_rsa, Algorithm::RS256}, {m_ec, Algorithm::ES256}};
    QList<QByteArray> good;
    QList<QByteArray> bad;
    for (const auto &[key, alg] : signers) {
        const QByteArray t = must(Jwt::encode(goodClaims(), alg, key));
        good << t;
        QByteArray tampered = t;
        tampered[t.indexOf('.') + 3] = tampered[t.indexOf('.') + 3] == 'A' ? 'B' : 'A';
        bad << tampered;
    }
    const JwtVerifier verifier(KeySet({m_hmac, m_rsa.publicKey(), m_ec.publicKey()}),
                               options({Algorithm::HS256, Algorithm::RS256, Algorithm::ES256}));
    std::atomic<int> accepted{0};
    std::atomic<int> rejected{0};
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 150; ++i) {
                const int k = (i + t) % 3;
                if (verifier.verify(good.at(k)).ok())
                    ++accepted;
                else
                    ++wrong;
                if (verifier.verify(bad.at(k)).ok())
                    ++wrong;
                else
                    ++rejected;
            }
        });
    }
    for (auto &th : threads)
        th.join();
    QCOMPARE(wrong.load(), 0);
    QCOMPARE(accepted.load(), 8 * 150);
    QCOMPARE(rejected.load(), 8 * 150);
}

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_jwt.moc"
