// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/jwt.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Jwt)
};

std::optional<qint64> numericDate(const QJsonObject &claims, const QString &name)
{
    const QJsonValue v = claims.value(name);
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    const double d = v.toDouble();
    if (d > 9.2e18 || d < -9.2e18)
        return std::nullopt;
    return qint64(std::floor(d));
}
} // namespace

Result<Jwt> Jwt::decode(QByteArrayView token)
{
    auto jws = Jws::parse(token);
    if (!jws)
        return jws.error();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(jws.value().payload(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The claims are not JSON: %1 at offset %2.").arg(parseError.errorString()).arg(parseError.offset),
                     u"payload"_s};
    if (!doc.isObject())
        return Error{Error::Kind::InvalidInput, Tr::tr("The claims must be a JSON object."), u"payload"_s};
    Jwt jwt;
    jwt.m_jws = std::move(jws.value());
    jwt.m_claims = doc.object();
    return jwt;
}

Result<QByteArray> Jwt::encode(const QJsonObject &claims, Algorithm alg, const Key &key, const QJsonObject &extraHeader)
{
    QJsonObject header = extraHeader;
    if (!header.contains(u"typ"_s))
        header.insert(u"typ"_s, u"JWT"_s);
    return Jws::sign(QJsonDocument(claims).toJson(QJsonDocument::Compact), alg, key, header);
}

QString Jwt::issuer() const
{
    return m_claims.value(u"iss"_s).toString();
}

QString Jwt::subject() const
{
    return m_claims.value(u"sub"_s).toString();
}

QStringList Jwt::audiences() const
{
    const QJsonValue aud = m_claims.value(u"aud"_s);
    if (aud.isString())
        return {aud.toString()};
    QStringList out;
    for (const QJsonValue &v : aud.toArray()) {
        if (v.isString())
            out << v.toString();
    }
    return out;
}

QString Jwt::jwtId() const
{
    return m_claims.value(u"jti"_s).toString();
}

std::optional<qint64> Jwt::expiresAt() const
{
    return numericDate(m_claims, u"exp"_s);
}

std::optional<qint64> Jwt::notBefore() const
{
    return numericDate(m_claims, u"nbf"_s);
}

std::optional<qint64> Jwt::issuedAt() const
{
    return numericDate(m_claims, u"iat"_s);
}

QStringList Jwt::stringList(const QString &claim) const
{
    const QJsonValue v = m_claims.value(claim);
    if (v.isString())
        return v.toString().split(u' ', Qt::SkipEmptyParts);
    QStringList out;
    for (const QJsonValue &item : v.toArray()) {
        if (item.isString())
            out << item.toString();
    }
    return out;
}

} // namespace quarry::auth
