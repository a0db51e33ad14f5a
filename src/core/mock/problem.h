// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/response.h"
#include "quarry_core_export.h"

#include <QJsonObject>
#include <QString>

namespace quarry::mock {

/// An RFC 9457 problem detail: every error the mock server sends is one of these, as
/// `application/problem+json`, with a title and a detail written for someone learning HTTP.
struct QUARRY_CORE_EXPORT Problem {
    int status = 500;
    QString title;      ///< short, the same for every occurrence of the kind: "Route not found"
    QString detail;     ///< this occurrence: "No route matches GET /api/usres. Routes: ..."
    QString type;       ///< a URI naming the kind; defaults to "https://quarry.invalid/problems/<slug of title>"
    QJsonObject extra;  ///< extension members ("allowed", "retryAfter", ...)

    QByteArray toJson() const;
    Response toResponse() const;
};

} // namespace quarry::mock
