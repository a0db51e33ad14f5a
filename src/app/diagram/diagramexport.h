// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"

#include <QString>

namespace quarry::app {

class DiagramScene;

/// Writes the whole diagram (every card and relation, not just the visible part, without the
/// selection highlight) as a picture file.
class DiagramExport
{
public:
    /// A PNG at `scale` (2 = twice the on-screen size, for print), white background. The size is
    /// the drawing's rectangle times `scale`, rounded up. Errors: the file cannot be written.
    static Result<void> png(DiagramScene *scene, const QString &path, qreal scale = 1.0);
    /// An SVG with real text (searchable, scalable). Errors: the file cannot be written.
    static Result<void> svg(DiagramScene *scene, const QString &path, const QString &title = {});
};

} // namespace quarry::app
