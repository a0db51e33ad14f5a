// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonDocument>

namespace quarry {

/// "line L, column C" (1-based; the column counts characters, not bytes) for a byte offset into UTF-8 text.
QUARRY_CORE_EXPORT QString lineColumn(const QByteArray &text, qsizetype offset);

/// Parses JSON text. A syntax error names the line and column of the offending character in
/// `where`, prefixed by "origin, " when an origin is given.
QUARRY_CORE_EXPORT Result<QJsonDocument> parseJson(const QByteArray &text, const QString &origin = {});

} // namespace quarry
