# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# Tools > Index advice from queries… (issue #6). Included by src/app/CMakeLists.txt.
target_sources(quarry-gui PRIVATE queryadvicedialog.cpp queryadvicedialog.h)
