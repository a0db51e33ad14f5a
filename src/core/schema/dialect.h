// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QString>
#include <QStringList>
#include <QtPlugin>

namespace quarry::schema {

/// An SQL dialect, implemented by a plugin in plugins/dialect-*. Implementations are stateless
/// and may be called from any thread.
class Dialect
{
public:
    virtual ~Dialect() = default;
    virtual QString id() const = 0;             ///< "sqlite", "postgres", "mysql"
    virtual QString displayName() const = 0;    ///< "SQLite"
    /// The identifier quoted so that any name (keywords, quotes, spaces) is taken literally.
    virtual QString quoteIdentifier(const QString &name) const = 0;
    /// Reserved words that a design should avoid as names, upper case.
    virtual QStringList reservedWords() const = 0;
};

} // namespace quarry::schema

#define QuarryDialect_iid "org.quarry.Dialect/1"
Q_DECLARE_INTERFACE(quarry::schema::Dialect, QuarryDialect_iid)
