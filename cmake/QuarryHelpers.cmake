# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors

# quarry_add_plugin(target ClassName sources...)
# Qt 6.4's qt_add_plugin takes no sources, so they are added afterwards.
function(quarry_add_plugin target class)
    qt_add_plugin(${target} CLASS_NAME ${class})
    target_sources(${target} PRIVATE ${ARGN})
    target_link_libraries(${target} PRIVATE quarry-core)
    set_target_properties(${target} PROPERTIES
        LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/plugins
        INSTALL_RPATH "$ORIGIN/../..")
    install(TARGETS ${target} LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/quarry/plugins)
endfunction()

# quarry_add_test(name SOURCES ... [LIBS ...] [LABELS ...] [ENV ...] [TIMEOUT s])
# One QtTest executable is one CTest test. CTest name "core.workspace" -> executable tst_core_workspace.
function(quarry_add_test name)
    cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
    string(REPLACE "." "_" exe "tst_${name}")
    qt_add_executable(${exe} ${T_SOURCES})
    set_target_properties(${exe} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
    target_link_libraries(${exe} PRIVATE Qt6::Test ${T_LIBS})
    add_test(NAME ${name} COMMAND ${exe})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QUARRY_PLUGIN_DIR=${PROJECT_BINARY_DIR}/plugins;QUARRY_BIN=${PROJECT_BINARY_DIR}/bin/quarry;QUARRY_SOURCE_DIR=${PROJECT_SOURCE_DIR};${T_ENV}")
endfunction()
