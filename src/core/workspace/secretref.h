// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QString>

namespace quarry::workspace {

/// Where a secret lives, as the workspace file writes it: `env:NAME` (an environment variable)
/// or `keychain:NAME` (an entry of the OS keychain, service "Quarry", through QtKeychain).
/// The workspace never holds the secret itself.
class QUARRY_CORE_EXPORT SecretRef
{
public:
    enum class Kind { Environment, Keychain };

    static bool isReference(const QString &text);
    static Result<SecretRef> parse(const QString &text);
    static SecretRef environment(const QString &name) { return SecretRef(Kind::Environment, name); }
    static SecretRef keychain(const QString &name) { return SecretRef(Kind::Keychain, name); }

    Kind kind() const { return m_kind; }
    QString name() const { return m_name; }
    QString toString() const;

    /// The secret's value. Blocks the calling thread while the keychain answers (bounded by
    /// `timeoutMs`); an unset variable or an unreachable keychain is an error, never an empty secret.
    Result<QString> resolve(int timeoutMs = 5000) const;
    /// Stores `value` in the keychain. Environment references cannot be written.
    Result<void> store(const QString &value, int timeoutMs = 5000) const;

    static constexpr auto KeychainService = "Quarry";

private:
    SecretRef(Kind kind, QString name) : m_kind(kind), m_name(std::move(name)) {}
    Kind m_kind = Kind::Environment;
    QString m_name;
};

} // namespace quarry::workspace
