# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Tools > Index advice from queries… (issue #6) on Chinook. Included by tests/app/CMakeLists.txt.
quarry_add_test(app.queryadvice SOURCES tst_queryadvicedialog.cpp LIBS quarry-gui LABELS gui)
add_dependencies(tst_app_queryadvice quarry-dialect-sqlite quarry-dialect-postgres)
