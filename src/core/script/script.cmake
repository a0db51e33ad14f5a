# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# The script sandbox (quarry::script): Postman-style pre-request and test scripts on Qt's own
# JavaScript engine. An object library inside quarry-core, so that only these files see QtQml's
# headers and definitions (the rest of the core keeps its flags and its ccache entries); the core
# links QtQml through it. The libraries scripts `require` are the real ones Debian ships as
# browser builds (libjs-chai, libjs-lodash, libjs-moment), compiled in as resources with their
# copyright files, so an installed Quarry needs no /usr/share/javascript.
# Included by src/core/CMakeLists.txt.
find_package(Qt6 6.4 REQUIRED COMPONENTS Qml)
set(QUARRY_JS_DIR /usr/share/javascript CACHE PATH "Debian's browser builds of chai, lodash and moment")
set(QUARRY_JS_DOC_DIR /usr/share/doc CACHE PATH "Where their copyright files are")
set(qrc "<RCC><qresource prefix=\"/quarry/js\">\n")
foreach(file chai/chai.js lodash/lodash.min.js moment/moment.min.js)
    if(NOT EXISTS ${QUARRY_JS_DIR}/${file})
        message(FATAL_ERROR "${QUARRY_JS_DIR}/${file} is missing: install libjs-chai libjs-lodash libjs-moment (scripts/setup-deps.sh)")
    endif()
    string(APPEND qrc "  <file alias=\"${file}\">${QUARRY_JS_DIR}/${file}</file>\n")
endforeach()
foreach(package libjs-chai libjs-lodash libjs-moment)
    string(APPEND qrc "  <file alias=\"licences/${package}\">${QUARRY_JS_DOC_DIR}/${package}/copyright</file>\n")
endforeach()
foreach(file prelude.js pm.js cryptojs.js)
    string(APPEND qrc "  <file alias=\"${file}\">${CMAKE_CURRENT_SOURCE_DIR}/script/js/${file}</file>\n")
endforeach()
string(APPEND qrc "</qresource></RCC>\n")
file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/script/quarry-script.qrc CONTENT "${qrc}")
qt_add_resources(quarry_script_resources ${CMAKE_CURRENT_BINARY_DIR}/script/quarry-script.qrc)

add_library(quarry-script OBJECT
    script/scripttypes.h script/scripthost.h
    script/sandbox.cpp script/sandbox.h
    script/bridge.cpp script/bridge.h
    script/watchdog.cpp script/watchdog.h
    script/syntaxcheck.cpp script/syntaxcheck.h
    script/js/prelude.js script/js/pm.js script/js/cryptojs.js
    ${quarry_script_resources})
set_target_properties(quarry-script PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(quarry-script PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR})
target_compile_definitions(quarry-script PRIVATE quarry_core_EXPORTS
    QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH)
target_link_libraries(quarry-script PRIVATE Qt6::Core Qt6::Qml OpenSSL::Crypto)
target_link_libraries(quarry-core PRIVATE quarry-script)
