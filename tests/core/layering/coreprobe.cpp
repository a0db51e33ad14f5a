// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// The control for core.layering: the same setup with a core header compiles.
#include "workspace/workspace.h"

int probe()
{
    return quarry::workspace::Workspace::CurrentFormatVersion;
}
