// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "workspace/secretref.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::workspace::SecretRef;

class TestSecretRef : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void resolveEnvironment();
    void unsetVariableIsAnError();
    void environmentCannotBeWritten();
    void unreachableKeychainIsAClearError();
};

void TestSecretRef::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::newRow("env") << u"env:QUARRY_JWT_SECRET"_s << true << int(SecretRef::Kind::Environment)
                         << u"QUARRY_JWT_SECRET"_s;
    QTest::newRow("keychain") << u"keychain:workshop db/password"_s << true << int(SecretRef::Kind::Keychain)
                              << u"workshop db/password"_s;
    QTest::newRow("plain text") << u"hunter2"_s << false << 0 << QString();
    QTest::newRow("env with bad name") << u"env:MY-SECRET"_s << false << 0 << QString();
    QTest::newRow("env empty") << u"env:"_s << false << 0 << QString();
    QTest::newRow("keychain empty") << u"keychain:  "_s << false << 0 << QString();
    QTest::newRow("scheme only looks alike") << u"environment:X"_s << false << 0 << QString();
}

void TestSecretRef::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, kind);
    QFETCH(QString, name);
    const auto ref = SecretRef::parse(text);
    QCOMPARE(bool(ref), valid);
    QCOMPARE(SecretRef::isReference(text), valid);
    if (!valid) {
        QVERIFY(!ref.error().message.isEmpty());
        return;
    }
    QCOMPARE(int(ref.value().kind()), kind);
    QCOMPARE(ref.value().name(), name);
    QCOMPARE(ref.value().toString(), text);
}

void TestSecretRef::resolveEnvironment()
{
    qputenv("QUARRY_TEST_SECRET_1", "s3cr3t value");
    const auto value = SecretRef::environment(u"QUARRY_TEST_SECRET_1"_s).resolve();
    QVERIFY(value);
    QCOMPARE(value.value(), u"s3cr3t value"_s);
}

void TestSecretRef::unsetVariableIsAnError()
{
    qunsetenv("QUARRY_TEST_SECRET_UNSET");
    const auto value = SecretRef::environment(u"QUARRY_TEST_SECRET_UNSET"_s).resolve();
    QVERIFY(!value);
    QCOMPARE(value.error().kind, quarry::Error::Kind::NotFound);
    QVERIFY(value.error().message.contains(u"QUARRY_TEST_SECRET_UNSET is not set"_s));
}

void TestSecretRef::environmentCannotBeWritten()
{
    const auto stored = SecretRef::environment(u"X"_s).store(u"v"_s);
    QVERIFY(!stored);
    QVERIFY(stored.error().message.contains(u"set X before starting Quarry"_s));
}

void TestSecretRef::unreachableKeychainIsAClearError()
{
    // The test runs with DBUS_SESSION_BUS_ADDRESS pointing nowhere: no Secret Service, as on CI.
    // The keychain must fail with a message, within its timeout, and never fall back to plain text.
    QElapsedTimer timer;
    timer.start();
    const auto value = SecretRef::keychain(u"quarry-test-entry"_s).resolve(3000);
    QVERIFY(!value);
    QVERIFY2(value.error().message.startsWith(u"Cannot read the secret from the keychain"_s),
             qPrintable(value.error().message));
    QCOMPARE(value.error().where, u"keychain:quarry-test-entry"_s);
    const auto stored = SecretRef::keychain(u"quarry-test-entry"_s).store(u"x"_s, 3000);
    QVERIFY(!stored);
    QVERIFY2(stored.error().message.startsWith(u"Cannot store the secret in the keychain"_s),
             qPrintable(stored.error().message));
    QVERIFY(timer.elapsed() < 8000);
}

QTEST_GUILESS_MAIN(TestSecretRef)
#include "tst_secretref.moc"
