// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry advise WORKSPACE [--queries FILE [--db URL]] [--dialect D] [--json]`: design advice
/// without a workload (see schema::DesignAdvisor) and, with --queries, index advice for each
/// statement of the file, verified by a planner: PostgreSQL with HypoPG for a postgresql:// URL
/// (schema::PgQueryAdvisor), SQLite the .expert way for sqlite:FILE or, without --db, for an
/// empty in-memory copy of the design (schema::SqliteExpert). Exit 0 with or without advice (a
/// statement that does not parse is reported with its line and column, the others are still
/// analysed); 1 when the workspace, the queries file or the database cannot be used, or the
/// design has errors; 2 for usage errors.
int runAdvise(const QStringList &args, Io &io);
const OptionTable &adviseOptions();

} // namespace quarry::cli
