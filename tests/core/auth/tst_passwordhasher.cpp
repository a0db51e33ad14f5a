// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/loginservice.h"
#include "auth/passwordhasher.h"

#include <QElapsedTimer>
#include <QHash>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::auth;

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void hashFormat();
    void verify_data();
    void verify();
    void saltedHashesDiffer();
    void badHashes_data();
    void badHashes();
    void tooLong();
    void needsRehash();
    void login_data();
    void login();
    void loginUnknownEmailCostsAVerification();
    void demoUserHashes_data();
    void demoUserHashes();

private:
    PasswordHasher m_hasher;
    QString m_hash; // of "quarry-demo"
    QHash<QString, LoginUser> m_users;
};

void TestPasswordHasher::initTestCase()
{
    auto h = m_hasher.hash(u"quarry-demo"_s);
    QVERIFY(h);
    m_hash = h.value();
    m_users.insert(u"ada@example.com"_s, {u"1"_s, u"ada@example.com"_s, m_hash, {u"admin"_s, u"user"_s}, {}});
    auto linus = m_hasher.hash(u"linus-password"_s);
    QVERIFY(linus);
    m_users.insert(u"linus@example.com"_s, {u"2"_s, u"linus@example.com"_s, linus.value(), {u"user"_s}, {}});
    m_users.insert(u"broken@example.com"_s, {u"3"_s, u"broken@example.com"_s, u"$2b$10$notargon"_s, {}, {}});
}

void TestPasswordHasher::hashFormat()
{
    // PHC string: algorithm, version 19 (0x13), OWASP baseline cost, 16-byte salt, 32-byte hash.
    QVERIFY2(m_hash.startsWith(u"$argon2id$v=19$m=19456,t=2,p=1$"_s), qPrintable(m_hash));
    const QStringList parts = m_hash.split(u'$');
    QCOMPARE(parts.size(), 6);
    QCOMPARE(QByteArray::fromBase64(parts.at(4).toLatin1()).size(), 16);
    QCOMPARE(QByteArray::fromBase64(parts.at(5).toLatin1()).size(), 32);
    QVERIFY(!m_hash.contains(u"quarry-demo"_s));
}

void TestPasswordHasher::verify_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("match");
    QTest::newRow("right") << u"quarry-demo"_s << true;
    QTest::newRow("wrong") << u"quarry-dem0"_s << false;
    QTest::newRow("prefix") << u"quarry-dem"_s << false;
    QTest::newRow("longer") << u"quarry-demo "_s << false;
    QTest::newRow("case") << u"Quarry-demo"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestPasswordHasher::verify()
{
    QFETCH(QString, password);
    QFETCH(bool, match);
    auto r = m_hasher.verify(password, m_hash);
    QVERIFY(r);
    QCOMPARE(r.value(), match);
}

void TestPasswordHasher::saltedHashesDiffer()
{
    const QString unicode = u"pässwörd ✓ 密码"_s;
    const QString a = m_hasher.hash(unicode).value();
    const QString b = m_hasher.hash(unicode).value();
    QVERIFY(a != b);
    QVERIFY(m_hasher.verify(unicode, a).value());
    QVERIFY(m_hasher.verify(unicode, b).value());
    QVERIFY(!m_hasher.verify(u"passwörd ✓ 密码"_s, a).value());
}

void TestPasswordHasher::badHashes_data()
{
    QTest::addColumn<QString>("hash");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << QString() << u"not an argon2id"_s;
    QTest::newRow("plain text password") << u"quarry-demo"_s << u"not an argon2id"_s;
    QTest::newRow("bcrypt") << u"$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"_s << u"not an argon2id"_s;
    QTest::newRow("argon2i") << u"$argon2i$v=19$m=16,t=2,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A"_s
                             << u"not an argon2id"_s;
    QTest::newRow("truncated argon2id") << m_hash.left(40) << u"damaged"_s;
    QTest::newRow("garbage parameters") << u"$argon2id$v=19$m=abc,t=2,p=1$c29tZXNhbHQ$AAAA"_s << u"damaged"_s;
}

void TestPasswordHasher::badHashes()
{
    QFETCH(QString, hash);
    QFETCH(QString, says);
    auto r = m_hasher.verify(u"quarry-demo"_s, hash);
    QVERIFY(!r);
    QCOMPARE(r.error().where, u"hash"_s);
    QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
}

void TestPasswordHasher::tooLong()
{
    const QString huge(PasswordHasher::MaxPasswordBytes + 1, u'x');
    QVERIFY(!m_hasher.hash(huge));
    QVERIFY(!m_hasher.verify(huge, m_hash));
    QVERIFY(m_hasher.hash(QString(PasswordHasher::MaxPasswordBytes, u'x')).ok());
}

void TestPasswordHasher::needsRehash()
{
    QVERIFY(!m_hasher.needsRehash(m_hash));
    const PasswordHasher stronger(PasswordHasher::interactive());
    QVERIFY(stronger.needsRehash(m_hash));
    const QString strongHash = stronger.hash(u"x"_s).value();
    QVERIFY(strongHash.contains(u"m=65536,t=2"_s));
    QVERIFY(!stronger.needsRehash(strongHash));
    QVERIFY(m_hasher.needsRehash(strongHash));
    // A hash made with other costs still verifies: the cost is read from the string.
    QVERIFY(m_hasher.verify(u"x"_s, strongHash).value());
}

void TestPasswordHasher::login_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("where"); // empty: success
    QTest::newRow("ada right") << u"ada@example.com"_s << u"quarry-demo"_s << QString();
    QTest::newRow("linus right") << u"linus@example.com"_s << u"linus-password"_s << QString();
    QTest::newRow("ada with linus' password") << u"ada@example.com"_s << u"linus-password"_s << u"credentials"_s;
    QTest::newRow("unknown email") << u"eve@example.com"_s << u"quarry-demo"_s << u"credentials"_s;
    QTest::newRow("email with spaces") << u"  ada@example.com "_s << u"quarry-demo"_s << QString();
    QTest::newRow("missing email") << QString() << u"quarry-demo"_s << u"email"_s;
    QTest::newRow("missing password") << u"ada@example.com"_s << QString() << u"password"_s;
    QTest::newRow("damaged stored hash") << u"broken@example.com"_s << u"x"_s << u"users.3.password_hash"_s;
}

void TestPasswordHasher::login()
{
    QFETCH(QString, email);
    QFETCH(QString, password);
    QFETCH(QString, where);
    LoginService service([this](const QString &e) -> std::optional<LoginUser> {
        if (!m_users.contains(e))
            return std::nullopt;
        return m_users.value(e);
    });
    auto r = service.authenticate(email, password);
    if (where.isEmpty()) {
        QVERIFY2(r, qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r.value().email, email.trimmed());
        return;
    }
    QVERIFY(!r);
    QCOMPARE(r.error().where, where);
    if (where == u"credentials"_s)
        QCOMPARE(r.error().message, u"Invalid email or password."_s); // the same for both causes
}

void TestPasswordHasher::loginUnknownEmailCostsAVerification()
{
    LoginService service([this](const QString &e) -> std::optional<LoginUser> {
        if (!m_users.contains(e))
            return std::nullopt;
        return m_users.value(e);
    });
    QElapsedTimer t;
    qint64 known = 0;
    qint64 unknown = 0;
    for (int i = 0; i < 3; ++i) {
        t.start();
        (void)service.authenticate(u"ada@example.com"_s, u"wrong"_s);
        known += t.nsecsElapsed();
        t.start();
        (void)service.authenticate(u"nobody@example.com"_s, u"wrong"_s);
        unknown += t.nsecsElapsed();
    }
    qInfo("wrong password: %.1f ms, unknown email: %.1f ms (mean of 3)", known / 3e6, unknown / 3e6);
    QVERIFY2(unknown > known / 3, "an unknown email answers much faster than a wrong password");
}

void TestPasswordHasher::demoUserHashes_data()
{
    // The hashes the sample workspace's users table carries (issue #4): password "quarry-demo".
    QTest::addColumn<QString>("hash");
    QTest::newRow("ada@example.com")
        << u"$argon2id$v=19$m=19456,t=2,p=1$cnwafz68CLSZjK8EUtbR6Q$gugyO26UFmC2EVcLuj0m6BVGqH5wb5V/093Aqa7KjGY"_s;
    QTest::newRow("linus@example.com")
        << u"$argon2id$v=19$m=19456,t=2,p=1$RdsUw+2f/GWSr4ZFe2qLYQ$mgxMoNL4pr0xAy3sB2wXJ4yUfOGemNuKm3ZGuxMrU9U"_s;
}

void TestPasswordHasher::demoUserHashes()
{
    QFETCH(QString, hash);
    QVERIFY(m_hasher.verify(u"quarry-demo"_s, hash).value());
    QVERIFY(!m_hasher.verify(u"quarry-dem"_s, hash).value());
    QVERIFY(!m_hasher.needsRehash(hash));
}

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_passwordhasher.moc"
