// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/workload.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

class TestWorkload : public QObject
{
    Q_OBJECT
private slots:
    void splitsWithLinesAndColumns();
    void semicolonsInQuotesAndComments();
    void dollarQuotesAndParameters();
    void emptyAndCommentOnly();
    void locateInsideAStatement();
    void fileErrors();
};

void TestWorkload::splitsWithLinesAndColumns()
{
    const Workload w = Workload::fromText(u"-- rentals of a customer\n"
                                          "SELECT * FROM rental WHERE customer_id = 5;\n"
                                          "\n"
                                          "  SELECT *\n"
                                          "  FROM payment\n"
                                          "  WHERE amount > 10 ORDER BY payment_date;   SELECT 1"_s);
    QCOMPARE(w.queries.size(), 3);
    QCOMPARE(w.queries.at(0).sql, u"SELECT * FROM rental WHERE customer_id = 5"_s);
    QCOMPARE(w.queries.at(0).line, 2);
    QCOMPARE(w.queries.at(0).column, 1);
    QCOMPARE(w.queries.at(1).sql, u"SELECT *\n  FROM payment\n  WHERE amount > 10 ORDER BY payment_date"_s);
    QCOMPARE(w.queries.at(1).line, 4);
    QCOMPARE(w.queries.at(1).column, 3);
    QCOMPARE(w.queries.at(1).title(), u"SELECT * …"_s);
    QCOMPARE(w.queries.at(2).sql, u"SELECT 1"_s);
    QCOMPARE(w.queries.at(2).line, 6);
    QCOMPARE(w.queries.at(2).column, 46);
}

void TestWorkload::semicolonsInQuotesAndComments()
{
    const Workload w = Workload::fromText(u"SELECT 'a;b', \"odd;name\" FROM t -- trailing; comment\n"
                                          "WHERE x = 'it''s; fine';\n"
                                          "/* block; /* nested; */ still comment; */ SELECT [a;b] FROM `c;d`;"_s);
    QCOMPARE(w.queries.size(), 2);
    QCOMPARE(w.queries.at(0).sql, u"SELECT 'a;b', \"odd;name\" FROM t -- trailing; comment\nWHERE x = 'it''s; fine'"_s);
    QCOMPARE(w.queries.at(1).sql, u"SELECT [a;b] FROM `c;d`"_s);
    QCOMPARE(w.queries.at(1).line, 3);
    QCOMPARE(w.queries.at(1).column, 43);
}

void TestWorkload::dollarQuotesAndParameters()
{
    const Workload w = Workload::fromText(u"SELECT $$a;b$$, $tag$c;$$;d$tag$; SELECT * FROM t WHERE a = $1 AND b = $2;"_s);
    QCOMPARE(w.queries.size(), 2);
    QCOMPARE(w.queries.at(0).sql, u"SELECT $$a;b$$, $tag$c;$$;d$tag$"_s);
    QCOMPARE(w.queries.at(1).sql, u"SELECT * FROM t WHERE a = $1 AND b = $2"_s);
}

void TestWorkload::emptyAndCommentOnly()
{
    QVERIFY(Workload::fromText(u""_s).queries.isEmpty());
    QVERIFY(Workload::fromText(u" ;;\n-- nothing here;\n/* nor; here */ ;"_s).queries.isEmpty());
    // An unterminated quote keeps the rest as one statement (the parser reports it).
    const Workload w = Workload::fromText(u"SELECT 1; SELECT 'open; SELECT 2"_s);
    QCOMPARE(w.queries.size(), 2);
    QCOMPARE(w.queries.at(1).sql, u"SELECT 'open; SELECT 2"_s);
}

void TestWorkload::locateInsideAStatement()
{
    const Workload w = Workload::fromText(u"\n\n   SELECT *\nFRM t"_s);
    QCOMPARE(w.queries.size(), 1);
    QCOMPARE(w.queries.at(0).locate(0), u"line 3, column 4"_s);
    QCOMPARE(w.queries.at(0).locate(5), u"line 3, column 9"_s);
    QCOMPARE(w.queries.at(0).locate(9), u"line 4, column 1"_s);
}

void TestWorkload::fileErrors()
{
    QTemporaryDir dir;
    auto missing = Workload::fromFile(dir.filePath(u"nope.sql"_s));
    QVERIFY(!missing);
    QCOMPARE(missing.error().where, dir.filePath(u"nope.sql"_s));
    QVERIFY(missing.error().message.startsWith(u"Cannot read the queries file"_s));
}

QTEST_GUILESS_MAIN(TestWorkload)
#include "tst_workload.moc"
