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

QJsonObject column(const QString &id, const QString &name, const QString &type, bool nullable = true)
{
    return QJsonObject{{u"id"_s, id}, {u"name"_s, name}, {u"type"_s, type}, {u"nullable"_s, nullable}};
}

QJsonObject generate(int tables, int columnsPerTable)
{
    std::mt19937 rng(42);
    QJsonArray list;
    for (int t = 0; t < tables; ++t) {
        const QString name = u"t%1"_s.arg(t, 4, 10, QChar(u'0'));
        QJsonArray columns;
        QJsonObject id = column(name + u"-id"_s, u"id"_s, u"bigserial"_s, false);
        id.insert(u"primaryKey"_s, true);
        columns.append(id);
        QJsonArray fks;
        QJsonArray indexes;
        int c = 1;
        // Up to two references to earlier tables; every 100th table also points forward (a cycle).
        const int refs = t == 0 ? 0 : int(rng() % 3);
        for (int r = 0; r < refs && c < columnsPerTable; ++r, ++c) {
            const int target = int(rng() % t);
            const QString col = u"ref%1_id"_s.arg(r);
            columns.append(column(u"%1-c%2"_s.arg(name).arg(c), col, u"bigint"_s, r == 0));
            fks.append(QJsonObject{{u"id"_s, u"%1-fk%2"_s.arg(name).arg(r)}, {u"columns"_s, QJsonArray{col}},
                                   {u"references"_s, QJsonObject{{u"table"_s, u"t%1"_s.arg(target, 4, 10, QChar(u'0'))},
                                                                 {u"columns"_s, QJsonArray{u"id"_s}}}}});
            if (rng() % 2)
                indexes.append(QJsonObject{{u"id"_s, u"%1-ix%2"_s.arg(name).arg(r)}, {u"name"_s, name + u'_' + col + u"_idx"_s},
                                           {u"columns"_s, QJsonArray{col}}});
        }
        if (t % 100 == 50 && t + 10 < tables && c < columnsPerTable) {
            columns.append(column(u"%1-c%2"_s.arg(name).arg(c), u"next_id"_s, u"bigint"_s));
            fks.append(QJsonObject{{u"id"_s, name + u"-fkn"_s}, {u"columns"_s, QJsonArray{u"next_id"_s}},
                                   {u"references"_s, QJsonObject{{u"table"_s, u"t%1"_s.arg(t + 10, 4, 10, QChar(u'0'))},
                                                                 {u"columns"_s, QJsonArray{u"id"_s}}}}});
            ++c;
        }
        static const QStringList types = {u"varchar"_s, u"text"_s, u"integer"_s, u"timestamp"_s, u"boolean"_s,
                                          u"decimal"_s, u"jsonb"_s, u"uuid"_s, u"date"_s};
        for (; c < columnsPerTable; ++c) {
            const QString type = types.at(int(rng() % types.size()));
            QJsonObject col = column(u"%1-c%2"_s.arg(name).arg(c), u"%1_%2"_s.arg(type).arg(c), type, rng() % 3 == 0);
            if (type == u"varchar"_s)
                col.insert(u"length"_s, 255);
            if (type == u"decimal"_s) {
                col.insert(u"precision"_s, 12);
                col.insert(u"scale"_s, 2);
            }
            if (c == columnsPerTable - 1 && rng() % 4 == 0)
                col.insert(u"unique"_s, true);
            columns.append(col);
        }
        // A composite index and, now and then, its redundant left prefix.
        const QString a = columns.at(columns.size() - 1).toObject().value(u"name"_s).toString();
        const QString b = columns.at(columns.size() - 2).toObject().value(u"name"_s).toString();
        indexes.append(QJsonObject{{u"id"_s, name + u"-ixab"_s}, {u"name"_s, name + u"_ab_idx"_s}, {u"columns"_s, QJsonArray{a, b}}});
        if (rng() % 5 == 0)
            indexes.append(QJsonObject{{u"id"_s, name + u"-ixa"_s}, {u"name"_s, name + u"_a_idx"_s}, {u"columns"_s, QJsonArray{a}}});
        QJsonObject table{{u"id"_s, name}, {u"name"_s, name}, {u"columns"_s, columns}, {u"indexes"_s, indexes}};
        if (!fks.isEmpty())
            table.insert(u"foreignKeys"_s, fks);
        list.append(table);
    }
    return QJsonObject{{u"tables"_s, list}};
}

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
    const QJsonObject json = generate(tables, perTable);
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
