// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "db/connection.h"
#include "migrate/history.h"
#include "migrate/plan.h"
#include "migrate/planner.h"
#include "migrate/schemadiff.h"

namespace quarry::schema {
class Dialect;
}

namespace quarry::migrate {

/// A live database read for a migration: its design in the terms of the design last applied
/// (History::mapToDesign), the history entry used, and what a SQLite rebuild must recreate.
struct LiveDesign {
    schema::Schema schema;
    std::optional<History::Entry> history;
    LiveObjects objects;
    QStringList notes;
};

struct ApplyOptions {
    bool allowDestructive = false;
    /// SQLite: where the backup goes; empty puts it beside `sqliteFile`.
    QString backupPath;
    /// SQLite: the database file, backed up before anything runs. Empty: no backup.
    QString sqliteFile;
    /// The design the plan leads to, recorded in the history table.
    schema::Schema design;
    /// Whether the migration is recorded in the history table (the mock server's served file,
    /// which follows the design by itself, keeps none).
    bool recordHistory = true;
};

struct ApplyReport {
    int steps = 0;
    qint64 historyId = 0;
    QString backupPath;      ///< SQLite: the copy made before the migration
    QStringList notes;
};

/// Reads, checks and applies migrations on one connection (blocking: run it off the GUI thread).
class QUARRY_CORE_EXPORT Migrator
{
public:
    /// The database's design as introspection reads it, without the history's ids.
    static Result<schema::Schema> introspect(db::Connection &connection, const QString &where = {});
    /// The database's design mapped to the design ids of its history, and its triggers.
    static Result<LiveDesign> read(db::Connection &connection, const QString &where = {});
    /// The plan that takes the database at `connection` to `design`, its checks run against the data.
    static Result<Plan> planFor(db::Connection &connection, const schema::Schema &design, const schema::Dialect &dialect,
                                const QList<QPair<QString, QString>> &renames = {}, const QString &where = {},
                                const PlanOptions &planOptions = {});
    /// Runs every step's data checks (Step::checks, counts filled in).
    static Result<void> check(db::Connection &connection, Plan &plan);
    /// Applies `plan` in one transaction and records it in the history. Refuses, changing nothing,
    /// a plan with destructive steps unless options.allowDestructive, and a plan whose checks found
    /// rows that make a step fail. A failing statement rolls everything back; the error names the
    /// step. SQLite: backs the file up first (online backup API) and turns foreign keys off around
    /// a table rebuild, checking them (foreign_key_check) before the commit.
    static Result<ApplyReport> apply(db::Connection &connection, const Plan &plan, const ApplyOptions &options);
};

} // namespace quarry::migrate
