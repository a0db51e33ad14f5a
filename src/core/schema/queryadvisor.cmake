# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Advice from queries: workloads, candidate indexes from libpg_query parse trees checked with HypoPG
# on PostgreSQL (a HypoPG session on db::PgConnection), and SQLite's expert method (on
# db::SqliteConnection and db::SqlitePlanCapture). Included by src/core/CMakeLists.txt after schema.cmake (libpg_query).
target_sources(quarry-core PRIVATE
    schema/workload.cpp schema/workload.h
    schema/queryadvisor.cpp schema/queryadvisor.h
    schema/pgcandidategenerator.cpp schema/pgqueryadvisor.cpp
    schema/sqliteexpert.cpp schema/sqliteexpert.h
    schema/sqlitestatistics.cpp schema/sqlitestatistics.h
)
