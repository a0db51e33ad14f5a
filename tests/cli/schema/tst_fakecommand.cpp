// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors

// `quarry fake`: rows of a designed table as mock.fixtures JSON, reproducible by seed, run as the
// real binary on the sample workspace.

#include "../quarryrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::test::runQuarry;

class TestFakeCommand : public QObject
{
    Q_OBJECT
private slots:
    void rowsOfTheSample();
    void errors_data();
    void errors();

private:
    QString sample() const { return qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s; }
};

void TestFakeCommand::rowsOfTheSample()
{
    const auto first = runQuarry({u"fake"_s, sample(), u"--table"_s, u"users"_s, u"--rows"_s, u"25"_s, u"--seed"_s, u"3"_s,
                                  u"--locale"_s, u"de"_s});
    QCOMPARE(first.code, 0);
    QJsonParseError error{};
    const QJsonObject fixtures = QJsonDocument::fromJson(first.out.toUtf8(), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(first.out));
    const QJsonArray users = fixtures.value(u"users"_s).toArray();
    QCOMPARE(users.size(), 25);
    QSet<QString> emails;
    for (const QJsonValue &u : users) {
        const QString email = u.toObject().value(u"email"_s).toString();
        QVERIFY2(email.contains(u'@') && email.size() <= 255, qPrintable(email));
        emails.insert(email);
        QVERIFY(!u.toObject().contains(u"created_at"_s));   // DEFAULT CURRENT_TIMESTAMP: the database's
    }
    QCOMPARE(emails.size(), 25);   // the design says unique
    QCOMPARE(users.at(24).toObject().value(u"id"_s).toInt(), 25);
    // The same seed gives the same rows; another seed others.
    QCOMPARE(runQuarry({u"fake"_s, sample(), u"--table"_s, u"users"_s, u"--rows"_s, u"25"_s, u"--seed"_s, u"3"_s,
                        u"--locale"_s, u"de"_s}).out,
             first.out);
    QVERIFY(runQuarry({u"fake"_s, sample(), u"--table"_s, u"users"_s, u"--rows"_s, u"25"_s, u"--seed"_s, u"4"_s,
                       u"--locale"_s, u"de"_s}).out != first.out);
}

void TestFakeCommand::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("no table") << QStringList{u"SAMPLE"_s} << 2 << u"Usage: quarry fake"_s;
    QTest::newRow("unknown table") << QStringList{u"SAMPLE"_s, u"--table"_s, u"nope"_s} << 1 << u"no table \"nope\""_s;
    QTest::newRow("unknown locale") << QStringList{u"SAMPLE"_s, u"--table"_s, u"users"_s, u"--locale"_s, u"xx"_s} << 2
                                    << u"available: de, en"_s;
    QTest::newRow("bad rows") << QStringList{u"SAMPLE"_s, u"--table"_s, u"users"_s, u"--rows"_s, u"-3"_s} << 2
                              << u"--rows needs a whole number from 0 to 1000000, not \"-3\""_s;
    QTest::newRow("missing workspace") << QStringList{u"/nowhere/x.quarry"_s, u"--table"_s, u"users"_s} << 1 << u"quarry fake: "_s;
}

void TestFakeCommand::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    args.replaceInStrings(u"SAMPLE"_s, sample());
    const auto r = runQuarry(QStringList{u"fake"_s} + args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestFakeCommand)
#include "tst_fakecommand.moc"
