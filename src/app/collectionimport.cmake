# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# File > Import Requests… / Export Collection as Postman… (issue #5). Included by src/app/CMakeLists.txt.
target_sources(quarry-gui PRIVATE collectionimportaction.cpp collectionimportaction.h)
