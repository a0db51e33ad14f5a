// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/loginservice.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(LoginService)
};
} // namespace

LoginService::LoginService(Lookup lookup, PasswordHasher hasher)
    : m_lookup(std::move(lookup)), m_hasher(hasher)
{
    // Verified against when the email is unknown, at the same cost as a real hash.
    if (auto dummy = m_hasher.hash(u"quarry-no-such-user"_s))
        m_dummyHash = dummy.value();
}

Result<LoginUser> LoginService::authenticate(const QString &email, const QString &password) const
{
    if (email.trimmed().isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("The email is missing."), u"email"_s};
    if (password.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("The password is missing."), u"password"_s};
    // Before the lookup: a known and an unknown account get the same answer.
    if (password.toUtf8().size() > PasswordHasher::MaxPasswordBytes)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The password is longer than %1 bytes.").arg(PasswordHasher::MaxPasswordBytes), u"password"_s};
    const Error wrong{Error::Kind::InvalidInput, Tr::tr("Invalid email or password."), u"credentials"_s};
    const std::optional<LoginUser> user = m_lookup ? m_lookup(email.trimmed()) : std::nullopt;
    if (!user) {
        if (!m_dummyHash.isEmpty())
            (void)m_hasher.verify(password, m_dummyHash);
        return wrong;
    }
    auto match = m_hasher.verify(password, user->passwordHash);
    if (!match)
        return Error{Error::Kind::Internal,
                     Tr::tr("The stored password hash of this user is not usable: %1").arg(match.error().message),
                     u"users.%1.password_hash"_s.arg(user->id.isEmpty() ? user->email : user->id)};
    if (!match.value())
        return wrong;
    return *user;
}

} // namespace quarry::auth
