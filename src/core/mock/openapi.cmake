# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors

# OpenAPI 3.0/3.1 import into mock routes and export of them (issue #3, item 9). yaml-cpp is
# included only by mock/openapiyaml.cpp, which catches its exceptions.
target_sources(quarry-core PRIVATE
    mock/openapiyaml.cpp mock/openapiyaml.h
    mock/openapidocument.cpp mock/openapidocument.h
    mock/openapisampler.cpp mock/openapisampler.h
    mock/openapiimporter.cpp mock/openapiimporter.h
    mock/openapiexporter.cpp mock/openapiexporter.h
    mock/openapicollection.cpp mock/openapicollection.h
)
target_link_libraries(quarry-core PRIVATE yaml-cpp)
