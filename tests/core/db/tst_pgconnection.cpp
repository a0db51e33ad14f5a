// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/pgconnection.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::Error;
using quarry::db::PgConnection;

namespace {
/// The error text of a failed result, for QVERIFY2 (which evaluates its message even on success).
template <typename T>
QByteArray why(const quarry::Result<T> &result)
{
    return result.ok() ? QByteArray() : result.error().toString().toUtf8();
}
} // namespace

/// Proves that the suite's PostgreSQL is reachable through libpqxx, and that PgConnection binds
/// values, reports SQL errors with their SQLSTATE and fails fast on a dead server.
class TestPgConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void serverVersion();
    void boundParameters_data();
    void boundParameters();
    void sqlError_data();
    void sqlError();
    void deadServer();
    void passwordNotInMessages();

private:
    /// A loopback port nothing listens on: bound once, then released.
    static quint16 closedPort();

    QString m_url;
    std::unique_ptr<PgConnection> m_conn;
};

void TestPgConnection::initTestCase()
{
    m_url = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (m_url.isEmpty()) {
        QFAIL("QUARRY_TEST_PG_URL is not set. Run the suite with scripts/test.sh, which starts a throw-away "
              "PostgreSQL and sets it, or export QUARRY_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres "
              "for a server of your own.");
    }
    auto conn = PgConnection::open(m_url);
    QVERIFY2(conn.ok(), ("Cannot reach the test PostgreSQL at " + m_url.toUtf8() + ": " + why(conn)).constData());
    m_conn = std::move(conn).value();
}

void TestPgConnection::serverVersion()
{
    const auto rows = m_conn->query(u"select version()"_s);
    QVERIFY2(rows.ok(), why(rows).constData());
    QCOMPARE(rows.value().columns, QStringList{u"version"_s});
    QCOMPARE(rows.value().rows.size(), 1);
    const QString version = rows.value().rows.first().first().toString();
    QVERIFY2(version.startsWith(u"PostgreSQL "_s), qPrintable(version));

    const QString short_ = m_conn->serverVersion();
    QVERIFY2(version.startsWith(u"PostgreSQL "_s + short_.section(u'.', 0, 0)),
             qPrintable(u"serverVersion() %1 vs %2"_s.arg(short_, version)));
}

void TestPgConnection::boundParameters_data()
{
    QTest::addColumn<QVariant>("text");
    QTest::addColumn<QVariant>("number");
    QTest::addColumn<bool>("numberIsNull");

    QTest::newRow("plain") << QVariant(u"hello"_s) << QVariant(42) << false;
    QTest::newRow("embedded quote") << QVariant(u"O'Reilly"_s) << QVariant(1) << false;
    QTest::newRow("injection attempt") << QVariant(u"x'); drop table pg_class; --"_s) << QVariant() << true;
    QTest::newRow("placeholder text") << QVariant(u"$2"_s) << QVariant() << true;
    QTest::newRow("backslash and newline") << QVariant(u"C:\\temp\nline 2"_s) << QVariant(-7) << false;
    QTest::newRow("unicode") << QVariant(u"Grüße, 東京 ✓"_s) << QVariant(0) << false;
    QTest::newRow("empty string is not null") << QVariant(u""_s) << QVariant() << true;
    QTest::newRow("null text") << QVariant() << QVariant(5) << false;
}

void TestPgConnection::boundParameters()
{
    QFETCH(QVariant, text);
    QFETCH(QVariant, number);
    QFETCH(bool, numberIsNull);

    const auto rows = m_conn->query(u"select $1::text as t, $2::int is null as n, $2::int + 1 as next"_s,
                                    {text, number});
    QVERIFY2(rows.ok(), why(rows).constData());
    QCOMPARE(rows.value().columns, (QStringList{u"t"_s, u"n"_s, u"next"_s}));
    QCOMPARE(rows.value().rows.size(), 1);
    const QVariantList row = rows.value().rows.first();

    if (text.isNull()) {
        QVERIFY2(row.at(0).isNull(), "a NULL parameter must come back as SQL NULL");
    } else {
        QVERIFY(!row.at(0).isNull());
        QCOMPARE(row.at(0).toString(), text.toString());
    }
    QCOMPARE(row.at(1).toString(), numberIsNull ? u"t"_s : u"f"_s);
    if (numberIsNull)
        QVERIFY(row.at(2).isNull());
    else
        QCOMPARE(row.at(2).toString(), QString::number(number.toInt() + 1));
}

void TestPgConnection::sqlError_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("sqlstate");

    QTest::newRow("syntax error") << u"selec 1"_s << u"42601"_s;
    QTest::newRow("undefined table") << u"select * from quarry_no_such_table"_s << u"42P01"_s;
    QTest::newRow("division by zero") << u"select 1 / 0"_s << u"22012"_s;
    QTest::newRow("invalid integer literal") << u"select 'abc'::int"_s << u"22P02"_s;
}

void TestPgConnection::sqlError()
{
    QFETCH(QString, sql);
    QFETCH(QString, sqlstate);

    const auto rows = m_conn->query(sql);
    QVERIFY2(!rows.ok(), "a failing statement must return an error value");
    QCOMPARE(rows.error().kind, Error::Kind::Database);
    QCOMPARE(rows.error().where, sqlstate);
    QVERIFY2(!rows.error().message.isEmpty(), "the error needs a message");

    // The failed transaction is rolled back: the connection stays usable.
    const auto after = m_conn->query(u"select 1"_s);
    QVERIFY2(after.ok(), why(after).constData());
    QCOMPARE(after.value().rows.first().first().toString(), u"1"_s);
}

quint16 TestPgConnection::closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 1; // privileged and unused on a test machine
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

void TestPgConnection::deadServer()
{
    const QString url = u"postgresql://postgres@127.0.0.1:%1/postgres"_s.arg(closedPort());
    QElapsedTimer timer;
    timer.start();
    const auto conn = PgConnection::open(url);
    const qint64 elapsed = timer.elapsed();

    QVERIFY2(!conn.ok(), "connecting to a closed port must fail");
    QCOMPARE(conn.error().kind, Error::Kind::Network);
    QVERIFY2(conn.error().message.contains(u"127.0.0.1"_s), qPrintable(conn.error().message));
    QVERIFY2(elapsed < 5000, qPrintable(u"a refused connection took %1 ms"_s.arg(elapsed)));
}

void TestPgConnection::passwordNotInMessages()
{
    const QString url = u"postgresql://postgres:s3cr3t-pw@127.0.0.1:%1/postgres"_s.arg(closedPort());
    const auto conn = PgConnection::open(url);
    QVERIFY(!conn.ok());
    QVERIFY2(!conn.error().toString().contains(u"s3cr3t-pw"_s), qPrintable(conn.error().toString()));
}

QTEST_GUILESS_MAIN(TestPgConnection)
#include "tst_pgconnection.moc"
