// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "../quarryrun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

// `quarry advise WORKSPACE --queries FILE [--db sqlite:FILE] [--json]` through QProcess.
class TestAdvise : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void chinookText();
    void chinookJson();
    void badStatementKeepsTheRest();
    void designWithoutDatabase();
    void errors_data();
    void errors();

private:
    using Run = quarry::test::QuarryRun;
    static Run quarry(const QStringList &args) { return quarry::test::runQuarry(args, 60000); }
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
    QString m_seed;
    QString m_db;
    QString m_queries;
};

QTEST_GUILESS_MAIN(TestAdvise)

QString TestAdvise::write(const QString &name, const QByteArray &content)
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

void TestAdvise::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("QUARRY_BIN")), "QUARRY_BIN does not name the quarry binary");
    QVERIFY(m_dir.isValid());
    m_seed = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    QString sql = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/chinook/Chinook_Sqlite.sql"_s;
    if (!QFile::exists(sql))
        sql = u"/work/shared/data/chinook/Chinook_Sqlite.sql"_s;
    m_db = m_dir.filePath(u"chinook.db"_s);
    QProcess p;
    p.setStandardInputFile(sql);
    p.start(QStandardPaths::findExecutable(u"sqlite3"_s), {m_db});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    m_queries = write(u"chinook.sql"_s, "-- tracks by composer\n"
                                        "SELECT Name FROM Track WHERE Composer = 'AC/DC';\n"
                                        "\n"
                                        "SELECT * FROM Track WHERE GenreId = 5;\n");
}

void TestAdvise::chinookText()
{
    const Run r = quarry({u"advise"_s, m_seed, u"--queries"_s, m_queries, u"--db"_s, u"sqlite:"_s + m_db});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString expected =
        u"Query 1, line 2: SELECT Name FROM Track WHERE Composer = 'AC/DC'\n"
        "  Plan before:\n"
        "    SCAN Track\n"
        "  Plan after:\n"
        "    SEARCH Track USING INDEX Track_Composer_idx (Composer=?)\n"_s;
    QVERIFY2(r.out.contains(expected), qPrintable(r.out));
    QVERIFY(r.out.contains(u"  Suggested index: CREATE INDEX \"Track_Composer_idx\" ON \"Track\" (\"Composer\");\n"_s));
    QVERIFY(r.out.contains(u"Query 2, line 4: SELECT * FROM Track WHERE GenreId = 5\n  Plan:\n"
                           "    SEARCH Track USING INDEX IFK_TrackGenreId (GenreId=?)\n"
                           "  No index: No new candidate: the existing index IFK_TrackGenreId serves Track.\n"_s));
    QVERIFY(r.out.contains(u"1 index suggestion(s) for 2 statement(s).\n"_s));
    // The design advice follows, in the database's dialect.
    QVERIFY2(r.out.contains(u"Design advice (SQLite):\n"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"[index-duplicates-constraint]"_s));
}

void TestAdvise::chinookJson()
{
    const Run r = quarry({u"advise"_s, m_seed, u"--queries"_s, m_queries, u"--db"_s, u"sqlite:"_s + m_db, u"--json"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(root.value(u"dialect"_s).toString(), u"sqlite"_s);
    QVERIFY(!root.value(u"advice"_s).toArray().isEmpty());
    const QJsonObject q = root.value(u"queries"_s).toObject();
    QCOMPARE(q.value(u"engine"_s).toString(), u"sqlite"_s);
    QCOMPARE(q.value(u"suggestions"_s).toInt(), 1);
    const QJsonArray results = q.value(u"results"_s).toArray();
    QCOMPARE(results.size(), 2);
    const QJsonObject first = results.at(0).toObject();
    QCOMPARE(first.value(u"line"_s).toInt(), 2);
    QCOMPARE(first.value(u"status"_s).toString(), u"suggested"_s);
    QCOMPARE(first.value(u"planBefore"_s).toArray().first().toString(), u"SCAN Track"_s);
    QCOMPARE(first.value(u"suggestions"_s).toArray().first().toObject().value(u"columns"_s).toArray(),
             QJsonArray{u"Composer"_s});
    QCOMPARE(first.value(u"createIndex"_s).toArray().first().toString(),
             u"CREATE INDEX \"Track_Composer_idx\" ON \"Track\" (\"Composer\")"_s);
    QCOMPARE(results.at(1).toObject().value(u"status"_s).toString(), u"no-candidates"_s);
}

void TestAdvise::badStatementKeepsTheRest()
{
    const QString file = write(u"bad.sql"_s, "SELECT * FROM Artist WHERE Name = 'Queen';\n"
                                             "SELECT *\n  FRM Track;\n"
                                             "SELECT * FROM Invoice WHERE Total > 15;\n");
    const Run r = quarry({u"advise"_s, m_seed, u"--queries"_s, file, u"--db"_s, u"sqlite:"_s + m_db});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains(u"error: "_s + file + u", line 3, column 3: near \"FRM\": syntax error"_s), qPrintable(r.err));
    QVERIFY(r.out.contains(u"Query 2, line 2: SELECT * …\n  Error: "_s));
    QVERIFY(r.out.contains(u"2 index suggestion(s) for 3 statement(s); 1 could not be analysed.\n"_s));
}

void TestAdvise::designWithoutDatabase()
{
    const QString file = write(u"seed.sql"_s, "SELECT * FROM users WHERE name = 'Ada';\n"
                                              "SELECT * FROM users WHERE email = 'ada@example.com';\n");
    const Run r = quarry({u"advise"_s, m_seed, u"--queries"_s, file});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"planned by the design (SQLite DDL, no rows)"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"  Suggested index: CREATE INDEX users_name_idx ON users (name);\n"_s));
    QVERIFY(r.out.contains(u"1 index suggestion(s) for 2 statement(s).\n"_s));
    // The design advice keeps its default dialect.
    QVERIFY(r.out.contains(u"Design advice (PostgreSQL):\n"_s));
}

void TestAdvise::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message");
    const QString seed = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    QTest::newRow("db without queries") << QStringList{u"advise"_s, seed, u"--db"_s, u"sqlite:x.db"_s} << 2
                                        << u"give the workload with --queries FILE"_s;
    QTest::newRow("unknown url") << QStringList{u"advise"_s, seed, u"--queries"_s, u"q.sql"_s, u"--db"_s, u"mysql://x"_s}
                                 << 2 << u"is not a database URL Quarry knows"_s;
    QTest::newRow("missing queries file") << QStringList{u"advise"_s, seed, u"--queries"_s, u"/nonexistent/q.sql"_s} << 1
                                          << u"Cannot read the queries file"_s;
}

void TestAdvise::errors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Run r = quarry(args);
    QCOMPARE(r.code, code);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    // A database file that is not there: exit 1 with the path.
    const Run missing = quarry({u"advise"_s, m_seed, u"--queries"_s, m_queries, u"--db"_s, u"sqlite:/nonexistent/x.db"_s});
    QCOMPARE(missing.code, 1);
    QVERIFY2(missing.err.contains(u"No SQLite database file here. (/nonexistent/x.db)"_s), qPrintable(missing.err));
}

#include "tst_advise.moc"
