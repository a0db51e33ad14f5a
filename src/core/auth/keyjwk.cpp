// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// Key from and to JSON Web Keys (RFC 7517, 7518) and the JWK thumbprint (RFC 7638).
#include "auth/key.h"
#include "auth/key_p.h"

#include "auth/algorithm.h"
#include "auth/base64url.h"

#include <QCryptographicHash>
#include <QJsonObject>

#include <openssl/core_names.h>
#include <openssl/param_build.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

using namespace detail;

namespace {
/// A required or optional base64url member of a JWK.
Result<QByteArray> member(const QJsonObject &jwk, const QString &name, bool required)
{
    const QJsonValue v = jwk.value(name);
    if (v.isUndefined()) {
        if (required)
            return invalidKey(KeyTr::tr("The JWK lacks its \"%1\" member.").arg(name), u"jwk.%1"_s.arg(name));
        return QByteArray();
    }
    if (!v.isString())
        return invalidKey(KeyTr::tr("The JWK member \"%1\" must be a base64url string.").arg(name), u"jwk.%1"_s.arg(name));
    auto bytes = Base64Url::decode(v.toString().toLatin1(), u"jwk.%1"_s.arg(name));
    if (!bytes)
        return bytes.error();
    if (bytes.value().isEmpty())
        return invalidKey(KeyTr::tr("The JWK member \"%1\" is empty.").arg(name), u"jwk.%1"_s.arg(name));
    return bytes;
}

Result<PkeyPtr> fromParams(const char *type, OSSL_PARAM_BLD *bld, bool privatePart)
{
    ParamPtr params(OSSL_PARAM_BLD_to_param(bld));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
        || EVP_PKEY_fromdata(ctx.get(), &raw, privatePart ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1
        || !raw)
        return invalidKey(KeyTr::tr("OpenSSL refused the JWK: %1.").arg(takeOpenSslError()), u"jwk"_s);
    return PkeyPtr(raw);
}
} // namespace

Result<Key> Key::fromJwk(const QJsonObject &jwk)
{
    const QString kty = jwk.value(u"kty"_s).toString();
    Key key;
    key.m_kid = jwk.value(u"kid"_s).toString();
    if (jwk.contains(u"alg"_s)) {
        auto alg = Algorithms::fromName(jwk.value(u"alg"_s).toString());
        if (!alg)
            return invalidKey(KeyTr::tr("The JWK's \"alg\" is not usable: %1").arg(alg.error().message), u"jwk.alg"_s);
        key.m_alg = alg.value();
    }
    if (jwk.contains(u"use"_s) && jwk.value(u"use"_s).toString() != u"sig"_s)
        return invalidKey(KeyTr::tr("The JWK is for \"%1\", not for signatures (\"use\": \"sig\").")
                           .arg(jwk.value(u"use"_s).toString()),
                       u"jwk.use"_s);

    clearOpenSslErrors();
    if (kty == u"oct"_s) {
        auto k = member(jwk, u"k"_s, true);
        if (!k)
            return k.error();
        auto secret = fromSecret(k.value(), key.m_kid);
        if (!secret)
            return secret.error();
        key.m_d = secret.value().m_d;
        return key;
    }
    if (kty == u"RSA"_s) {
        auto n = member(jwk, u"n"_s, true);
        auto e = member(jwk, u"e"_s, true);
        auto dd = member(jwk, u"d"_s, false);
        for (const auto *r : {&n, &e, &dd}) {
            if (!*r)
                return r->error();
        }
        const bool priv = !dd.value().isEmpty();
        ParamBldPtr bld(OSSL_PARAM_BLD_new());
        std::vector<BnPtr> keep;
        auto push = [&](const char *name, const QByteArray &bytes) {
            keep.push_back(bytesToBn(bytes));
            OSSL_PARAM_BLD_push_BN(bld.get(), name, keep.back().get());
        };
        push(OSSL_PKEY_PARAM_RSA_N, n.value());
        push(OSSL_PKEY_PARAM_RSA_E, e.value());
        if (priv) {
            push(OSSL_PKEY_PARAM_RSA_D, dd.value());
            const QStringList crt = {u"p"_s, u"q"_s, u"dp"_s, u"dq"_s, u"qi"_s};
            const char *names[] = {OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2,
                                   OSSL_PKEY_PARAM_RSA_EXPONENT1, OSSL_PKEY_PARAM_RSA_EXPONENT2,
                                   OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
            bool all = true;
            for (const QString &c : crt)
                all = all && jwk.contains(c);
            if (all) {
                for (int i = 0; i < 5; ++i) {
                    auto v = member(jwk, crt.at(i), true);
                    if (!v)
                        return v.error();
                    push(names[i], v.value());
                }
            }
        }
        auto pkey = fromParams("RSA", bld.get(), priv);
        if (!pkey)
            return pkey.error();
        auto d = classify(std::move(pkey.value()), priv);
        if (!d)
            return d.error();
        key.m_d = std::move(d.value());
        return key;
    }
    if (kty == u"EC"_s || kty == u"OKP"_s) {
        const QString crv = jwk.value(u"crv"_s).toString();
        const bool okp = kty == u"OKP"_s;
        if (okp ? crv != u"Ed25519"_s : (crv != u"P-256"_s && crv != u"P-384"_s))
            return invalidKey(okp ? KeyTr::tr("Unsupported OKP curve \"%1\"; Quarry signs with Ed25519.").arg(crv)
                               : KeyTr::tr("Unsupported EC curve \"%1\" (supported: P-256, P-384).").arg(crv),
                           u"jwk.crv"_s);
        const int width = curveBytes(crv);
        auto x = member(jwk, u"x"_s, true);
        if (!x)
            return x.error();
        auto dd = member(jwk, u"d"_s, false);
        if (!dd)
            return dd.error();
        if (x.value().size() != width)
            return invalidKey(KeyTr::tr("The JWK's \"x\" has %1 bytes; %2 needs %3.").arg(x.value().size()).arg(crv).arg(width),
                           u"jwk.x"_s);
        const bool priv = !dd.value().isEmpty();
        if (priv && dd.value().size() != width)
            return invalidKey(KeyTr::tr("The JWK's \"d\" has %1 bytes; %2 needs %3.").arg(dd.value().size()).arg(crv).arg(width),
                           u"jwk.d"_s);
        PkeyPtr pkey;
        if (okp) {
            const auto *bytes = reinterpret_cast<const unsigned char *>(priv ? dd.value().constData() : x.value().constData());
            pkey.reset(priv ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes, size_t(width))
                            : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes, size_t(width)));
            if (!pkey)
                return invalidKey(KeyTr::tr("OpenSSL refused the Ed25519 JWK: %1.").arg(takeOpenSslError()), u"jwk"_s);
            if (priv) {
                unsigned char pub[32];
                size_t len = sizeof pub;
                EVP_PKEY_get_raw_public_key(pkey.get(), pub, &len);
                if (QByteArray(reinterpret_cast<const char *>(pub), qsizetype(len)) != x.value())
                    return invalidKey(KeyTr::tr("The JWK's public \"x\" does not belong to its private \"d\"."), u"jwk.x"_s);
            }
        } else {
            auto y = member(jwk, u"y"_s, true);
            if (!y)
                return y.error();
            if (y.value().size() != width)
                return invalidKey(KeyTr::tr("The JWK's \"y\" has %1 bytes; %2 needs %3.").arg(y.value().size()).arg(crv).arg(width),
                               u"jwk.y"_s);
            const QByteArray point = QByteArray(1, '\x04') + x.value() + y.value();
            const QByteArray group = crv.toLatin1();
            ParamBldPtr bld(OSSL_PARAM_BLD_new());
            OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group.constData(), 0);
            OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(), size_t(point.size()));
            BnPtr dBn;
            if (priv) {
                dBn = bytesToBn(dd.value());
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, dBn.get());
            }
            auto made = fromParams("EC", bld.get(), priv);
            if (!made)
                return invalidKey(KeyTr::tr("The JWK's point is not a valid %1 public key (not on the curve?).").arg(crv),
                               u"jwk"_s);
            pkey = std::move(made.value());
            PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
            const int ok = priv ? EVP_PKEY_pairwise_check(check.get()) : EVP_PKEY_public_check(check.get());
            if (ok != 1) {
                clearOpenSslErrors();
                return invalidKey(priv ? KeyTr::tr("The JWK's public point does not belong to its private \"d\".")
                                    : KeyTr::tr("The JWK's point is not on the curve %1.").arg(crv),
                               u"jwk"_s);
            }
        }
        auto d = classify(std::move(pkey), priv);
        if (!d)
            return d.error();
        key.m_d = std::move(d.value());
        return key;
    }
    if (kty.isEmpty())
        return invalidKey(KeyTr::tr("The JWK lacks its \"kty\" member."), u"jwk.kty"_s);
    return invalidKey(KeyTr::tr("Unsupported JWK key type \"%1\" (supported: oct, RSA, EC, OKP).").arg(kty), u"jwk.kty"_s);
}

Result<QJsonObject> Key::toPublicJwk() const
{
    if (!m_d)
        return invalidKey(KeyTr::tr("No key."));
    QJsonObject jwk;
    EVP_PKEY *pk = m_d->pkey.get();
    switch (m_d->type) {
    case Type::Oct:
        return invalidKey(KeyTr::tr("An HMAC secret has no public half; it is never published in a JWKS."));
    case Type::Rsa:
        jwk = {{u"kty"_s, u"RSA"_s}, {u"n"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_RSA_N))},
               {u"e"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_RSA_E))}};
        break;
    case Type::Ec: {
        const int width = curveBytes(m_d->curve);
        jwk = {{u"kty"_s, u"EC"_s}, {u"crv"_s, m_d->curve},
               {u"x"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_EC_PUB_X, width))},
               {u"y"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_EC_PUB_Y, width))}};
        break;
    }
    case Type::Okp: {
        unsigned char pub[32];
        size_t len = sizeof pub;
        EVP_PKEY_get_raw_public_key(pk, pub, &len);
        jwk = {{u"kty"_s, u"OKP"_s}, {u"crv"_s, u"Ed25519"_s},
               {u"x"_s, b64(QByteArray(reinterpret_cast<const char *>(pub), qsizetype(len)))}};
        break;
    }
    }
    if (!m_kid.isEmpty())
        jwk.insert(u"kid"_s, m_kid);
    if (m_alg)
        jwk.insert(u"alg"_s, Algorithms::name(*m_alg));
    jwk.insert(u"use"_s, u"sig"_s);
    return jwk;
}

QJsonObject Key::toPrivateJwk() const
{
    if (!m_d)
        return {};
    if (m_d->type == Type::Oct) {
        QJsonObject jwk{{u"kty"_s, u"oct"_s}, {u"k"_s, b64(m_d->secret)}};
        if (!m_kid.isEmpty())
            jwk.insert(u"kid"_s, m_kid);
        if (m_alg)
            jwk.insert(u"alg"_s, Algorithms::name(*m_alg));
        return jwk;
    }
    QJsonObject jwk = toPublicJwk().value();
    jwk.remove(u"use"_s);
    if (!hasPrivate())
        return jwk;
    EVP_PKEY *pk = m_d->pkey.get();
    if (m_d->type == Type::Rsa) {
        jwk.insert(u"d"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_RSA_D)));
        const QByteArray p = bnParam(pk, OSSL_PKEY_PARAM_RSA_FACTOR1);
        if (!p.isEmpty()) {
            jwk.insert(u"p"_s, b64(p));
            jwk.insert(u"q"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_RSA_FACTOR2)));
            jwk.insert(u"dp"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_RSA_EXPONENT1)));
            jwk.insert(u"dq"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_RSA_EXPONENT2)));
            jwk.insert(u"qi"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_RSA_COEFFICIENT1)));
        }
    } else if (m_d->type == Type::Ec) {
        jwk.insert(u"d"_s, b64(bnParam(pk, OSSL_PKEY_PARAM_PRIV_KEY, curveBytes(m_d->curve))));
    } else {
        unsigned char priv[32];
        size_t len = sizeof priv;
        EVP_PKEY_get_raw_private_key(pk, priv, &len);
        jwk.insert(u"d"_s, b64(QByteArray(reinterpret_cast<const char *>(priv), qsizetype(len))));
        OPENSSL_cleanse(priv, sizeof priv);
    }
    return jwk;
}

QString Key::thumbprint() const
{
    if (!m_d)
        return {};
    // RFC 7638 section 3.2: the required members only, lexicographic order, no whitespace.
    QString canonical;
    if (m_d->type == Type::Oct) {
        canonical = u"{\"k\":\"%1\",\"kty\":\"oct\"}"_s.arg(b64(m_d->secret));
    } else {
        const QJsonObject jwk = toPublicJwk().value();
        auto m = [&](const QString &name) { return jwk.value(name).toString(); };
        if (m_d->type == Type::Rsa)
            canonical = u"{\"e\":\"%1\",\"kty\":\"RSA\",\"n\":\"%2\"}"_s.arg(m(u"e"_s), m(u"n"_s));
        else if (m_d->type == Type::Ec)
            canonical = u"{\"crv\":\"%1\",\"kty\":\"EC\",\"x\":\"%2\",\"y\":\"%3\"}"_s.arg(m(u"crv"_s), m(u"x"_s), m(u"y"_s));
        else
            canonical = u"{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"%1\"}"_s.arg(m(u"x"_s));
    }
    return b64(QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256));
}

} // namespace quarry::auth
