# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Diff and migrate: schema diffs keyed by design ids, plans per dialect, applying them with a
# history table. Stands on schema and db. Included by src/core/CMakeLists.txt.
target_sources(quarry-core PRIVATE
    migrate/schemadiff.cpp migrate/schemadiff.h migrate/changetext.cpp migrate/comparison.cpp migrate/comparison.h
    migrate/plan.cpp migrate/plan.h migrate/planner.cpp migrate/planner.h migrate/stepwriter.h
    migrate/sqliteplan.cpp migrate/sqliteplan.h
    migrate/history.cpp migrate/history.h migrate/migrator.cpp migrate/migrator.h
    migrate/migrationfiles.cpp migrate/migrationfiles.h
)
