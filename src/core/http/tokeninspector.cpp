// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/tokeninspector.h"

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

// TODO(#4): switch to the auth core's JWT decoder once src/core/auth has landed; this is the only
// place that parses tokens in http/.
Result<QJsonObject> TokenInspector::claims(const QString &token)
{
    const QStringList parts = token.trimmed().split(u'.');
    if (parts.size() != 3 || token.size() > 64 * 1024)
        return Error{Error::Kind::InvalidInput, Tr::tr("The token is not a JWT (three dot-separated parts)."), {}};
    const auto payload = QByteArray::fromBase64Encoding(parts.at(1).toLatin1(),
                                                        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                                                            | QByteArray::AbortOnBase64DecodingErrors);
    if (!payload)
        return Error{Error::Kind::InvalidInput, Tr::tr("The token's payload is not base64url."), {}};
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*payload, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Error{Error::Kind::InvalidInput, Tr::tr("The token's payload is not a JSON object."), {}};
    return doc.object();
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
