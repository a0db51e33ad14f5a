# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# The diagram editor's widget-free half: card positions in the design, Graphviz auto layout and the
# edits the editor makes. Included by src/core/CMakeLists.txt.

# Graphviz (Debian libgraphviz-dev 2.43): gvc + cgraph through pkg-config.
pkg_check_modules(GVC REQUIRED IMPORTED_TARGET libgvc)
target_sources(quarry-core PRIVATE
    schema/diagramlayout.cpp schema/diagramlayout.h
    schema/designedits.cpp schema/designedits.h)
target_link_libraries(quarry-core PRIVATE PkgConfig::GVC)
