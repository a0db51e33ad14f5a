// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <memory>

namespace quarry::db {

/// Rows of a query result, every value as text (NULL as an invalid QVariant).
struct Rows {
    QStringList columns;
    QList<QVariantList> rows;
};

/// A PostgreSQL connection through libpqxx. Every libpqxx exception is caught here and returned
/// as an Error; nothing throws out of this class. Blocks the calling thread: use it from a
/// worker thread, never the GUI thread. One connection per thread.
class QUARRY_CORE_EXPORT PgConnection
{
public:
    ~PgConnection();
    PgConnection(const PgConnection &) = delete;
    PgConnection &operator=(const PgConnection &) = delete;

    /// `url` in libpq syntax: postgresql://user@host:port/db or "host=... dbname=...".
    static Result<std::unique_ptr<PgConnection>> open(const QString &url);

    /// Runs one statement with `params` bound as $1, $2, ... (never interpolated).
    Result<Rows> query(const QString &sql, const QVariantList &params = {});
    QString serverVersion() const;

private:
    PgConnection();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace quarry::db
