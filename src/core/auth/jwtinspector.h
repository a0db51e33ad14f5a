// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "auth/authprofile.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace quarry::auth {

/// Everything the JWT inspector shows about a pasted token.
struct QUARRY_CORE_EXPORT JwtInspection {
    enum class Signature { NotChecked, Valid, Invalid };
    struct Note {
        QString claim;  ///< "exp", "iat", "nbf", "alg", "kid", ...
        QString text;   ///< "2026-11-24 14:39:27 UTC, in 59 min"
    };

    bool decoded = false;
    QString error;        ///< why it does not decode (when !decoded)
    QString errorWhere;   ///< "header", "payload", ...
    QJsonObject header;
    QJsonObject claims;
    std::optional<qint64> expiresAt;
    std::optional<qint64> secondsLeft; ///< exp - now; negative once expired
    Signature signature = Signature::NotChecked;
    QString verifyError;  ///< when Invalid: the reason (also a failed claim: expired, wrong aud, ...)
    QString verifyWhere;  ///< "signature", "claims.exp", ...
    QString profileId;    ///< the profile it was checked against
    QList<Note> notes;    ///< human-readable explanations of the registered claims and header
};

/// Decodes a token for display and, given a profile, checks it the way that profile would.
/// Never fails: a malformed token yields an inspection with decoded = false and the reason.
class QUARRY_CORE_EXPORT JwtInspector
{
public:
    static JwtInspection inspect(QByteArrayView token, const AuthProfile *profile = nullptr, qint64 now = 0);
    /// "in 59 min", "3 s ago", "in 2 d": for the countdown.
    static QString relative(qint64 seconds);
};

} // namespace quarry::auth
