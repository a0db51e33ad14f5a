// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/jwtinspector.h"
#include "auth/tokenissuer.h"

#include <QDateTime>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::auth;

class TestJwtInspector : public QObject
{
    Q_OBJECT
private slots:
    void relative_data();
    void relative();
    void malformed();
    void withoutProfile();
    void againstProfile();
};

void TestJwtInspector::relative_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("soon") << qint64(42) << u"in 42 s"_s;
    QTest::newRow("past") << qint64(-5) << u"5 s ago"_s;
    QTest::newRow("minutes") << qint64(3540) << u"in 59 min"_s;
    QTest::newRow("hours") << qint64(-7200) << u"2 h ago"_s;
    QTest::newRow("days") << qint64(3 * 86400) << u"in 3 d"_s;
}

void TestJwtInspector::relative()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(JwtInspector::relative(seconds), text);
}

void TestJwtInspector::malformed()
{
    const JwtInspection i = JwtInspector::inspect("not.a.token!");
    QVERIFY(!i.decoded);
    QVERIFY(!i.error.isEmpty());
    QCOMPARE(i.errorWhere, u"header"_s);
}

void TestJwtInspector::withoutProfile()
{
    // RFC 7515 A.1, pasted with its "Bearer " prefix.
    const JwtInspection i = JwtInspector::inspect(
        "Bearer eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
        "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        nullptr, 1300819380 - 3540);
    QVERIFY(i.decoded);
    QCOMPARE(i.signature, JwtInspection::Signature::NotChecked);
    QCOMPARE(i.secondsLeft.value(), 3540);
    QCOMPARE(i.claims.value(u"iss"_s).toString(), u"joe"_s);
    QString exp;
    for (const auto &n : i.notes)
        if (n.claim == u"exp"_s)
            exp = n.text;
    QCOMPARE(exp, u"expires 2011-03-22 18:43:00 UTC, in 59 min"_s);
}

void TestJwtInspector::againstProfile()
{
    qputenv("QUARRY_TEST_INSPECT_SECRET", "inspector-secret-long-enough-for-hs256-000000");
    const AuthProfile p = AuthProfile::fromJson({{u"id"_s, u"insp"_s}, {u"algorithm"_s, u"HS256"_s},
                                                 {u"issuer"_s, u"quarry-demo"_s},
                                                 {u"secret"_s, u"env:QUARRY_TEST_INSPECT_SECRET"_s}})
                              .value();
    const TokenIssuer issuer = TokenIssuer::fromProfile(p).value();
    const QByteArray token = issuer.issue({u"ada"_s, {}, {}, 60, 0}).value().token;
    const JwtInspection ok = JwtInspector::inspect(token, &p);
    QCOMPARE(ok.signature, JwtInspection::Signature::Valid);
    QCOMPARE(ok.profileId, u"insp"_s);
    QVERIFY(ok.secondsLeft.value() > 50 && ok.secondsLeft.value() <= 60);

    const JwtInspection late = JwtInspector::inspect(token, &p, QDateTime::currentSecsSinceEpoch() + 120);
    QCOMPARE(late.signature, JwtInspection::Signature::Invalid);
    QCOMPARE(late.verifyWhere, u"claims.exp"_s);
    QVERIFY(late.secondsLeft.value() < 0);

    QByteArray tampered = token;
    tampered.chop(2);
    tampered += "AA";
    const JwtInspection bad = JwtInspector::inspect(tampered, &p);
    QVERIFY(bad.decoded);
    QCOMPARE(bad.signature, JwtInspection::Signature::Invalid);
    QCOMPARE(bad.verifyWhere, u"signature"_s);
}

QTEST_GUILESS_MAIN(TestJwtInspector)
#include "tst_jwtinspector.moc"
