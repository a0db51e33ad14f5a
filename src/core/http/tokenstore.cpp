// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/tokenstore.h"

namespace quarry::http {

QString TokenStore::key(const QString &environmentId, const QString &profileId)
{
    return environmentId + QChar(0x1f) + profileId;
}

std::optional<HeldToken> TokenStore::token(const QString &key) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_tokens.constFind(key);
    if (it == m_tokens.constEnd())
        return std::nullopt;
    return *it;
}

void TokenStore::store(const QString &key, const HeldToken &token)
{
    QMutexLocker lock(&m_mutex);
    m_tokens.insert(key, token);
}

void TokenStore::invalidate(const QString &key, const QString &accessToken)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_tokens.find(key);
    if (it != m_tokens.end() && it->accessToken == accessToken)
        m_tokens.erase(it);
}

void TokenStore::clear()
{
    QMutexLocker lock(&m_mutex);
    m_tokens.clear();
}

std::shared_ptr<QMutex> TokenStore::loginMutex(const QString &key)
{
    QMutexLocker lock(&m_mutex);
    auto &m = m_loginMutexes[key];
    if (!m)
        m = std::make_shared<QMutex>();
    return m;
}

} // namespace quarry::http
