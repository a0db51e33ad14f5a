// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/request.h"
#include "mock/response.h"
#include "quarry_core_export.h"
#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace quarry::mock {

/// One version of the mock API: {"name": "v1", "deprecated": "2026-06-01", "sunset": "2027-01-01",
/// "link": "https://example.com/migrate-to-v2"}. A deprecated version's answers carry
/// `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and `Link` (rel="deprecation", rel="sunset").
struct QUARRY_CORE_EXPORT ApiVersion {
    QString name;                          ///< "v1"; its path prefix is "/v1"
    std::optional<QDateTime> deprecated;   ///< since when (UTC)
    std::optional<QDateTime> sunset;       ///< when it stops being served (UTC)
    QString link;                          ///< where the deprecation is explained
    QJsonObject extra;                     ///< members this type does not know, written back unchanged

    QString prefix() const { return u'/' + name; }
    bool operator==(const ApiVersion &) const = default;
};

/// `mock.versioning`: route groups by version, chosen per request by path prefix (`/v1/...`), by
/// header (`Accept-Version: v1`, `X-API-Version: 1`) or by media type (`Accept:
/// application/vnd.NAME.v1+json`), in that order; without any, the default version.
/// ```
/// "versioning": { "versions": [ApiVersion...], "default": "v2" (the last one),
///                 "path": true, "headers": ["Accept-Version", "X-API-Version"], "mediaType": "NAME" ("": off) }
/// ```
/// A route with `"version": "v1"` belongs to that version; a route without one answers in every version.
struct QUARRY_CORE_EXPORT ApiVersioning {
    QList<ApiVersion> versions;   ///< empty: versioning is off
    QString defaultVersion;       ///< as written; empty: the last version
    bool byPath = true;
    QStringList headers{QStringLiteral("Accept-Version"), QStringLiteral("X-API-Version")};
    QString mediaType;            ///< NAME of application/vnd.NAME.v2+json; empty: not by media type
    QJsonObject extra;

    bool isEnabled() const { return !versions.isEmpty(); }
    const ApiVersion *find(const QString &name) const;   ///< "v2", "V2" or "2"
    const ApiVersion *fallback() const;

    /// Which version a request asks for, and the path its routes are matched with.
    struct Choice {
        const ApiVersion *version = nullptr;
        QString routePath;   ///< the request's path without the version prefix
        bool byPath = false;
        bool byMediaType = false;
        QString why;         ///< for the request log
        int status = 0;      ///< 400 (unknown version in a header) or 406 (in a media type); 0: fine
    };
    Choice choose(const Request &request) const;
    /// The problem answer of a Choice with a status.
    static Response refusal(const Choice &choice);
    /// Adds Deprecation, Sunset, Link, Vary and the versioned Content-Type to an answer.
    void decorate(const Choice &choice, Response &response) const;

    /// `where` names the object in errors ("mock.versioning").
    static Result<ApiVersioning> fromJson(const QJsonObject &o, const QString &where);
    QJsonObject toJson() const;
    bool operator==(const ApiVersioning &) const = default;
};

} // namespace quarry::mock
