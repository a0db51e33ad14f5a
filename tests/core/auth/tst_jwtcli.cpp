// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// `quarry jwt ...` driven through the real executable ($QUARRY_BIN).
#include "auth/passwordhasher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;

namespace {
struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};
} // namespace

class TestJwtCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void signAndVerifyWithProfile();
    void demoFallbackWarns();
    void verifyFailures_data();
    void verifyFailures();
    void decode();
    void decodeMalformed();
    void keygenSignVerifyJwks();
    void tokenFromStdin();
    void keyFileReadIsBounded();
    void hashPassword();
    void usageErrors_data();
    void usageErrors();

private:
    Run quarry(const QStringList &args, const QByteArray &stdinData = {}, bool withSecret = true);
    QString m_bin;
    QString m_workspace;
    QTemporaryDir m_dir;
};

void TestJwtCli::initTestCase()
{
    m_bin = qEnvironmentVariable("QUARRY_BIN");
    QVERIFY2(QFile::exists(m_bin), "QUARRY_BIN does not name the quarry executable");
    m_workspace = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    QVERIFY(QFile::exists(m_workspace));
    QVERIFY(m_dir.isValid());
}

Run TestJwtCli::quarry(const QStringList &args, const QByteArray &stdinData, bool withSecret)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"QUARRY_JWT_SECRET"_s);
    if (withSecret)
        env.insert(u"QUARRY_JWT_SECRET"_s, u"cli-test-secret-long-enough-for-hs256-000000"_s);
    env.insert(u"DEMO_COPY"_s, u"quarry-workshop-demo-secret-do-not-use-in-production"_s);
    env.insert(u"OTHER_SECRET"_s, u"a-different-secret-long-enough-for-hs256-11111"_s);
    p.setProcessEnvironment(env);
    p.start(m_bin, QStringList{u"jwt"_s} + args);
    if (!p.waitForStarted(10000))
        qFatal("cannot start %s", qPrintable(m_bin));
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000))
        qFatal("quarry jwt did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

void TestJwtCli::signAndVerifyWithProfile()
{
    const QStringList profile{u"--workspace"_s, m_workspace, u"--profile"_s, u"auth-demo"_s};
    const Run s = quarry(QStringList{u"sign"_s} + profile
                         + QStringList{u"--sub"_s, u"ada@example.com"_s, u"--role"_s, u"admin"_s, u"--role"_s,
                                       u"user"_s, u"--claim"_s, u"level=3"_s, u"--claim"_s, u"team=core"_s});
    QCOMPARE(s.code, 0);
    QVERIFY2(s.err.isEmpty(), s.err.constData()); // the secret is set: no warning
    const QByteArray token = s.out.trimmed();
    QCOMPARE(token.count('.'), 2);

    const Run v = quarry(QStringList{u"verify"_s, QString::fromLatin1(token)} + profile);
    QCOMPARE(v.code, 0);
    const QJsonObject claims = v.json();
    QCOMPARE(claims.value(u"sub"_s).toString(), u"ada@example.com"_s);
    QCOMPARE(claims.value(u"iss"_s).toString(), u"quarry-demo"_s);
    QCOMPARE(claims.value(u"aud"_s).toString(), u"quarry-workshop"_s);
    QCOMPARE(claims.value(u"roles"_s).toArray(), (QJsonArray{u"admin"_s, u"user"_s}));
    QCOMPARE(claims.value(u"level"_s).toInt(), 3);
    QCOMPARE(claims.value(u"team"_s).toString(), u"core"_s);
    QCOMPARE(claims.value(u"exp"_s).toInteger() - claims.value(u"iat"_s).toInteger(), 3600);

    // The same secret through --secret-env verifies; another secret does not.
    QCOMPARE(quarry({u"verify"_s, QString::fromLatin1(token), u"--secret-env"_s, u"QUARRY_JWT_SECRET"_s}).code, 0);
    const Run other = quarry({u"verify"_s, QString::fromLatin1(token), u"--secret-env"_s, u"OTHER_SECRET"_s});
    QCOMPARE(other.code, 1);
    QVERIFY2(other.err.contains("signature does not match"), other.err.constData());
}

void TestJwtCli::demoFallbackWarns()
{
    const QStringList profile{u"--workspace"_s, m_workspace, u"--profile"_s, u"auth-demo"_s};
    const Run s = quarry(QStringList{u"sign"_s, u"--sub"_s, u"linus@example.com"_s} + profile, {}, false);
    QCOMPARE(s.code, 0);
    QVERIFY2(s.err.contains("QUARRY_JWT_SECRET is not set"), s.err.constData());
    // Signed with the documented workshop secret.
    const Run demo = quarry(QStringList{u"verify"_s, QString::fromLatin1(s.out.trimmed()), u"--secret-env"_s,
                                        u"DEMO_COPY"_s}, {}, false);
    QCOMPARE(demo.code, 0);
    const Run v = quarry(QStringList{u"verify"_s, QString::fromLatin1(s.out.trimmed()), u"--secret-env"_s,
                                     u"DEMO"_s},
                         {}, false);
    QCOMPARE(v.code, 1); // DEMO is not set: a clear error, not a crash
    QVERIFY(v.err.contains("DEMO is not set"));
    const Run withProfile = quarry(QStringList{u"verify"_s, QString::fromLatin1(s.out.trimmed())} + profile, {}, false);
    QCOMPARE(withProfile.code, 0);
}

void TestJwtCli::verifyFailures_data()
{
    QTest::addColumn<QStringList>("signArgs");
    QTest::addColumn<QString>("mangle");
    QTest::addColumn<QByteArray>("says");
    QTest::newRow("expired") << QStringList{u"--claim"_s, u"exp=1000000000"_s} << QString() << QByteArray("expired");
    QTest::newRow("not yet valid") << QStringList{u"--claim"_s, u"nbf=4000000000"_s} << QString()
                                   << QByteArray("not valid yet");
    QTest::newRow("wrong audience") << QStringList{u"--aud"_s, u"billing"_s} << QString() << QByteArray("audience");
    QTest::newRow("wrong issuer") << QStringList{u"--iss"_s, u"evil"_s} << QString() << QByteArray("issuer");
    QTest::newRow("signature stripped") << QStringList() << u"strip"_s << QByteArray("no signature");
    QTest::newRow("alg none") << QStringList() << u"none"_s << QByteArray("unsecured");
    QTest::newRow("garbage") << QStringList() << u"garbage"_s << QByteArray("three segments");
}

void TestJwtCli::verifyFailures()
{
    QFETCH(QStringList, signArgs);
    QFETCH(QString, mangle);
    QFETCH(QByteArray, says);
    const QStringList profile{u"--workspace"_s, m_workspace, u"--profile"_s, u"auth-demo"_s};
    const Run s = quarry(QStringList{u"sign"_s, u"--sub"_s, u"ada@example.com"_s} + signArgs + profile);
    QCOMPARE(s.code, 0);
    QByteArray token = s.out.trimmed();
    if (mangle == u"strip"_s)
        token = token.left(token.lastIndexOf('.') + 1);
    else if (mangle == u"none"_s)
        token = QByteArray(R"({"alg":"none","typ":"JWT"})").toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
            + token.mid(token.indexOf('.'), token.lastIndexOf('.') - token.indexOf('.') + 1);
    else if (mangle == u"garbage"_s)
        token = "not-a-token";
    const Run v = quarry(QStringList{u"verify"_s, QString::fromLatin1(token)} + profile);
    QCOMPARE(v.code, 1);
    QVERIFY2(v.err.startsWith("invalid token: "), v.err.constData());
    QVERIFY2(v.err.contains(says), v.err.constData());
    QVERIFY(v.out.isEmpty());
}

void TestJwtCli::decode()
{
    // RFC 7515 A.1: decoding needs no key.
    const Run d = quarry({u"decode"_s, u"eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
                                       u"eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
                                       u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s});
    QCOMPARE(d.code, 0);
    const QJsonObject o = d.json();
    QCOMPARE(o.value(u"header"_s).toObject().value(u"alg"_s).toString(), u"HS256"_s);
    QCOMPARE(o.value(u"claims"_s).toObject().value(u"iss"_s).toString(), u"joe"_s);
    QCOMPARE(o.value(u"expiresAt"_s).toString(), u"2011-03-22T18:43:00Z"_s);
    QCOMPARE(o.value(u"expired"_s).toBool(), true);
}

void TestJwtCli::decodeMalformed()
{
    const Run d = quarry({u"decode"_s, u"eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.AA"_s});
    QCOMPARE(d.code, 1);
    QVERIFY2(d.err.contains("claims are not JSON"), d.err.constData());
}

void TestJwtCli::keygenSignVerifyJwks()
{
    const Run k = quarry({u"keygen"_s, u"--alg"_s, u"ES256"_s, u"--kid"_s, u"cli-key"_s});
    QCOMPARE(k.code, 0);
    QVERIFY(k.out.startsWith("-----BEGIN PRIVATE KEY-----"));
    const qsizetype pub = k.out.indexOf("-----BEGIN PUBLIC KEY-----");
    QVERIFY(pub > 0);
    const QString privFile = m_dir.filePath(u"es.pem"_s);
    const QString pubFile = m_dir.filePath(u"es.pub.pem"_s);
    QFile f(privFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(k.out.left(pub));
    f.close();
    QFile g(pubFile);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write(k.out.mid(pub));
    g.close();

    const Run s = quarry({u"sign"_s, u"--key-file"_s, privFile, u"--kid"_s, u"cli-key"_s, u"--sub"_s, u"x"_s, u"--json"_s});
    QCOMPARE(s.code, 0);
    const QJsonObject signed_ = s.json();
    QCOMPARE(signed_.value(u"header"_s).toObject().value(u"alg"_s).toString(), u"ES256"_s);
    QCOMPARE(signed_.value(u"header"_s).toObject().value(u"kid"_s).toString(), u"cli-key"_s);
    const QString token = signed_.value(u"token"_s).toString();

    const Run v = quarry({u"verify"_s, token, u"--key-file"_s, pubFile, u"--kid"_s, u"cli-key"_s});
    QCOMPARE(v.code, 0);
    QCOMPARE(v.json().value(u"sub"_s).toString(), u"x"_s);
    // The token names its key (kid); a file that holds one key without a kid is that key.
    const Run plain = quarry({u"verify"_s, token, u"--key-file"_s, pubFile});
    QVERIFY2(plain.code == 0, plain.err.constData());
    QCOMPARE(plain.json().value(u"sub"_s).toString(), u"x"_s);
    // A kid given for the key that differs from the token's is still a mismatch.
    const Run otherKid = quarry({u"verify"_s, token, u"--key-file"_s, pubFile, u"--kid"_s, u"other"_s});
    QCOMPARE(otherKid.code, 1);
    QVERIFY(otherKid.err.contains("cli-key"));
    // A public key cannot sign.
    const Run noSign = quarry({u"sign"_s, u"--key-file"_s, pubFile});
    QCOMPARE(noSign.code, 1);
    QVERIFY(noSign.err.contains("private key"));
    // The JWKS of the key file verifies the token too.
    const Run j = quarry({u"jwks"_s, u"--key-file"_s, privFile, u"--kid"_s, u"cli-key"_s});
    QCOMPARE(j.code, 0);
    QVERIFY(!j.out.contains("\"d\""));
    const QString jwksFile = m_dir.filePath(u"jwks.json"_s);
    QFile h(jwksFile);
    QVERIFY(h.open(QIODevice::WriteOnly));
    h.write(j.out);
    h.close();
    QCOMPARE(quarry({u"verify"_s, token, u"--key-file"_s, jwksFile, u"--alg"_s, u"ES256"_s}).code, 0);
    // ... but not when the allow-list says otherwise.
    const Run wrongAlg = quarry({u"verify"_s, token, u"--key-file"_s, jwksFile, u"--alg"_s, u"RS256"_s});
    QCOMPARE(wrongAlg.code, 1);
    QVERIFY(wrongAlg.err.contains("does not allow"));
}

void TestJwtCli::tokenFromStdin()
{
    const Run s = quarry({u"sign"_s, u"--secret-env"_s, u"OTHER_SECRET"_s, u"--sub"_s, u"piped"_s});
    QCOMPARE(s.code, 0);
    const Run v = quarry({u"verify"_s, u"-"_s, u"--secret-env"_s, u"OTHER_SECRET"_s}, s.out);
    QCOMPARE(v.code, 0);
    QCOMPARE(v.json().value(u"sub"_s).toString(), u"piped"_s);
}

void TestJwtCli::keyFileReadIsBounded()
{
    // /dev/zero used to end in bad_alloc (a crash); a large file is refused with a reason.
    QTemporaryDir dir;
    const QString big = dir.filePath(u"big.pem"_s);
    QFile f(big);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(2 * 1024 * 1024, 'A'));
    f.close();
    for (const QString &path : {u"/dev/zero"_s, big}) {
        const Run v = quarry({u"verify"_s, u"a.b.c"_s, u"--key-file"_s, path});
        QCOMPARE(v.code, 2);   // like any other key that cannot be used, not a crash (-1)
        QVERIFY2(v.err.contains("larger than 1048576 bytes"), v.err.constData());
    }
}

void TestJwtCli::hashPassword()
{
    const Run h = quarry({u"hash-password"_s}, "quarry-demo\n");
    QCOMPARE(h.code, 0);
    const QString hash = QString::fromLatin1(h.out.trimmed());
    QVERIFY(hash.startsWith(u"$argon2id$"_s));
    QVERIFY(auth::PasswordHasher().verify(u"quarry-demo"_s, hash).value());
    QVERIFY(!auth::PasswordHasher().verify(u"quarry-demo\n"_s, hash).value());
}

void TestJwtCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("says");
    QTest::newRow("no subcommand") << QStringList() << QByteArray("Usage: quarry jwt");
    QTest::newRow("unknown subcommand") << QStringList{u"forge"_s} << QByteArray("\"forge\" is not one of sign, verify, decode, keygen, jwks, hash-password");
    QTest::newRow("sign without key") << QStringList{u"sign"_s} << QByteArray("Name a key");
    QTest::newRow("two keys") << QStringList{u"sign"_s, u"--secret-env"_s, u"A"_s, u"--key-file"_s, u"B"_s}
                              << QByteArray("only one");
    QTest::newRow("unknown option") << QStringList{u"sign"_s, u"--bogus"_s} << QByteArray("unknown option --bogus");
    QTest::newRow("verify without token") << QStringList{u"verify"_s} << QByteArray("Give the token");
    QTest::newRow("keygen HS256") << QStringList{u"keygen"_s, u"--alg"_s, u"HS256"_s} << QByteArray("shared secret");
    QTest::newRow("sign alg none") << QStringList{u"sign"_s, u"--secret-env"_s, u"OTHER_SECRET"_s, u"--alg"_s, u"none"_s}
                                   << QByteArray("unsecured");
}

void TestJwtCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, says);
    const Run r = quarry(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(says), r.err.constData());
}

QTEST_GUILESS_MAIN(TestJwtCli)
#include "tst_jwtcli.moc"
