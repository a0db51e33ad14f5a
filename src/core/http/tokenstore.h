// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QString>

#include <memory>
#include <optional>

namespace quarry::http {

/// A token obtained by a login profile.
struct QUARRY_CORE_EXPORT HeldToken {
    QString accessToken;
    QString refreshToken;
    QDateTime obtainedAt;
    std::optional<QDateTime> expiresAt;   ///< from `exp`, else from expiresIn; none: valid until a 401
    QString tokenId;
    QJsonObject claims;
};

/// Tokens held by login profiles, keyed by environment and profile so that they never leak from
/// one to the other. Thread-safe; a run's workers share one, and the GUI keeps one per window.
class QUARRY_CORE_EXPORT TokenStore
{
public:
    static QString key(const QString &environmentId, const QString &profileId);

    std::optional<HeldToken> token(const QString &key) const;
    void store(const QString &key, const HeldToken &token);
    /// Forgets the token of `key` if it is still `accessToken` (another thread may have renewed it).
    void invalidate(const QString &key, const QString &accessToken);
    void clear();

    /// Held while a profile logs in, so concurrent requests wait for one login instead of starting many.
    std::shared_ptr<QMutex> loginMutex(const QString &key);

    void countLogin() { QMutexLocker lock(&m_mutex); ++m_logins; }
    void countRefresh() { QMutexLocker lock(&m_mutex); ++m_refreshes; }
    int logins() const { QMutexLocker lock(&m_mutex); return m_logins; }
    int refreshes() const { QMutexLocker lock(&m_mutex); return m_refreshes; }

private:
    mutable QMutex m_mutex;
    QHash<QString, HeldToken> m_tokens;
    QHash<QString, std::shared_ptr<QMutex>> m_loginMutexes;
    int m_logins = 0;
    int m_refreshes = 0;
};

} // namespace quarry::http
