// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/passwordhasher.h"

#include <QCoreApplication>

#include <sodium.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PasswordHasher)
};

bool ensureSodium()
{
    static const bool ok = sodium_init() >= 0; // thread-safe, idempotent
    return ok;
}

Error noSodium()
{
    return Error{Error::Kind::Internal, Tr::tr("libsodium could not be initialised."), {}};
}
} // namespace

PasswordHasher::Cost PasswordHasher::standard()
{
    return {2, 19u * 1024u * 1024u};
}

PasswordHasher::Cost PasswordHasher::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHasher::Cost PasswordHasher::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

Result<QString> PasswordHasher::hash(const QString &password) const
{
    if (!ensureSodium())
        return noSodium();
    const QByteArray utf8 = password.toUtf8();
    if (utf8.size() > MaxPasswordBytes)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The password is longer than %1 bytes.").arg(MaxPasswordBytes), u"password"_s};
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, utf8.constData(), quint64(utf8.size()), m_cost.opsLimit, size_t(m_cost.memLimitBytes),
                              crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        return Error{Error::Kind::Internal,
                     Tr::tr("argon2id hashing failed (out of memory for %1 MiB?).").arg(m_cost.memLimitBytes >> 20), {}};
    return QString::fromLatin1(out);
}

Result<bool> PasswordHasher::verify(const QString &password, const QString &hash) const
{
    if (!ensureSodium())
        return noSodium();
    if (!hash.startsWith(u"$argon2id$"_s) || hash.size() >= crypto_pwhash_STRBYTES)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The stored password hash is not an argon2id hash string (\"$argon2id$v=19$...\")."),
                     u"hash"_s};
    const QByteArray utf8 = password.toUtf8();
    if (utf8.size() > MaxPasswordBytes)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The password is longer than %1 bytes.").arg(MaxPasswordBytes), u"password"_s};
    const QByteArray stored = hash.toLatin1();
    // needs_rehash parses the string and says -1 when it is malformed; verify cannot tell that
    // apart from a wrong password.
    if (crypto_pwhash_str_needs_rehash(stored.constData(), m_cost.opsLimit, size_t(m_cost.memLimitBytes)) == -1)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The stored password hash is damaged: it starts like argon2id but cannot be parsed."),
                     u"hash"_s};
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

bool PasswordHasher::needsRehash(const QString &hash) const
{
    if (!ensureSodium())
        return true;
    const QByteArray stored = hash.toLatin1();
    return crypto_pwhash_str_needs_rehash(stored.constData(), m_cost.opsLimit, size_t(m_cost.memLimitBytes)) != 0;
}

} // namespace quarry::auth
