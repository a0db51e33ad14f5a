// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/queryadvisor.h"

#include "db/pgconnection.h"
#include "schema/dialect.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(QueryAdvisor)
};

QString joinedType(const QJsonObject &plan)
{
    QString type = plan.value(u"Node Type"_s).toString();
    const QString join = plan.value(u"Join Type"_s).toString();
    if (!join.isEmpty() && join != u"Inner"_s) {
        if (type.endsWith(u" Join"_s))
            type = type.chopped(5) + u' ' + join + u" Join"_s;
        else if (type == u"Nested Loop"_s)
            type += u' ' + join + u" Join"_s;
    }
    return type;
}

// PostgreSQL's text format, without the numbers: "Index Scan using rental_pkey on rental r".
void planLines(const QJsonObject &plan, int depth, QStringList &out, QSet<QString> &indexes)
{
    const QString type = joinedType(plan);
    QString text = type;
    const QString index = plan.value(u"Index Name"_s).toString();
    const QString rel = plan.value(u"Relation Name"_s).toString();
    const QString alias = plan.value(u"Alias"_s).toString();
    if (!index.isEmpty()) {
        indexes.insert(index);
        text += (type == u"Bitmap Index Scan"_s ? u" on "_s : u" using "_s) + index;
    }
    if (!rel.isEmpty()) {
        text += u" on "_s + rel;
        if (!alias.isEmpty() && alias != rel)
            text += u' ' + alias;
    }
    out << QString(depth * 2, u' ') + text;
    for (const QJsonValue &child : plan.value(u"Plans"_s).toArray())
        planLines(child.toObject(), depth + 1, out, indexes);
}

struct Explained {
    double cost = 0;
    QStringList lines;
    QSet<QString> indexes;
};

/// The first line of an engine error: what a table cell or a one-line message can hold.
Error oneLine(const Error &e)
{
    return Error{e.kind, e.message.section(u'\n', 0, 0), {}};
}

/// The advisor's work inside the one transaction it rolls back; each step in a savepoint, so a
/// statement PostgreSQL refuses fails that step only.
class PgSession
{
public:
    PgSession(db::PgConnection &conn, const Dialect &dialect) : conn(conn), dialect(dialect) {}

    // EXPLAIN (FORMAT JSON); a statement with $n parameters is prepared and explained with the
    // generic plan (PostgreSQL 15 has no EXPLAIN (GENERIC_PLAN)).
    Result<Explained> explain(const QString &sql, int parameters)
    {
        auto json = inSavepoint(u"quarry_explain"_s, [&]() -> Result<QString> {
            if (parameters <= 0)
                return explainJson(u"EXPLAIN (FORMAT JSON) "_s + sql);
            const QString name = u"quarry_advise_%1"_s.arg(++prepared);
            if (auto p = conn.execute(u"PREPARE "_s + name + u" AS "_s + sql); !p)
                return oneLine(p.error());
            QStringList args;
            for (int i = 0; i < parameters; ++i)
                args << u"NULL"_s;
            auto r = explainJson(u"EXPLAIN (FORMAT JSON) EXECUTE %1(%2)"_s.arg(name, args.join(u", "_s)));
            if (auto d = conn.execute(u"DEALLOCATE "_s + name); !d && r)
                return oneLine(d.error());
            return r;
        });
        if (!json)
            return json.error();
        const QJsonObject plan = QJsonDocument::fromJson(json.value().toUtf8()).array().at(0).toObject()
                                     .value(u"Plan"_s).toObject();
        Explained e;
        e.cost = plan.value(u"Total Cost"_s).toDouble();
        planLines(plan, 0, e.lines, e.indexes);
        return e;
    }

    // A hypothetical index, the plan with it, and HypoPG's state reset afterwards.
    Result<std::pair<QString, Explained>> explainWith(const IndexCandidate &c, const QString &sql, int parameters)
    {
        auto hypo = inSavepoint(u"quarry_hypo"_s, [&]() -> Result<QString> {
            QStringList cols;
            for (const QString &col : c.columns)
                cols << dialect.quoteIdentifier(col);
            const QString rel = (c.nameSpace.isEmpty() ? QString() : dialect.quoteIdentifier(c.nameSpace) + u'.')
                + dialect.quoteIdentifier(c.table);
            auto r = conn.query(u"SELECT indexname FROM hypopg_create_index($1)"_s,
                                {u"CREATE INDEX ON %1 (%2)"_s.arg(rel, cols.join(u", "_s))});
            if (!r)
                return oneLine(r.error());
            return r.value().rows.value(0).value(0).toString();
        });
        if (!hypo)
            return hypo.error();
        auto e = explain(sql, parameters);
        if (auto reset = conn.execute(u"SELECT hypopg_reset()"_s); !reset)
            return Error(reset.error());
        if (!e)
            return e.error();
        return std::make_pair(hypo.value(), std::move(e).value());
    }

private:
    db::PgConnection &conn;
    const Dialect &dialect;
    int prepared = 0;

    Result<QString> explainJson(const QString &statement)
    {
        auto r = conn.query(statement);
        if (!r)
            return oneLine(r.error());
        return r.value().rows.value(0).value(0).toString();
    }

    template <typename Step>
    Result<QString> inSavepoint(const QString &name, Step step)
    {
        if (auto s = conn.savepoint(name); !s)
            return oneLine(s.error());
        Result<QString> r = step();
        if (!r) {
            if (auto back = conn.rollbackToSavepoint(name); !back)
                return oneLine(back.error());
        }
        if (auto release = conn.releaseSavepoint(name); !release)
            return oneLine(release.error());
        return r;
    }
};

QString formatCost(double cost)
{
    return QString::number(cost, 'f', 2);
}

/// Rolls the advisor's transaction back however advise() returns.
struct RollbackGuard {
    db::Connection &conn;
    ~RollbackGuard() { (void)conn.rollback(); }
};

const char *const kColumns =
    "SELECT n.nspname, c.relname, a.attname FROM pg_attribute a "
    "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p', 'm') AND a.attnum > 0 AND NOT a.attisdropped "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
    "ORDER BY n.nspname, c.relname, a.attnum";

const char *const kIndexes =
    "SELECT n.nspname, c.relname, ic.relname, "
    "  array_to_string(ARRAY(SELECT coalesce(a.attname, '') FROM unnest(i.indkey::int2[]) "
    "    WITH ORDINALITY k(attnum, ord) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid "
    "    AND a.attnum = k.attnum ORDER BY k.ord), ',') "
    "FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam "
    "WHERE i.indpred IS NULL AND am.amname = 'btree' "
    "AND n.nspname NOT IN ('pg_catalog', 'information_schema')";

} // namespace

Result<WorkloadAdvice> PgQueryAdvisor::advise(const QString &url, const Workload &workload,
                                              const Dialect &indexDialect, const AdvisorOptions &options)
{
    WorkloadAdvice out;
    out.engine = u"postgres"_s;
    out.database = db::maskedUrl(url);
    const auto cancelled = [&] { return options.cancelled && options.cancelled(); };
    const Error cancelError{Error::Kind::Internal, Tr::tr("Cancelled."), {}};
    // Any failure of the session itself (not of one statement) ends the run with the URL as where.
    const auto failed = [&](const Error &e) { return Error{e.kind, e.message, out.database}; };

    auto opened = db::PgConnection::open(url);
    if (!opened)
        return failed(opened.error());
    db::PgConnection &conn = *opened.value();

    // Everything below is rolled back: the extension (when this run creates it), the
    // hypothetical indexes (which live in this backend's memory anyway) and the settings.
    if (auto b = conn.begin(); !b)
        return failed(b.error());
    RollbackGuard rollback{conn};
    if (auto r = conn.execute(u"SET LOCAL lock_timeout = '5s'"_s); !r)
        return failed(r.error());
    const int version = conn.serverVersionNumber();
    const QString hypopgVersion = u"SELECT extversion FROM pg_extension WHERE extname = 'hypopg'"_s;
    auto installed = conn.query(hypopgVersion);
    if (!installed)
        return failed(installed.error());
    if (auto s = conn.savepoint(u"quarry_hypopg"_s); !s)
        return failed(s.error());
    if (auto created = conn.execute(u"CREATE EXTENSION IF NOT EXISTS hypopg"_s); !created) {
        return Error{Error::Kind::Database,
                     Tr::tr("HypoPG is not available on %1 (%2). Quarry checks candidate indexes with HypoPG's "
                            "hypothetical indexes: install the extension's package on the database server "
                            "(Debian: postgresql-%3-hypopg) and make sure this user may CREATE EXTENSION; "
                            "Quarry creates it only inside a transaction it rolls back.")
                         .arg(out.database, created.error().message.section(u'\n', 0, 0))
                         .arg(version / 10000),
                     out.database};
    }
    if (auto s = conn.releaseSavepoint(u"quarry_hypopg"_s); !s)
        return failed(s.error());
    auto hv = conn.query(hypopgVersion);
    if (!hv)
        return failed(hv.error());
    out.notes << Tr::tr("PostgreSQL %1.%2, HypoPG %3 (%4); everything ran in one transaction that was rolled back.")
                     .arg(version / 10000)
                     .arg(version % 10000)
                     .arg(hv.value().rows.isEmpty() ? u"?"_s : hv.value().rows.at(0).at(0).toString(),
                          installed.value().rows.isEmpty() ? Tr::tr("created for this run only") : Tr::tr("installed"));
    // Queries with $n parameters are explained through PREPARE with their generic plan.
    for (const QString &setup : {u"SELECT hypopg_reset()"_s, u"SET LOCAL plan_cache_mode = force_generic_plan"_s}) {
        if (auto r = conn.execute(setup); !r)
            return failed(r.error());
    }

    TableColumns columns;
    auto columnRows = conn.query(QString::fromLatin1(kColumns));
    if (!columnRows)
        return failed(columnRows.error());
    for (const QVariantList &row : columnRows.value().rows)
        columns[PgCandidateGenerator::tableKey(row.at(0).toString(), row.at(1).toString())] << row.at(2).toString();
    IndexColumns indexes;
    auto indexRows = conn.query(QString::fromLatin1(kIndexes));
    if (!indexRows)
        return failed(indexRows.error());
    for (const QVariantList &row : indexRows.value().rows) {
        QStringList cols;
        for (const QString &c : row.at(3).toString().split(u',')) {
            if (c.isEmpty())
                break;
            cols << c;
        }
        if (!cols.isEmpty())
            indexes[PgCandidateGenerator::tableKey(row.at(0).toString(), row.at(1).toString())]
                << ExistingIndexInfo{row.at(2).toString(), cols};
    }

    PgSession session(conn, indexDialect);
    int done = 0;
    for (const WorkloadQuery &q : workload.queries) {
        if (cancelled())
            return cancelError;
        QueryAdvice a;
        a.query = q;
        auto gen = PgCandidateGenerator::generate(q, columns, indexes);
        if (!gen) {
            a.status = QueryAdvice::Status::Failed;
            a.message = gen.error().message;
            a.where = gen.error().where;
        } else if (!QStringList{u"SelectStmt"_s, u"InsertStmt"_s, u"UpdateStmt"_s, u"DeleteStmt"_s}.contains(
                       gen.value().statementKind)) {
            a.status = QueryAdvice::Status::Skipped;
            a.message = Tr::tr("Not a query (%1); only SELECT, INSERT, UPDATE and DELETE are explained.")
                            .arg(gen.value().statementKind);
        } else {
            const auto &g = gen.value();
            a.candidates = g.candidates;
            auto before = session.explain(q.sql, g.parameterCount);
            if (!before && before.error().kind == Error::Kind::Network) {
                return failed(before.error());
            } else if (!before) {
                a.status = QueryAdvice::Status::Failed;
                a.message = before.error().message;
                a.where = q.locate(0);
            } else {
                a.planBefore = before.value().lines;
                a.costBefore = before.value().cost;
                std::optional<Explained> best;
                IndexCandidate bestCandidate;
                QStringList failures;
                for (const IndexCandidate &c : g.candidates) {
                    if (cancelled())
                        return cancelError;
                    auto with = session.explainWith(c, q.sql, g.parameterCount);
                    if (!with) {
                        if (with.error().kind == Error::Kind::Network)
                            return failed(with.error());
                        failures << Tr::tr("%1: %2").arg(c.toString(), with.error().message);
                        continue;
                    }
                    const auto &[hypo, e] = with.value();
                    if (!e.indexes.contains(hypo))
                        continue; // the planner ignores it
                    if (!best || e.cost < best->cost) {
                        best = e;
                        bestCandidate = c;
                    }
                }
                const QString params = g.parameterCount > 0
                    ? Tr::tr(" Generic plan: $1..$%1 planned without values (PREPARE with plan_cache_mode = "
                             "force_generic_plan).").arg(g.parameterCount)
                    : QString();
                if (g.candidates.isEmpty()) {
                    a.status = QueryAdvice::Status::NoCandidates;
                    a.message = g.covered.isEmpty()
                        ? Tr::tr("No candidate index: no column is compared with a value, joined or sorted on.")
                        : Tr::tr("No new candidate: %1.").arg(g.covered.join(u"; "_s));
                } else if (!best) {
                    a.status = QueryAdvice::Status::NoGain;
                    a.message = Tr::tr("The planner uses none of the %n candidate index(es).", nullptr,
                                       int(g.candidates.size()));
                } else {
                    a.planAfter = best->lines;
                    a.costAfter = best->cost;
                    const double saving = *a.savingPercent();
                    if (best->cost <= *a.costBefore * options.maxCostRatio) {
                        a.status = QueryAdvice::Status::Suggested;
                        a.suggestions << bestCandidate;
                        a.createStatements << bestCandidate.createStatement(indexDialect);
                        a.gain = Tr::tr("%1% less cost").arg(saving, 0, 'f', 0);
                        a.message = Tr::tr("Cost %1 -> %2 with %3: %4% less.")
                                        .arg(formatCost(*a.costBefore), formatCost(best->cost),
                                             bestCandidate.toString())
                                        .arg(saving, 0, 'f', 0);
                    } else {
                        a.status = QueryAdvice::Status::NoGain;
                        a.gain = Tr::tr("%1% only").arg(saving, 0, 'f', 0);
                        a.message = Tr::tr("The best candidate, %1, lowers the cost only from %2 to %3 (%4% less); "
                                           "an index is suggested when it at least halves it.")
                                        .arg(bestCandidate.toString(), formatCost(*a.costBefore),
                                             formatCost(best->cost))
                                        .arg(saving, 0, 'f', 0);
                    }
                }
                a.note = params.trimmed();
                if (!failures.isEmpty())
                    a.message += u' ' + Tr::tr("HypoPG refused: %1.").arg(failures.join(u"; "_s));
            }
        }
        out.queries << a;
        if (options.progress)
            options.progress(++done, int(workload.queries.size()));
    }
    return out;
}

} // namespace quarry::schema
