// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/queryadvisor.h"
#include "schema/workload.h"

#include <QStringList>

namespace quarry::schema {

class Dialect;

/// Index advice for SQLite the way the sqlite3 shell's `.expert` (ext/expert/sqlite3expert.c)
/// works, reimplemented on the C API:
///
/// 1. Each table of the source becomes a virtual table of the same name and columns in an
///    in-memory "capture" database; preparing a query there makes SQLite's planner report, through
///    xBestIndex, the constraints it could use per table scan: equality, range and ORDER BY columns
///    with their collations (columns of the primary key excluded).
/// 2. From each scan, candidates as .expert makes them: all equality columns; equality columns plus
///    each range column; equality columns plus the ORDER BY columns; none that an existing index
///    (or an earlier candidate) already serves.
/// 3. The schema is copied into an in-memory database with the candidates, sqlite_stat1 is filled
///    from the source's rows (row count and, per index prefix, rows over value changes in a scan,
///    the statistic .expert's default "-sample 100" computes) and EXPLAIN QUERY PLAN decides: a
///    candidate the planner picks (SCAN -> SEARCH ... USING INDEX) is suggested.
///
/// SQLite exposes no costs, so QueryAdvice::costBefore/costAfter stay empty; the plans before and
/// after are the evidence. The source is opened read-only and never changed. Blocks: call it off
/// the GUI thread.
class QUARRY_CORE_EXPORT SqliteExpert
{
public:
    /// `path`: an SQLite database file, opened read-only.
    static Result<WorkloadAdvice> adviseFile(const QString &path, const Workload &workload, const Dialect &indexDialect,
                                             const AdvisorOptions &options = {});
    /// `ddl`: CREATE statements (a design's SQLite DDL) for an empty in-memory database; without
    /// rows there are no statistics and SQLite's default estimates apply.
    static Result<WorkloadAdvice> adviseDdl(const QStringList &ddl, const Workload &workload,
                                            const Dialect &indexDialect, const AdvisorOptions &options = {});
};

} // namespace quarry::schema
