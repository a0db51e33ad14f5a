# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# quarry::schema sources that bring a dependency of their own, included by src/core/CMakeLists.txt.

# PostgreSQL's own parser (Debian libpg-query-dev, PG 15 grammar); no CMake or pkg-config files.
find_path(PG_QUERY_INCLUDE_DIR pg_query.h REQUIRED)
find_library(PG_QUERY_LIBRARY pg_query REQUIRED)
target_sources(quarry-core PRIVATE schema/pgparsetree.cpp schema/pgparsetree.h schema/pgddlimporter.cpp schema/pgddlimporter.h)
target_include_directories(quarry-core PRIVATE ${PG_QUERY_INCLUDE_DIR})
target_link_libraries(quarry-core PRIVATE ${PG_QUERY_LIBRARY})
