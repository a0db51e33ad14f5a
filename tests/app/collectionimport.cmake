# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# File > Import Requests… / Export … as Postman (issue #5). Included by tests/app/CMakeLists.txt.
quarry_add_test(app.collectionimport SOURCES tst_collectionimport.cpp LIBS quarry-gui LABELS gui)
