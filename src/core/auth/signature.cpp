// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/signature.h"

#include "auth/openssl_p.h"

#include <QCoreApplication>

#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

using namespace detail;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Signature)
};

const EVP_MD *digestFor(Algorithm alg)
{
    switch (Algorithms::hashBytes(alg)) {
    case 32: return EVP_sha256();
    case 48: return EVP_sha384();
    case 64: return EVP_sha512();
    default: return nullptr; // EdDSA hashes internally
    }
}

const unsigned char *bytes(QByteArrayView v)
{
    return reinterpret_cast<const unsigned char *>(v.data());
}

Error mismatch()
{
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("The signature does not match: the token was changed after signing, or signed with another key."),
                 u"signature"_s};
}

Result<QByteArray> hmac(Algorithm alg, const Key &key, QByteArrayView data)
{
    const QByteArray secret = key.secret();
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!HMAC(digestFor(alg), secret.constData(), int(secret.size()), bytes(data), size_t(data.size()), out, &len))
        return Error{Error::Kind::Internal, Tr::tr("HMAC failed: %1.").arg(takeOpenSslError()), {}};
    return QByteArray(reinterpret_cast<const char *>(out), qsizetype(len));
}

/// Sets RSA-PSS parameters (RFC 7518 section 3.5: MGF1 with the same hash, salt as long as the hash).
bool configure(Algorithm alg, EVP_PKEY_CTX *pctx)
{
    if (alg != Algorithm::PS256)
        return true;
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
        && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1
        && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, digestFor(alg)) == 1;
}

int ecWidth(Algorithm alg)
{
    return alg == Algorithm::ES256 ? 32 : 48;
}

Result<QByteArray> derToJose(const QByteArray &der, int width)
{
    const unsigned char *p = bytes(der);
    EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, long(der.size())));
    if (!sig)
        return Error{Error::Kind::Internal, Tr::tr("OpenSSL produced an unreadable ECDSA signature."), {}};
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    return bnToBytes(r, width) + bnToBytes(s, width);
}

Result<QByteArray> joseToDer(QByteArrayView jose, int width)
{
    if (jose.size() != 2 * width)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("An ES%1 signature has %2 bytes (R and S); this one has %3.")
                         .arg(width == 32 ? 256 : 384).arg(2 * width).arg(jose.size()),
                     u"signature"_s};
    EcdsaSigPtr sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(bytes(jose), width, nullptr);
    BIGNUM *s = BN_bin2bn(bytes(jose) + width, width, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return Error{Error::Kind::Internal, Tr::tr("Out of memory while reading the signature."), {}};
    }
    unsigned char *der = nullptr;
    const int len = i2d_ECDSA_SIG(sig.get(), &der);
    if (len <= 0)
        return Error{Error::Kind::Internal, Tr::tr("Cannot encode the ECDSA signature."), {}};
    QByteArray out(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}
} // namespace

Result<QByteArray> Signature::sign(Algorithm alg, const Key &key, QByteArrayView data)
{
    if (auto usable = key.checkUsableFor(alg, true); !usable)
        return usable.error();
    clearOpenSslErrors();
    if (Algorithms::family(alg) == KeyFamily::Hmac)
        return hmac(alg, key, data);

    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, digestFor(alg), nullptr, key.nativeHandle()) != 1
        || !configure(alg, pctx))
        return Error{Error::Kind::Internal, Tr::tr("Cannot start signing: %1.").arg(takeOpenSslError()), {}};
    size_t len = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &len, bytes(data), size_t(data.size())) != 1)
        return Error{Error::Kind::Internal, Tr::tr("Signing failed: %1.").arg(takeOpenSslError()), {}};
    QByteArray out(qsizetype(len), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len, bytes(data), size_t(data.size()))
        != 1)
        return Error{Error::Kind::Internal, Tr::tr("Signing failed: %1.").arg(takeOpenSslError()), {}};
    out.resize(qsizetype(len));
    if (Algorithms::family(alg) == KeyFamily::Ec)
        return derToJose(out, ecWidth(alg));
    return out;
}

Result<void> Signature::verify(Algorithm alg, const Key &key, QByteArrayView data, QByteArrayView signature)
{
    if (auto usable = key.checkUsableFor(alg, false); !usable)
        return usable.error();
    if (signature.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("The token has no signature (its third segment is empty)."),
                     u"signature"_s};
    clearOpenSslErrors();
    if (Algorithms::family(alg) == KeyFamily::Hmac) {
        auto expected = hmac(alg, key, data);
        if (!expected)
            return expected.error();
        if (expected.value().size() != signature.size()
            || CRYPTO_memcmp(expected.value().constData(), signature.data(), size_t(signature.size())) != 0)
            return mismatch();
        return {};
    }
    QByteArray der;
    if (Algorithms::family(alg) == KeyFamily::Ec) {
        auto converted = joseToDer(signature, ecWidth(alg));
        if (!converted)
            return converted.error();
        der = converted.value();
        signature = der;
    }
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, digestFor(alg), nullptr, key.nativeHandle()) != 1
        || !configure(alg, pctx))
        return Error{Error::Kind::Internal, Tr::tr("Cannot start verifying: %1.").arg(takeOpenSslError()), {}};
    const int ok = EVP_DigestVerify(ctx.get(), bytes(signature), size_t(signature.size()), bytes(data),
                                    size_t(data.size()));
    clearOpenSslErrors();
    if (ok != 1)
        return mismatch();
    return {};
}

} // namespace quarry::auth
