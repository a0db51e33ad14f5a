// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "migrate/schemadiff.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace quarry::migrate {

/// What a step may do to a live database, from harmless to harmful.
enum class Risk {
    Safe,          ///< metadata only
    Locks,         ///< rewrites or locks a table while it runs
    MayFail,       ///< may fail on the data already there (NULLs, duplicates, orphans)
    Destroys,      ///< loses data (a dropped table or column)
};

/// A question a step asks the data before it runs: `sql` counts the rows concerned.
struct DataCheck {
    QString sql;           ///< one SELECT returning one count, on the database before the migration
    QString message;       ///< with %n: "%n rows are NULL"
    bool blocking = false; ///< a count above 0 makes the step fail
    qint64 count = -1;     ///< filled by Migrator::check(); -1 = not checked
};

/// One step of a migration plan.
struct Step {
    QString description;       ///< "make users.email NOT NULL"
    Risk risk = Risk::Safe;
    QStringList sql;           ///< the statements, in order, without a trailing ";"
    QList<DataCheck> checks;
    /// Runs outside the transaction, after it (CREATE INDEX CONCURRENTLY).
    bool secondPhase = false;
    /// SQLite's table rebuild: the foreign keys are off while it runs, checked before commit.
    bool rebuild = false;
    QStringList notes;         ///< what a reader should know ("the 412 NULL rows get the default 0")

    /// The step's findings, checked: "412 rows are NULL". Empty before Migrator::check().
    QStringList findings() const;
    /// Whether a check found rows that make the step fail.
    bool isBlocked() const;
};

/// The steps that take a database from one design to another, for one engine.
struct QUARRY_CORE_EXPORT Plan {
    QString dialect;           ///< "postgres", "sqlite"
    QList<Step> steps;
    QStringList notes;         ///< what the plan cannot do, and why

    bool isEmpty() const { return steps.isEmpty(); }
    bool hasDestructiveSteps() const;
    /// Every statement, in order (the first phase, then the second).
    QStringList statements() const;
    /// The plan as a reader wants it: numbered steps with their risk, findings and SQL.
    QString text() const;
    QJsonObject toJson() const;
    /// SHA-256 of the statements, hex: what --write records and applying checks.
    QString checksum() const;

    static QString riskName(Risk risk);   ///< "safe", "locks", "may fail", "destroys data"
};

} // namespace quarry::migrate
