// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QByteArray>
#include <QString>

namespace quarry {

/// Writes `bytes` to `path` atomically (QSaveFile: a temporary file beside it, renamed over the
/// target only when everything was written), so a failed write leaves the previous file intact.
/// The one file write of the core, the CLI and the GUI. Error (Io, `where` = path):
/// "Cannot write PATH: REASON."
QUARRY_CORE_EXPORT Result<void> saveFile(const QString &path, const QByteArray &bytes);

} // namespace quarry
