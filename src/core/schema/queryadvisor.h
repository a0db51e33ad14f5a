// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/workload.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace quarry::schema {

class Dialect;
class Schema;

/// An index the advisor considers: a table and its key columns, left to right.
struct QUARRY_CORE_EXPORT IndexCandidate {
    QString nameSpace;          ///< empty = the default schema
    QString table;
    QStringList columns;
    QList<bool> descending;     ///< per column; empty = all ascending
    QStringList collations;     ///< per column (SQLite); empty or "" = the column's own

    /// "rental(customer_id, return_date)".
    QString toString() const;
    /// A conventional name: "rental_customer_id_return_date_idx" (shortened to `maxLength`).
    QString indexName(int maxLength = 63) const;
    /// CREATE INDEX in `dialect`, quoted by it.
    QString createStatement(const Dialect &dialect) const;
    friend bool operator==(const IndexCandidate &, const IndexCandidate &) = default;
};

/// What the advisor found for one statement of a workload.
struct QUARRY_CORE_EXPORT QueryAdvice {
    enum class Status {
        Suggested,      ///< an index the planner uses, with the saving that earns it
        NoGain,         ///< candidates tried, none helps enough (or the planner ignores them)
        NoCandidates,   ///< nothing to index: no usable predicates, or existing indexes cover them
        Skipped,        ///< not a query the advisor explains (DDL, a parameterised query it cannot plan)
        Failed,         ///< the statement does not parse, or the planner rejects it
    };
    WorkloadQuery query;
    Status status = Status::NoCandidates;
    QString message;            ///< one line: why this status ("cost 375 -> 142, 62% less")
    QString where;              ///< for Failed: "line 4, column 12"
    QString note;               ///< how it was planned, when unusual ("Generic plan: $1..$2 ...")
    QString gain;               ///< a few words for a table cell: "62% less cost", "SCAN → SEARCH", "no sort step"
    QList<IndexCandidate> candidates;   ///< what was tried, in the order tried
    QStringList planBefore;     ///< plan lines, indented by two spaces per level
    QStringList planAfter;      ///< with the suggested index (or the best candidate)
    std::optional<double> costBefore;   ///< PostgreSQL's total cost; SQLite exposes none
    std::optional<double> costAfter;
    QList<IndexCandidate> suggestions;  ///< indexes to create (PostgreSQL: at most one)
    QStringList createStatements;       ///< the suggestions as CREATE INDEX in the engine's dialect

    /// 0..100, when both costs are known.
    std::optional<double> savingPercent() const;
    static QString statusName(Status status);
};

/// The result of a workload: one entry per statement, in file order.
struct WorkloadAdvice {
    QString engine;             ///< "postgres" or "sqlite"
    QString database;           ///< what was asked, without a password
    QStringList notes;          ///< how it was done ("statistics from 3,503 rows of Track", ...)
    QList<QueryAdvice> queries;

    int suggestionCount() const;
};

struct AdvisorOptions {
    /// Suggest only when cost after <= cost before * ratio (dexter's "at least halved").
    double maxCostRatio = 0.5;
    /// Polled between statements and candidates; true stops the run with an Error.
    std::function<bool()> cancelled;
    /// Called after each statement with (done, total).
    std::function<void(int, int)> progress;
};

/// An index that exists already: its name and its leading plain key columns.
struct ExistingIndexInfo {
    QString name;
    QStringList columns;
};
/// Existing indexes per table ("ns.table" or "table").
using IndexColumns = QHash<QString, QList<ExistingIndexInfo>>;
/// Columns per table ("ns.table" or "table").
using TableColumns = QHash<QString, QStringList>;

/// Candidate indexes for a PostgreSQL statement from its libpg_query parse tree, dexter-style:
/// per table (aliases resolved; unqualified columns resolved through `columns`), the columns of
/// equality predicates (=, IN, IS NULL) first, then range predicates (<, <=, >, >=, BETWEEN),
/// then ORDER BY and join columns; single-column candidates and composites (equality columns,
/// then one range or ORDER BY column), skipping any that an existing index has as a left prefix.
class QUARRY_CORE_EXPORT PgCandidateGenerator
{
public:
    struct Output {
        QList<IndexCandidate> candidates;
        int parameterCount = 0;     ///< highest $n in the statement
        QString statementKind;      ///< "SelectStmt", "UpdateStmt", ...
        QStringList covered;        ///< "rental(customer_id) is covered by the existing index idx_fk_customer_id"
    };
    /// Parse errors carry "line L, column C" relative to the workload file.
    static Result<Output> generate(const WorkloadQuery &query, const TableColumns &columns,
                                   const IndexColumns &existing);
    /// "ns.table", or "table" in the default (public) schema: the key of the maps above.
    static QString tableKey(const QString &nameSpace, const QString &table);
    /// The columns and indexes of a design, keyed like the maps above.
    static TableColumns columnsOf(const Schema &design);
    static IndexColumns indexesOf(const Schema &design);
};

/// Advice from queries verified by PostgreSQL's planner with HypoPG hypothetical indexes. All
/// work happens in one transaction that is rolled back (the extension is created inside it when
/// missing), so the database is left as it was; only EXPLAIN runs, never the statements.
/// Blocks: call it off the GUI thread.
class QUARRY_CORE_EXPORT PgQueryAdvisor
{
public:
    /// `indexDialect` writes the suggested CREATE INDEX (normally the postgres plugin).
    static Result<WorkloadAdvice> advise(const QString &url, const Workload &workload, const Dialect &indexDialect,
                                         const AdvisorOptions &options = {});
};

/// A database a workspace names in its `databases` section.
struct AdvisorDatabase {
    QString name;
    QString url;    ///< "sqlite:seed.db" (relative to the workspace file) or "postgresql://..."
};

/// The workspace's `databases` section as name/url pairs; entries without a url are left out.
QUARRY_CORE_EXPORT QList<AdvisorDatabase> advisorDatabases(const QJsonArray &databasesSection);

/// The advisor for `url`: postgresql:// (or a libpq "host=..." string) -> PgQueryAdvisor;
/// sqlite:FILE (relative paths against `baseDir`) -> SqliteExpert::adviseFile; empty -> SqliteExpert on
/// the design's SQLite DDL. CREATE INDEX statements come from the engine's dialect plugin.
QUARRY_CORE_EXPORT Result<WorkloadAdvice> adviseWorkload(const QString &url, const QString &baseDir, const Schema &design,
                                                         const Workload &workload, const AdvisorOptions &options = {});

} // namespace quarry::schema
