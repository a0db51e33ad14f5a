// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// PgQueryAdvisor on a real PostgreSQL (QUARRY_TEST_PG_URL) with Pagila loaded into a database of
// its own: HypoPG finds the index that at least halves the cost, leaves served queries alone, and
// the database is unchanged afterwards.
#include "db/pgconnection.h"
#include "schema/dialectregistry.h"
#include "schema/queryadvisor.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::schema;

class TestPgQueryAdvisor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void suggestsIndexThatHalvesTheCost();
    void leavesServedQueriesAlone();
    void parameterisedQueryUsesTheGenericPlan();
    void badStatementsAreReportedOthersAnalysed();
    void databaseIsUnchanged();
    void withoutHypoPgTheErrorSaysWhatToDo();
    void unreachableServer();

private:
    QString m_url;        // the pagila database
    QString m_adminUrl;
    const Dialect *m_dialect = nullptr;
    WorkloadAdvice advise(const QString &sql);
    QString scalar(const QString &url, const QString &sql);
};

static QString dataFile(const QString &name)
{
    const QString inTree = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/pagila/"_s + name;
    return QFile::exists(inTree) ? inTree : u"/work/shared/data/pagila/"_s + name;
}

QString TestPgQueryAdvisor::scalar(const QString &url, const QString &sql)
{
    auto c = db::PgConnection::open(url);
    if (!c)
        return u"error: "_s + c.error().toString();
    auto r = c.value()->query(sql);
    if (!r)
        return u"error: "_s + r.error().toString();
    return r.value().rows.isEmpty() ? QString() : r.value().rows.first().first().toString();
}

void TestPgQueryAdvisor::initTestCase()
{
    m_adminUrl = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (m_adminUrl.isEmpty())
        QFAIL("QUARRY_TEST_PG_URL is not set. Run the suite with scripts/test.sh, or export "
              "QUARRY_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres.");
    m_dialect = DialectRegistry::instance().dialect(u"postgres"_s);
    QVERIFY(m_dialect);
    const QString psql = QStandardPaths::findExecutable(u"psql"_s);
    QVERIFY2(!psql.isEmpty(), "psql is needed to load Pagila");

    // CREATE/DROP DATABASE cannot run in PgConnection's transaction: psql runs them.
    for (const QString &sql : {u"DROP DATABASE IF EXISTS quarry_advise_pagila WITH (FORCE)"_s,
                               u"CREATE DATABASE quarry_advise_pagila"_s}) {
        QProcess p;
        p.start(psql, {u"-X"_s, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, m_adminUrl, u"-c"_s, sql});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }
    QUrl u(m_adminUrl);
    u.setPath(u"/quarry_advise_pagila"_s);
    m_url = u.toString();

    // The whole data set: ~16k rentals and payments load in about a second.
    QElapsedTimer timer;
    timer.start();
    for (const QString &file : {dataFile(u"pagila-schema.sql"_s), dataFile(u"pagila-data.sql"_s)}) {
        QProcess p;
        p.start(psql, {u"-q"_s, u"-X"_s, u"-o"_s, u"/dev/null"_s, m_url, u"-f"_s, file});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }
    QProcess analyze;
    analyze.start(psql, {u"-X"_s, u"-q"_s, m_url, u"-c"_s, u"ANALYZE"_s});
    QVERIFY(analyze.waitForFinished(60000));
    QCOMPARE(analyze.exitCode(), 0);
    qInfo("Pagila loaded and analysed in %lld ms", qlonglong(timer.elapsed()));
    QCOMPARE(scalar(m_url, u"SELECT count(*) FROM rental"_s), u"16044"_s);
}

WorkloadAdvice TestPgQueryAdvisor::advise(const QString &sql)
{
    auto r = PgQueryAdvisor::advise(m_url, Workload::fromText(sql), *m_dialect);
    if (!r)
        qFatal("advise failed: %s", qPrintable(r.error().toString()));
    return r.value();
}

void TestPgQueryAdvisor::suggestsIndexThatHalvesTheCost()
{
    const WorkloadAdvice w = advise(u"SELECT * FROM rental WHERE customer_id = 5 AND return_date IS NULL"_s);
    QCOMPARE(w.engine, u"postgres"_s);
    QVERIFY2(w.notes.join(u' ').contains(u"HypoPG"_s), qPrintable(w.notes.join(u' ')));
    const QueryAdvice &a = w.queries.first();
    QCOMPARE(a.status, QueryAdvice::Status::Suggested);
    QVERIFY(a.costBefore && a.costAfter);
    QVERIFY2(*a.costAfter <= *a.costBefore / 2, qPrintable(a.message));
    QVERIFY(*a.savingPercent() >= 50);
    QCOMPARE(a.planBefore, QStringList{u"Seq Scan on rental"_s});
    QVERIFY2(a.planAfter.join(u'\n').contains(u"btree_rental_customer_id"_s), qPrintable(a.planAfter.join(u'\n')));
    QCOMPARE(a.suggestions.size(), 1);
    QCOMPARE(a.suggestions.first().table, u"rental"_s);
    QCOMPARE(a.suggestions.first().columns.first(), u"customer_id"_s);
    QVERIFY2(a.createStatements.first().startsWith(u"CREATE INDEX rental_customer_id"_s),
             qPrintable(a.createStatements.first()));
    qInfo("%s", qPrintable(a.message));
}

void TestPgQueryAdvisor::leavesServedQueriesAlone()
{
    const WorkloadAdvice w = advise(u"SELECT * FROM rental WHERE rental_id = 42;\n"
                                    "SELECT * FROM rental WHERE inventory_id = 7;\n"
                                    "SELECT title FROM film WHERE film_id = 3;\n"
                                    "SELECT count(*) FROM payment"_s);
    QCOMPARE(w.queries.size(), 4);
    for (const QueryAdvice &a : w.queries) {
        QVERIFY2(a.status == QueryAdvice::Status::NoCandidates, qPrintable(a.query.sql + u": "_s + a.message));
        QVERIFY(a.suggestions.isEmpty());
        QVERIFY(!a.planBefore.isEmpty());
    }
    QVERIFY2(w.queries.at(1).message.contains(u"idx_fk_inventory_id"_s), qPrintable(w.queries.at(1).message));
    QVERIFY2(w.queries.at(0).planBefore.first().startsWith(u"Index Scan using rental_pkey on rental"_s),
             qPrintable(w.queries.at(0).planBefore.join(u'\n')));
}

void TestPgQueryAdvisor::parameterisedQueryUsesTheGenericPlan()
{
    const WorkloadAdvice w = advise(u"SELECT * FROM rental WHERE customer_id = $1 AND return_date IS NULL"_s);
    const QueryAdvice &a = w.queries.first();
    QCOMPARE(a.status, QueryAdvice::Status::Suggested);
    QVERIFY2(a.note.startsWith(u"Generic plan: $1..$1 planned without values"_s), qPrintable(a.note));
    QCOMPARE(a.suggestions.first().columns.first(), u"customer_id"_s);
}

void TestPgQueryAdvisor::badStatementsAreReportedOthersAnalysed()
{
    const WorkloadAdvice w = advise(u"-- three statements\n"
                                    "SELEC * FROM rental;\n"
                                    "SELECT * FROM no_such_table WHERE a = 1;\n"
                                    "CREATE TABLE t (a int);\n"
                                    "SELECT * FROM rental WHERE customer_id = 9 AND return_date IS NULL;"_s);
    QCOMPARE(w.queries.size(), 4);
    QCOMPARE(w.queries.at(0).status, QueryAdvice::Status::Failed);
    QCOMPARE(w.queries.at(0).where, u"line 2, column 1"_s);
    QCOMPARE(w.queries.at(0).message, u"syntax error at or near \"SELEC\""_s);
    QCOMPARE(w.queries.at(1).status, QueryAdvice::Status::Failed);
    QVERIFY2(w.queries.at(1).message.contains(u"no_such_table"_s), qPrintable(w.queries.at(1).message));
    QCOMPARE(w.queries.at(1).where, u"line 3, column 1"_s);
    QCOMPARE(w.queries.at(2).status, QueryAdvice::Status::Skipped);
    QCOMPARE(w.queries.at(3).status, QueryAdvice::Status::Suggested);
}

void TestPgQueryAdvisor::databaseIsUnchanged()
{
    const QString indexes = u"SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"_s;
    const QString extensions = u"SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension"_s;
    const QString before = scalar(m_url, indexes);
    const QString extBefore = scalar(m_url, extensions);
    QVERIFY(!extBefore.contains(u"hypopg"_s)); // so the run has to create it, and must roll it back
    advise(u"SELECT * FROM rental WHERE customer_id = 5; DELETE FROM payment WHERE amount > 11; "
           "UPDATE customer SET active = 0 WHERE email = 'x'"_s);
    QCOMPARE(scalar(m_url, indexes), before);
    QCOMPARE(scalar(m_url, extensions), extBefore);
    QCOMPARE(scalar(m_url, u"SELECT count(*) FROM payment WHERE amount > 11"_s).toInt() > 0, true);
    QCOMPARE(scalar(m_url, u"SELECT count(*) FROM customer WHERE active = 0"_s), u"15"_s);
}

void TestPgQueryAdvisor::withoutHypoPgTheErrorSaysWhatToDo()
{
    // A role that may not create extensions stands for a server without HypoPG.
    scalar(m_adminUrl, u"DROP ROLE IF EXISTS quarry_advise_plain"_s);
    QVERIFY(scalar(m_adminUrl, u"CREATE ROLE quarry_advise_plain LOGIN"_s).isEmpty());
    QUrl u(m_url);
    u.setUserName(u"quarry_advise_plain"_s);
    auto r = PgQueryAdvisor::advise(u.toString(), Workload::fromText(u"SELECT 1"_s), *m_dialect);
    QVERIFY(!r);
    QVERIFY2(r.error().message.startsWith(u"HypoPG is not available on"_s), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"postgresql-15-hypopg"_s), qPrintable(r.error().message));
    scalar(m_adminUrl, u"DROP ROLE IF EXISTS quarry_advise_plain"_s);
}

void TestPgQueryAdvisor::unreachableServer()
{
    auto r = PgQueryAdvisor::advise(u"postgresql://nobody@127.0.0.1:1/none"_s, Workload::fromText(u"SELECT 1"_s),
                                    *m_dialect);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, Error::Kind::Network);
    QVERIFY(r.error().message.startsWith(u"Cannot connect to postgresql://nobody@127.0.0.1:1/none"_s));
}

QTEST_GUILESS_MAIN(TestPgQueryAdvisor)
#include "tst_pgqueryadvisor.moc"
