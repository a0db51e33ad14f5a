// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Quarry against the npm package jsonwebtoken, both ways: node signs and Quarry verifies, Quarry
// signs and node verifies. Needs `node` and tests/node/node_modules (QUARRY_NODE_MODULES).
#include "auth/jwt.h"
#include "auth/jwtverifier.h"
#include "auth/key.h"
#include "auth/keyset.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::auth;

class TestJwtInterop : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void nodeSignsQuarryVerifies_data();
    void nodeSignsQuarryVerifies();
    void quarrySignsNodeVerifies_data();
    void quarrySignsNodeVerifies();
    void nodeRejectsTamperedQuarryToken();
    void quarryRejectsNodeUnsecuredToken();
    void ed25519BothWaysWithNodeCrypto();

private:
    QJsonObject node(const QJsonObject &request);
    QJsonObject claims() const;

    QString m_node;
    QString m_script;
    QString m_modules;
    qint64 m_now = QDateTime::currentSecsSinceEpoch();
};

void TestJwtInterop::initTestCase()
{
    m_node = QStandardPaths::findExecutable(u"node"_s);
    if (m_node.isEmpty())
        QFAIL("node is not on PATH; the interop tests need Node 20 (scripts/setup-deps.sh).");
    m_script = QFINDTESTDATA("jwt-interop.js");
    QVERIFY(!m_script.isEmpty());
    m_modules = qEnvironmentVariable("QUARRY_NODE_MODULES");
    if (m_modules.isEmpty())
        m_modules = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/node/node_modules"_s;
    if (!QDir(m_modules + u"/jsonwebtoken"_s).exists())
        QFAIL(qPrintable(u"jsonwebtoken is not installed in %1 (run npm ci in tests/node)."_s.arg(m_modules)));
}

QJsonObject TestJwtInterop::node(const QJsonObject &request)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NODE_PATH"_s, m_modules);
    p.setProcessEnvironment(env);
    p.start(m_node, {m_script});
    if (!p.waitForStarted(10000))
        qFatal("cannot start node");
    p.write(QJsonDocument(request).toJson(QJsonDocument::Compact));
    p.closeWriteChannel();
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        qFatal("node failed: %s", p.readAllStandardError().constData());
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

QJsonObject TestJwtInterop::claims() const
{
    return {{u"iss"_s, u"quarry-demo"_s}, {u"aud"_s, u"quarry-workshop"_s}, {u"sub"_s, u"ada@example.com"_s},
            {u"roles"_s, QJsonArray{u"admin"_s, u"user"_s}}, {u"iat"_s, m_now}, {u"exp"_s, m_now + 600},
            {u"name"_s, u"Ada Lovelace, Zürich ✓"_s}};
}

void TestJwtInterop::nodeSignsQuarryVerifies_data()
{
    QTest::addColumn<QString>("alg");
    for (const char *a : {"HS256", "HS512", "RS256", "RS512", "PS256", "ES256", "ES384"})
        QTest::newRow(a) << QString::fromLatin1(a);
}

void TestJwtInterop::nodeSignsQuarryVerifies()
{
    QFETCH(QString, alg);
    const Algorithm algorithm = Algorithms::fromName(alg).value();
    QString signKey;
    Key verifyKey;
    if (alg.startsWith(u"HS"_s)) {
        signKey = u"node-and-quarry-share-this-secret-of-64-bytes-for-hs512-00000000"_s;
        verifyKey = Key::fromSecret(signKey.toUtf8()).value();
    } else {
        const QJsonObject pair = node({{u"op"_s, u"keypair"_s}, {u"alg"_s, alg}});
        signKey = pair.value(u"privatePem"_s).toString();
        auto pub = Key::fromPem(pair.value(u"publicPem"_s).toString().toUtf8());
        QVERIFY2(pub, qPrintable(pub.ok() ? QString() : pub.error().message));
        verifyKey = pub.value();
    }
    const QString token = node({{u"op"_s, u"sign"_s}, {u"alg"_s, alg}, {u"key"_s, signKey}, {u"claims"_s, claims()}})
                              .value(u"token"_s).toString();
    QVERIFY(!token.isEmpty());

    VerifyOptions o;
    o.algorithms = {algorithm};
    o.issuer = u"quarry-demo"_s;
    o.audiences = {u"quarry-workshop"_s};
    o.requireExpiry = true;
    auto r = JwtVerifier(KeySet({verifyKey}), o).verify(token.toLatin1());
    QVERIFY2(r, qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r.value().claims(), claims());

    // The same token with a wrong audience expectation is rejected: the check is real.
    o.audiences = {u"someone-else"_s};
    auto wrongAud = JwtVerifier(KeySet({verifyKey}), o).verify(token.toLatin1());
    QVERIFY(!wrongAud);
    QCOMPARE(wrongAud.error().where, u"claims.aud"_s);
}

void TestJwtInterop::quarrySignsNodeVerifies_data()
{
    nodeSignsQuarryVerifies_data();
}

void TestJwtInterop::quarrySignsNodeVerifies()
{
    QFETCH(QString, alg);
    const Algorithm algorithm = Algorithms::fromName(alg).value();
    Key key;
    QString nodeKey;
    if (alg.startsWith(u"HS"_s)) {
        nodeKey = u"quarry-and-node-share-this-secret-of-64-bytes-for-hs512-11111111"_s;
        key = Key::fromSecret(nodeKey.toUtf8(), u"hs-1"_s).value();
    } else {
        key = Key::generate(algorithm, u"quarry-1"_s).value();
        nodeKey = QString::fromLatin1(key.toPem(false).value());
    }
    auto token = Jwt::encode(claims(), algorithm, key);
    QVERIFY(token);
    const QJsonObject answer = node({{u"op"_s, u"verify"_s}, {u"alg"_s, alg}, {u"key"_s, nodeKey},
                                     {u"token"_s, QString::fromLatin1(token.value())},
                                     {u"audience"_s, u"quarry-workshop"_s}, {u"issuer"_s, u"quarry-demo"_s}});
    QVERIFY2(answer.value(u"ok"_s).toBool(), qPrintable(answer.value(u"error"_s).toString()));
    QCOMPARE(answer.value(u"claims"_s).toObject(), claims());
}

void TestJwtInterop::nodeRejectsTamperedQuarryToken()
{
    const Key key = Key::generate(Algorithm::ES256).value();
    QByteArray token = Jwt::encode(claims(), Algorithm::ES256, key).value();
    QJsonObject elevated = claims();
    elevated[u"roles"_s] = QJsonArray{u"root"_s};
    const qsizetype first = token.indexOf('.');
    const qsizetype last = token.lastIndexOf('.');
    token = token.left(first + 1) + QJsonDocument(elevated).toJson(QJsonDocument::Compact).toBase64(
                QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
        + token.mid(last);
    const QJsonObject answer = node({{u"op"_s, u"verify"_s}, {u"alg"_s, u"ES256"_s},
                                     {u"key"_s, QString::fromLatin1(key.toPem(false).value())},
                                     {u"token"_s, QString::fromLatin1(token)}});
    QVERIFY(!answer.value(u"ok"_s).toBool(true));
    QVERIFY2(answer.value(u"error"_s).toString().contains(u"invalid signature"_s),
             qPrintable(answer.value(u"error"_s).toString()));
}

void TestJwtInterop::quarryRejectsNodeUnsecuredToken()
{
    const QString token = node({{u"op"_s, u"sign"_s}, {u"alg"_s, u"none"_s}, {u"key"_s, QString()}, {u"claims"_s, claims()}})
                              .value(u"token"_s).toString();
    QVERIFY(token.endsWith(u'.'));
    VerifyOptions o;
    o.algorithms = Algorithms::all();
    auto r = JwtVerifier(KeySet({Key::generate(Algorithm::HS256).value()}), o).verify(token.toLatin1());
    QVERIFY(!r);
    QCOMPARE(r.error().where, u"header.alg"_s);
}

void TestJwtInterop::ed25519BothWaysWithNodeCrypto()
{
    // Node signs with its own Ed25519 (OpenSSL underneath, but its own JOSE framing) -> Quarry verifies.
    const QJsonObject signedByNode = node({{u"op"_s, u"ed-sign"_s}, {u"claims"_s, claims()}});
    auto pub = Key::fromPem(signedByNode.value(u"publicPem"_s).toString().toUtf8());
    QVERIFY(pub);
    VerifyOptions o;
    o.algorithms = {Algorithm::EdDSA};
    o.audiences = {u"quarry-workshop"_s};
    auto r = JwtVerifier(KeySet({pub.value()}), o).verify(signedByNode.value(u"token"_s).toString().toLatin1());
    QVERIFY2(r, qPrintable(r.ok() ? QString() : r.error().toString()));
    QCOMPARE(r.value().claims(), claims());

    // Quarry signs -> Node verifies; a tampered copy fails there.
    const Key key = Key::generate(Algorithm::EdDSA).value();
    const QByteArray token = Jwt::encode(claims(), Algorithm::EdDSA, key).value();
    const QString pem = QString::fromLatin1(key.toPem(false).value());
    const QJsonObject ok = node({{u"op"_s, u"ed-verify"_s}, {u"key"_s, pem}, {u"token"_s, QString::fromLatin1(token)}});
    QVERIFY2(ok.value(u"ok"_s).toBool(), qPrintable(ok.value(u"error"_s).toString()));
    QCOMPARE(ok.value(u"claims"_s).toObject(), claims());
    QByteArray tampered = token;
    tampered[token.indexOf('.') + 4] = tampered[token.indexOf('.') + 4] == 'a' ? 'b' : 'a';
    const QJsonObject bad = node({{u"op"_s, u"ed-verify"_s}, {u"key"_s, pem}, {u"token"_s, QString::fromLatin1(tampered)}});
    QVERIFY(!bad.value(u"ok"_s).toBool(true));
}

QTEST_GUILESS_MAIN(TestJwtInterop)
#include "tst_jwtinterop.moc"
