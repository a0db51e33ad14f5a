# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Reading a live database's design (quarry introspect): PostgreSQL through pg_catalog, SQLite through
# SqliteDdlImporter::importDatabase. Included by src/core/CMakeLists.txt.
target_sources(quarry-core PRIVATE
    schema/pgintrospector.cpp schema/pgintrospector.h schema/pgdefinitions.cpp schema/pgdefinitions.h
    schema/introspect.cpp schema/introspect.h
)
