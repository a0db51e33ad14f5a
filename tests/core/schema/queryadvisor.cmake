# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Advice from queries (issue #6). Included by tests/core/schema/CMakeLists.txt.
quarry_add_test(core.schema.workload SOURCES tst_workload.cpp LIBS quarry-core LABELS unit)

quarry_add_test(core.schema.pgcandidates SOURCES tst_pgcandidates.cpp LIBS quarry-core LABELS unit)

# Runs the real sqlite3 shell's .expert on Chinook and compares.
quarry_add_test(core.schema.sqliteexpert SOURCES tst_sqliteexpert.cpp LIBS quarry-core LABELS unit)
add_dependencies(tst_core_schema_sqliteexpert quarry-dialect-sqlite)

# Needs QUARRY_TEST_PG_URL: loads Pagila into a database of its own, checks HypoPG advice.
quarry_add_test(core.schema.pgqueryadvisor SOURCES tst_pgqueryadvisor.cpp LIBS quarry-core LABELS db TIMEOUT 180)
add_dependencies(tst_core_schema_pgqueryadvisor quarry-dialect-postgres)
