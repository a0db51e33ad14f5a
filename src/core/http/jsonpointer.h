// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonValue>
#include <QString>

namespace quarry::http {

/// RFC 6901 JSON pointers ("/items/0/id", "~1" for "/", "~0" for "~").
class QUARRY_CORE_EXPORT JsonPointer
{
public:
    /// The value at `pointer`; InvalidInput for a malformed pointer, NotFound when a step is missing.
    static Result<QJsonValue> resolve(const QJsonValue &document, const QString &pointer);
    /// Text of a value as a variable holds it: strings unquoted, numbers without ".0", the rest compact JSON.
    static QString toText(const QJsonValue &value);
};

} // namespace quarry::http
