// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Scale of the schema designer core (issue 6, item 7): a generated design of 2,000 tables and
// 20,000 columns (FKs between tables, a few FK cycles, indexes incl. redundant ones) through JSON
// parsing, validation, DDL for each dialect and design advice. Targets: DDL < 100 ms, advice
// < 500 ms. As a yardstick from the same run, SQLite itself executes the SQLite DDL in memory.
//
//   bench_schema [TABLES] [COLUMNS_PER_TABLE] [REPEATS]      (defaults 2000 10 5)
// Run with QUARRY_PLUGIN_DIR=<build>/plugins when not started from the build tree.

#include "schemagenerator.h"

#include "schema/ddlwriter.h"
#include "schema/designadvisor.h"
#include "schema/dialectregistry.h"
#include "schema/validator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <random>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

namespace {

// Wall time and this thread's CPU time: on a loaded machine (CI, shared builders) the CPU time
// is the figure that says what the code costs; the wall time says what a user would wait.
struct Timing {
    double median = 0;
    double min = 0;
    double cpuMedian = 0;
};

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

Timing time(int repeats, const std::function<void()> &work)
{
    QList<double> ms;
    QList<double> cpu;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        const double cpu0 = threadCpuMs();
        timer.start();
        work();
        ms << double(timer.nsecsElapsed()) / 1e6;
        cpu << threadCpuMs() - cpu0;
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    return {ms.at(ms.size() / 2), ms.first(), cpu.at(cpu.size() / 2)};
}

void row(const char *what, const Timing &t, double target = 0)
{
    QByteArray verdict;
    if (target > 0)
        verdict = QStringLiteral("target < %1 ms: %2").arg(target).arg(t.min < target ? QStringLiteral("met") : QStringLiteral("MISSED")).toUtf8();
    std::printf("  %-44s %8.1f ms wall (min %7.1f)  %8.1f ms CPU  %s\n", what, t.median, t.min, t.cpuMedian,
                verdict.constData());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int tables = args.size() > 1 ? args.at(1).toInt() : 2000;
    const int perTable = args.size() > 2 ? args.at(2).toInt() : 10;
    const int repeats = args.size() > 3 ? args.at(3).toInt() : 5;

    QElapsedTimer genTimer;
    genTimer.start();
    const QJsonObject json = quarry::bench::generateSchema(tables, perTable);
    const double genMs = double(genTimer.nsecsElapsed()) / 1e6;
    auto parsed = Schema::fromJson(json);
    if (!parsed) {
        std::fprintf(stderr, "generated design does not parse: %s\n", qPrintable(parsed.error().toString()));
        return 1;
    }
    const Schema schema = parsed.value();
    qsizetype columns = 0, fks = 0, indexes = 0;
    for (const Table &t : schema.tables) {
        columns += t.columns.size();
        fks += t.foreignKeys.size();
        indexes += t.indexes.size();
    }
    double load[1] = {0};
    if (getloadavg(load, 1) < 1)
        load[0] = -1;
    std::printf("Load average at start: %.1f (the verdicts compare the fastest run with the target)\n", load[0]);
    std::printf("Schema designer core at scale: %lld tables, %lld columns, %lld foreign keys, %lld indexes "
                "(median of %d runs; generated in %.1f ms)\n\n",
                qlonglong(schema.tables.size()), qlonglong(columns), qlonglong(fks), qlonglong(indexes), repeats, genMs);

    QList<const Dialect *> dialects;
    for (const QString id : {u"postgres"_s, u"sqlite"_s, u"mysql"_s}) {
        const Dialect *d = DialectRegistry::instance().dialect(id);
        if (!d) {
            std::fprintf(stderr, "dialect plugin %s not found; set QUARRY_PLUGIN_DIR\n", qPrintable(id));
            return 1;
        }
        dialects << d;
    }

    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Indented);
    row("JSON text -> QJsonDocument", time(repeats, [&] { (void)QJsonDocument::fromJson(bytes); }));
    row("Schema::fromJson", time(repeats, [&] { (void)Schema::fromJson(json); }));
    row("Schema::toJson", time(repeats, [&] { (void)schema.toJson(); }));
    QList<Problem> problems;
    row("Validator (all three dialects)", time(repeats, [&] { problems = Validator(dialects).validate(schema); }));
    int errors = 0;
    for (const Problem &p : problems)
        errors += p.isError() ? 1 : 0;
    std::printf("  %-44s %lld problems, %d errors\n", "", qlonglong(problems.size()), errors);
    std::printf("\n");

    QStringList sqliteDdl;
    for (const Dialect *d : dialects) {
        QStringList ddl;
        const Timing t = time(repeats, [&] {
            auto r = d->createStatements(schema);
            if (r)
                ddl = r.value();
        });
        const QByteArray label = (u"DDL "_s + d->displayName() + u" (validation included)"_s).toUtf8();
        row(label.constData(), t, 100);
        std::printf("  %-44s %lld statements, %lld bytes\n", "", qlonglong(ddl.size()),
                    qlonglong(DdlWriter::script(ddl).toUtf8().size()));
        if (d->id() == u"sqlite"_s)
            sqliteDdl = ddl;
    }
    std::printf("\n");
    for (const Dialect *d : dialects) {
        QList<Advice> advice;
        const Timing t = time(repeats, [&] { advice = DesignAdvisor(*d).advise(schema); });
        const QByteArray label = (u"Advice "_s + d->displayName()).toUtf8();
        row(label.constData(), t, 500);
        QMap<QString, int> byRule;
        for (const Advice &a : advice)
            ++byRule[a.rule];
        QStringList counts;
        for (auto it = byRule.cbegin(); it != byRule.cend(); ++it)
            counts << u"%1 %2"_s.arg(it.value()).arg(it.key());
        std::printf("  %-44s %lld items: %s\n", "", qlonglong(advice.size()), qPrintable(counts.join(u", "_s)));
    }

    // Yardstick: SQLite parsing and creating the same schema in memory.
    std::printf("\n");
    const Timing sqliteRun = time(std::max(1, repeats / 2), [&] {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench"_s);
            db.setDatabaseName(u":memory:"_s);
            db.open();
            QSqlQuery q(db);
            q.exec(u"BEGIN"_s);
            for (const QString &s : std::as_const(sqliteDdl)) {
                if (!q.exec(s)) {
                    std::fprintf(stderr, "SQLite refused: %s\n", qPrintable(q.lastError().text()));
                    break;
                }
            }
            q.exec(u"COMMIT"_s);
        }
        QSqlDatabase::removeDatabase(u"bench"_s);
    });
    row("yardstick: SQLite executes the SQLite DDL", sqliteRun);
    return 0;
}
