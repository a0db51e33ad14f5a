// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "migrate/planner.h"

namespace quarry::migrate::detail {

/// Planner::plan() for SQLite.
Result<Plan> planSqlite(const SchemaDiff &diff, const schema::Dialect &dialect, const LiveObjects &live);

} // namespace quarry::migrate::detail
