// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/connection.h"
#include "db/pgconnection.h"
#include "db/sqliteconnection.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::Literals::StringLiterals;
using quarry::Error;
using quarry::db::Connection;
using quarry::db::Engine;
using quarry::db::PgConnection;
using quarry::db::Row;
using quarry::db::SqliteConnection;

namespace {
template <typename R>
QByteArray why(const R &result)
{
    return result.ok() ? QByteArray() : result.error().toString().toUtf8();
}

/// Runs `work` on a thread of its own; finished() turns true when it returns.
class Background
{
public:
    explicit Background(std::function<void()> work)
        : m_thread(QThread::create([this, work = std::move(work)] {
              work();
              m_finished = true;
          }))
    {
        m_thread->start();
    }
    ~Background() { m_thread->wait(); }
    bool finished() const { return m_finished; }

private:
    std::atomic<bool> m_finished{false};
    std::unique_ptr<QThread> m_thread;
};
} // namespace

/// db::Connection against real SQLite (a file in a temporary folder) and the suite's real
/// PostgreSQL: every case runs on both engines unless its name says otherwise.
class TestConnection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void serverVersion_data() { engines(); }
    void serverVersion();
    void boundParameters_data();
    void boundParameters();
    void types_data() { engines(); }
    void types();
    void blobAndBoolRoundTrip_data() { engines(); }
    void blobAndBoolRoundTrip();
    void rowsArriveBeforeTheStatementEnds_data() { engines(); }
    void rowsArriveBeforeTheStatementEnds();
    void stoppingEarly_data() { engines(); }
    void stoppingEarly();
    void savepointRollback_data() { engines(); }
    void savepointRollback();
    void errorsCarryCodeAndConstraint_data();
    void errorsCarryCodeAndConstraint();
    void oneStatementAtATime_data() { engines(); }
    void oneStatementAtATime();
    void cancelFromAnotherThread_data();
    void cancelFromAnotherThread();
    void sqliteDeadline();
    void sqliteNotADatabase();
    void sqliteReadOnly();
    void sqlitePreparedStatementRows();
    void openByUrl();
    void pgDeadServer();
    void pgPasswordNotInMessages();

private:
    void engines();
    static quint16 closedPort();

    QString m_pgUrl;
    QTemporaryDir m_dir;
    std::unique_ptr<Connection> m_conn;
};

void TestConnection::initTestCase()
{
    m_pgUrl = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (m_pgUrl.isEmpty())
        QFAIL("QUARRY_TEST_PG_URL is not set. Run the suite with scripts/test.sh, which starts a throw-away "
              "PostgreSQL and sets it, or export QUARRY_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres.");
    QVERIFY(m_dir.isValid());
}

void TestConnection::engines()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << u"sqlite"_s;
    QTest::newRow("postgres") << u"postgres"_s;
}

void TestConnection::init()
{
    const QString engine = QTest::currentDataTag() ? QString::fromLatin1(QTest::currentDataTag()).section(u' ', 0, 0)
                                                    : QString();
    if (engine == u"sqlite"_s) {
        auto c = Connection::open(u"sqlite:"_s + m_dir.filePath(u"test.db"_s));
        QVERIFY2(c.ok(), why(c).constData());
        m_conn = std::move(c).value();
        QCOMPARE(m_conn->engine(), Engine::Sqlite);
        QVERIFY(m_conn->executeScript(u"DROP TABLE IF EXISTS item; DROP TABLE IF EXISTS account;"_s));
    } else if (engine == u"postgres"_s) {
        auto c = Connection::open(m_pgUrl);
        QVERIFY2(c.ok(), why(c).constData());
        m_conn = std::move(c).value();
        QCOMPARE(m_conn->engine(), Engine::Postgres);
        // A schema of its own: other tests share the database.
        QVERIFY(m_conn->executeScript(u"SET client_min_messages = warning; "
                                      "DROP SCHEMA IF EXISTS quarry_test_connection CASCADE; "
                                      "CREATE SCHEMA quarry_test_connection; SET search_path = quarry_test_connection"_s));
    }
}

void TestConnection::cleanup()
{
    if (m_conn && m_conn->engine() == Engine::Postgres)
        (void)m_conn->execute(u"DROP SCHEMA IF EXISTS quarry_test_connection CASCADE"_s);
    m_conn.reset();
}

void TestConnection::serverVersion()
{
    const QString version = m_conn->serverVersion();
    QVERIFY2(QRegularExpression(u"^\\d+\\.\\d+"_s).match(version).hasMatch(), qPrintable(version));
    if (m_conn->engine() == Engine::Sqlite) {
        const auto rows = m_conn->query(u"SELECT sqlite_version()"_s);
        QVERIFY2(rows.ok(), why(rows).constData());
        QCOMPARE(rows.value().rows.at(0).at(0).toString(), version);
    } else {
        const auto rows = m_conn->query(u"SELECT current_setting('server_version_num')::int"_s);
        QVERIFY2(rows.ok(), why(rows).constData());
        const int n = rows.value().rows.at(0).at(0).toInt();
        QCOMPARE(version, u"%1.%2"_s.arg(n / 10000).arg(n % 10000));
    }
}

void TestConnection::boundParameters_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QVariant>("text");
    QTest::addColumn<QVariant>("number");
    const QList<std::tuple<const char *, QVariant, QVariant>> cases = {
        {"plain", u"hello"_s, 42},
        {"embedded quote", u"O'Reilly"_s, 1},
        {"injection attempt", u"x'); DROP TABLE item; --"_s, QVariant()},
        {"placeholder text", u"$2"_s, QVariant()},
        {"backslash and newline", u"C:\\temp\nline 2"_s, -7},
        {"unicode", u"Grüße, 東京 ✓"_s, 0},
        {"empty string is not null", u""_s, QVariant()},
        {"null text", QVariant(), 5},
    };
    for (const QString &engine : {u"sqlite"_s, u"postgres"_s}) {
        for (const auto &[name, text, number] : cases)
            QTest::addRow("%s %s", qPrintable(engine), name) << engine << text << number;
    }
}

void TestConnection::boundParameters()
{
    QFETCH(QVariant, text);
    QFETCH(QVariant, number);
    // $n is PostgreSQL's placeholder and a named one in SQLite: the same text runs on both.
    const auto rows = m_conn->query(u"SELECT CAST($1 AS TEXT) AS t, CAST($2 AS INTEGER) IS NULL AS n, "
                                    "CAST($2 AS INTEGER) + 1 AS next"_s,
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
    QCOMPARE(row.at(1).toBool(), number.isNull());
    if (number.isNull())
        QVERIFY(row.at(2).isNull());
    else
        QCOMPARE(row.at(2).toLongLong(), number.toLongLong() + 1);
}

void TestConnection::types()
{
    const bool pg = m_conn->engine() == Engine::Postgres;
    const auto rows = m_conn->query(pg ? u"SELECT 42::bigint, 1.5::float8, 'x'::text, '\\x00ff'::bytea, NULL, "
                                         "true, 12.50::numeric"_s
                                       : u"SELECT 42, 1.5, 'x', x'00ff', NULL"_s);
    QVERIFY2(rows.ok(), why(rows).constData());
    const QVariantList r = rows.value().rows.at(0);
    QCOMPARE(r.at(0).typeId(), QMetaType::LongLong);
    QCOMPARE(r.at(0).toLongLong(), 42);
    QCOMPARE(r.at(1).typeId(), QMetaType::Double);
    QCOMPARE(r.at(1).toDouble(), 1.5);
    QCOMPARE(r.at(2).typeId(), QMetaType::QString);
    QCOMPARE(r.at(2).toString(), u"x"_s);
    QCOMPARE(r.at(3).typeId(), QMetaType::QByteArray);
    QCOMPARE(r.at(3).toByteArray(), QByteArray("\x00\xff", 2));
    QVERIFY(r.at(4).isNull());
    if (pg) {
        QCOMPARE(r.at(5).typeId(), QMetaType::Bool);
        QCOMPARE(r.at(5).toBool(), true);
        QCOMPARE(r.at(6).toString(), u"12.50"_s);   // numeric keeps its digits as text
    }
}

void TestConnection::blobAndBoolRoundTrip()
{
    const bool pg = m_conn->engine() == Engine::Postgres;
    QVERIFY(m_conn->execute(pg ? u"CREATE TABLE item (id integer PRIMARY KEY, data bytea, flag boolean, price float8)"_s
                               : u"CREATE TABLE item (id integer PRIMARY KEY, data blob, flag boolean, price real)"_s));
    const QByteArray blob("a\0b\xff\n", 5);
    const auto inserted = m_conn->execute(u"INSERT INTO item VALUES ($1, $2, $3, $4)"_s, {7, blob, true, 2.25});
    QVERIFY2(inserted.ok(), why(inserted).constData());
    QCOMPARE(inserted.value(), 1);
    const auto rows = m_conn->query(u"SELECT data, flag, price FROM item WHERE id = $1"_s, {7});
    QVERIFY2(rows.ok(), why(rows).constData());
    QCOMPARE(rows.value().rows.size(), 1);
    QCOMPARE(rows.value().rows.at(0).at(0).toByteArray(), blob);
    QCOMPARE(rows.value().rows.at(0).at(1).toBool(), true);
    QCOMPARE(rows.value().rows.at(0).at(2).toDouble(), 2.25);
    const auto updated = m_conn->execute(u"UPDATE item SET flag = $1 WHERE id >= $2"_s, {false, 0});
    QVERIFY2(updated.ok(), why(updated).constData());
    QCOMPARE(updated.value(), 1);
}

void TestConnection::rowsArriveBeforeTheStatementEnds()
{
    // Row 5 fails; a layer that collects before handing out would deliver nothing but the error.
    const QString sql = m_conn->engine() == Engine::Postgres
        ? u"SELECT g, 1 / (5 - g) AS boom FROM generate_series(1, 10) AS g"_s
        : u"WITH RECURSIVE c(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < 10) "
          "SELECT g, CASE WHEN g = 5 THEN abs(-9223372036854775807 + (4 - g)) ELSE 0 END AS boom FROM c"_s;
    QList<qlonglong> seen;
    const auto r = m_conn->stream(sql, {}, [&seen](const Row &row) {
        seen << row.value(u"g"_s).toLongLong();
        return true;
    });
    QVERIFY2(!r.ok(), "row 5 must fail");
    QCOMPARE(seen, (QList<qlonglong>{1, 2, 3, 4}));
    if (m_conn->engine() == Engine::Postgres)
        QCOMPARE(r.error().sqlState, u"22012"_s);
    else
        QCOMPARE(r.error().sqliteCode, 1);   // SQLITE_ERROR: integer overflow
}

void TestConnection::stoppingEarly()
{
    const QString sql = m_conn->engine() == Engine::Postgres
        ? u"SELECT g FROM generate_series(1, 200000) AS g"_s
        : u"WITH RECURSIVE c(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < 200000) SELECT g FROM c"_s;
    int seen = 0;
    const auto r = m_conn->stream(sql, {}, [&seen](const Row &) { return ++seen < 10; });
    QVERIFY2(r.ok(), why(r).constData());
    QCOMPARE(seen, 10);
    QCOMPARE(r.value().columns, QStringList{u"g"_s});
    const auto after = m_conn->query(u"SELECT 1"_s);   // the connection is ready for more
    QVERIFY2(after.ok(), why(after).constData());
}

void TestConnection::savepointRollback()
{
    QVERIFY(m_conn->execute(u"CREATE TABLE item (id integer PRIMARY KEY)"_s));
    QVERIFY(m_conn->begin());
    QVERIFY(m_conn->execute(u"INSERT INTO item VALUES (1)"_s));
    QVERIFY(m_conn->savepoint(u"before_two"_s));
    QVERIFY(m_conn->execute(u"INSERT INTO item VALUES (2)"_s));
    QVERIFY(m_conn->rollbackToSavepoint(u"before_two"_s));
    QVERIFY(m_conn->releaseSavepoint(u"before_two"_s));
    // A failed statement inside a savepoint, rolled back, leaves the transaction usable.
    QVERIFY(m_conn->savepoint(u"dup"_s));
    QVERIFY(!m_conn->execute(u"INSERT INTO item VALUES (1)"_s));
    QVERIFY(m_conn->rollbackToSavepoint(u"dup"_s));
    QVERIFY(m_conn->execute(u"INSERT INTO item VALUES (3)"_s));
    QVERIFY(m_conn->commit());
    const auto rows = m_conn->query(u"SELECT id FROM item ORDER BY id"_s);
    QVERIFY2(rows.ok(), why(rows).constData());
    QCOMPARE(rows.value().rows, (QList<QVariantList>{{qlonglong(1)}, {qlonglong(3)}}));

    const auto refused = m_conn->savepoint(u"x; DROP TABLE item"_s);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().kind, Error::Kind::InvalidInput);
    QVERIFY(m_conn->begin());
    QVERIFY(m_conn->execute(u"INSERT INTO item VALUES (4)"_s));
    QVERIFY(m_conn->rollback());
    QCOMPARE(m_conn->query(u"SELECT count(*) FROM item"_s).value().rows.at(0).at(0).toInt(), 2);
}

void TestConnection::errorsCarryCodeAndConstraint_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("sqlState");
    QTest::addColumn<int>("sqliteCode");
    QTest::addColumn<QString>("constraint");
    QTest::addColumn<QString>("message");
    const QString dup = u"INSERT INTO account (id, email, balance) VALUES (2, 'a@example.org', 1)"_s;
    const QString negative = u"INSERT INTO account (id, email, balance) VALUES (3, 'b@example.org', -1)"_s;
    const QString orphan = u"INSERT INTO item (id, account_id) VALUES (1, 999)"_s;
    QTest::newRow("sqlite unique") << u"sqlite"_s << dup << QString() << 2067 << QString() << u"UNIQUE"_s;
    QTest::newRow("sqlite check") << u"sqlite"_s << negative << QString() << 275 << u"balance_not_negative"_s << u"CHECK"_s;
    QTest::newRow("sqlite foreign key") << u"sqlite"_s << orphan << QString() << 787 << QString() << u"FOREIGN KEY"_s;
    QTest::newRow("sqlite syntax") << u"sqlite"_s << u"SELEC 1"_s << QString() << 1 << QString() << u"syntax error"_s;
    QTest::newRow("postgres unique") << u"postgres"_s << dup << u"23505"_s << 0 << u"account_email_key"_s << u"duplicate key"_s;
    QTest::newRow("postgres check") << u"postgres"_s << negative << u"23514"_s << 0 << u"balance_not_negative"_s << u"check constraint"_s;
    QTest::newRow("postgres foreign key") << u"postgres"_s << orphan << u"23503"_s << 0 << u"item_account_id_fkey"_s << u"foreign key"_s;
    QTest::newRow("postgres syntax") << u"postgres"_s << u"SELEC 1"_s << u"42601"_s << 0 << QString() << u"syntax error"_s;
    QTest::newRow("postgres division by zero") << u"postgres"_s << u"SELECT 1 / 0"_s << u"22012"_s << 0 << QString() << u"division by zero"_s;
}

void TestConnection::errorsCarryCodeAndConstraint()
{
    QFETCH(QString, sql);
    QFETCH(QString, sqlState);
    QFETCH(int, sqliteCode);
    QFETCH(QString, constraint);
    QFETCH(QString, message);
    const auto made = m_conn->executeScript(
        u"CREATE TABLE account (id integer PRIMARY KEY, email text UNIQUE, "
        "balance integer CONSTRAINT balance_not_negative CHECK (balance >= 0));"
        "CREATE TABLE item (id integer PRIMARY KEY, account_id integer REFERENCES account (id));"
        "INSERT INTO account (id, email, balance) VALUES (1, 'a@example.org', 5);"_s);
    QVERIFY2(made.ok(), why(made).constData());
    const auto r = m_conn->execute(sql);
    QVERIFY2(!r.ok(), "the statement must fail");
    const quarry::db::DbError &e = r.error();
    QCOMPARE(e.kind, Error::Kind::Database);
    QCOMPARE(e.sqlState, sqlState);
    QCOMPARE(e.sqliteCode, sqliteCode);
    QCOMPARE(e.constraint, constraint);
    QVERIFY2(e.message.contains(message, Qt::CaseInsensitive), qPrintable(e.message));
    QVERIFY(!quarry::db::isCancelled(e));
    const auto after = m_conn->query(u"SELECT count(*) FROM account"_s);   // still usable
    QVERIFY2(after.ok(), why(after).constData());
    QCOMPARE(after.value().rows.at(0).at(0).toInt(), 1);
}

void TestConnection::oneStatementAtATime()
{
    const auto r = m_conn->query(u"SELECT 1; SELECT 2"_s);
    QVERIFY2(!r.ok(), "two statements in one call must be refused");
    QVERIFY(m_conn->query(u"SELECT 1; -- a trailing comment is fine\n"_s).ok());
}

void TestConnection::cancelFromAnotherThread_data()
{
    QTest::addColumn<QString>("engine");
    QTest::addColumn<QString>("sql");
    QTest::newRow("postgres pg_sleep") << u"postgres"_s << u"SELECT pg_sleep(30)"_s;
    QTest::newRow("sqlite endless recursive CTE")
        << u"sqlite"_s << u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"_s;
}

void TestConnection::cancelFromAnotherThread()
{
    QFETCH(QString, sql);
    std::optional<quarry::db::DbResult<quarry::db::Rows>> result;
    QElapsedTimer started;
    started.start();
    Background worker([&] { result = m_conn->query(sql); });
    QTRY_VERIFY_WITH_TIMEOUT(m_conn->isExecuting() || worker.finished(), 5000);
    QVERIFY2(!worker.finished(), "the statement ended by itself");
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    m_conn->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(worker.finished(), 10000);
    const qint64 took = sinceCancel.elapsed();
    QVERIFY2(took < 1000, qPrintable(u"the statement stopped %1 ms after cancel()"_s.arg(took)));
    QVERIFY(result.has_value());
    QVERIFY2(!result->ok(), "a cancelled statement returns an error");
    QVERIFY2(quarry::db::isCancelled(result->error()), qPrintable(result->error().toString()));
    if (m_conn->engine() == Engine::Postgres)
        QCOMPARE(result->error().sqlState, u"57014"_s);
    else
        QCOMPARE(result->error().sqliteCode, 9);   // SQLITE_INTERRUPT
    const auto after = m_conn->query(u"SELECT 1"_s);
    QVERIFY2(after.ok(), why(after).constData());
    m_conn->cancel();   // nothing runs: does nothing, and the next statement is not affected
    QVERIFY(m_conn->query(u"SELECT 2"_s).ok());
}

void TestConnection::sqliteDeadline()
{
    auto c = SqliteConnection::openMemory();
    QVERIFY2(c.ok(), why(c).constData());
    c.value()->setDeadline(QDeadlineTimer(300));
    QElapsedTimer timer;
    timer.start();
    const auto r = c.value()->query(
        u"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"_s);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().sqliteCode, 9);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

void TestConnection::sqliteNotADatabase()
{
    const QString path = m_dir.filePath(u"notes.txt"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    const auto c = SqliteConnection::open(path);
    QVERIFY(!c.ok());
    QCOMPARE(c.error().kind, Error::Kind::InvalidInput);
    QCOMPARE(c.error().sqliteCode, 26);   // SQLITE_NOTADB
    QCOMPARE(c.error().where, path);
}

void TestConnection::sqliteReadOnly()
{
    const QString path = m_dir.filePath(u"ro.db"_s);
    {
        auto rw = SqliteConnection::open(path);
        QVERIFY2(rw.ok(), why(rw).constData());
        QVERIFY(rw.value()->execute(u"CREATE TABLE t (x)"_s));
    }
    quarry::db::OpenOptions options;
    options.readOnly = true;
    auto ro = SqliteConnection::open(path, options);
    QVERIFY2(ro.ok(), why(ro).constData());
    const auto write = ro.value()->execute(u"INSERT INTO t VALUES (1)"_s);
    QVERIFY(!write.ok());
    QCOMPARE(write.error().sqliteCode & 0xff, 8);   // SQLITE_READONLY
    const auto missing = SqliteConnection::open(m_dir.filePath(u"missing.db"_s), options);
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind, Error::Kind::Io);
}

// A prepared statement run without a row handler hands its rows back, as query() does; with a
// handler they stream and are not kept. (The SQLite expert read EXPLAIN QUERY PLAN this way and
// got no plan lines, so it never saw its candidates used.)
void TestConnection::sqlitePreparedStatementRows()
{
    auto opened = SqliteConnection::openMemory();
    QVERIFY2(opened.ok(), why(opened).constData());
    SqliteConnection &db = *opened.value();
    QVERIFY(db.execute(u"CREATE TABLE t (a INTEGER, b TEXT)"_s));
    QVERIFY(db.execute(u"INSERT INTO t VALUES (1, 'x'), (2, NULL)"_s));
    auto stmt = db.prepare("SELECT a, b FROM t WHERE a >= ?1 ORDER BY a");
    QVERIFY2(stmt.ok(), why(stmt).constData());
    QCOMPARE(stmt.value().parameterCount(), 1);
    auto all = stmt.value().run({1});
    QVERIFY2(all.ok(), why(all).constData());
    QCOMPARE(all.value().columns, QStringList({u"a"_s, u"b"_s}));
    QCOMPARE(all.value().rows.size(), 2);
    QCOMPARE(all.value().rows.at(0), QVariantList({1LL, u"x"_s}));
    QVERIFY(all.value().rows.at(1).at(1).isNull());
    int streamed = 0;
    auto handled = stmt.value().run({2}, [&](const Row &row) {
        ++streamed;
        return row.value(0).toLongLong() == 2;
    });
    QVERIFY2(handled.ok(), why(handled).constData());
    QCOMPARE(streamed, 1);
    QVERIFY(handled.value().rows.isEmpty());
    auto plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM t WHERE a = 1");
    QVERIFY2(plan.ok(), why(plan).constData());
    auto lines = plan.value().run();
    QVERIFY2(lines.ok(), why(lines).constData());
    QVERIFY(!lines.value().rows.isEmpty());
    QVERIFY2(lines.value().rows.first().at(3).toString().startsWith(u"SCAN t"_s),
             qPrintable(lines.value().rows.first().at(3).toString()));
}

void TestConnection::openByUrl()
{
    auto c = Connection::open(u"sqlite::memory:"_s);
    QVERIFY2(c.ok(), why(c).constData());
    QCOMPARE(c.value()->engine(), Engine::Sqlite);
    const auto bad = Connection::open(u"mysql://root:hunter2@localhost/db"_s);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().kind, Error::Kind::InvalidInput);
    QVERIFY2(!bad.error().toString().contains(u"hunter2"_s), qPrintable(bad.error().toString()));
    QCOMPARE(quarry::db::sqliteFilePath(u"sqlite:///tmp/a.db"_s), u"/tmp/a.db"_s);
    QCOMPARE(quarry::db::sqliteFilePath(u"sqlite:a.db"_s, u"/w"_s), u"/w/a.db"_s);
    QVERIFY(quarry::db::sqliteFilePath(u"postgresql://x/y"_s).isEmpty());
    QVERIFY(quarry::db::isPostgresUrl(u"host=localhost dbname=x"_s));
}

quint16 TestConnection::closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 1;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

void TestConnection::pgDeadServer()
{
    QElapsedTimer timer;
    timer.start();
    const auto c = PgConnection::open(u"postgresql://postgres@127.0.0.1:%1/postgres"_s.arg(closedPort()));
    QVERIFY(!c.ok());
    QCOMPARE(c.error().kind, Error::Kind::Network);
    QVERIFY2(c.error().message.contains(u"127.0.0.1"_s), qPrintable(c.error().message));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(u"a refused connection took %1 ms"_s.arg(timer.elapsed())));
    const auto bad = PgConnection::open(u"postgresql://[broken"_s);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().kind, Error::Kind::InvalidInput);
}

void TestConnection::pgPasswordNotInMessages()
{
    const auto c = PgConnection::open(u"postgresql://postgres:s3cr3t-pw@127.0.0.1:%1/postgres"_s.arg(closedPort()));
    QVERIFY(!c.ok());
    QVERIFY2(!c.error().toString().contains(u"s3cr3t-pw"_s), qPrintable(c.error().toString()));
    const auto k = PgConnection::open(u"host=127.0.0.1 port=%1 password=s3cr3t-pw"_s.arg(closedPort()));
    QVERIFY(!k.ok());
    QVERIFY2(!k.error().toString().contains(u"s3cr3t-pw"_s), qPrintable(k.error().toString()));
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
