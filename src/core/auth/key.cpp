// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/key.h"

#include "auth/base64url.h"
#include "auth/openssl_p.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>

#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

using namespace detail;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Key)
};

Error invalid(const QString &message, const QString &where = {})
{
    return Error{Error::Kind::InvalidInput, message, where};
}

/// PEM and key callbacks must never prompt on a terminal for a passphrase.
int noPassphrase(char *, int, int, void *)
{
    return -1;
}

QString curveFromGroupName(const QString &group)
{
    if (group == u"prime256v1"_s || group == u"P-256"_s || group == u"secp256r1"_s)
        return u"P-256"_s;
    if (group == u"secp384r1"_s || group == u"P-384"_s)
        return u"P-384"_s;
    if (group == u"secp521r1"_s || group == u"P-521"_s)
        return u"P-521"_s;
    return group;
}

int curveBytes(const QString &curve)
{
    if (curve == u"P-256"_s || curve == u"Ed25519"_s)
        return 32;
    if (curve == u"P-384"_s)
        return 48;
    if (curve == u"P-521"_s)
        return 66;
    return 0;
}

QByteArray bnParam(EVP_PKEY *pkey, const char *name, int width = 0)
{
    BIGNUM *bn = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1 || !bn) {
        clearOpenSslErrors();
        return {};
    }
    BnPtr owned(bn);
    return bnToBytes(bn, width);
}

QString b64(const QByteArray &bytes)
{
    return QString::fromLatin1(Base64Url::encode(bytes));
}

/// A required or optional base64url member of a JWK.
Result<QByteArray> member(const QJsonObject &jwk, const QString &name, bool required)
{
    const QJsonValue v = jwk.value(name);
    if (v.isUndefined()) {
        if (required)
            return invalid(Tr::tr("The JWK lacks its \"%1\" member.").arg(name), u"jwk.%1"_s.arg(name));
        return QByteArray();
    }
    if (!v.isString())
        return invalid(Tr::tr("The JWK member \"%1\" must be a base64url string.").arg(name), u"jwk.%1"_s.arg(name));
    auto bytes = Base64Url::decode(v.toString().toLatin1(), u"jwk.%1"_s.arg(name));
    if (!bytes)
        return bytes.error();
    if (bytes.value().isEmpty())
        return invalid(Tr::tr("The JWK member \"%1\" is empty.").arg(name), u"jwk.%1"_s.arg(name));
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
        return invalid(Tr::tr("OpenSSL refused the JWK: %1.").arg(takeOpenSslError()), u"jwk"_s);
    return PkeyPtr(raw);
}
} // namespace

struct Key::Data {
    PkeyPtr pkey;
    QByteArray secret;
    Type type = Type::Oct;
    QString curve;
    int bits = 0;
    bool hasPrivate = false;
};

namespace {
Result<std::shared_ptr<Key::Data>> classify(PkeyPtr pkey, bool hasPrivate)
{
    auto d = std::make_shared<Key::Data>();
    d->hasPrivate = hasPrivate;
    d->bits = EVP_PKEY_get_bits(pkey.get());
    switch (EVP_PKEY_get_base_id(pkey.get())) {
    case EVP_PKEY_RSA:
        d->type = Key::Type::Rsa;
        break;
    case EVP_PKEY_EC: {
        d->type = Key::Type::Ec;
        char group[80] = {};
        size_t len = 0;
        if (EVP_PKEY_get_utf8_string_param(pkey.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) != 1)
            return invalid(Tr::tr("The EC key uses explicit curve parameters; only named curves are supported."));
        d->curve = curveFromGroupName(QString::fromLatin1(group, qsizetype(len)));
        if (curveBytes(d->curve) == 0)
            return invalid(Tr::tr("The EC key is on the curve %1; JOSE uses P-256 and P-384.").arg(d->curve));
        break;
    }
    case EVP_PKEY_ED25519:
        d->type = Key::Type::Okp;
        d->curve = u"Ed25519"_s;
        break;
    case EVP_PKEY_RSA_PSS:
        return invalid(Tr::tr("RSA-PSS-restricted keys are not supported; use a plain RSA key for PS256."));
    default:
        return invalid(Tr::tr("Unsupported key type %1; JOSE keys are RSA, EC (P-256, P-384) or Ed25519.")
                           .arg(QString::fromLatin1(OBJ_nid2sn(EVP_PKEY_get_base_id(pkey.get())))));
    }
    d->pkey = std::move(pkey);
    return d;
}
} // namespace

Key::Key() = default;
Key::~Key() = default;
Key::Key(const Key &) = default;
Key &Key::operator=(const Key &) = default;
Key::Key(Key &&) noexcept = default;
Key &Key::operator=(Key &&) noexcept = default;

Result<Key> Key::fromSecret(const QByteArray &secret, const QString &kid)
{
    if (secret.isEmpty())
        return invalid(Tr::tr("The HMAC secret is empty."));
    const QByteArray trimmed = secret.trimmed();
    if (trimmed.startsWith("-----BEGIN"))
        return invalid(Tr::tr("This secret is a PEM key. A PEM key is never used as an HMAC secret: load it as a key "
                              "file and use an RS, PS, ES or EdDSA algorithm."));
    if (trimmed.startsWith('{')) {
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed);
        if (doc.isObject() && doc.object().contains(u"kty"_s))
            return invalid(Tr::tr("This secret is a JWK. Load it as a JWK instead of using its text as an HMAC secret."));
    }
    auto d = std::make_shared<Data>();
    d->type = Type::Oct;
    d->secret = secret;
    d->bits = int(secret.size() * 8);
    d->hasPrivate = true;
    Key key;
    key.m_d = std::move(d);
    key.m_kid = kid;
    return key;
}

Result<Key> Key::fromPem(const QByteArray &pem, const QString &kid)
{
    // Pick the first block whose label we know; `openssl ecparam -genkey` writes EC PARAMETERS first.
    qsizetype pos = 0;
    QByteArray label;
    while ((pos = pem.indexOf("-----BEGIN ", pos)) >= 0) {
        const qsizetype start = pos + 11;
        const qsizetype end = pem.indexOf("-----", start);
        if (end < 0)
            break;
        const QByteArray l = pem.mid(start, end - start);
        pos = end;
        if (l == "PRIVATE KEY" || l == "RSA PRIVATE KEY" || l == "EC PRIVATE KEY" || l == "PUBLIC KEY"
            || l == "RSA PUBLIC KEY" || l == "CERTIFICATE" || l == "ENCRYPTED PRIVATE KEY") {
            label = l;
            break;
        }
    }
    if (label.isEmpty())
        return invalid(Tr::tr("No PEM key found (expected a \"-----BEGIN PRIVATE KEY-----\", \"PUBLIC KEY\", "
                              "\"RSA PRIVATE KEY\", \"EC PRIVATE KEY\" or \"CERTIFICATE\" block)."));
    if (label == "ENCRYPTED PRIVATE KEY" || pem.contains("Proc-Type: 4,ENCRYPTED"))
        return invalid(Tr::tr("The private key is encrypted; decrypt it first (openssl pkey -in key.pem -out "
                              "plain.pem) and keep the file outside the workspace."));

    clearOpenSslErrors();
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    EVP_PKEY *raw = nullptr;
    bool isPrivate = false;
    if (label.endsWith("PRIVATE KEY")) {
        raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr);
        isPrivate = true;
    } else if (label == "PUBLIC KEY") {
        raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, noPassphrase, nullptr);
    } else if (label == "RSA PUBLIC KEY") {
        OSSL_DECODER_CTX *dctx = OSSL_DECODER_CTX_new_for_pkey(&raw, "PEM", "type-specific", "RSA",
                                                               EVP_PKEY_PUBLIC_KEY, nullptr, nullptr);
        if (dctx) {
            if (OSSL_DECODER_from_bio(dctx, bio.get()) != 1)
                raw = nullptr;
            OSSL_DECODER_CTX_free(dctx);
        }
    } else {
        X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr);
        if (cert) {
            raw = X509_get_pubkey(cert);
            X509_free(cert);
        }
    }
    if (!raw) {
        const QString reason = takeOpenSslError();
        return invalid(Tr::tr("Cannot read the PEM %1: %2.")
                           .arg(QString::fromLatin1(label), reason.isEmpty() ? Tr::tr("malformed data") : reason));
    }
    clearOpenSslErrors();
    auto d = classify(PkeyPtr(raw), isPrivate);
    if (!d)
        return d.error();
    Key key;
    key.m_d = std::move(d.value());
    key.m_kid = kid;
    return key;
}

Result<Key> Key::fromJwk(const QJsonObject &jwk)
{
    const QString kty = jwk.value(u"kty"_s).toString();
    Key key;
    key.m_kid = jwk.value(u"kid"_s).toString();
    if (jwk.contains(u"alg"_s)) {
        auto alg = Algorithms::fromName(jwk.value(u"alg"_s).toString());
        if (!alg)
            return invalid(Tr::tr("The JWK's \"alg\" is not usable: %1").arg(alg.error().message), u"jwk.alg"_s);
        key.m_alg = alg.value();
    }
    if (jwk.contains(u"use"_s) && jwk.value(u"use"_s).toString() != u"sig"_s)
        return invalid(Tr::tr("The JWK is for \"%1\", not for signatures (\"use\": \"sig\").")
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
            return invalid(okp ? Tr::tr("Unsupported OKP curve \"%1\"; Quarry signs with Ed25519.").arg(crv)
                               : Tr::tr("Unsupported EC curve \"%1\" (supported: P-256, P-384).").arg(crv),
                           u"jwk.crv"_s);
        const int width = curveBytes(crv);
        auto x = member(jwk, u"x"_s, true);
        if (!x)
            return x.error();
        auto dd = member(jwk, u"d"_s, false);
        if (!dd)
            return dd.error();
        if (x.value().size() != width)
            return invalid(Tr::tr("The JWK's \"x\" has %1 bytes; %2 needs %3.").arg(x.value().size()).arg(crv).arg(width),
                           u"jwk.x"_s);
        const bool priv = !dd.value().isEmpty();
        if (priv && dd.value().size() != width)
            return invalid(Tr::tr("The JWK's \"d\" has %1 bytes; %2 needs %3.").arg(dd.value().size()).arg(crv).arg(width),
                           u"jwk.d"_s);
        PkeyPtr pkey;
        if (okp) {
            const auto *bytes = reinterpret_cast<const unsigned char *>(priv ? dd.value().constData() : x.value().constData());
            pkey.reset(priv ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes, size_t(width))
                            : EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes, size_t(width)));
            if (!pkey)
                return invalid(Tr::tr("OpenSSL refused the Ed25519 JWK: %1.").arg(takeOpenSslError()), u"jwk"_s);
            if (priv) {
                unsigned char pub[32];
                size_t len = sizeof pub;
                EVP_PKEY_get_raw_public_key(pkey.get(), pub, &len);
                if (QByteArray(reinterpret_cast<const char *>(pub), qsizetype(len)) != x.value())
                    return invalid(Tr::tr("The JWK's public \"x\" does not belong to its private \"d\"."), u"jwk.x"_s);
            }
        } else {
            auto y = member(jwk, u"y"_s, true);
            if (!y)
                return y.error();
            if (y.value().size() != width)
                return invalid(Tr::tr("The JWK's \"y\" has %1 bytes; %2 needs %3.").arg(y.value().size()).arg(crv).arg(width),
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
                return invalid(Tr::tr("The JWK's point is not a valid %1 public key (not on the curve?).").arg(crv),
                               u"jwk"_s);
            pkey = std::move(made.value());
            PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
            const int ok = priv ? EVP_PKEY_pairwise_check(check.get()) : EVP_PKEY_public_check(check.get());
            if (ok != 1) {
                clearOpenSslErrors();
                return invalid(priv ? Tr::tr("The JWK's public point does not belong to its private \"d\".")
                                    : Tr::tr("The JWK's point is not on the curve %1.").arg(crv),
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
        return invalid(Tr::tr("The JWK lacks its \"kty\" member."), u"jwk.kty"_s);
    return invalid(Tr::tr("Unsupported JWK key type \"%1\" (supported: oct, RSA, EC, OKP).").arg(kty), u"jwk.kty"_s);
}

Result<Key> Key::generate(Algorithm alg, const QString &kid)
{
    clearOpenSslErrors();
    Key key;
    switch (Algorithms::family(alg)) {
    case KeyFamily::Hmac: {
        QByteArray secret(64, '\0');
        if (RAND_bytes(reinterpret_cast<unsigned char *>(secret.data()), int(secret.size())) != 1)
            return Error{Error::Kind::Internal, Tr::tr("No random bytes: %1.").arg(takeOpenSslError()), {}};
        auto made = fromSecret(secret, kid);
        if (!made)
            return made.error();
        key = made.value();
        break;
    }
    case KeyFamily::Rsa:
    case KeyFamily::Ec:
    case KeyFamily::Okp: {
        EVP_PKEY *raw = nullptr;
        if (Algorithms::family(alg) == KeyFamily::Rsa)
            raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(2048));
        else if (alg == Algorithm::ES256)
            raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        else if (alg == Algorithm::ES384)
            raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384");
        else
            raw = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
        if (!raw)
            return Error{Error::Kind::Internal, Tr::tr("Key generation failed: %1.").arg(takeOpenSslError()), {}};
        auto d = classify(PkeyPtr(raw), true);
        if (!d)
            return d.error();
        key.m_d = std::move(d.value());
        break;
    }
    }
    key.m_alg = alg;
    key.m_kid = kid.isEmpty() ? key.thumbprint() : kid;
    return key;
}

bool Key::isNull() const
{
    return !m_d;
}

Key::Type Key::type() const
{
    return m_d ? m_d->type : Type::Oct;
}

KeyFamily Key::family() const
{
    switch (type()) {
    case Type::Oct: return KeyFamily::Hmac;
    case Type::Rsa: return KeyFamily::Rsa;
    case Type::Ec: return KeyFamily::Ec;
    case Type::Okp: return KeyFamily::Okp;
    }
    return KeyFamily::Hmac;
}

QString Key::curve() const
{
    return m_d ? m_d->curve : QString();
}

int Key::bits() const
{
    return m_d ? m_d->bits : 0;
}

bool Key::hasPrivate() const
{
    return m_d && m_d->hasPrivate && !m_publicOnly;
}

QString Key::kid() const
{
    return m_kid;
}

std::optional<Algorithm> Key::algorithm() const
{
    return m_alg;
}

Key Key::withKid(const QString &kid) const
{
    Key k = *this;
    k.m_kid = kid;
    return k;
}

Key Key::withAlgorithm(std::optional<Algorithm> alg) const
{
    Key k = *this;
    k.m_alg = alg;
    return k;
}

Key Key::publicKey() const
{
    Key k = *this;
    if (type() != Type::Oct)
        k.m_publicOnly = true;
    return k;
}

QString Key::description() const
{
    if (!m_d)
        return Tr::tr("no key");
    QString what;
    switch (m_d->type) {
    case Type::Oct: what = Tr::tr("%1-byte HMAC secret").arg(m_d->secret.size()); break;
    case Type::Rsa: what = Tr::tr("RSA %1-bit %2").arg(m_d->bits).arg(hasPrivate() ? Tr::tr("private key") : Tr::tr("public key")); break;
    case Type::Ec: what = Tr::tr("EC %1 %2").arg(m_d->curve, hasPrivate() ? Tr::tr("private key") : Tr::tr("public key")); break;
    case Type::Okp: what = Tr::tr("Ed25519 %1").arg(hasPrivate() ? Tr::tr("private key") : Tr::tr("public key")); break;
    }
    return m_kid.isEmpty() ? what : what + u" \""_s + m_kid + u'"';
}

Result<void> Key::checkUsableFor(Algorithm alg, bool forSigning) const
{
    const QString algName = Algorithms::name(alg);
    const QString where = u"header.alg"_s;
    if (!m_d)
        return invalid(Tr::tr("No key to use with %1.").arg(algName), where);
    if (family() != Algorithms::family(alg)) {
        QString message = Tr::tr("%1 needs %2, but the key is %3.")
                              .arg(algName, Algorithms::familyName(Algorithms::family(alg)),
                                   Algorithms::familyName(family()));
        if (Algorithms::family(alg) == KeyFamily::Hmac)
            message += Tr::tr(" An RSA/EC/Ed25519 key is never used as an HMAC secret (the \"HS256 with the public "
                              "key\" attack).");
        return invalid(message, where);
    }
    if (m_alg && *m_alg != alg)
        return invalid(Tr::tr("The key %1 is restricted to %2 and may not be used with %3.")
                           .arg(description(), Algorithms::name(*m_alg), algName),
                       where);
    switch (family()) {
    case KeyFamily::Hmac:
        if (m_d->secret.size() < Algorithms::hashBytes(alg))
            return invalid(Tr::tr("%1 needs a secret of at least %2 bytes (RFC 7518, section 3.2); this one has %3.")
                               .arg(algName).arg(Algorithms::hashBytes(alg)).arg(m_d->secret.size()),
                           where);
        break;
    case KeyFamily::Rsa:
        if (m_d->bits < 2048)
            return invalid(Tr::tr("RSA keys shorter than 2048 bits are refused (RFC 7518, section 3.3); this one has "
                                  "%1 bits.").arg(m_d->bits),
                           where);
        break;
    case KeyFamily::Ec:
    case KeyFamily::Okp:
        if (m_d->curve != Algorithms::curve(alg))
            return invalid(Tr::tr("%1 needs a %2 key; this key is on %3.").arg(algName, Algorithms::curve(alg), m_d->curve),
                           where);
        break;
    }
    if (forSigning && !hasPrivate())
        return invalid(Tr::tr("Signing with %1 needs the private key; %2 is only the public half.")
                           .arg(algName, description()),
                       where);
    return {};
}

Result<QJsonObject> Key::toPublicJwk() const
{
    if (!m_d)
        return invalid(Tr::tr("No key."));
    QJsonObject jwk;
    EVP_PKEY *pk = m_d->pkey.get();
    switch (m_d->type) {
    case Type::Oct:
        return invalid(Tr::tr("An HMAC secret has no public half; it is never published in a JWKS."));
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

Result<QByteArray> Key::toPem(bool privatePart) const
{
    if (!m_d || m_d->type == Type::Oct)
        return invalid(Tr::tr("An HMAC secret has no PEM form."));
    if (privatePart && !hasPrivate())
        return invalid(Tr::tr("%1 has no private part to export.").arg(description()));
    clearOpenSslErrors();
    BioPtr bio(BIO_new(BIO_s_mem()));
    const int ok = privatePart
        ? PEM_write_bio_PrivateKey(bio.get(), m_d->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr)
        : PEM_write_bio_PUBKEY(bio.get(), m_d->pkey.get());
    if (ok != 1)
        return Error{Error::Kind::Internal, Tr::tr("Cannot write the PEM: %1.").arg(takeOpenSslError()), {}};
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(len));
}

evp_pkey_st *Key::nativeHandle() const
{
    return m_d ? m_d->pkey.get() : nullptr;
}

QByteArray Key::secret() const
{
    return m_d ? m_d->secret : QByteArray();
}

} // namespace quarry::auth
