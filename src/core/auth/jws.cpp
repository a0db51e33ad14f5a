// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/jws.h"

#include "auth/base64url.h"
#include "auth/signature.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Jws)
};

Error invalid(const QString &message, const QString &where)
{
    return Error{Error::Kind::InvalidInput, message, where};
}
} // namespace

Result<Jws> Jws::parse(QByteArrayView token)
{
    if (token.isEmpty())
        return invalid(Tr::tr("The token is empty."), u"token"_s);
    if (token.size() > MaxTokenBytes)
        return invalid(Tr::tr("The token is %1 bytes long; Quarry refuses tokens over %2 bytes.")
                           .arg(token.size()).arg(MaxTokenBytes),
                       u"token"_s);
    const qsizetype dots = token.count('.');
    if (dots == 4)
        return invalid(Tr::tr("The token has five segments: it is an encrypted JWE, and Quarry reads signed tokens "
                              "(JWS) only."),
                       u"token"_s);
    if (dots != 2)
        return invalid(Tr::tr("A JWT has three segments separated by dots (header.payload.signature); this one has %1.")
                           .arg(dots + 1),
                       u"token"_s);
    const qsizetype first = token.indexOf('.');
    const qsizetype second = token.indexOf('.', first + 1);
    const QByteArrayView headerPart = token.first(first);
    const QByteArrayView payloadPart = token.sliced(first + 1, second - first - 1);
    const QByteArrayView signaturePart = token.sliced(second + 1);
    if (headerPart.isEmpty())
        return invalid(Tr::tr("The token's header segment is empty."), u"header"_s);

    Jws jws;
    auto headerBytes = Base64Url::decode(headerPart, u"header"_s);
    if (!headerBytes)
        return invalid(Tr::tr("The header segment is not valid base64url: %1").arg(headerBytes.error().message),
                       u"header"_s);
    QJsonParseError parseError;
    const QJsonDocument headerDoc = QJsonDocument::fromJson(headerBytes.value(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return invalid(Tr::tr("The header is not JSON: %1 at offset %2.").arg(parseError.errorString()).arg(parseError.offset),
                       u"header"_s);
    if (!headerDoc.isObject())
        return invalid(Tr::tr("The header must be a JSON object."), u"header"_s);
    jws.m_header = headerDoc.object();
    const QJsonValue alg = jws.m_header.value(u"alg"_s);
    if (alg.isUndefined())
        return invalid(Tr::tr("The header has no \"alg\" member."), u"header.alg"_s);
    if (!alg.isString())
        return invalid(Tr::tr("The header's \"alg\" must be a string."), u"header.alg"_s);
    if (jws.m_header.contains(u"kid"_s) && !jws.m_header.value(u"kid"_s).isString())
        return invalid(Tr::tr("The header's \"kid\" must be a string."), u"header.kid"_s);

    auto payload = Base64Url::decode(payloadPart, u"payload"_s);
    if (!payload)
        return invalid(Tr::tr("The payload segment is not valid base64url: %1").arg(payload.error().message),
                       u"payload"_s);
    jws.m_payload = payload.value();
    auto signature = Base64Url::decode(signaturePart, u"signature"_s);
    if (!signature)
        return invalid(Tr::tr("The signature segment is not valid base64url: %1").arg(signature.error().message),
                       u"signature"_s);
    jws.m_signature = signature.value();
    jws.m_signingInput = token.first(second).toByteArray();
    return jws;
}

Result<QByteArray> Jws::sign(const QByteArray &payload, Algorithm alg, const Key &key, const QJsonObject &header)
{
    QJsonObject h = header;
    h.insert(u"alg"_s, Algorithms::name(alg));
    if (!h.contains(u"kid"_s) && !key.kid().isEmpty())
        h.insert(u"kid"_s, key.kid());
    const QByteArray input = Base64Url::encode(QJsonDocument(h).toJson(QJsonDocument::Compact)) + '.'
        + Base64Url::encode(payload);
    auto signature = Signature::sign(alg, key, input);
    if (!signature)
        return signature.error();
    return input + '.' + Base64Url::encode(signature.value());
}

QString Jws::algorithmName() const
{
    return m_header.value(u"alg"_s).toString();
}

QString Jws::kid() const
{
    return m_header.value(u"kid"_s).toString();
}

} // namespace quarry::auth
