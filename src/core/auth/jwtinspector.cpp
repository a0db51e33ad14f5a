// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/jwtinspector.h"

#include "auth/jwt.h"
#include "auth/jwtverifier.h"

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(JwtInspector)
};

QString when(qint64 t, qint64 now)
{
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s) + u", "_s
        + JwtInspector::relative(t - now);
}
} // namespace

QString JwtInspector::relative(qint64 seconds)
{
    const qint64 a = qAbs(seconds);
    QString amount;
    if (a < 120)
        amount = Tr::tr("%1 s").arg(a);
    else if (a < 7200)
        amount = Tr::tr("%1 min").arg(a / 60);
    else if (a < 172800)
        amount = Tr::tr("%1 h").arg(a / 3600);
    else
        amount = Tr::tr("%1 d").arg(a / 86400);
    return seconds >= 0 ? Tr::tr("in %1").arg(amount) : Tr::tr("%1 ago").arg(amount);
}

JwtInspection JwtInspector::inspect(QByteArrayView token, const AuthProfile *profile, qint64 now)
{
    if (now == 0)
        now = QDateTime::currentSecsSinceEpoch();
    JwtInspection out;
    const QByteArrayView trimmed = token.trimmed();
    auto jwt = Jwt::decode(trimmed.startsWith("Bearer ") ? trimmed.sliced(7).trimmed() : trimmed);
    if (!jwt) {
        out.error = jwt.error().message;
        out.errorWhere = jwt.error().where;
        return out;
    }
    out.decoded = true;
    out.header = jwt.value().header();
    out.claims = jwt.value().claims();
    out.expiresAt = jwt.value().expiresAt();
    if (out.expiresAt)
        out.secondsLeft = *out.expiresAt - now;

    const QString alg = jwt.value().jws().algorithmName();
    auto known = Algorithms::fromName(alg);
    out.notes.append({u"alg"_s, known ? Tr::tr("%1: signed with %2").arg(alg, Algorithms::familyName(Algorithms::family(known.value())))
                                      : known.error().message});
    if (!jwt.value().jws().kid().isEmpty())
        out.notes.append({u"kid"_s, Tr::tr("key id %1: which key of the issuer signed it").arg(jwt.value().jws().kid())});
    if (out.expiresAt)
        out.notes.append({u"exp"_s, Tr::tr("expires %1").arg(when(*out.expiresAt, now))});
    else
        out.notes.append({u"exp"_s, Tr::tr("no expiry: valid until the key changes")});
    if (auto nbf = jwt.value().notBefore())
        out.notes.append({u"nbf"_s, Tr::tr("not before %1").arg(when(*nbf, now))});
    if (auto iat = jwt.value().issuedAt())
        out.notes.append({u"iat"_s, Tr::tr("issued %1").arg(when(*iat, now))});
    if (!jwt.value().issuer().isEmpty())
        out.notes.append({u"iss"_s, Tr::tr("issued by %1").arg(jwt.value().issuer())});
    if (!jwt.value().audiences().isEmpty())
        out.notes.append({u"aud"_s, Tr::tr("meant for %1").arg(jwt.value().audiences().join(u", "_s))});
    if (!jwt.value().subject().isEmpty())
        out.notes.append({u"sub"_s, Tr::tr("about %1").arg(jwt.value().subject())});

    if (!profile)
        return out;
    out.profileId = profile->id();
    auto keys = profile->resolveKeys();
    if (!keys) {
        out.signature = JwtInspection::Signature::NotChecked;
        out.verifyError = keys.error().message;
        out.verifyWhere = keys.error().where;
        return out;
    }
    VerifyOptions options = profile->verifyOptions();
    options.now = now;
    auto verified = JwtVerifier(keys.value().verificationKeys, options).verify(trimmed.startsWith("Bearer ") ? trimmed.sliced(7).trimmed() : trimmed);
    if (verified) {
        out.signature = JwtInspection::Signature::Valid;
    } else {
        out.signature = JwtInspection::Signature::Invalid;
        out.verifyError = verified.error().message;
        out.verifyWhere = verified.error().where;
    }
    return out;
}

} // namespace quarry::auth
