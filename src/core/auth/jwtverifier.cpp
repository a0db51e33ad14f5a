// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/jwtverifier.h"

#include "auth/signature.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(JwtVerifier)
};

Error invalid(const QString &message, const QString &where)
{
    return Error{Error::Kind::InvalidInput, message, where};
}

QString utc(qint64 seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

QString ago(qint64 seconds)
{
    if (seconds < 120)
        return Tr::tr("%n second(s)", nullptr, int(seconds));
    if (seconds < 7200)
        return Tr::tr("%n minute(s)", nullptr, int(seconds / 60));
    if (seconds < 172800)
        return Tr::tr("%n hour(s)", nullptr, int(seconds / 3600));
    return Tr::tr("%n day(s)", nullptr, int(qMin<qint64>(seconds / 86400, INT_MAX)));
}

/// A NumericDate claim: absent (nullopt, ok), a number, or an error.
Result<std::optional<qint64>> dateClaim(const QJsonObject &claims, const QString &name)
{
    const QJsonValue v = claims.value(name);
    if (v.isUndefined())
        return std::optional<qint64>();
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || d > 9.0e15 || d < -9.0e15)
        return invalid(Tr::tr("The claim \"%1\" must be a NumericDate (seconds since 1970 as a number).").arg(name),
                       u"claims."_s + name);
    return std::optional<qint64>(qint64(std::floor(d)));
}

QString shorten(QString text)
{
    return text.size() > 80 ? text.left(80) + u"…"_s : text;
}
} // namespace

JwtVerifier::JwtVerifier(KeySet keys, VerifyOptions options)
    : m_keys(std::move(keys)), m_options(std::move(options))
{
}

Result<Jwt> JwtVerifier::verify(QByteArrayView token) const
{
    auto decoded = Jwt::decode(token);
    if (!decoded)
        return decoded.error();
    const Jwt &jwt = decoded.value();

    auto alg = Algorithms::fromName(jwt.jws().algorithmName());
    if (!alg)
        return alg.error();
    if (m_options.algorithms.isEmpty())
        return invalid(Tr::tr("No algorithm is allowed: the profile must list the algorithms it accepts."),
                       u"options"_s);
    if (!m_options.algorithms.contains(alg.value()))
        return invalid(Tr::tr("The token is signed with %1, which this profile does not allow (allowed: %2).")
                           .arg(Algorithms::name(alg.value()), Algorithms::names(m_options.algorithms).join(u", "_s)),
                       u"header.alg"_s);
    // RFC 7515 section 4.1.11: an extension we do not understand, marked critical, must fail.
    if (jwt.header().contains(u"crit"_s))
        return invalid(Tr::tr("The token marks header extensions as critical (\"crit\"); Quarry supports none of them."),
                       u"header.crit"_s);

    auto keys = m_keys.candidates(jwt.jws().kid(), alg.value());
    if (!keys)
        return keys.error();
    Error last;
    for (const Key &key : keys.value()) {
        auto ok = Signature::verify(alg.value(), key, jwt.jws().signingInput(), jwt.jws().signature());
        if (ok) {
            if (auto claims = validateClaims(jwt.claims(), m_options); !claims)
                return claims.error();
            return decoded;
        }
        // A key of the wrong family explains itself better than "signature does not match".
        if (last.message.isEmpty() || ok.error().where != u"signature"_s || last.where == u"signature"_s)
            last = ok.error();
    }
    return last;
}

Result<void> JwtVerifier::validateClaims(const QJsonObject &claims, const VerifyOptions &options)
{
    const qint64 now = options.now != 0 ? options.now : QDateTime::currentSecsSinceEpoch();
    const qint64 leeway = qMax<qint64>(0, options.leewaySeconds);

    auto exp = dateClaim(claims, u"exp"_s);
    if (!exp)
        return exp.error();
    if (exp.value()) {
        const qint64 e = *exp.value();
        if (now >= e + leeway)
            return invalid(Tr::tr("The token expired at %1 UTC, %2 ago.").arg(utc(e), ago(now - e)), u"claims.exp"_s);
    } else if (options.requireExpiry) {
        return invalid(Tr::tr("The token has no expiry (\"exp\"), and this profile requires one."), u"claims.exp"_s);
    }
    auto nbf = dateClaim(claims, u"nbf"_s);
    if (!nbf)
        return nbf.error();
    if (nbf.value() && now + leeway < *nbf.value())
        return invalid(Tr::tr("The token is not valid yet: not before %1 UTC, in %2.")
                           .arg(utc(*nbf.value()), ago(*nbf.value() - now)),
                       u"claims.nbf"_s);
    auto iat = dateClaim(claims, u"iat"_s);
    if (!iat)
        return iat.error();
    if (iat.value() && now + leeway < *iat.value())
        return invalid(Tr::tr("The token claims to be issued in the future (%1 UTC); check the clocks.")
                           .arg(utc(*iat.value())),
                       u"claims.iat"_s);
    if (options.maxAgeSeconds > 0) {
        if (!iat.value())
            return invalid(Tr::tr("The token has no \"iat\", so its age cannot be checked."), u"claims.iat"_s);
        if (now - *iat.value() > options.maxAgeSeconds + leeway)
            return invalid(Tr::tr("The token was issued %1 ago; this profile accepts tokens up to %2 old.")
                               .arg(ago(now - *iat.value()), ago(options.maxAgeSeconds)),
                           u"claims.iat"_s);
    }
    if (!options.issuer.isEmpty()) {
        const QJsonValue iss = claims.value(u"iss"_s);
        if (iss.isUndefined())
            return invalid(Tr::tr("The token has no issuer (\"iss\"); expected \"%1\".").arg(options.issuer),
                           u"claims.iss"_s);
        if (iss.toString() != options.issuer)
            return invalid(Tr::tr("The token's issuer is \"%1\"; expected \"%2\".")
                               .arg(shorten(iss.toString()), options.issuer),
                           u"claims.iss"_s);
    }
    if (!options.audiences.isEmpty()) {
        const QJsonValue aud = claims.value(u"aud"_s);
        QStringList got;
        if (aud.isString())
            got << aud.toString();
        else if (aud.isArray())
            for (const QJsonValue &v : aud.toArray())
                got << v.toString();
        bool match = false;
        for (const QString &a : got)
            match = match || options.audiences.contains(a);
        if (aud.isUndefined())
            return invalid(Tr::tr("The token has no audience (\"aud\"); expected \"%1\".")
                               .arg(options.audiences.join(u"\" or \""_s)),
                           u"claims.aud"_s);
        if (!match)
            return invalid(Tr::tr("The token is for the audience \"%1\", not \"%2\".")
                               .arg(shorten(got.join(u"\", \""_s)), options.audiences.join(u"\" or \""_s)),
                           u"claims.aud"_s);
    }
    if (!options.subject.isEmpty() && claims.value(u"sub"_s).toString() != options.subject)
        return invalid(Tr::tr("The token's subject is \"%1\"; expected \"%2\".")
                           .arg(shorten(claims.value(u"sub"_s).toString()), options.subject),
                       u"claims.sub"_s);
    if (!options.jwtId.isEmpty() && claims.value(u"jti"_s).toString() != options.jwtId)
        return invalid(Tr::tr("The token's id (\"jti\") is \"%1\"; expected \"%2\".")
                           .arg(shorten(claims.value(u"jti"_s).toString()), options.jwtId),
                       u"claims.jti"_s);
    for (const QString &name : options.requiredClaims) {
        if (!claims.contains(name))
            return invalid(Tr::tr("The token lacks the required claim \"%1\".").arg(name), u"claims."_s + name);
    }
    return {};
}

} // namespace quarry::auth
