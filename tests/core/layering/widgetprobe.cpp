// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// Compiled with exactly the include paths and definitions quarry-core gives its users. The core
// must not see QtWidgets: the test core.layering expects this file to fail to compile.
#include <QWidget>

int probe()
{
    QWidget widget;
    return widget.width();
}
