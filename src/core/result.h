// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace quarry {

/// What went wrong, in words a user can act on, and where.
struct Error {
    enum class Kind { InvalidInput, NotFound, Io, Database, Network, Internal };
    Kind kind = Kind::Internal;
    QString message;   ///< one sentence the user can act on
    QString where;     ///< "users.email", "GET /users/:id", "line 12, column 5"; may be empty

    /// "message (where)", or the message alone.
    QString toString() const { return where.isEmpty() ? message : message + QStringLiteral(" (") + where + QLatin1Char(')'); }
};

/// A value or the Error that explains why there is none. Becomes std::expected with C++23.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_data(std::move(value)) {}
    Result(Error error) : m_data(std::move(error)) {}
    explicit operator bool() const { return std::holds_alternative<T>(m_data); }
    bool ok() const { return std::holds_alternative<T>(m_data); }
    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const Error &error() const { return std::get<Error>(m_data); }

private:
    std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}
    explicit operator bool() const { return !m_failed; }
    bool ok() const { return !m_failed; }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace quarry
