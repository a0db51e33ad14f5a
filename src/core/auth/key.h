// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "auth/algorithm.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

struct evp_pkey_st; // OpenSSL's EVP_PKEY; the header stays free of OpenSSL

namespace quarry::auth {

/// A signing or verification key: an HMAC secret (JWK `oct`), an RSA key, an EC key on P-256 or
/// P-384, or an Ed25519 key (JWK `OKP`). Immutable once made; copies share the key material, so
/// a Key is cheap to copy and safe to use from several threads at once.
///
/// Asymmetric keys come from PEM, JWK or generate(); a secret comes only from fromSecret(). Nothing
/// turns one into the other, which is what keeps "HS256 signed with the RSA public key" out.
class QUARRY_CORE_EXPORT Key
{
public:
    enum class Type { Oct, Rsa, Ec, Okp };

    Key();
    ~Key();
    Key(const Key &);
    Key &operator=(const Key &);
    Key(Key &&) noexcept;
    Key &operator=(Key &&) noexcept;

    /// An HMAC secret. Refuses an empty secret and text that is a PEM or JWK key: such a key must be
    /// loaded with fromPem()/fromJwk(), never used as an HMAC secret.
    static Result<Key> fromSecret(const QByteArray &secret, const QString &kid = {});
    /// A PEM private key (PKCS#8 or traditional RSA/EC), public key (SPKI or PKCS#1 RSA) or
    /// certificate (its public key). Encrypted private keys are refused with a hint.
    static Result<Key> fromPem(const QByteArray &pem, const QString &kid = {});
    /// A JWK (RFC 7517/7518/8037): kty oct, RSA, EC (P-256, P-384) or OKP (Ed25519), public or
    /// private. Honours `kid` and `alg`; an EC point that is not on its curve is refused.
    static Result<Key> fromJwk(const QJsonObject &jwk);
    /// A new private key for `alg`: RSA 2048 for RS*/PS256, P-256/P-384 for ES256/ES384, Ed25519
    /// for EdDSA, 64 random bytes for HS*. Without a kid, the kid is the RFC 7638 thumbprint.
    static Result<Key> generate(Algorithm alg, const QString &kid = {});

    bool isNull() const;
    Type type() const;
    KeyFamily family() const;
    /// "P-256", "P-384", "P-521" (loadable, but no algorithm here uses it), "Ed25519"; empty otherwise.
    QString curve() const;
    /// RSA modulus or EC field size in bits, HMAC secret size in bits.
    int bits() const;
    bool hasPrivate() const;
    QString kid() const;
    /// The algorithm the key is restricted to (a JWK's `alg`), if any.
    std::optional<Algorithm> algorithm() const;
    /// Same key material with another kid / algorithm restriction.
    Key withKid(const QString &kid) const;
    Key withAlgorithm(std::optional<Algorithm> alg) const;
    /// The public half (a secret stays a secret: for `oct` this returns the same key).
    Key publicKey() const;
    /// "RSA 2048-bit private key \"kid\"", for messages.
    QString description() const;

    /// Whether this key may sign (`forSigning`) or verify tokens of `alg`: the family must match,
    /// ES* need their curve, RSA needs ≥ 2048 bits, a secret needs at least the hash length, and
    /// signing needs the private half. The error names the mismatch (where: "header.alg").
    Result<void> checkUsableFor(Algorithm alg, bool forSigning) const;

    /// The JWK of the public half (never a secret or private part); with `kid`, `alg` when set.
    /// An `oct` key has no public half: error.
    Result<QJsonObject> toPublicJwk() const;
    /// The full JWK, private members included (for storing a generated key in a secret store).
    QJsonObject toPrivateJwk() const;
    /// RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key (of the secret for `oct`).
    QString thumbprint() const;
    /// PEM: the private key as PKCS#8 (`privatePart`, needs hasPrivate()) or the public key as SPKI.
    Result<QByteArray> toPem(bool privatePart) const;

    /// For the auth module's OpenSSL code: the key, or nullptr for a secret.
    evp_pkey_st *nativeHandle() const;
    /// The HMAC secret; empty for asymmetric keys.
    QByteArray secret() const;

    struct Data; ///< opaque, defined in key.cpp

private:
    std::shared_ptr<const Data> m_d;
    QString m_kid;
    std::optional<Algorithm> m_alg;
    bool m_publicOnly = false;
};

} // namespace quarry::auth
