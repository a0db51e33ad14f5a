// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/algorithm.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Algorithms)
};
} // namespace

QString Algorithms::name(Algorithm alg)
{
    switch (alg) {
    case Algorithm::HS256: return u"HS256"_s;
    case Algorithm::HS384: return u"HS384"_s;
    case Algorithm::HS512: return u"HS512"_s;
    case Algorithm::RS256: return u"RS256"_s;
    case Algorithm::RS384: return u"RS384"_s;
    case Algorithm::RS512: return u"RS512"_s;
    case Algorithm::PS256: return u"PS256"_s;
    case Algorithm::ES256: return u"ES256"_s;
    case Algorithm::ES384: return u"ES384"_s;
    case Algorithm::EdDSA: return u"EdDSA"_s;
    }
    return {};
}

QList<Algorithm> Algorithms::all()
{
    return {Algorithm::HS256, Algorithm::HS384, Algorithm::HS512, Algorithm::RS256, Algorithm::RS384,
            Algorithm::RS512, Algorithm::PS256, Algorithm::ES256, Algorithm::ES384, Algorithm::EdDSA};
}

Result<Algorithm> Algorithms::fromName(const QString &text)
{
    for (Algorithm a : all()) {
        if (name(a) == text)
            return a;
    }
    if (text.compare(u"none"_s, Qt::CaseInsensitive) == 0)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The token is unsecured (alg \"%1\"): Quarry never accepts a token without a signature.")
                         .arg(text),
                     u"header.alg"_s};
    for (Algorithm a : all()) {
        if (name(a).compare(text, Qt::CaseInsensitive) == 0)
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("Unknown algorithm \"%1\"; algorithm names are case-sensitive (did you mean %2?).")
                             .arg(text, name(a)),
                         u"header.alg"_s};
    }
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("Unsupported algorithm \"%1\" (supported: %2).").arg(text, names(all()).join(u", "_s)),
                 u"header.alg"_s};
}

QStringList Algorithms::names(const QList<Algorithm> &algs)
{
    QStringList out;
    for (Algorithm a : algs)
        out << name(a);
    return out;
}

KeyFamily Algorithms::family(Algorithm alg)
{
    switch (alg) {
    case Algorithm::HS256:
    case Algorithm::HS384:
    case Algorithm::HS512: return KeyFamily::Hmac;
    case Algorithm::RS256:
    case Algorithm::RS384:
    case Algorithm::RS512:
    case Algorithm::PS256: return KeyFamily::Rsa;
    case Algorithm::ES256:
    case Algorithm::ES384: return KeyFamily::Ec;
    case Algorithm::EdDSA: return KeyFamily::Okp;
    }
    return KeyFamily::Hmac;
}

QString Algorithms::familyName(KeyFamily family)
{
    switch (family) {
    case KeyFamily::Hmac: return Tr::tr("an HMAC secret");
    case KeyFamily::Rsa: return Tr::tr("an RSA key");
    case KeyFamily::Ec: return Tr::tr("an EC key");
    case KeyFamily::Okp: return Tr::tr("an Ed25519 key");
    }
    return {};
}

int Algorithms::hashBytes(Algorithm alg)
{
    switch (alg) {
    case Algorithm::HS256:
    case Algorithm::RS256:
    case Algorithm::PS256:
    case Algorithm::ES256: return 32;
    case Algorithm::HS384:
    case Algorithm::RS384:
    case Algorithm::ES384: return 48;
    case Algorithm::HS512:
    case Algorithm::RS512: return 64;
    case Algorithm::EdDSA: return 0;
    }
    return 0;
}

QString Algorithms::curve(Algorithm alg)
{
    switch (alg) {
    case Algorithm::ES256: return u"P-256"_s;
    case Algorithm::ES384: return u"P-384"_s;
    case Algorithm::EdDSA: return u"Ed25519"_s;
    default: return {};
    }
}

} // namespace quarry::auth
