// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "../quarryrun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

// `quarry introspect URL [--into WORKSPACE] [--json]` through QProcess, on a SQLite file made by
// the sqlite3 shell and a PostgreSQL database made by psql.
class TestIntrospectCommand : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void sqlitePrintsTheSchema();
    void postgresPrintsTheSchema();
    void intoWorkspaceMergesAndReplaces();
    void unreachable();
    void usage_data();
    void usage();

private:
    using Run = quarry::test::QuarryRun;
    static Run quarry(const QStringList &args) { return quarry::test::runQuarry(args, 60000); }
    bool psql(const QString &url, const QString &command);
    QTemporaryDir m_dir;
    QString m_sqlite;
    QString m_pgUrl;
    QString m_adminUrl;
};

bool TestIntrospectCommand::psql(const QString &url, const QString &command)
{
    QProcess p;
    p.start(u"psql"_s, {url, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-c"_s, command});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning() << command << p.readAllStandardError();
        return false;
    }
    return true;
}

void TestIntrospectCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sqlite = m_dir.filePath(u"shop.db"_s);
    QProcess shell;
    shell.start(u"sqlite3"_s, {m_sqlite, u"CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);"
                                         u"CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer(id));"
                                         u"CREATE INDEX orders_customer ON orders (customer_id);"_s});
    QVERIFY(shell.waitForFinished(30000));
    QCOMPARE(shell.exitCode(), 0);

    m_adminUrl = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (m_adminUrl.isEmpty())
        QFAIL("QUARRY_TEST_PG_URL is not set (scripts/test.sh starts a throw-away PostgreSQL and sets it).");
    psql(m_adminUrl, u"DROP DATABASE IF EXISTS quarry_cli_introspect WITH (FORCE)"_s);
    QVERIFY(psql(m_adminUrl, u"CREATE DATABASE quarry_cli_introspect"_s));
    QUrl u(m_adminUrl);
    u.setPath(u"/quarry_cli_introspect"_s);
    m_pgUrl = u.toString();
    QVERIFY(psql(m_pgUrl, u"CREATE TYPE mood AS ENUM ('sad', 'happy'); "
                          u"CREATE TABLE person (id serial PRIMARY KEY, name varchar(80) NOT NULL, mood mood DEFAULT 'happy'); "
                          u"CREATE VIEW happy AS SELECT id, name FROM person WHERE mood = 'happy'"_s));
}

void TestIntrospectCommand::cleanupTestCase()
{
    if (!m_adminUrl.isEmpty())
        psql(m_adminUrl, u"DROP DATABASE IF EXISTS quarry_cli_introspect WITH (FORCE)"_s);
}

void TestIntrospectCommand::sqlitePrintsTheSchema()
{
    const Run r = quarry({u"introspect"_s, u"sqlite:"_s + m_sqlite});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject schema = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonArray tables = schema.value(u"tables"_s).toArray();
    QCOMPARE(tables.size(), 2);
    QCOMPARE(tables.at(0).toObject().value(u"name"_s).toString(), u"customer"_s);
    const QJsonObject orders = tables.at(1).toObject();
    QCOMPARE(orders.value(u"foreignKeys"_s).toArray().size(), 1);
    QCOMPARE(orders.value(u"indexes"_s).toArray().first().toObject().value(u"name"_s).toString(), u"orders_customer"_s);
}

void TestIntrospectCommand::postgresPrintsTheSchema()
{
    const Run r = quarry({u"introspect"_s, m_pgUrl, u"--json"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject schema = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject person = schema.value(u"tables"_s).toArray().first().toObject();
    QCOMPARE(person.value(u"name"_s).toString(), u"person"_s);
    const QJsonArray columns = person.value(u"columns"_s).toArray();
    QCOMPARE(columns.size(), 3);
    QCOMPARE(columns.at(0).toObject().value(u"type"_s).toString(), u"serial"_s);
    QCOMPARE(schema.value(u"enums"_s).toArray().first().toObject().value(u"values"_s).toArray().size(), 2);
    QCOMPARE(schema.value(u"views"_s).toArray().first().toObject().value(u"name"_s).toString(), u"happy"_s);
    // Keys as the workspace writes them: sorted.
    QVERIFY(r.out.indexOf(u"\"enums\""_s) < r.out.indexOf(u"\"tables\""_s));
}

void TestIntrospectCommand::intoWorkspaceMergesAndReplaces()
{
    const QString ws = m_dir.filePath(u"design.quarry"_s);
    const Run first = quarry({u"introspect"_s, u"sqlite:"_s + m_sqlite, u"--into"_s, ws});
    QVERIFY2(first.code == 0, qPrintable(first.err));
    QVERIFY2(first.out.contains(u"into design.quarry: 2 added, 0 replaced."_s), qPrintable(first.out));
    const Run second = quarry({u"introspect"_s, m_pgUrl, u"--into"_s, ws, u"--json"_s});
    QVERIFY2(second.code == 0, qPrintable(second.err));
    const QJsonObject summary = QJsonDocument::fromJson(second.out.toUtf8()).object();
    QCOMPARE(summary.value(u"added"_s).toArray().size(), 3);   // enum mood, table person, view happy
    QCOMPARE(summary.value(u"replaced"_s).toArray().size(), 0);
    const Run again = quarry({u"introspect"_s, u"sqlite:"_s + m_sqlite, u"--into"_s, ws});
    QVERIFY2(again.out.contains(u"0 added, 2 replaced."_s), qPrintable(again.out));
    QFile f(ws);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    for (const char *name : {"\"customer\"", "\"orders\"", "\"person\"", "\"happy\"", "\"mood\""})
        QVERIFY2(text.contains(name), name);
}

void TestIntrospectCommand::unreachable()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    const QString ws = m_dir.filePath(u"untouched.quarry"_s);
    const Run r = quarry({u"introspect"_s, u"postgresql://bob:s3cret@127.0.0.1:%1/x"_s.arg(port), u"--into"_s, ws});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"postgresql://bob:***@127.0.0.1:%1/x"_s.arg(port)), qPrintable(r.err));
    QVERIFY(!r.err.contains(u"s3cret"_s));
    QVERIFY(!QFile::exists(ws));
    const Run missing = quarry({u"introspect"_s, u"sqlite:"_s + m_dir.filePath(u"nope.db"_s)});
    QCOMPARE(missing.code, 1);
    QVERIFY2(missing.err.contains(u"nope.db"_s), qPrintable(missing.err));
    QVERIFY(missing.out.isEmpty());
}

void TestIntrospectCommand::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no url") << QStringList{} << u"no database URL"_s;
    QTest::newRow("bad scheme") << QStringList{u"mysql://root@x/db"_s} << u"unsupported URL"_s;
    QTest::newRow("two urls") << QStringList{u"sqlite:a.db"_s, u"sqlite:b.db"_s} << u"one URL only"_s;
    QTest::newRow("unknown option") << QStringList{u"sqlite:a.db"_s, u"--frob"_s} << u"unknown option"_s;
    QTest::newRow("into without file") << QStringList{u"sqlite:a.db"_s, u"--into"_s} << u"--into needs"_s;
}

void TestIntrospectCommand::usage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = quarry(QStringList{u"introspect"_s} + args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.err.contains(u"Usage: quarry introspect URL"_s));
}

QTEST_GUILESS_MAIN(TestIntrospectCommand)
#include "tst_introspectcommand.moc"
