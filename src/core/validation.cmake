# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors

# JSON Schema validation (issue #13, point 2) with valijson: header-only (Debian libvalijson-dev),
# included only by jsonschema.cpp, which turns its exceptions into errors.
find_path(VALIJSON_INCLUDE_DIR valijson/validator.hpp REQUIRED)
target_sources(quarry-core PRIVATE jsonschema.cpp jsonschema.h)
target_include_directories(quarry-core SYSTEM PRIVATE ${VALIJSON_INCLUDE_DIR})
