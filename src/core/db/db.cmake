# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# The database layer: db::Connection with its SQLite (C API) and PostgreSQL (libpq) implementations.
# No other file of src/ or plugins/ includes sqlite3.h or libpq (tests/core/layering checks it).
# Included by src/core/CMakeLists.txt.
find_package(SQLite3 REQUIRED)
pkg_check_modules(PQ REQUIRED IMPORTED_TARGET libpq)
target_sources(quarry-core PRIVATE
    db/connection.cpp db/connection.h
    db/sqliteconnection.cpp db/sqliteconnection.h
    db/pgconnection.cpp db/pgconnection.h
    db/sqliteplancapture.cpp db/sqliteplancapture.h
)
target_link_libraries(quarry-core PRIVATE SQLite::SQLite3 PkgConfig::PQ)
