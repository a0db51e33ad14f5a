// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QStringList>

namespace quarry::auth {

/// What a refresh token stands for.
struct QUARRY_CORE_EXPORT RefreshGrant {
    QString subject;
    QStringList roles;
    QJsonObject claims;
    QString clientId;
    qint64 expiresAt = 0;
};

/// Opaque refresh tokens (32 random bytes, base64url) kept in memory for the life of a mock
/// server. Rotating: redeem() consumes a token, and presenting a consumed token again revokes
/// every token of that grant family (RFC 6819 section 5.2.2.3, OAuth 2.0 Security BCP: reuse
/// detection). Thread-safe.
class QUARRY_CORE_EXPORT RefreshTokenStore
{
public:
    /// Bounds memory: past this many live tokens the oldest are dropped.
    static constexpr int MaxTokens = 10000;

    /// A refresh token after a redeem: the grant it stood for and its replacement.
    struct Rotation {
        RefreshGrant grant;
        QByteArray token;
    };

    QByteArray issue(const RefreshGrant &grant, qint64 now);
    /// Consumes a live token and issues its replacement (same grant, same family, expiring
    /// `lifetimeSeconds` from now). Errors (where "refresh_token"): unknown, expired, issued to
    /// another client, or reused (which revokes the whole family).
    Result<Rotation> rotate(const QByteArray &token, const QString &clientId, qint64 now, qint64 lifetimeSeconds);
    /// Forgets every token of `subject` (log out everywhere).
    void revokeSubject(const QString &subject);
    int size() const;

private:
    struct Entry {
        RefreshGrant grant;
        QByteArray family;
        qint64 issuedAt = 0;
        bool used = false;
    };
    QByteArray issueLocked(const RefreshGrant &grant, const QByteArray &family, qint64 now);
    mutable QMutex m_mutex;
    QHash<QByteArray, Entry> m_tokens; // keyed by SHA-256 of the token, never the token itself
};

} // namespace quarry::auth
