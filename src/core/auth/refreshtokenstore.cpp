// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/refreshtokenstore.h"

#include "auth/base64url.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QRandomGenerator>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RefreshTokenStore)
};

QByteArray randomBytes(int n)
{
    QByteArray out(n, '\0');
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(out.data()),
                                         reinterpret_cast<quint32 *>(out.data() + n));
    return out;
}

QByteArray digest(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

Error invalidGrant(const QString &message)
{
    return Error{Error::Kind::InvalidInput, message, u"refresh_token"_s};
}
} // namespace

QByteArray RefreshTokenStore::issue(const RefreshGrant &grant, qint64 now)
{
    QMutexLocker lock(&m_mutex);
    return issueLocked(grant, randomBytes(16), now);
}

QByteArray RefreshTokenStore::issueLocked(const RefreshGrant &grant, const QByteArray &family, qint64 now)
{
    if (m_tokens.size() >= MaxTokens) {
        // Drop expired and used entries first, then the oldest.
        for (auto it = m_tokens.begin(); it != m_tokens.end();)
            it = (it->used || it->grant.expiresAt <= now) ? m_tokens.erase(it) : std::next(it);
        while (m_tokens.size() >= MaxTokens) {
            auto oldest = m_tokens.begin();
            for (auto it = m_tokens.begin(); it != m_tokens.end(); ++it) {
                if (it->issuedAt < oldest->issuedAt)
                    oldest = it;
            }
            m_tokens.erase(oldest);
        }
    }
    const QByteArray token = Base64Url::encode(randomBytes(32));
    m_tokens.insert(digest(token), Entry{grant, family, now, false});
    return token;
}

Result<RefreshTokenStore::Rotation> RefreshTokenStore::rotate(const QByteArray &token, const QString &clientId,
                                                              qint64 now, qint64 lifetimeSeconds)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_tokens.find(digest(token));
    if (it == m_tokens.end())
        return invalidGrant(Tr::tr("The refresh token is unknown or was revoked."));
    if (it->used) {
        const QByteArray family = it->family;
        for (auto j = m_tokens.begin(); j != m_tokens.end();)
            j = j->family == family ? m_tokens.erase(j) : std::next(j);
        return invalidGrant(Tr::tr("The refresh token was already used; every token of this login is now revoked."));
    }
    if (it->grant.expiresAt <= now) {
        m_tokens.erase(it);
        return invalidGrant(Tr::tr("The refresh token has expired; log in again."));
    }
    if (it->grant.clientId != clientId)
        return invalidGrant(Tr::tr("The refresh token was issued to another client."));
    it->used = true;
    RefreshGrant grant = it->grant;
    const QByteArray family = it->family;
    grant.expiresAt = now + lifetimeSeconds;
    return Rotation{grant, issueLocked(grant, family, now)};
}

void RefreshTokenStore::revokeSubject(const QString &subject)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = m_tokens.begin(); it != m_tokens.end();)
        it = it->grant.subject == subject ? m_tokens.erase(it) : std::next(it);
}

int RefreshTokenStore::size() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_tokens.size());
}

} // namespace quarry::auth
