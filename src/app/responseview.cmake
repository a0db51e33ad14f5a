# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# The response viewer and the collection runner dialog (issue #5), included by CMakeLists.txt.
target_sources(quarry-gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/jsontreemodel.cpp ${CMAKE_CURRENT_LIST_DIR}/jsontreemodel.h
    ${CMAKE_CURRENT_LIST_DIR}/responsebody.cpp ${CMAKE_CURRENT_LIST_DIR}/responsebody.h
    ${CMAKE_CURRENT_LIST_DIR}/responsedetails.cpp ${CMAKE_CURRENT_LIST_DIR}/responsedetails.h
    ${CMAKE_CURRENT_LIST_DIR}/responseview.cpp ${CMAKE_CURRENT_LIST_DIR}/responseviewfind.cpp ${CMAKE_CURRENT_LIST_DIR}/responseview.h
)
target_sources(quarry-gui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/runnerdialog.cpp ${CMAKE_CURRENT_LIST_DIR}/runnerdialog.h
)
