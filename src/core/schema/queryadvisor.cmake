# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Advice from queries (issue #6): workloads, candidate indexes from libpg_query parse trees checked
# with HypoPG on PostgreSQL, and SQLite's expert method. Included by src/core/CMakeLists.txt after
# schema.cmake (libpg_query) and mock.cmake (SQLite::SQLite3).
target_sources(quarry-core PRIVATE
    schema/workload.cpp schema/workload.h
    schema/queryadvisor.cpp schema/queryadvisor.h
    schema/sqliteexpert.cpp schema/sqliteexpert.h
)
