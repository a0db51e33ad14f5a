// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/tokeninspector.h"

#include "auth/jwt.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TokenInspector)
};
} // namespace

Result<QJsonObject> TokenInspector::claims(const QString &token)
{
    if (token.size() > 64 * 1024)
        return Error{Error::Kind::InvalidInput, Tr::tr("The token is too large to be a JWT."), {}};
    auto jwt = auth::Jwt::decode(token.trimmed().toLatin1());
    if (!jwt)
        return jwt.error();
    return jwt.value().claims();
}

std::optional<QDateTime> TokenInspector::expiry(const QJsonObject &claims)
{
    const QJsonValue exp = claims.value(u"exp"_s);
    if (!exp.isDouble())
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(qint64(exp.toDouble() * 1000), Qt::UTC);
}

QString TokenInspector::tokenId(const QString &token, const QJsonObject &claims)
{
    const QString jti = claims.value(u"jti"_s).toString();
    if (!jti.isEmpty())
        return jti;
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex().left(12));
}

} // namespace quarry::http
