# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Needs QUARRY_TEST_PG_URL, psql and the sqlite3 shell.
quarry_add_test(core.db.introspect SOURCES tst_introspect.cpp LIBS quarry-core LABELS db TIMEOUT 180)
add_dependencies(tst_core_db_introspect quarry-dialect-postgres)
