# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Requests from a file of any supported format, told by content (issue #5): shared by
# File > Import Requests… and `quarry import`. Included by src/core/CMakeLists.txt.
target_sources(quarry-core PRIVATE http/requestimport.cpp http/requestimport.h http/collectionbundle.h
    http/insomniaformat.cpp http/insomniaformat.h http/brunoformat.cpp http/brunoformat.h http/brulang.cpp http/brulang.h)
