// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "advisecommand.h"

#include "schema/designadvisor.h"
#include "schema/dialect.h"
#include "schema/queryadvisor.h"
#include "schema/validator.h"
#include "schema/workload.h"
#include "sqlcommand.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

enum class Engine { None, Sqlite, Postgres };

/// For the usage check and the default dialect only; schema::adviseWorkload() dispatches.
Engine engineOf(const QString &url)
{
    if (url.isEmpty())
        return Engine::None;
    if (url.startsWith(u"sqlite:"_s))
        return Engine::Sqlite;
    if (url.startsWith(u"postgresql://"_s) || url.startsWith(u"postgres://"_s) || url.contains(u"dbname="_s)
        || url.contains(u"host="_s))
        return Engine::Postgres;
    return Engine::None;
}

QJsonArray jsonList(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject toJson(const schema::QueryAdvice &a, const QString &file)
{
    QJsonObject o{{u"line"_s, a.query.line},
                  {u"column"_s, a.query.column},
                  {u"sql"_s, a.query.sql},
                  {u"status"_s, schema::QueryAdvice::statusName(a.status)},
                  {u"message"_s, a.message},
                  {u"planBefore"_s, jsonList(a.planBefore)},
                  {u"planAfter"_s, jsonList(a.planAfter)},
                  {u"createIndex"_s, jsonList(a.createStatements)}};
    if (!a.where.isEmpty())
        o.insert(u"where"_s, file + u", "_s + a.where);
    if (!a.note.isEmpty())
        o.insert(u"note"_s, a.note);
    if (!a.gain.isEmpty())
        o.insert(u"gain"_s, a.gain);
    if (a.costBefore)
        o.insert(u"costBefore"_s, *a.costBefore);
    if (a.costAfter)
        o.insert(u"costAfter"_s, *a.costAfter);
    if (const auto s = a.savingPercent())
        o.insert(u"savingPercent"_s, std::round(*s * 10) / 10);
    QJsonArray candidates;
    for (const schema::IndexCandidate &c : a.candidates)
        candidates.append(c.toString());
    o.insert(u"candidates"_s, candidates);
    QJsonArray suggestions;
    for (const schema::IndexCandidate &c : a.suggestions)
        suggestions.append(QJsonObject{{u"schema"_s, c.nameSpace}, {u"table"_s, c.table},
                                       {u"columns"_s, jsonList(c.columns)}, {u"name"_s, c.indexName()}});
    o.insert(u"suggestions"_s, suggestions);
    return o;
}

QString cost(double c)
{
    return QString::number(c, 'f', 2);
}

void printQuery(const schema::QueryAdvice &a, int number, const QString &file, Io &io)
{
    using Status = schema::QueryAdvice::Status;
    io.out << "Query " << number << ", line " << a.query.line << ": " << a.query.title() << '\n';
    if (a.status == Status::Failed) {
        io.out << "  Error: " << file << ", " << a.where << ": " << a.message << "\n\n";
        io.err << "error: " << file << ", " << a.where << ": " << a.message << '\n';
        return;
    }
    if (a.status == Status::Skipped) {
        io.out << "  Skipped: " << a.message << "\n\n";
        return;
    }
    const bool hasAfter = !a.planAfter.isEmpty();
    io.out << "  Plan" << (hasAfter ? " before" : "");
    if (a.costBefore)
        io.out << " (cost " << cost(*a.costBefore) << ")";
    io.out << ":\n";
    for (const QString &l : a.planBefore)
        io.out << "    " << l << '\n';
    if (hasAfter) {
        io.out << "  Plan after";
        if (a.costAfter)
            io.out << " (cost " << cost(*a.costAfter) << ")";
        io.out << ":\n";
        for (const QString &l : a.planAfter)
            io.out << "    " << l << '\n';
    }
    if (a.status == Status::Suggested) {
        if (const auto s = a.savingPercent())
            io.out << "  Saving: " << QString::number(*s, 'f', 0) << "% (cost " << cost(*a.costBefore) << " -> "
                   << cost(*a.costAfter) << ")\n";
        else
            io.out << "  Why: " << a.message << '\n';
        for (const QString &s : a.createStatements)
            io.out << "  Suggested index: " << s << ";\n";
    } else {
        io.out << "  No index: " << a.message << '\n';
    }
    if (!a.note.isEmpty())
        io.out << "  Note: " << a.note << '\n';
    io.out << '\n';
}

} // namespace

const OptionTable &adviseOptions()
{
    static const OptionTable table{
        .command = u"advise"_s,
        .summary = u"Index suggestions with their reasons."_s,
        .operands = {{u"WORKSPACE"_s}},
        .options = {{.name = u"--queries"_s, .value = u"FILE"_s, .help = u"a workload: SQL statements to find indexes for"_s},
                    {.name = u"--db"_s, .value = u"URL"_s, .help = u"the database that plans the workload (with --queries)"_s},
                    {.name = u"--dialect"_s, .value = u"D"_s, .help = u"the dialect of the CREATE INDEX statements"_s},
                    {.name = u"--json"_s, .help = u"print the advice as JSON"_s}},
        .details = u"URL: sqlite:path/to/file.db or postgresql://user@host:port/db; without --db the queries\n"
                   u"are planned by SQLite on an empty in-memory copy of the design.\n"_s,
    };
    return table;
}

int runAdvise(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(adviseOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString path = parsed->operand(0);
    QString dialectId = parsed->value(u"--dialect"_s);
    const QString dbUrl = parsed->value(u"--db"_s);
    const QString queriesFile = parsed->value(u"--queries"_s);
    const bool json = parsed->isSet(u"--json"_s);
    const Engine engine = engineOf(dbUrl);
    if (!dbUrl.isEmpty() && engine == Engine::None) {
        return usageError(adviseOptions(), io,
                          u"--db \"%1\" is not a database URL Quarry knows; use sqlite:path/to/file.db or "
                          "postgresql://user@host:port/db."_s.arg(dbUrl));
    }
    if (!dbUrl.isEmpty() && queriesFile.isEmpty()) {
        return usageError(adviseOptions(), io,
                          u"--db is the database that plans a workload; give the workload with --queries FILE."_s);
    }
    if (dialectId.isEmpty())
        dialectId = engine == Engine::Sqlite ? u"sqlite"_s : u"postgres"_s;
    const schema::Dialect *dialect = dialectFor(u"advise"_s, dialectId, io);
    if (!dialect)
        return UsageError;
    const auto design = loadWorkspaceSchema(u"advise"_s, path, io);
    if (!design)
        return Failure;
    const QList<schema::Problem> problems = schema::Validator({dialect}).validate(*design);
    if (schema::Validator::hasErrors(problems)) {
        for (const schema::Problem &p : problems) {
            if (p.isError())
                io.err << "error: " << p.where << ": " << p.message << " [" << p.code << "]\n";
        }
        io.err << "quarry advise: fix the design's errors first (quarry sql shows them too).\n";
        return Failure;
    }
    const QList<schema::Advice> advice = schema::DesignAdvisor(*dialect).advise(*design);

    // Advice from queries.
    std::optional<schema::WorkloadAdvice> workloadAdvice;
    if (!queriesFile.isEmpty()) {
        auto workload = schema::Workload::fromFile(queriesFile);
        if (!workload) {
            io.err << "quarry advise: " << workload.error().toString() << '\n';
            return Failure;
        }
        // Relative sqlite: paths are the user's, from the current directory.
        Result<schema::WorkloadAdvice> result =
            schema::adviseWorkload(dbUrl, QDir::currentPath(), *design, workload.value());
        if (!result) {
            io.err << "quarry advise: " << result.error().toString() << '\n';
            return Failure;
        }
        workloadAdvice = std::move(result).value();
    }

    if (json) {
        QJsonArray list;
        for (const schema::Advice &a : advice)
            list.append(QJsonObject{{u"severity"_s, schema::Advice::severityName(a.severity)},
                                    {u"rule"_s, a.rule},
                                    {u"where"_s, a.where},
                                    {u"objectId"_s, a.objectId},
                                    {u"message"_s, a.message},
                                    {u"reason"_s, a.reason},
                                    {u"fix"_s, QJsonArray::fromStringList(a.fix)}});
        QJsonObject root{{u"dialect"_s, dialect->id()}, {u"advice"_s, list}};
        if (workloadAdvice) {
            QJsonArray results;
            for (const schema::QueryAdvice &q : workloadAdvice->queries)
                results.append(toJson(q, queriesFile));
            root.insert(u"queries"_s, QJsonObject{{u"file"_s, queriesFile},
                                                  {u"engine"_s, workloadAdvice->engine},
                                                  {u"database"_s, workloadAdvice->database},
                                                  {u"notes"_s, jsonList(workloadAdvice->notes)},
                                                  {u"suggestions"_s, workloadAdvice->suggestionCount()},
                                                  {u"results"_s, results}});
            for (const schema::QueryAdvice &q : workloadAdvice->queries) {
                if (q.status == schema::QueryAdvice::Status::Failed)
                    io.err << "error: " << queriesFile << ", " << q.where << ": " << q.message << '\n';
            }
        }
        io.out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return Success;
    }

    if (workloadAdvice) {
        io.out << "Index advice for " << workloadAdvice->queries.size() << " statement(s) of " << queriesFile
               << ", planned by " << workloadAdvice->database << ".\n";
        for (const QString &n : workloadAdvice->notes)
            io.out << "  " << n << '\n';
        io.out << '\n';
        int number = 0;
        int failed = 0;
        for (const schema::QueryAdvice &q : workloadAdvice->queries) {
            printQuery(q, ++number, queriesFile, io);
            failed += q.status == schema::QueryAdvice::Status::Failed;
        }
        io.out << workloadAdvice->suggestionCount() << " index suggestion(s) for " << workloadAdvice->queries.size()
               << " statement(s)";
        if (failed)
            io.out << "; " << failed << " could not be analysed";
        io.out << ".\n\nDesign advice (" << dialect->displayName() << "):\n";
    }
    if (advice.isEmpty()) {
        io.out << "No advice: the design has no issue the advisor knows (" << schema::DesignAdvisor::rules().size()
               << " rules checked).\n";
        return Success;
    }
    for (const schema::Advice &a : advice) {
        io.out << schema::Advice::severityName(a.severity) << ": " << a.where << ": " << a.message << " [" << a.rule
               << "]\n";
        io.out << "  Why: " << a.reason << '\n';
        for (const QString &statement : a.fix)
            io.out << "  Fix: " << statement << ";\n";
        io.out << '\n';
    }
    io.out << advice.size() << " item(s) of advice for " << dialect->displayName() << ".\n";
    return Success;
}

} // namespace quarry::cli
