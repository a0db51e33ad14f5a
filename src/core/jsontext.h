// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <initializer_list>

namespace quarry {

/// "line L, column C" (1-based; the column counts characters, not bytes) for a byte offset into UTF-8 text.
QUARRY_CORE_EXPORT QString lineColumn(const QByteArray &text, qsizetype offset);

/// Parses JSON text. A syntax error names the line and column of the offending character in
/// `where`, prefixed by "origin, " when an origin is given.
QUARRY_CORE_EXPORT Result<QJsonDocument> parseJson(const QByteArray &text, const QString &origin = {});

/// The members of `object` whose keys are not in `known`: what a typed reader keeps in its
/// `extra` so that keys it does not know (newer files, other tools) survive a round trip.
QUARRY_CORE_EXPORT QJsonObject unknownMembers(QJsonObject object, std::initializer_list<QStringView> known);

/// `extra` with every member of `known` written over it: the JSON of a typed object that kept
/// unknown members. A key the typed object leaves out (a default) must not be in `extra`.
QUARRY_CORE_EXPORT QJsonObject withUnknown(QJsonObject extra, const QJsonObject &known);

} // namespace quarry
