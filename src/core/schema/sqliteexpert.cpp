// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/sqliteexpert.h"

#include "db/sqliteconnection.h"
#include "db/sqliteplancapture.h"
#include "schema/dialect.h"
#include "schema/sqlitestatistics.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SqliteExpert)
};

// What changed between two EXPLAIN QUERY PLAN outputs, in a few words.
QString planChange(const QStringList &before, const QStringList &after)
{
    static const QRegularExpression fullScan(u"^\\s*SCAN \\S+$"_s);
    auto count = [](const QStringList &lines, auto &&test) {
        return std::count_if(lines.cbegin(), lines.cend(), test);
    };
    auto scans = [&](const QStringList &lines) { return count(lines, [](const QString &l) { return fullScan.match(l).hasMatch(); }); };
    auto sorts = [&](const QStringList &lines) {
        return count(lines, [](const QString &l) { return l.contains(u"USE TEMP B-TREE"_s); });
    };
    auto searches = [&](const QStringList &lines) {
        return count(lines, [](const QString &l) { return l.trimmed().startsWith(u"SEARCH "_s); });
    };
    QStringList parts;
    if (scans(after) < scans(before) && searches(after) > searches(before))
        parts << Tr::tr("SCAN → SEARCH");
    if (sorts(after) < sorts(before))
        parts << Tr::tr("no sort step");
    if (parts.isEmpty())
        parts << Tr::tr("narrower search");
    return parts.join(u", "_s);
}

struct PlannedQuery {
    QStringList lines;
    QStringList indexes;   // indexes named by USING [COVERING] INDEX
};

// ---- the advisor ----

class Expert
{
public:
    Expert(std::unique_ptr<db::SqliteConnection> source, const Dialect &dialect, const AdvisorOptions &options)
        : src(std::move(source)), dialect(dialect), options(options), statistics(*src)
    {
    }

    Result<void> load()
    {
        auto objects = src->query(u"SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' "
                                  "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE VIRTUAL %' ORDER BY rowid"_s);
        if (!objects)
            return Error{Error::Kind::Database, Tr::tr("Cannot read the database's schema") + u": "_s + objects.error().message, {}};
        for (const QVariantList &o : objects.value().rows) {
            const QString type = o.at(0).toString();
            if (type == u"table" || type == u"index" || type == u"view")
                schemaSql << o.at(2).toString();
            if (type == u"view")
                viewSql << o.at(2).toString();
            if (type == u"table") {
                auto info = tableInfo(o.at(1).toString());
                if (!info)
                    return info.error();
                tables << info.value();
            }
        }
        // The capture database: a virtual table per table, the views on top.
        auto c = db::SqlitePlanCapture::create(tables, viewSql);
        if (!c)
            return Error(c.error());
        capture = std::move(c).value();
        return {};
    }

    QueryAdvice advise(const WorkloadQuery &q)
    {
        QueryAdvice a;
        a.query = q;
        static const QRegularExpression dml(u"^\\s*(SELECT|WITH|VALUES|INSERT|UPDATE|DELETE|REPLACE)\\b"_s,
                                            QRegularExpression::CaseInsensitiveOption);
        if (!dml.match(q.sql).hasMatch()) {
            a.status = QueryAdvice::Status::Skipped;
            a.message = Tr::tr("Not a query (%1); only SELECT, INSERT, UPDATE and DELETE are explained.")
                            .arg(q.sql.section(u' ', 0, 1, QString::SectionSkipEmpty).toUpper());
            return a;
        }
        // 1. What the planner could use, per scan.
        auto scans = capture->capture(q.sql);
        if (!scans) {
            a.status = QueryAdvice::Status::Failed;
            a.message = scans.error().message;
            const qsizetype offset = capture->errorOffset();
            a.where = q.locate(offset >= 0 ? QString::fromUtf8(q.sql.toUtf8().left(offset)).size() : 0);
            return a;
        }
        // 2. Plan without candidates.
        auto before = plan(q.sql, {});
        if (!before) {
            a.status = QueryAdvice::Status::Failed;
            a.message = before.error().message;
            a.where = q.locate(0);
            return a;
        }
        a.planBefore = before.value().lines;
        // 3. Candidates in a fresh copy, statistics, plan again.
        QStringList covered;
        auto after = plan(q.sql, scans.value(), &a.candidates, &covered);
        if (!after) {
            a.status = QueryAdvice::Status::Failed;
            a.message = after.error().message;
            a.where = q.locate(0);
            return a;
        }
        a.planAfter = after.value().lines;
        for (const IndexCandidate &c : std::as_const(a.candidates)) {
            if (after.value().indexes.contains(c.indexName())) {
                a.suggestions << c;
                a.createStatements << c.createStatement(dialect);
            }
        }
        if (!a.suggestions.isEmpty()) {
            a.status = QueryAdvice::Status::Suggested;
            a.gain = planChange(a.planBefore, a.planAfter);
            QStringList names;
            for (const IndexCandidate &c : std::as_const(a.suggestions))
                names << c.toString();
            a.message = Tr::tr("SQLite's planner picks %1 (SQLite reports no costs: the plans are the evidence).")
                            .arg(names.join(u", "_s));
        } else if (!a.candidates.isEmpty()) {
            a.status = QueryAdvice::Status::NoGain;
            a.message = Tr::tr("SQLite's planner keeps its plan; it uses none of the %n candidate index(es).", nullptr,
                               int(a.candidates.size()));
            a.planAfter.clear();
        } else {
            a.status = QueryAdvice::Status::NoCandidates;
            a.planAfter.clear();
            // A lookup by rowid or by a WITHOUT ROWID table's key is as good as it gets: say so,
            // rather than that nothing is compared.
            const bool byPrimaryKey = std::any_of(a.planBefore.cbegin(), a.planBefore.cend(), [](const QString &line) {
                return line.contains(u"USING INTEGER PRIMARY KEY"_s) || line.contains(u"USING PRIMARY KEY"_s);
            });
            a.message = !covered.isEmpty()
                ? Tr::tr("No new candidate: %1.").arg(covered.join(u"; "_s))
                : byPrimaryKey
                ? Tr::tr("Already served: the plan looks rows up by the table's primary key.")
                : Tr::tr("No candidate index: the planner reports no column compared with a value or sorted on.");
        }
        return a;
    }


    QStringList notes() const
    {
        QStringList n;
        n << Tr::tr("SQLite %1, the method of the sqlite3 shell's .expert: candidates from the planner's own "
                    "constraints, statistics from the rows, EXPLAIN QUERY PLAN decides.")
                 .arg(db::SqliteConnection::libraryVersion());
        if (capture && capture->skippedViews() > 0)
            n << Tr::tr("%n view(s) could not be mirrored; queries on them are reported as failed.", nullptr,
                        capture->skippedViews());
        return n;
    }

private:
    std::unique_ptr<db::SqliteConnection> src;
    const Dialect &dialect;
    const AdvisorOptions &options;
    SqliteStatistics statistics;
    std::unique_ptr<db::SqlitePlanCapture> capture;
    QList<db::PlanTable> tables;
    QStringList schemaSql;
    QStringList viewSql;

    Result<db::PlanTable> tableInfo(const QString &name)
    {
        db::PlanTable t;
        t.name = name;
        auto info = src->query(u"SELECT name, pk FROM pragma_table_info(?1)"_s, {name});
        if (!info)
            return Error{Error::Kind::Database, Tr::tr("Cannot read the columns of %1").arg(name) + u": "_s + info.error().message, {}};
        for (const QVariantList &r : info.value().rows) {
            db::PlanColumn c;
            c.name = r.at(0).toString();
            c.primaryKey = r.at(1).toInt() != 0;
            c.collation = src->columnCollation(name, c.name);
            t.columns << c;
        }
        return t;
    }

    // An index in `db` already serves these terms: its first |eq| columns are the equality columns
    // in any order, the next ones the tail in order (collations matching).
    static QString compatibleIndex(db::SqliteConnection &db, const db::PlanTable &t, const QList<db::PlanTerm> &eq,
                                   const QList<db::PlanTerm> &tail)
    {
        auto list = db.query(u"SELECT name FROM pragma_index_list(?1)"_s, {t.name});
        if (!list)
            return {};
        for (const QVariantList &l : list.value().rows) {
            const QString index = l.at(0).toString();
            auto info = db.query(u"SELECT seqno, cid, coll FROM pragma_index_xinfo(?1) ORDER BY seqno"_s, {index});
            if (!info)
                continue;
            QList<bool> used(eq.size(), false);
            qsizetype next = 0;
            bool match = true;
            for (const QVariantList &r : info.value().rows) {
                const int pos = r.at(0).toInt();
                const int col = r.at(1).toInt();
                const QString coll = r.at(2).toString();
                if (pos < eq.size()) {
                    bool found = false;
                    for (qsizetype i = 0; i < eq.size(); ++i) {
                        if (!used[i] && eq.at(i).column == col && !eq.at(i).collation.compare(coll, Qt::CaseInsensitive)) {
                            used[i] = found = true;
                            break;
                        }
                    }
                    if (!found) {
                        match = false;
                        break;
                    }
                } else if (next < tail.size()) {
                    if (tail.at(next).column != col || tail.at(next).collation.compare(coll, Qt::CaseInsensitive)) {
                        match = false;
                        break;
                    }
                    ++next;
                }
            }
            if (match)
                return index;
        }
        return {};
    }

    static bool hasColumn(const QList<db::PlanTerm> &list, int column)
    {
        return std::any_of(list.cbegin(), list.cend(), [&](const db::PlanTerm &t) { return t.column == column; });
    }

    // Creates the candidate for (eq, tail) in `db` unless an index there serves it already.
    Result<void> candidate(db::SqliteConnection &db, const db::PlanScan &scan, const QList<db::PlanTerm> &eq, const QList<db::PlanTerm> &tail,
                           QList<IndexCandidate> &made, QStringList &covered, const QSet<QString> &candidateNames)
    {
        if (eq.isEmpty() && tail.isEmpty())
            return {};
        const db::PlanTable &t = tables.at(scan.table);
        const QString existing = compatibleIndex(db, t, eq, tail);
        if (!existing.isEmpty()) {
            if (!candidateNames.contains(existing) && !covered.contains(existing))
                covered << Tr::tr("the existing index %1 serves %2").arg(existing, t.name);
            return {};
        }
        IndexCandidate c;
        c.table = t.name;
        QStringList defs;
        for (const db::PlanTerm &term : eq + tail) {
            const db::PlanColumn &col = t.columns.at(term.column);
            const bool ownCollation = !col.collation.compare(term.collation, Qt::CaseInsensitive);
            c.columns << col.name;
            c.collations << (ownCollation ? QString() : term.collation);
            c.descending << term.descending;
            defs << dialect.quoteIdentifier(col.name) + (ownCollation ? QString() : u" COLLATE "_s + dialect.quoteIdentifier(term.collation))
                    + (term.descending ? u" DESC"_s : QString());
        }
        auto r = db.execute(u"CREATE INDEX %1 ON %2(%3)"_s.arg(dialect.quoteIdentifier(c.indexName()),
                                                              dialect.quoteIdentifier(t.name), defs.join(u", "_s)));
        if (!r)
            return Error{Error::Kind::Database,
                         Tr::tr("Cannot create the candidate %1: %2").arg(c.toString(), r.error().message), {}};
        made << c;
        return {};
    }

    // The equality terms without repeats and without the tail's columns.
    static QList<db::PlanTerm> equalities(const db::PlanScan &scan, const QList<db::PlanTerm> &tail)
    {
        QList<db::PlanTerm> out;
        for (const db::PlanTerm &t : scan.eq) {
            if (!hasColumn(out, t.column) && !hasColumn(tail, t.column))
                out << t;
        }
        return out;
    }

    // A fresh copy of the schema, the candidates of `scans`, statistics, EXPLAIN QUERY PLAN.
    Result<PlannedQuery> plan(const QString &sql, const QList<db::PlanScan> &scans, QList<IndexCandidate> *made = nullptr,
                              QStringList *covered = nullptr)
    {
        auto m = db::SqliteConnection::openMemory();
        if (!m)
            return Error{Error::Kind::Internal, Tr::tr("Cannot open an in-memory SQLite database."), {}};
        db::SqliteConnection &db = *m.value();
        for (const QString &ddl : std::as_const(schemaSql)) {
            // A view that does not copy (it names an attached database, a missing function) only
            // matters to queries that read it: those fail when they are planned.
            if (auto r = db.executeScript(ddl); !r && !viewSql.contains(ddl))
                return Error{Error::Kind::Database, Tr::tr("Cannot copy the schema: %1").arg(r.error().message), {}};
        }
        if (made) {
            QStringList coveredHere;
            QSet<QString> names;
            // .expert walks the scans newest first; candidates it made earlier count as existing.
            for (auto it = scans.crbegin(); it != scans.crend(); ++it) {
                const db::PlanScan &scan = *it;
                auto tryMake = [&](const QList<db::PlanTerm> &tail) -> Result<void> {
                    const qsizetype before = made->size();
                    auto r = candidate(db, scan, equalities(scan, tail), tail, *made, coveredHere, names);
                    for (qsizetype i = before; i < made->size(); ++i)
                        names.insert(made->at(i).indexName());
                    return r;
                };
                if (auto r = tryMake({}); !r)
                    return r.error();
                const QList<db::PlanTerm> eq = equalities(scan, {});
                for (auto rit = scan.range.crbegin(); rit != scan.range.crend(); ++rit) {
                    if (hasColumn(eq, rit->column))
                        continue;
                    if (auto r = candidate(db, scan, eq, {*rit}, *made, coveredHere, names); !r)
                        return r.error();
                    for (const IndexCandidate &c : std::as_const(*made))
                        names.insert(c.indexName());
                }
                if (!scan.order.isEmpty()) {
                    if (auto r = tryMake(scan.order); !r)
                        return r.error();
                }
            }
            if (covered)
                *covered = coveredHere;
        }
        if (auto r = statistics.fill(db); !r)
            return r.error();
        // A statement's parameters stay unbound (NULL), as .expert plans them.
        auto prepared = db.prepare((u"EXPLAIN QUERY PLAN "_s + sql).toUtf8());
        if (!prepared)
            return Error{Error::Kind::Database, Tr::tr("EXPLAIN QUERY PLAN failed") + u": "_s + prepared.error().message, {}};
        auto eqp = prepared.value().run(QVariantList(prepared.value().parameterCount()));
        if (!eqp)
            return Error{Error::Kind::Database, Tr::tr("EXPLAIN QUERY PLAN failed") + u": "_s + eqp.error().message, {}};
        PlannedQuery out;
        QHash<int, int> depth;
        for (const QVariantList &step : eqp.value().rows) {
            const int id = step.at(0).toInt();
            const int parent = step.at(1).toInt();
            const QString detail = step.at(3).toString();
            const int d = parent == 0 ? 0 : depth.value(parent, 0) + 1;
            depth.insert(id, d);
            out.lines << QString(d * 2, u' ') + detail;
            for (const QString &marker : {u" USING INDEX "_s, u" USING COVERING INDEX "_s}) {
                const qsizetype at = detail.indexOf(marker);
                if (at >= 0) {
                    QString name = detail.mid(at + marker.size());
                    const qsizetype end = name.indexOf(u" ("_s);
                    if (end >= 0)
                        name.truncate(end);
                    out.indexes << name;
                    break;
                }
            }
        }
        return out;
    }
};

Result<WorkloadAdvice> run(Expert &expert, const QString &database, const Workload &workload,
                           const AdvisorOptions &options)
{
    if (auto r = expert.load(); !r)
        return Error{r.error().kind, r.error().message, database};
    WorkloadAdvice out;
    out.engine = u"sqlite"_s;
    out.database = database;
    int done = 0;
    for (const WorkloadQuery &q : workload.queries) {
        if (options.cancelled && options.cancelled())
            return Error{Error::Kind::Internal, Tr::tr("Cancelled."), {}};
        out.queries << expert.advise(q);
        if (options.progress)
            options.progress(++done, int(workload.queries.size()));
    }
    out.notes = expert.notes();
    return out;
}

} // namespace

Result<WorkloadAdvice> SqliteExpert::adviseFile(const QString &path, const Workload &workload,
                                                const Dialect &indexDialect, const AdvisorOptions &options)
{
    if (!QFileInfo(path).isFile())
        return Error{Error::Kind::NotFound, Tr::tr("No SQLite database file here."), path};
    db::OpenOptions readOnly;
    readOnly.readOnly = true;
    auto opened = db::SqliteConnection::open(path, readOnly);
    if (!opened) {
        if (opened.error().kind == Error::Kind::InvalidInput)
            return Error{Error::Kind::InvalidInput, Tr::tr("Not an SQLite database: %1").arg(opened.error().message), path};
        return Error{Error::Kind::Io, Tr::tr("Cannot open the SQLite database: %1").arg(opened.error().message), path};
    }
    Expert expert(std::move(opened).value(), indexDialect, options);
    auto out = run(expert, path, workload, options);
    if (out)
        out.value().notes << Tr::tr("Statistics from the rows of %1 (read-only; nothing was changed).").arg(path);
    return out;
}

Result<WorkloadAdvice> SqliteExpert::adviseDdl(const QStringList &ddl, const Workload &workload,
                                               const Dialect &indexDialect, const AdvisorOptions &options)
{
    auto m = db::SqliteConnection::openMemory();
    if (!m)
        return Error{Error::Kind::Internal, Tr::tr("Cannot open an in-memory SQLite database."), {}};
    for (const QString &statement : ddl) {
        if (auto r = m.value()->executeScript(statement); !r)
            return Error{Error::Kind::InvalidInput, Tr::tr("The design's SQLite DDL does not run: %1").arg(r.error().message),
                         statement.section(u'\n', 0, 0)};
    }
    Expert expert(std::move(m).value(), indexDialect, options);
    auto out = run(expert, Tr::tr("the design (SQLite DDL, no rows)"), workload, options);
    if (out)
        out.value().notes << Tr::tr("No database given: an empty in-memory copy of the design, so SQLite's default "
                                    "estimates apply (no statistics).");
    return out;
}

} // namespace quarry::schema
