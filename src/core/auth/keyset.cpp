// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/keyset.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(KeySet)
};
} // namespace

Result<QList<Key>> KeySet::candidates(const QString &kid, Algorithm alg) const
{
    if (!kid.isEmpty()) {
        // One key that has no kid of its own (a PEM file) cannot contradict the token's kid: it is
        // the key. Key::checkUsableFor() still checks that it fits the algorithm.
        if (m_keys.size() == 1 && m_keys.first().kid().isEmpty())
            return QList<Key>{m_keys.first()};
        QStringList known;
        for (const Key &k : m_keys) {
            if (k.kid() == kid)
                return QList<Key>{k};
            if (!k.kid().isEmpty())
                known << u'"' + k.kid() + u'"';
        }
        const QString shown = kid.size() > 80 ? kid.left(80) + u"…"_s : kid;
        return Error{Error::Kind::InvalidInput,
                     known.isEmpty()
                         ? Tr::tr("The token names the key \"%1\" (kid), but no key of this profile has a kid.").arg(shown)
                         : Tr::tr("The token names the key \"%1\" (kid), which is not in the key set (known: %2).")
                               .arg(shown, known.join(u", "_s)),
                     u"header.kid"_s};
    }
    QList<Key> out;
    for (const Key &k : m_keys) {
        if (k.family() == Algorithms::family(alg))
            out << k;
    }
    if (out.isEmpty()) {
        if (m_keys.size() == 1)
            return QList<Key>{m_keys.first()}; // let Key::checkUsableFor() explain the mismatch
        QString message = Tr::tr("No key can verify %1: it needs %2, and the key set has none.")
                              .arg(Algorithms::name(alg), Algorithms::familyName(Algorithms::family(alg)));
        if (Algorithms::family(alg) == KeyFamily::Hmac)
            message += Tr::tr(" An RSA/EC/Ed25519 key is never used as an HMAC secret (the \"HS256 with the public "
                              "key\" attack).");
        return Error{Error::Kind::InvalidInput, message, u"header.alg"_s};
    }
    return out;
}

Result<KeySet> KeySet::fromJwks(const QJsonObject &jwks)
{
    if (!jwks.value(u"keys"_s).isArray())
        return Error{Error::Kind::InvalidInput, Tr::tr("A JWKS is an object with a \"keys\" array."), u"keys"_s};
    KeySet set;
    const QJsonArray keys = jwks.value(u"keys"_s).toArray();
    for (qsizetype i = 0; i < keys.size(); ++i) {
        auto key = Key::fromJwk(keys.at(i).toObject());
        if (!key)
            return Error{key.error().kind, key.error().message, u"keys[%1]"_s.arg(i)};
        set.add(key.value());
    }
    return set;
}

QJsonObject KeySet::toJwks() const
{
    QJsonArray keys;
    for (const Key &k : m_keys) {
        auto jwk = k.toPublicJwk();
        if (jwk)
            keys.append(jwk.value());
    }
    return QJsonObject{{u"keys"_s, keys}};
}

} // namespace quarry::auth
