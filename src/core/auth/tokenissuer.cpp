// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/tokenissuer.h"

#include "auth/jwt.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TokenIssuer)
};
} // namespace

TokenIssuer::TokenIssuer(AuthProfile profile, Key signingKey)
    : m_profile(std::move(profile)), m_key(std::move(signingKey))
{
}

Result<TokenIssuer> TokenIssuer::fromProfile(const AuthProfile &profile, int timeoutMs)
{
    auto keys = profile.resolveKeys(timeoutMs);
    if (!keys)
        return keys.error();
    if (keys.value().signingKey.isNull())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Auth profile \"%1\" can only verify: it has no private key to sign with.").arg(profile.id()),
                     u"privateKey"_s};
    TokenIssuer issuer(profile, keys.value().signingKey);
    issuer.m_warnings = keys.value().warnings;
    return issuer;
}

Result<IssuedToken> TokenIssuer::issue(const TokenRequest &request) const
{
    const qint64 now = request.now != 0 ? request.now : QDateTime::currentSecsSinceEpoch();
    const qint64 lifetime = request.lifetimeSeconds > 0 ? request.lifetimeSeconds : m_profile.lifetimeSeconds();
    QJsonObject claims;
    if (!m_profile.issuer().isEmpty())
        claims.insert(u"iss"_s, m_profile.issuer());
    const QStringList aud = m_profile.audiences();
    if (aud.size() == 1)
        claims.insert(u"aud"_s, aud.first());
    else if (!aud.isEmpty())
        claims.insert(u"aud"_s, QJsonArray::fromStringList(aud));
    if (!request.subject.isEmpty())
        claims.insert(u"sub"_s, request.subject);
    claims.insert(u"iat"_s, now);
    claims.insert(u"exp"_s, now + lifetime);
    claims.insert(u"jti"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (!request.roles.isEmpty())
        claims.insert(m_profile.rolesClaim(), QJsonArray::fromStringList(request.roles));
    for (auto it = request.claims.begin(); it != request.claims.end(); ++it)
        claims.insert(it.key(), it.value());

    auto token = Jwt::encode(claims, m_profile.algorithm(), m_key);
    if (!token)
        return token.error();
    IssuedToken out;
    out.token = token.value();
    out.claims = claims;
    out.header = Jwt::decode(out.token).value().header();
    out.expiresAt = claims.value(u"exp"_s).toInteger();
    out.expiresIn = out.expiresAt - now;
    out.jwtId = claims.value(u"jti"_s).toString();
    return out;
}

} // namespace quarry::auth
