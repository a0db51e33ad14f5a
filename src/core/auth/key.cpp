// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/key.h"
#include "auth/key_p.h"

#include "auth/base64url.h"

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
} // namespace

namespace detail {
Error invalidKey(const QString &message, const QString &where)
{
    return Error{Error::Kind::InvalidInput, message, where};
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

QByteArray bnParam(EVP_PKEY *pkey, const char *name, int width)
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
            return invalidKey(KeyTr::tr("The EC key uses explicit curve parameters; only named curves are supported."));
        d->curve = curveFromGroupName(QString::fromLatin1(group, qsizetype(len)));
        if (curveBytes(d->curve) == 0)
            return invalidKey(KeyTr::tr("The EC key is on the curve %1; JOSE uses P-256 and P-384.").arg(d->curve));
        break;
    }
    case EVP_PKEY_ED25519:
        d->type = Key::Type::Okp;
        d->curve = u"Ed25519"_s;
        break;
    case EVP_PKEY_RSA_PSS:
        return invalidKey(KeyTr::tr("RSA-PSS-restricted keys are not supported; use a plain RSA key for PS256."));
    default:
        return invalidKey(KeyTr::tr("Unsupported key type %1; JOSE keys are RSA, EC (P-256, P-384) or Ed25519.")
                           .arg(QString::fromLatin1(OBJ_nid2sn(EVP_PKEY_get_base_id(pkey.get())))));
    }
    d->pkey = std::move(pkey);
    return d;
}
} // namespace detail

Key::Key() = default;
Key::~Key() = default;
Key::Key(const Key &) = default;
Key &Key::operator=(const Key &) = default;
Key::Key(Key &&) noexcept = default;
Key &Key::operator=(Key &&) noexcept = default;

Result<Key> Key::fromSecret(const QByteArray &secret, const QString &kid)
{
    if (secret.isEmpty())
        return invalidKey(KeyTr::tr("The HMAC secret is empty."));
    const QByteArray trimmed = secret.trimmed();
    if (trimmed.startsWith("-----BEGIN"))
        return invalidKey(KeyTr::tr("This secret is a PEM key. A PEM key is never used as an HMAC secret: load it as a key "
                              "file and use an RS, PS, ES or EdDSA algorithm."));
    if (trimmed.startsWith('{')) {
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed);
        if (doc.isObject() && doc.object().contains(u"kty"_s))
            return invalidKey(KeyTr::tr("This secret is a JWK. Load it as a JWK instead of using its text as an HMAC secret."));
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
        return invalidKey(KeyTr::tr("No PEM key found (expected a \"-----BEGIN PRIVATE KEY-----\", \"PUBLIC KEY\", "
                              "\"RSA PRIVATE KEY\", \"EC PRIVATE KEY\" or \"CERTIFICATE\" block)."));
    if (label == "ENCRYPTED PRIVATE KEY" || pem.contains("Proc-Type: 4,ENCRYPTED"))
        return invalidKey(KeyTr::tr("The private key is encrypted; decrypt it first (openssl pkey -in key.pem -out "
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
        return invalidKey(KeyTr::tr("Cannot read the PEM %1: %2.")
                           .arg(QString::fromLatin1(label), reason.isEmpty() ? KeyTr::tr("malformed data") : reason));
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

Result<Key> Key::generate(Algorithm alg, const QString &kid)
{
    clearOpenSslErrors();
    Key key;
    switch (Algorithms::family(alg)) {
    case KeyFamily::Hmac: {
        QByteArray secret(64, '\0');
        if (RAND_bytes(reinterpret_cast<unsigned char *>(secret.data()), int(secret.size())) != 1)
            return Error{Error::Kind::Internal, KeyTr::tr("No random bytes: %1.").arg(takeOpenSslError()), {}};
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
            return Error{Error::Kind::Internal, KeyTr::tr("Key generation failed: %1.").arg(takeOpenSslError()), {}};
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
        return KeyTr::tr("no key");
    QString what;
    switch (m_d->type) {
    case Type::Oct: what = KeyTr::tr("%1-byte HMAC secret").arg(m_d->secret.size()); break;
    case Type::Rsa: what = KeyTr::tr("RSA %1-bit %2").arg(m_d->bits).arg(hasPrivate() ? KeyTr::tr("private key") : KeyTr::tr("public key")); break;
    case Type::Ec: what = KeyTr::tr("EC %1 %2").arg(m_d->curve, hasPrivate() ? KeyTr::tr("private key") : KeyTr::tr("public key")); break;
    case Type::Okp: what = KeyTr::tr("Ed25519 %1").arg(hasPrivate() ? KeyTr::tr("private key") : KeyTr::tr("public key")); break;
    }
    return m_kid.isEmpty() ? what : what + u" \""_s + m_kid + u'"';
}

Result<void> Key::checkUsableFor(Algorithm alg, bool forSigning) const
{
    const QString algName = Algorithms::name(alg);
    const QString where = u"header.alg"_s;
    if (!m_d)
        return invalidKey(KeyTr::tr("No key to use with %1.").arg(algName), where);
    if (family() != Algorithms::family(alg)) {
        QString message = KeyTr::tr("%1 needs %2, but the key is %3.")
                              .arg(algName, Algorithms::familyName(Algorithms::family(alg)),
                                   Algorithms::familyName(family()));
        if (Algorithms::family(alg) == KeyFamily::Hmac)
            message += KeyTr::tr(" An RSA/EC/Ed25519 key is never used as an HMAC secret (the \"HS256 with the public "
                              "key\" attack).");
        return invalidKey(message, where);
    }
    if (m_alg && *m_alg != alg)
        return invalidKey(KeyTr::tr("The key %1 is restricted to %2 and may not be used with %3.")
                           .arg(description(), Algorithms::name(*m_alg), algName),
                       where);
    switch (family()) {
    case KeyFamily::Hmac:
        if (m_d->secret.size() < Algorithms::hashBytes(alg))
            return invalidKey(KeyTr::tr("%1 needs a secret of at least %2 bytes (RFC 7518, section 3.2); this one has %3.")
                               .arg(algName).arg(Algorithms::hashBytes(alg)).arg(m_d->secret.size()),
                           where);
        break;
    case KeyFamily::Rsa:
        if (m_d->bits < 2048)
            return invalidKey(KeyTr::tr("RSA keys shorter than 2048 bits are refused (RFC 7518, section 3.3); this one has "
                                  "%1 bits.").arg(m_d->bits),
                           where);
        break;
    case KeyFamily::Ec:
    case KeyFamily::Okp:
        if (m_d->curve != Algorithms::curve(alg))
            return invalidKey(KeyTr::tr("%1 needs a %2 key; this key is on %3.").arg(algName, Algorithms::curve(alg), m_d->curve),
                           where);
        break;
    }
    if (forSigning && !hasPrivate())
        return invalidKey(KeyTr::tr("Signing with %1 needs the private key; %2 is only the public half.")
                           .arg(algName, description()),
                       where);
    return {};
}

Result<QByteArray> Key::toPem(bool privatePart) const
{
    if (!m_d || m_d->type == Type::Oct)
        return invalidKey(KeyTr::tr("An HMAC secret has no PEM form."));
    if (privatePart && !hasPrivate())
        return invalidKey(KeyTr::tr("%1 has no private part to export.").arg(description()));
    clearOpenSslErrors();
    BioPtr bio(BIO_new(BIO_s_mem()));
    const int ok = privatePart
        ? PEM_write_bio_PrivateKey(bio.get(), m_d->pkey.get(), nullptr, nullptr, 0, nullptr, nullptr)
        : PEM_write_bio_PUBKEY(bio.get(), m_d->pkey.get());
    if (ok != 1)
        return Error{Error::Kind::Internal, KeyTr::tr("Cannot write the PEM: %1.").arg(takeOpenSslError()), {}};
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
