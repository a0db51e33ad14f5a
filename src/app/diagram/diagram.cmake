# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# The schema designer's diagram editor (issue #6), included by src/app/CMakeLists.txt.
target_sources(quarry-gui PRIVATE
    diagram/tablecard.cpp diagram/tablecard.h
    diagram/relationedge.cpp diagram/relationedge.h
    diagram/diagramscene.cpp diagram/diagramscene.h
    diagram/diagramview.cpp diagram/diagramview.h
    diagram/diagramexport.cpp diagram/diagramexport.h
    diagram/designpanel.cpp diagram/designpanel.h
    diagram/diagrameditor.cpp diagram/diagrameditor.h)
