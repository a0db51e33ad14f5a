# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Schema importers and exporters other than PostgreSQL's (schema.cmake): SQLite DDL through SQLite
# itself (on db::SqliteConnection), DBML. Included by src/core/CMakeLists.txt.
target_sources(quarry-core PRIVATE
    schema/sqliteddlimporter.cpp schema/sqliteddlimporter.h
    schema/sqlitecreatetext.cpp schema/sqlitecreatetext.h
    schema/sqlitecatalog.cpp schema/sqlitecatalog.h
    schema/dbmllexer.cpp schema/dbmllexer.h schema/dbmlreader.cpp schema/dbmlreader.h schema/dbmlimporter.cpp schema/dbmlimporter.h
    schema/dbmlexporter.cpp schema/dbmlexporter.h
    schema/schemaimport.cpp schema/schemaimport.h
)
