# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# File > Import SQL/DBML into Schema… (issue #6). Included by src/app/CMakeLists.txt.
target_sources(quarry-gui PRIVATE schemaimportaction.cpp schemaimportaction.h)
