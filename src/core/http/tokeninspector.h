// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace quarry::http {

/// What the request tester reads from a token it holds, without verifying it (it cannot: the
/// key belongs to the server). The one place where http/ depends on JWT parsing.
class QUARRY_CORE_EXPORT TokenInspector
{
public:
    /// The claims of a JWT (JWS compact form); an error for anything else (opaque tokens are fine
    /// for the caller, which then relies on expiresIn).
    static Result<QJsonObject> claims(const QString &token);
    /// `exp` as a time, when the token is a JWT with a numeric `exp`.
    static std::optional<QDateTime> expiry(const QJsonObject &claims);
    /// `jti`, else the first 12 hex digits of the token's SHA-256 (never the token itself).
    static QString tokenId(const QString &token, const QJsonObject &claims);
};

} // namespace quarry::http
