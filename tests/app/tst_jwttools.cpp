// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "authprofilesdialog.h"
#include "jwtinspector.h"
#include "jwttoolsdialog.h"
#include "tokenminter.h"

#include "workspace/workspace.h"

#include <QComboBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QUndoStack>
#include <QPlainTextEdit>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::Literals::StringLiterals;
using quarry::app::JwtToolsDialog;
using quarry::workspace::Workspace;

class TestJwtTools : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void mintThenInspectAndVerify();
    void tamperedTokenIsRejected();
    void expiredTokenSaysSo();
    void garbageIsExplained();
    void badExtraClaimsAreReported();
    void secretFromTheEnvironment();
    void profileEditsAreUndoableAndValidated();

private:
    QString mint(const QString &subject, const QString &roles, const QString &claims = {});
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<JwtToolsDialog> m_dialog;
};

void TestJwtTools::initTestCase()
{
    qunsetenv("QUARRY_JWT_SECRET"); // the sample falls back to the documented workshop secret
    auto ws = Workspace::load(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s);
    QVERIFY(ws);
    m_workspace = std::move(ws).value();
    m_dialog = std::make_unique<JwtToolsDialog>();
    m_dialog->setWorkspace(m_workspace.get());
    m_dialog->show();
}

QString TestJwtTools::mint(const QString &subject, const QString &roles, const QString &claims)
{
    auto *minter = m_dialog->minter();
    minter->findChild<QLineEdit *>(u"subjectEdit"_s)->setText(subject);
    minter->findChild<QLineEdit *>(u"rolesEdit"_s)->setText(roles);
    minter->findChild<QPlainTextEdit *>(u"claimsEdit"_s)->setPlainText(claims);
    return minter->mint();
}

void TestJwtTools::mintThenInspectAndVerify()
{
    const QString token = mint(u"ada@example.com"_s, u"admin, user"_s);
    QCOMPARE(token.count(u'.'), 2);
    const QString message = m_dialog->minter()->message();
    QVERIFY2(message.startsWith(u"✓ Signed with HS256; expires in 3600 s."_s), qPrintable(message));
    QVERIFY2(message.contains(u"QUARRY_JWT_SECRET"_s), qPrintable(message)); // the demo-secret warning

    auto *inspector = m_dialog->inspector();
    inspector->setToken(token);
    QVERIFY2(inspector->summary().startsWith(u"Decoded. Valid for another"_s), qPrintable(inspector->summary()));
    QVERIFY(inspector->meaningOf(u"exp"_s).startsWith(u"Expires"_s));
    QVERIFY(inspector->meaningOf(u"roles"_s).contains(u"403"_s));
    QVERIFY(inspector->meaningOf(u"iss"_s).startsWith(u"Issuer"_s));
    inspector->verify();
    QVERIFY2(inspector->verifyResult().startsWith(u"✓ Signature valid"_s), qPrintable(inspector->verifyResult()));

    // The countdown ticks every second without taking away what the user selected.
    auto *claims = inspector->findChild<QTreeWidget *>(u"claimsTree"_s);
    claims->setCurrentItem(claims->findItems(u"sub"_s, Qt::MatchExactly).first());
    QTest::qWait(1300);
    QVERIFY(claims->currentItem());
    QCOMPARE(claims->currentItem()->text(0), u"sub"_s);
}

void TestJwtTools::tamperedTokenIsRejected()
{
    QString token = mint(u"linus@example.com"_s, u"user"_s);
    // Change the claims, keep the signature: what an attacker who wants the admin role would try.
    const QStringList parts = token.split(u'.');
    const QByteArray forged = QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding)
                                  .replace("\"user\"", "\"admin\"");
    token = parts[0] + u'.' + QString::fromLatin1(forged.toBase64(QByteArray::Base64UrlEncoding |
                                                                    QByteArray::OmitTrailingEquals))
          + u'.' + parts[2];
    auto *inspector = m_dialog->inspector();
    inspector->setToken(token);
    QVERIFY(inspector->summary().startsWith(u"Decoded."_s)); // anyone can read it...
    inspector->verify();
    QVERIFY2(inspector->verifyResult().startsWith(u"✗ Rejected by “Demo HS256” at signature"_s),
             qPrintable(inspector->verifyResult())); // ...but the signature gives it away
}

void TestJwtTools::expiredTokenSaysSo()
{
    const QString token = mint(u"ada@example.com"_s, QString(), u"{ \"exp\": 1000000000 }"_s);
    QVERIFY(!token.isEmpty());
    auto *inspector = m_dialog->inspector();
    inspector->setToken(token);
    QVERIFY2(inspector->summary().contains(u"expired"_s), qPrintable(inspector->summary()));
    QVERIFY(inspector->meaningOf(u"exp"_s).startsWith(u"Expired"_s));
    inspector->verify();
    QVERIFY2(inspector->verifyResult().contains(u"at claims.exp"_s), qPrintable(inspector->verifyResult()));
}

void TestJwtTools::garbageIsExplained()
{
    auto *inspector = m_dialog->inspector();
    for (const QString &garbage : {u"hello"_s, u"a.b.c"_s, u"eyJhbGciOiJub25lIn0.e30."_s}) {
        inspector->setToken(garbage);
        QVERIFY2(inspector->summary().startsWith(u"✗"_s) || inspector->summary().startsWith(u"Decoded"_s),
                 qPrintable(inspector->summary()));
        inspector->verify(); // must not crash, whatever the input
        QVERIFY2(inspector->verifyResult().startsWith(u"✗"_s), qPrintable(garbage + u": "_s + inspector->verifyResult()));
    }
    inspector->setToken(u"hello"_s);
    QVERIFY2(inspector->summary().startsWith(u"✗ Not a readable JWT"_s), qPrintable(inspector->summary()));
}

void TestJwtTools::badExtraClaimsAreReported()
{
    const QString token = mint(u"ada@example.com"_s, QString(), u"{ \"name\": }"_s);
    QVERIFY(token.isEmpty());
    QVERIFY2(m_dialog->minter()->message().startsWith(u"✗ Extra claims: Not valid JSON"_s),
             qPrintable(m_dialog->minter()->message()));
    QVERIFY(m_dialog->minter()->message().contains(u"line 1, column 11"_s));
}

void TestJwtTools::secretFromTheEnvironment()
{
    qputenv("QUARRY_JWT_SECRET", "a-workshop-secret-that-is-long-enough-for-hs256!");
    const QString token = mint(u"ada@example.com"_s, u"admin"_s);
    QVERIFY(!m_dialog->minter()->message().contains(u"QUARRY_JWT_SECRET"_s));
    auto *inspector = m_dialog->inspector();
    inspector->setToken(token);
    inspector->verify();
    QVERIFY(inspector->verifyResult().startsWith(u"✓"_s));
    qunsetenv("QUARRY_JWT_SECRET");
    inspector->verify(); // now the demo secret is used: a token signed with the real one fails
    QVERIFY2(inspector->verifyResult().startsWith(u"✗"_s), qPrintable(inspector->verifyResult()));
}

void TestJwtTools::profileEditsAreUndoableAndValidated()
{
    auto ws = Workspace::load(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s);
    QVERIFY(ws);
    Workspace &w = *ws.value();
    QUndoStack undo;
    quarry::app::AuthProfilesDialog dialog(&undo);
    dialog.setWorkspace(&w);
    dialog.show();
    dialog.selectProfile(0);
    QVERIFY2(dialog.message().startsWith(u"✓ Ready: tokens are signed with HS256 and issued by quarry-demo."_s),
             qPrintable(dialog.message()));

    auto *issuer = dialog.findChild<QLineEdit *>(u"issuerEdit"_s);
    issuer->selectAll();
    QTest::keyClicks(issuer, u"acme"_s);
    QCOMPARE(w.sectionArray(quarry::workspace::Section::AuthProfiles).at(0).toObject().value(u"issuer"_s).toString(),
             u"acme"_s);
    QCOMPARE(undo.count(), 1); // typing merges

    // A plain secret typed into the key field is refused by the auth core and by the workspace.
    auto *key = dialog.findChild<QLineEdit *>(u"keyRefEdit"_s);
    key->selectAll();
    QTest::keyClicks(key, u"hunter2"_s);
    QVERIFY2(dialog.message().startsWith(u"✗"_s), qPrintable(dialog.message()));
    QVERIFY(!w.plainSecrets().isEmpty());
    undo.undo();
    QCOMPARE(key->text(), u"env:QUARRY_JWT_SECRET"_s);
    QVERIFY(w.plainSecrets().isEmpty());

    // A keychain reference is not read while typing (no Secret Service here: it would only fail).
    key->selectAll();
    QTest::keyClicks(key, u"keychain:workshop"_s);
    QVERIFY2(dialog.message().contains(u"keychain entry workshop when a token is signed"_s), qPrintable(dialog.message()));
    undo.undo();
    QCOMPARE(key->text(), u"env:QUARRY_JWT_SECRET"_s);

    // Switching to ES256 moves the reference to privateKey and drops the HMAC-only fallback.
    dialog.findChild<QComboBox *>(u"algorithmCombo"_s)->setCurrentText(u"ES256"_s);
    const QJsonObject p = w.sectionArray(quarry::workspace::Section::AuthProfiles).at(0).toObject();
    QCOMPARE(p.value(u"algorithm"_s).toString(), u"ES256"_s);
    QCOMPARE(p.value(u"privateKey"_s).toString(), u"env:QUARRY_JWT_SECRET"_s);
    QVERIFY(!p.contains(u"secret"_s));
    QVERIFY(!p.contains(u"demoFallback"_s));
    undo.undo();
    QCOMPARE(w.sectionArray(quarry::workspace::Section::AuthProfiles).at(0).toObject().value(u"algorithm"_s).toString(),
             u"HS256"_s);
    undo.undo();
    QCOMPARE(w.sectionArray(quarry::workspace::Section::AuthProfiles).at(0).toObject().value(u"issuer"_s).toString(),
             u"quarry-demo"_s);
}

QTEST_MAIN(TestJwtTools)
#include "tst_jwttools.moc"
