# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# File > Import SQL/DBML into Schema… (issue #6). Included by tests/app/CMakeLists.txt.
quarry_add_test(app.schemaimport SOURCES tst_schemaimport.cpp LIBS quarry-gui LABELS gui)
add_dependencies(tst_app_schemaimport quarry-dialect-postgres quarry-dialect-sqlite quarry-dialect-mysql)
