# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors

# quarry::openapi: OpenAPI 3.0/3.1 documents (YAML or JSON), their import into mock routes and the
# export of routes as OpenAPI 3.1. Depends on mock (routes), workspace; http/openapicollection
# (OpenAPI -> request collection) depends on it. yaml-cpp is included only by openapi/openapiyaml.cpp,
# which catches its exceptions.
target_sources(quarry-core PRIVATE
    openapi/openapiyaml.cpp openapi/openapiyaml.h
    openapi/openapidocument.cpp openapi/openapidocument.h
    openapi/openapisampler.cpp openapi/openapisampler.h
    openapi/openapiimporter.cpp openapi/openapiimporter.h
    openapi/openapirequestschema.cpp openapi/openapirequestschema.h
    openapi/openapiexporter.cpp openapi/openapiexporter.h
    http/openapicollection.cpp http/openapicollection.h
)
target_link_libraries(quarry-core PRIVATE yaml-cpp)
