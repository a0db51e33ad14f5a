// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace quarry {

/// RFC 6901 JSON pointers ("/items/0/id", "~1" for "/", "~0" for "~"): the one implementation of the
/// core, the GUI and the mock server. A pointer is empty (the whole document) or starts with "/"; a
/// '~' is followed by 0 or 1; an array index is "0" or digits without a leading zero.
class QUARRY_CORE_EXPORT JsonPointer
{
public:
    /// "a/b~c" -> "a~1b~0c": a key as one token of a pointer.
    static QString escape(QString token);
    /// "a~1b~0c" -> "a/b~c" (for a token already split out; no checks).
    static QString unescape(QString token);
    /// The pointer made of these unescaped tokens: "" for none, else "/" + each escaped, "/"-joined.
    static QString join(const QStringList &tokens);
    /// The unescaped tokens of `pointer` ("" -> none, "/" -> one empty key). InvalidInput, with the
    /// reason, for text that does not start with "/" or has a '~' not followed by 0 or 1.
    static Result<QStringList> split(const QString &pointer);
    /// The array index a token names, or -1 when it is not one ("01", "-", "x").
    static qsizetype arrayIndex(const QString &token);

    /// The value at `pointer`; InvalidInput for a malformed pointer or a token that is not an array
    /// index where the JSON has an array, NotFound when a step is missing.
    static Result<QJsonValue> resolve(const QJsonValue &document, const QString &pointer);
    /// Text of a value as a variable holds it: strings unquoted, numbers without ".0", the rest compact JSON.
    static QString toText(const QJsonValue &value);
};

} // namespace quarry
