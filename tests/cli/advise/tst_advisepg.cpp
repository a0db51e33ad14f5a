// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

// `quarry advise --db postgresql://...` against a throw-away cluster (QUARRY_TEST_PG_URL) with
// Pagila: the text a user reads, and the database left as it was.
class TestAdvisePg : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void pagilaWorkload();

private:
    QString psql(const QString &url, const QString &sql);
    QTemporaryDir m_dir;
    QString m_url;
};

QTEST_GUILESS_MAIN(TestAdvisePg)

QString TestAdvisePg::psql(const QString &url, const QString &sql)
{
    QProcess p;
    p.start(QStandardPaths::findExecutable(u"psql"_s), {u"-X"_s, u"-qAt"_s, url, u"-c"_s, sql});
    p.waitForFinished(120000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

void TestAdvisePg::initTestCase()
{
    const QString admin = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (admin.isEmpty())
        QFAIL("QUARRY_TEST_PG_URL is not set. Run the suite with scripts/test.sh, or export "
              "QUARRY_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres.");
    QVERIFY(!QStandardPaths::findExecutable(u"psql"_s).isEmpty());
    psql(admin, u"DROP DATABASE IF EXISTS quarry_cli_advise WITH (FORCE)"_s);
    psql(admin, u"CREATE DATABASE quarry_cli_advise"_s);
    QUrl u(admin);
    u.setPath(u"/quarry_cli_advise"_s);
    m_url = u.toString();
    QString dir = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/pagila/"_s;
    if (!QFile::exists(dir + u"pagila-schema.sql"_s))
        dir = u"/work/shared/data/pagila/"_s;
    for (const QString &f : {u"pagila-schema.sql"_s, u"pagila-data.sql"_s}) {
        QProcess p;
        p.start(QStandardPaths::findExecutable(u"psql"_s), {u"-X"_s, u"-q"_s, u"-o"_s, u"/dev/null"_s, m_url, u"-f"_s, dir + f});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
    }
    psql(m_url, u"ANALYZE"_s);
    QCOMPARE(psql(m_url, u"SELECT count(*) FROM rental"_s), u"16044"_s);
}

void TestAdvisePg::pagilaWorkload()
{
    QFile q(m_dir.filePath(u"pagila.sql"_s));
    QVERIFY(q.open(QIODevice::WriteOnly));
    q.write("-- open rentals of one customer\n"
            "SELECT * FROM rental WHERE customer_id = 5 AND return_date IS NULL;\n"
            "SELECT * FROM rental WHERE rental_id = 42;\n");
    q.close();
    const QString indexesBefore = psql(m_url, u"SELECT count(*) FROM pg_indexes"_s);
    const QString ws = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    QProcess p;
    p.start(qEnvironmentVariable("QUARRY_BIN"), {u"advise"_s, ws, u"--queries"_s, q.fileName(), u"--db"_s, m_url});
    QVERIFY(p.waitForFinished(60000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    qInfo().noquote() << out;
    QVERIFY2(out.contains(u"Query 1, line 2: SELECT * FROM rental WHERE customer_id = 5 AND return_date IS NULL\n"
                          "  Plan before (cost "_s),
             qPrintable(out));
    QVERIFY(out.contains(u"):\n    Seq Scan on rental\n  Plan after (cost "_s));
    QVERIFY(out.contains(u"btree_rental_customer_id"_s));
    QVERIFY(out.contains(u"  Saving: "_s));
    QVERIFY(out.contains(u"  Suggested index: CREATE INDEX rental_customer_id"_s));
    QVERIFY(out.contains(u"Query 2, line 3: SELECT * FROM rental WHERE rental_id = 42\n  Plan (cost "_s));
    QVERIFY(out.contains(u"    Index Scan using rental_pkey on rental\n  No index: No new candidate: rental(rental_id) is "
                         "covered by the existing index rental_pkey.\n"_s));
    QVERIFY(out.contains(u"1 index suggestion(s) for 2 statement(s).\n"_s));
    QCOMPARE(psql(m_url, u"SELECT count(*) FROM pg_indexes"_s), indexesBefore);
    QCOMPARE(psql(m_url, u"SELECT count(*) FROM pg_extension WHERE extname = 'hypopg'"_s), u"0"_s);
}

#include "tst_advisepg.moc"
