// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "db/connection.h"

namespace quarry::db {

class SqliteConnection;

/// A column of a table whose scans SqlitePlanCapture mirrors.
struct PlanColumn {
    QString name;
    QString collation;          ///< as declared; "BINARY" when none
    bool primaryKey = false;    ///< primary key columns are not offered as candidates
};

struct PlanTable {
    QString name;
    QList<PlanColumn> columns;
};

/// A column the planner compares or sorts on in one scan.
struct PlanTerm {
    int column = -1;            ///< index into PlanTable::columns
    QString collation;
    bool descending = false;    ///< ORDER BY ... DESC
};

/// What SQLite's planner could use in one scan of a table: equality and range constraints in the
/// order SQLite listed them, and the ORDER BY columns left to right.
struct PlanScan {
    int table = -1;             ///< index into the tables given to SqlitePlanCapture::create
    QList<PlanTerm> eq;
    QList<PlanTerm> range;
    QList<PlanTerm> order;
};

/// The capture step of the sqlite3 shell's `.expert` (ext/expert/sqlite3expert.c): an in-memory
/// database where each table is a virtual table of the same name and columns, so that preparing
/// a query makes SQLite's planner report, through xBestIndex, every constraint it could use.
/// Nothing is run. Not thread-safe; one capture per advisor run.
class QUARRY_CORE_EXPORT SqlitePlanCapture
{
public:
    ~SqlitePlanCapture();
    /// Mirrors `tables`, then creates `views` (CREATE VIEW texts) on top; a view that does not
    /// copy (it names an attached database, a missing function) is counted in skippedViews().
    static DbResult<std::unique_ptr<SqlitePlanCapture>> create(const QList<PlanTable> &tables, const QStringList &views);
    int skippedViews() const;
    /// Prepares `sql` against the mirror: the scans the planner considered. For a statement
    /// SQLite refuses, the error, and errorOffset() says where (a byte offset in `sql`'s UTF-8).
    DbResult<QList<PlanScan>> capture(const QString &sql);
    qsizetype errorOffset() const;

    /// Registers quarry_rem(slot, value) on `connection`: it returns what the slot held before
    /// (NULL at first) and keeps `value`. The statistics .expert computes count value changes
    /// along a sorted scan with it.
    static DbResult<void> addPreviousValueFunction(SqliteConnection &connection);

private:
    SqlitePlanCapture();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace quarry::db
