// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "migrate/plan.h"
#include "migrate/schemadiff.h"

#include <QHash>

namespace quarry::schema {
class Dialect;
}

namespace quarry::migrate {

/// What the live database holds besides the design, which a SQLite table rebuild must put back.
struct LiveObjects {
    /// Every trigger of the database: its name and its CREATE TRIGGER as sqlite_schema keeps it.
    QList<QPair<QString, QString>> triggers;
};

struct PlanOptions {
    /// PostgreSQL: indexes on existing tables are built with CREATE INDEX CONCURRENTLY, which
    /// does not block writes but cannot run in a transaction: they go to the second phase.
    bool concurrentIndexes = false;
};

/// Turns a diff into the steps that apply it on one engine (the dialect's id: "postgres" or
/// "sqlite"), each with its SQL, its risk and the questions it asks the data.
///
/// PostgreSQL runs each change as an ALTER; SQLite runs renames, added columns it can add,
/// indexes and views as such, and rebuilds a table for anything else (SQLite's documented
/// twelve steps: a new table, the rows copied, the old one dropped, the new one renamed, its
/// indexes, the views and the triggers made again; foreign keys off meanwhile and checked before
/// the commit, so child rows under ON DELETE CASCADE survive).
/// Steps PostgreSQL cannot run inside the migration's transaction go to a second phase after the
/// commit, announced in the plan: CREATE INDEX CONCURRENTLY (PlanOptions), and a default that uses
/// an enum value the same migration adds (a new value is usable only once its transaction committed).
class QUARRY_CORE_EXPORT Planner
{
public:
    static Result<Plan> plan(const SchemaDiff &diff, const schema::Dialect &dialect, const LiveObjects &live = {},
                             const PlanOptions &options = {});
    /// The options a diff for `dialect` needs (type names, enums, comments).
    static DiffOptions diffOptions(const schema::Dialect &dialect);
};

} // namespace quarry::migrate
