// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonObject>
#include <QString>

namespace quarry::http {

/// The JavaScript a collection, folder or request runs before its requests are sent and after
/// their responses come (Postman's "pre-request" and "test" events). Stored as
/// `scripts: {prerequest: [lines], test: [lines]}`, each key only when it has text.
struct QUARRY_CORE_EXPORT Scripts {
    QString preRequest;
    QString test;

    bool isEmpty() const { return preRequest.trimmed().isEmpty() && test.trimmed().isEmpty(); }
    QJsonObject toJson() const;
    /// Accepts each script as a string or an array of lines; anything else is an error naming the key.
    static Result<Scripts> fromJson(const QJsonValue &value);
    bool operator==(const Scripts &) const = default;
};

} // namespace quarry::http
