# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Quarry authors
# The Requests page's editors (issue #5), included by src/app/CMakeLists.txt.
target_sources(quarry-gui PRIVATE
    requesteditor.cpp requesteditorchecks.cpp requesteditor.h
    keyvaluetable.cpp keyvaluetable.h
    collectionedit.cpp collectionedit.h
    environmentsdialog.cpp environmentsdialog.h
    autheditor.cpp autheditor.h
    itemsettingseditor.cpp itemsettingseditor.h
    scriptseditor.cpp scriptseditor.h
)
