// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Candidate indexes from libpg_query parse trees, on the Pagila design (imported with
// PgDdlImporter, so its existing indexes count).
#include "schema/pgddlimporter.h"
#include "schema/queryadvisor.h"

#include <QFile>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

class TestPgCandidates : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void candidates_data();
    void candidates();
    void coveredByExistingIndex();
    void parameters();
    void parseErrorHasLineAndColumn();

private:
    TableColumns m_columns;
    IndexColumns m_indexes;
    QStringList run(const QString &sql, PgCandidateGenerator::Output *out = nullptr);
};

void TestPgCandidates::initTestCase()
{
    QString path = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/pagila/pagila-schema.sql"_s;
    if (!QFile::exists(path))
        path = u"/work/shared/data/pagila/pagila-schema.sql"_s;
    QFile f(path);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
    auto imported = PgDdlImporter::import(QString::fromUtf8(f.readAll()));
    QVERIFY(imported);
    m_columns = PgCandidateGenerator::columnsOf(imported.value().schema);
    m_indexes = PgCandidateGenerator::indexesOf(imported.value().schema);
    QVERIFY(m_columns.value(u"rental"_s).contains(u"customer_id"_s));
}

QStringList TestPgCandidates::run(const QString &sql, PgCandidateGenerator::Output *out)
{
    auto r = PgCandidateGenerator::generate(WorkloadQuery{sql, 1, 1}, m_columns, m_indexes);
    if (!r)
        return {u"error: "_s + r.error().toString()};
    QStringList list;
    for (const IndexCandidate &c : r.value().candidates)
        list << c.toString();
    if (out)
        *out = r.value();
    return list;
}

void TestPgCandidates::candidates_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("equalities first, then each")
        << u"SELECT * FROM rental WHERE customer_id = 5 AND return_date IS NULL"_s
        << QStringList{u"rental(customer_id, return_date)"_s, u"rental(customer_id)"_s, u"rental(return_date)"_s};
    QTest::newRow("range after equality")
        << u"SELECT * FROM rental r WHERE r.staff_id = 1 AND r.return_date > '2022-06-01'"_s
        << QStringList{u"rental(staff_id)"_s, u"rental(staff_id, return_date)"_s, u"rental(return_date)"_s};
    QTest::newRow("order by with a range")
        << u"SELECT * FROM payment WHERE amount > 10 ORDER BY payment_date"_s
        << QStringList{u"payment(amount)"_s}; // payment_date leads the primary key (payment_date, payment_id)
    QTest::newRow("aliases and joins")
        << u"SELECT f.title FROM film f JOIN film_actor fa ON fa.film_id = f.film_id JOIN actor a ON a.actor_id = fa.actor_id WHERE a.last_name = 'GUINESS'"_s
        << QStringList{u"actor(actor_id, last_name)"_s}; // idx_actor_last_name, idx_fk_film_id and the keys serve the rest
    QTest::newRow("IN and BETWEEN")
        << u"SELECT * FROM film WHERE rating IN ('G', 'PG') AND length BETWEEN 60 AND 90"_s
        << QStringList{u"film(rating)"_s, u"film(rating, length)"_s, u"film(length)"_s};
    QTest::newRow("constant on the left")
        << u"SELECT * FROM customer WHERE 'MARY' = first_name"_s << QStringList{u"customer(first_name)"_s};
    QTest::newRow("OR is not served by one index")
        << u"SELECT * FROM customer WHERE first_name = 'A' OR last_name = 'B'"_s << QStringList{};
    QTest::newRow("functions hide the column")
        << u"SELECT * FROM customer WHERE lower(email) = 'x'"_s << QStringList{};
    QTest::newRow("subquery and CTE")
        << u"WITH big AS (SELECT customer_id FROM payment WHERE amount > 9) SELECT * FROM customer c WHERE c.active = 1 AND c.customer_id IN (SELECT customer_id FROM big)"_s
        << QStringList{u"payment(amount)"_s, u"customer(active)"_s};
    QTest::newRow("update and delete")
        << u"UPDATE customer SET active = 0 WHERE email = 'x@example.com'"_s << QStringList{u"customer(email)"_s};
    QTest::newRow("unknown table") << u"SELECT * FROM nowhere WHERE a = 1"_s << QStringList{};
}

void TestPgCandidates::candidates()
{
    QFETCH(QString, sql);
    QFETCH(QStringList, expected);
    const QStringList actual = run(sql);
    if (actual != expected)
        qWarning().noquote() << "actual:" << actual.join(u" | "_s);
    QCOMPARE(actual, expected);
}

void TestPgCandidates::coveredByExistingIndex()
{
    // rental has idx_fk_inventory_id (inventory_id) and a unique (rental_date, inventory_id, customer_id).
    PgCandidateGenerator::Output out;
    QCOMPARE(run(u"SELECT * FROM rental WHERE inventory_id = 7"_s, &out), QStringList{});
    QCOMPARE(out.covered, QStringList{u"rental(inventory_id) is covered by the existing index idx_fk_inventory_id"_s});
    QCOMPARE(run(u"SELECT * FROM rental WHERE rental_date > now() - interval '1 day'"_s, &out), QStringList{});
    QCOMPARE(run(u"SELECT * FROM rental WHERE rental_id = 5"_s, &out), QStringList{});
    QVERIFY2(out.covered.first().contains(u"rental_pkey"_s), qPrintable(out.covered.join(u'\n')));
}

void TestPgCandidates::parameters()
{
    PgCandidateGenerator::Output out;
    QCOMPARE(run(u"SELECT * FROM rental WHERE customer_id = $1 AND staff_id = $2"_s, &out),
             (QStringList{u"rental(customer_id, staff_id)"_s, u"rental(customer_id)"_s, u"rental(staff_id)"_s}));
    QCOMPARE(out.parameterCount, 2);
    QCOMPARE(out.statementKind, u"SelectStmt"_s);
}

void TestPgCandidates::parseErrorHasLineAndColumn()
{
    auto r = PgCandidateGenerator::generate(WorkloadQuery{u"SELECT *\n  FROM rental\n  WHER customer_id = 5"_s, 10, 3},
                                            m_columns, m_indexes);
    QVERIFY(!r);
    QCOMPARE(r.error().message, u"syntax error at or near \"customer_id\""_s);
    QCOMPARE(r.error().where, u"line 12, column 8"_s);
}

QTEST_GUILESS_MAIN(TestPgCandidates)
#include "tst_pgcandidates.moc"
