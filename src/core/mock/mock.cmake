# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors

# The mock server (issue #3): Boost.Beast engine, router, middleware, CRUD on SQLite, request log.
# Beast/Asio are included only by mock/httpserver.cpp; the C API of SQLite only by mock/sqlitestore.cpp.
find_package(SQLite3 REQUIRED)
target_sources(quarry-core PRIVATE
    mock/request.cpp mock/request.h mock/response.cpp mock/response.h
    mock/problem.cpp mock/problem.h
    mock/httpserver.cpp mock/httpserver.h mock/requestframing.cpp mock/requestframing.h
    mock/workerpool.cpp mock/workerpool.h mock/loginlimiter.cpp mock/loginlimiter.h
    mock/policies.cpp mock/policies.h
    mock/route.cpp mock/route.h
    mock/mockconfig.cpp mock/mockconfig.h
    mock/routetable.cpp mock/routetable.h
    mock/logentry.cpp mock/logentry.h mock/requestlog.cpp mock/requestlog.h
    mock/exchange.h mock/middleware.h
    mock/corsmiddleware.cpp mock/corsmiddleware.h
    mock/ratelimitmiddleware.cpp mock/ratelimitmiddleware.h
    mock/latencymiddleware.cpp mock/latencymiddleware.h
    mock/faultmiddleware.cpp mock/faultmiddleware.h
    mock/fakedata.cpp mock/fakedata.h mock/fakelocale.cpp mock/fakelocale.h
    mock/fixturegenerator.cpp mock/fixturegenerator.h
    mock/templaterenderer.cpp mock/templaterenderer.h
    mock/writeerror.cpp mock/writeerror.h
    mock/resourcestore.cpp mock/resourcestore.h mock/storedesign.cpp mock/storedesign.h
    mock/crudrules.cpp mock/crudrules.h mock/crudvalues.cpp mock/crudvalues.h
    mock/sqlitestore.cpp mock/sqlitestore.h mock/pgstore.cpp mock/pgstore.h
    mock/crudhandler.cpp mock/crudhandler.h
    mock/mockserver.cpp mock/mockserver.h mock/mockserverdesign.cpp
    mock/authmiddleware.cpp mock/authmiddleware.h
    mock/requestvalidator.cpp mock/requestvalidator.h
    mock/validationmiddleware.cpp mock/validationmiddleware.h
    mock/conditionalrequest.cpp mock/conditionalrequest.h mock/conditionalmiddleware.cpp mock/conditionalmiddleware.h
    mock/templatedresponse.cpp mock/templatedresponse.h
    mock/apiversioning.cpp mock/apiversioning.h
)
target_link_libraries(quarry-core PRIVATE SQLite::SQLite3)
# Fake-data locales: a compact subset of @faker-js/faker's data (MIT, LICENSE beside it), made by
# scripts/extract-fakedata.js at development time; read by mock/fakelocale.cpp as :/fakedata/*.json.
set(QUARRY_FAKEDATA_LOCALES de en en_GB es fr it ja nl pl pt_BR sv)
list(TRANSFORM QUARRY_FAKEDATA_LOCALES APPEND .json)
list(TRANSFORM QUARRY_FAKEDATA_LOCALES PREPEND ${PROJECT_SOURCE_DIR}/resources/fakedata/)
qt_add_resources(quarry-core fakedata PREFIX /fakedata BASE ${PROJECT_SOURCE_DIR}/resources/fakedata
    FILES ${QUARRY_FAKEDATA_LOCALES})
