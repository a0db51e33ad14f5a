# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Tests of the response viewer and the collection runner dialog (issue #5), included by CMakeLists.txt.
quarry_add_test(app.jsontreemodel SOURCES tst_jsontreemodel.cpp LIBS quarry-gui LABELS unit)
quarry_add_test(app.responseview SOURCES tst_responseview.cpp bodyserver.h LIBS quarry-gui Qt6::Network LABELS gui)
quarry_add_test(app.runnerdialog SOURCES tst_runnerdialog.cpp LIBS quarry-gui LABELS gui)
