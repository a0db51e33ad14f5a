// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// SqliteExpert against the sqlite3 shell's own `.expert` on Chinook: for each query, the index
// column sets Quarry suggests equal the ones `.expert` prints (index names may differ), including
// the queries for which `.expert` suggests nothing.
#include "schema/dialectregistry.h"
#include "schema/sqliteexpert.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

class TestSqliteExpert : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void matchesShellExpert_data();
    void matchesShellExpert();
    void plansBeforeAndAfter();
    void badSqlIsReportedAndOthersAnalysed();
    void leavesTheFileUnchanged();
    void designWithoutData();
    void notADatabase();

private:
    QString m_sqlite3;
    QString m_db;
    QTemporaryDir m_dir;
    const Dialect *m_dialect = nullptr;
    // "Table(col, col)" per index, columns sorted: what is compared.
    static QStringList normalise(const QList<std::pair<QString, QStringList>> &indexes);
    QList<std::pair<QString, QStringList>> shellExpert(const QString &sql, QString *output);
};

static QString chinookSql()
{
    const QString inTree = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/chinook/Chinook_Sqlite.sql"_s;
    return QFile::exists(inTree) ? inTree : u"/work/shared/data/chinook/Chinook_Sqlite.sql"_s;
}

void TestSqliteExpert::initTestCase()
{
    m_sqlite3 = QStandardPaths::findExecutable(u"sqlite3"_s);
    QVERIFY2(!m_sqlite3.isEmpty(), "the sqlite3 shell is needed (Debian package sqlite3)");
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(chinookSql()), qPrintable(chinookSql()));
    m_db = m_dir.filePath(u"chinook.db"_s);
    QProcess p;
    p.setStandardInputFile(chinookSql());
    p.start(m_sqlite3, {m_db});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    m_dialect = DialectRegistry::instance().dialect(u"sqlite"_s);
    QVERIFY2(m_dialect, "the sqlite dialect plugin is needed");
}

QStringList TestSqliteExpert::normalise(const QList<std::pair<QString, QStringList>> &indexes)
{
    QStringList out;
    for (auto [table, cols] : indexes) {
        for (QString &c : cols)
            c = c.section(u' ', 0, 0).remove(u'"').remove(u'\'');   // drop COLLATE/DESC and quotes
        cols.sort();
        out << table + u'(' + cols.join(u", "_s) + u')';
    }
    out.sort();
    return out;
}

QList<std::pair<QString, QStringList>> TestSqliteExpert::shellExpert(const QString &sql, QString *output)
{
    QProcess p;
    p.start(m_sqlite3, {m_db});
    p.write(".expert\n" + sql.toUtf8() + ";\n");
    p.closeWriteChannel();
    p.waitForFinished(30000);
    *output = QString::fromUtf8(p.readAllStandardOutput()) + QString::fromUtf8(p.readAllStandardError());
    QList<std::pair<QString, QStringList>> out;
    static const QRegularExpression create(u"^CREATE INDEX \\S+ ON ([^(]+)\\((.*)\\);$"_s,
                                           QRegularExpression::MultilineOption);
    for (auto it = create.globalMatch(*output); it.hasNext();) {
        const auto m = it.next();
        QStringList cols = m.captured(2).split(u',');
        for (QString &c : cols)
            c = c.trimmed();
        out << std::make_pair(m.captured(1).trimmed().remove(u'\''), cols);
    }
    return out;
}

void TestSqliteExpert::matchesShellExpert_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("expectSuggestion");
    QTest::newRow("equality, no index") << u"SELECT * FROM Track WHERE Composer = 'AC/DC'"_s << true;
    QTest::newRow("equality + range") << u"SELECT * FROM Track WHERE MediaTypeId = 1 AND Milliseconds > 300000"_s << true;
    QTest::newRow("order by") << u"SELECT * FROM Invoice ORDER BY InvoiceDate"_s << true;
    QTest::newRow("equality + order by") << u"SELECT FirstName, LastName FROM Customer WHERE Country = 'Brazil' ORDER BY LastName"_s << true;
    QTest::newRow("multi-column equality") << u"SELECT * FROM Invoice WHERE BillingCountry = 'USA' AND BillingCity = 'Boston'"_s << true;
    QTest::newRow("join with filter") << u"SELECT t.Name, a.Title FROM Track t JOIN Album a ON a.AlbumId = t.AlbumId WHERE a.Title = 'Facelift'"_s << true;
    QTest::newRow("artist by name") << u"SELECT ArtistId FROM Artist WHERE Name = 'AC/DC'"_s << true;
    QTest::newRow("range only") << u"SELECT * FROM Invoice WHERE Total > 15"_s << true;
    QTest::newRow("update by email") << u"UPDATE Customer SET Phone = NULL WHERE Email = 'luisg@embraer.com.br'"_s << true;
    QTest::newRow("three-way join") << u"SELECT c.LastName, i.Total FROM Customer c JOIN Invoice i ON i.CustomerId = c.CustomerId JOIN Employee e ON e.EmployeeId = c.SupportRepId WHERE e.LastName = 'Peacock'"_s << true;
    // Served already: foreign-key indexes and primary keys.
    QTest::newRow("fk index serves it") << u"SELECT * FROM Track WHERE GenreId = 5"_s << false;
    QTest::newRow("primary key") << u"SELECT * FROM Customer WHERE CustomerId = 3"_s << false;
    QTest::newRow("join on fk") << u"SELECT al.Title, t.Name FROM Album al JOIN Track t ON t.AlbumId = al.AlbumId WHERE al.AlbumId = 10"_s << false;
    QTest::newRow("delete by fk") << u"DELETE FROM InvoiceLine WHERE InvoiceId = 5"_s << false;
    QTest::newRow("like is not indexable") << u"SELECT * FROM Track WHERE Name LIKE '%love%'"_s << false;
    QTest::newRow("no where") << u"SELECT count(*) FROM Track"_s << false;
}

void TestSqliteExpert::matchesShellExpert()
{
    QFETCH(QString, sql);
    QFETCH(bool, expectSuggestion);
    QString shellOutput;
    const QStringList expected = normalise(shellExpert(sql, &shellOutput));
    QVERIFY2(shellOutput.contains(u"(no new indexes)"_s) || !expected.isEmpty(), qPrintable(shellOutput));

    auto result = SqliteExpert::adviseFile(m_db, Workload::fromText(sql), *m_dialect);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
    QCOMPARE(result.value().queries.size(), 1);
    const QueryAdvice &a = result.value().queries.first();
    QList<std::pair<QString, QStringList>> ours;
    for (const IndexCandidate &c : a.suggestions)
        ours << std::make_pair(c.table, c.columns);
    const QStringList actual = normalise(ours);
    if (actual != expected)
        qWarning().noquote() << "sqlite3 .expert said:\n" << shellOutput << "\nQuarry:" << a.message << a.planAfter;
    QCOMPARE(actual, expected);
    // The data set is meant to hold both kinds; a change of SQLite's planner shows up here.
    QCOMPARE(!actual.isEmpty(), expectSuggestion);
    QCOMPARE(a.status == QueryAdvice::Status::Suggested, expectSuggestion);
    if (expectSuggestion) {
        QCOMPARE(a.createStatements.size(), a.suggestions.size());
        QVERIFY(a.createStatements.first().startsWith(u"CREATE INDEX "_s));
    }
}

void TestSqliteExpert::plansBeforeAndAfter()
{
    auto result = SqliteExpert::adviseFile(
        m_db, Workload::fromText(u"SELECT * FROM Track WHERE MediaTypeId = 1 AND Milliseconds > 300000"_s), *m_dialect);
    QVERIFY(result);
    const QueryAdvice &a = result.value().queries.first();
    QCOMPARE(a.status, QueryAdvice::Status::Suggested);
    QCOMPARE(a.planBefore, QStringList{u"SEARCH Track USING INDEX IFK_TrackMediaTypeId (MediaTypeId=?)"_s});
    QCOMPARE(a.planAfter.size(), 1);
    QVERIFY2(a.planAfter.first().startsWith(u"SEARCH Track USING INDEX Track_MediaTypeId_Milliseconds_idx"_s),
             qPrintable(a.planAfter.first()));
    QCOMPARE(a.createStatements.first(),
             u"CREATE INDEX \"Track_MediaTypeId_Milliseconds_idx\" ON \"Track\" (\"MediaTypeId\", \"Milliseconds\")"_s);
    // The suggested statement runs on the real schema.
    QVERIFY(!a.costBefore && !a.costAfter); // SQLite reports no costs
}

void TestSqliteExpert::badSqlIsReportedAndOthersAnalysed()
{
    const Workload w = Workload::fromText(u"-- a workload\n"
                                          "SELECT * FROM Artist WHERE Name = 'Queen';\n"
                                          "SELECT * FRM Track\n  WHERE Composer = 'x';\n"
                                          "SELECT * FROM NoSuchTable;\n"
                                          "CREATE TABLE t(x);\n"
                                          "SELECT * FROM Invoice WHERE Total > 15;\n"_s);
    QCOMPARE(w.queries.size(), 5);
    auto result = SqliteExpert::adviseFile(m_db, w, *m_dialect);
    QVERIFY(result);
    const auto &q = result.value().queries;
    QCOMPARE(q.at(0).status, QueryAdvice::Status::Suggested);
    QCOMPARE(q.at(1).status, QueryAdvice::Status::Failed);
    QCOMPARE(q.at(1).message, u"near \"FRM\": syntax error"_s);
    QCOMPARE(q.at(1).where, u"line 3, column 10"_s);
    QCOMPARE(q.at(2).status, QueryAdvice::Status::Failed);
    QVERIFY2(q.at(2).message.contains(u"no such table: NoSuchTable"_s), qPrintable(q.at(2).message));
    QCOMPARE(q.at(2).where, u"line 5, column 1"_s); // SQLite gives no offset for this one: the statement's start
    QCOMPARE(q.at(3).status, QueryAdvice::Status::Skipped);
    QCOMPARE(q.at(4).status, QueryAdvice::Status::Suggested);
}

void TestSqliteExpert::leavesTheFileUnchanged()
{
    auto hash = [&] {
        QFile f(m_db);
        return f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256) : QByteArray();
    };
    const QByteArray before = hash();
    auto result = SqliteExpert::adviseFile(
        m_db, Workload::fromText(u"SELECT * FROM Track WHERE Composer = 'x'; UPDATE Track SET Name = 'y' WHERE Bytes > 5"_s),
        *m_dialect);
    QVERIFY(result);
    QCOMPARE(hash(), before);
    QVERIFY(!QFile::exists(m_db + u"-journal"_s));
}

void TestSqliteExpert::designWithoutData()
{
    // The design's own DDL, no rows: SQLite's default estimates; an equality still earns an index.
    const QStringList ddl{u"CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, country TEXT)"_s,
                          u"CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), placed_at TEXT)"_s,
                          u"CREATE INDEX orders_customer_id_idx ON orders (customer_id)"_s};
    auto result = SqliteExpert::adviseDdl(
        ddl,
        Workload::fromText(u"SELECT * FROM customers WHERE email = ?;\n"
                           "SELECT * FROM orders WHERE customer_id = :c ORDER BY placed_at;\n"
                           "SELECT * FROM orders WHERE customer_id = 7;\n"
                           "SELECT * FROM customers WHERE id = 3;\n"
                           "SELECT * FROM customers"_s),
        *m_dialect);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
    const auto &q = result.value().queries;
    QCOMPARE(q.at(0).status, QueryAdvice::Status::Suggested);
    QCOMPARE(q.at(0).suggestions.first().columns, QStringList{u"email"_s});
    QCOMPARE(q.at(1).status, QueryAdvice::Status::Suggested);
    QCOMPARE(q.at(1).suggestions.first().columns, (QStringList{u"customer_id"_s, u"placed_at"_s}));
    QCOMPARE(q.at(2).status, QueryAdvice::Status::NoCandidates);
    QVERIFY2(q.at(2).message.contains(u"orders_customer_id_idx"_s), qPrintable(q.at(2).message));
    // A rowid lookup is already served by the key; a plain scan has nothing to index.
    QCOMPARE(q.at(3).status, QueryAdvice::Status::NoCandidates);
    QVERIFY2(q.at(3).message.contains(u"primary key"_s), qPrintable(q.at(3).message));
    QCOMPARE(q.at(4).status, QueryAdvice::Status::NoCandidates);
    QVERIFY2(q.at(4).message.contains(u"no column compared"_s), qPrintable(q.at(4).message));
}

void TestSqliteExpert::notADatabase()
{
    const QString path = m_dir.filePath(u"not.db"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is not a database, just some text that is long enough to have a header of sorts............");
    f.close();
    auto result = SqliteExpert::adviseFile(path, Workload::fromText(u"SELECT 1"_s), *m_dialect);
    QVERIFY(!result);
    QCOMPARE(result.error().where, path);
    QVERIFY2(result.error().message.contains(u"Not an SQLite database"_s), qPrintable(result.error().message));
    auto missing = SqliteExpert::adviseFile(m_dir.filePath(u"missing.db"_s), Workload::fromText(u"SELECT 1"_s), *m_dialect);
    QVERIFY(!missing);
}

QTEST_GUILESS_MAIN(TestSqliteExpert)
#include "tst_sqliteexpert.moc"
