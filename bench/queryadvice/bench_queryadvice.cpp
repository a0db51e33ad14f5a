// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Index advice from queries (issue #6): time per statement of SqliteExpert on Chinook next to the
// sqlite3 shell's own .expert on the same statements (one shell process per statement, as the
// test compares them, and one process for the whole workload), and — with QUARRY_BENCH_PG_URL
// naming a database with Pagila loaded — PgQueryAdvisor next to plain EXPLAINs of the same
// statements through psql.
//
//   bench_queryadvice CHINOOK.db [REPEATS]      (REPEATS defaults to 5)
// Run with QUARRY_PLUGIN_DIR=<build>/plugins when not started from the build tree.

#include "schema/dialectregistry.h"
#include "schema/queryadvisor.h"
#include "schema/sqliteexpert.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

namespace {

const QStringList chinookQueries{
    u"SELECT Name FROM Track WHERE Composer = 'AC/DC'"_s,
    u"SELECT * FROM Track WHERE MediaTypeId = 1 AND Milliseconds > 300000"_s,
    u"SELECT * FROM Invoice ORDER BY InvoiceDate"_s,
    u"SELECT FirstName, LastName FROM Customer WHERE Country = 'Brazil' ORDER BY LastName"_s,
    u"SELECT * FROM Invoice WHERE BillingCountry = 'USA' AND BillingCity = 'Boston'"_s,
    u"SELECT t.Name, a.Title FROM Track t JOIN Album a ON a.AlbumId = t.AlbumId WHERE a.Title = 'Facelift'"_s,
    u"SELECT ArtistId FROM Artist WHERE Name = 'AC/DC'"_s,
    u"SELECT * FROM Invoice WHERE Total > 15"_s,
    u"SELECT * FROM Track WHERE GenreId = 5"_s,
    u"SELECT * FROM Customer WHERE CustomerId = 3"_s,
};

const QStringList pagilaQueries{
    u"SELECT * FROM rental WHERE customer_id = 5 AND return_date IS NULL"_s,
    u"SELECT * FROM payment WHERE amount > 10 ORDER BY payment_date"_s,
    u"SELECT * FROM rental WHERE rental_id = 42"_s,
    u"SELECT * FROM customer WHERE email = 'MARY.SMITH@sakilacustomer.org'"_s,
    u"SELECT * FROM payment WHERE customer_id = 5 ORDER BY payment_date DESC"_s,
    u"SELECT f.title FROM film f JOIN film_actor fa ON fa.film_id = f.film_id JOIN actor a ON a.actor_id = fa.actor_id WHERE a.last_name = 'GUINESS'"_s,
};

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

double runProcess(const QString &program, const QStringList &args, const QByteArray &input)
{
    QElapsedTimer t;
    t.start();
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(120000);
    return double(t.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_queryadvice CHINOOK.db [REPEATS]\n");
        return 2;
    }
    const QString db = args.at(1);
    const int repeats = args.size() > 2 ? std::max(1, args.at(2).toInt()) : 5;
    const Dialect *sqlite = DialectRegistry::instance().dialect(u"sqlite"_s);
    const Dialect *pg = DialectRegistry::instance().dialect(u"postgres"_s);
    if (!sqlite || !pg) {
        std::fprintf(stderr, "dialect plugins not found (set QUARRY_PLUGIN_DIR)\n");
        return 1;
    }
    const Workload chinook = Workload::fromText(chinookQueries.join(u";\n"_s));
    std::printf("Index advice, %d statements, median of %d runs (ms)\n\n", int(chinook.queries.size()), repeats);
    std::printf("%-46s %10s %14s\n", "SQLite (Chinook)", "total", "per statement");

    QList<double> quarry;
    int suggested = 0;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer t;
        t.start();
        auto r = SqliteExpert::adviseFile(db, chinook, *sqlite);
        quarry << double(t.nsecsElapsed()) / 1e6;
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
            return 1;
        }
        suggested = r.value().suggestionCount();
    }
    const double n = chinook.queries.size();
    std::printf("%-46s %10.1f %14.2f   (%d suggestions)\n", "Quarry SqliteExpert (in process)", median(quarry),
                median(quarry) / n, suggested);

    const QString shell = QStandardPaths::findExecutable(u"sqlite3"_s);
    if (!shell.isEmpty()) {
        QList<double> perStatement;
        QList<double> whole;
        for (int i = 0; i < repeats; ++i) {
            double sum = 0;
            for (const WorkloadQuery &q : chinook.queries)
                sum += runProcess(shell, {db}, ".expert\n" + q.sql.toUtf8() + ";\n");
            perStatement << sum;
            QByteArray all;
            for (const WorkloadQuery &q : chinook.queries)
                all += ".expert\n" + q.sql.toUtf8() + ";\n";
            whole << runProcess(shell, {db}, all);
        }
        std::printf("%-46s %10.1f %14.2f\n", "sqlite3 .expert, one process per statement", median(perStatement),
                    median(perStatement) / n);
        std::printf("%-46s %10.1f %14.2f\n", "sqlite3 .expert, one process for all", median(whole), median(whole) / n);
    } else {
        std::printf("(no sqlite3 shell: the peer is skipped)\n");
    }

    const QString pgUrl = qEnvironmentVariable("QUARRY_BENCH_PG_URL");
    if (pgUrl.isEmpty()) {
        std::printf("\n(set QUARRY_BENCH_PG_URL to a database with Pagila loaded for the PostgreSQL figures)\n");
        return 0;
    }
    const Workload pagila = Workload::fromText(pagilaQueries.join(u";\n"_s));
    std::printf("\n%-46s %10s %14s\n", "PostgreSQL (Pagila)", "total", "per statement");
    QList<double> hypo;
    int candidates = 0;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer t;
        t.start();
        auto r = PgQueryAdvisor::advise(pgUrl, pagila, *pg);
        hypo << double(t.nsecsElapsed()) / 1e6;
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().toString()));
            return 1;
        }
        candidates = 0;
        suggested = r.value().suggestionCount();
        for (const QueryAdvice &a : r.value().queries)
            candidates += int(a.candidates.size());
    }
    const double m = pagila.queries.size();
    std::printf("%-46s %10.1f %14.2f   (%d candidates tried, %d suggestions)\n", "Quarry PgQueryAdvisor (HypoPG)",
                median(hypo), median(hypo) / m, candidates, suggested);
    const QString psql = QStandardPaths::findExecutable(u"psql"_s);
    if (!psql.isEmpty()) {
        QList<double> plain;
        QByteArray script;
        for (const WorkloadQuery &q : pagila.queries)
            script += "EXPLAIN (FORMAT JSON) " + q.sql.toUtf8() + ";\n";
        for (int i = 0; i < repeats; ++i)
            plain << runProcess(psql, {u"-X"_s, u"-q"_s, u"-o"_s, u"/dev/null"_s, pgUrl}, script);
        std::printf("%-46s %10.1f %14.2f\n", "psql, one plain EXPLAIN per statement", median(plain), median(plain) / m);
    }
    return 0;
}
