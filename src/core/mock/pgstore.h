// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/resourcestore.h"
#include "quarry_core_export.h"

#include <QHash>

#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace quarry::db { class PgConnection; }

namespace quarry::mock {

/// CRUD resources on a PostgreSQL database (through db::PgConnection).
///
/// The database is the user's: its missing tables are created by applyDesignChange() only where
/// the user agreed (`createTables`). Columns are read from information_schema in the current
/// schema. One connection per network thread; each statement runs in its own transaction.
/// Class 23 SQLSTATEs become failure kinds with the constraint and columns the server named.
class QUARRY_CORE_EXPORT PgStore : public ResourceStore
{
public:
    /// Connects once (on the calling thread) to check the URL and read the tables.
    static Result<std::shared_ptr<PgStore>> open(const QString &url);
    ~PgStore() override;

    QString displayName() const override { return m_displayName; }
    QString dialectId() const override { return QStringLiteral("postgres"); }
    bool namesFailedForeignKeys() const override { return true; }
    QString beginWriteSql() const override { return QStringLiteral("BEGIN"); }
    QString lockRowSql() const override { return QStringLiteral(" FOR UPDATE"); }
    Result<void> refresh() override;
    SqlOutcome run(const QString &sql, const QVariantList &params = {}, const TableInfo *shape = nullptr) override;
    SqlOutcome runAll(const QStringList &statements) override;

    /// "? ... ?" -> "$1 ... $2", leaving quoted identifiers and string literals alone.
    static QString numberPlaceholders(const QString &sql);

private:
    explicit PgStore(QString url);
    db::PgConnection *connection(QString *error);

    QString m_url;
    QString m_displayName;
    mutable std::mutex m_mutex;
    std::unordered_map<std::thread::id, std::unique_ptr<db::PgConnection>> m_connections;
};

} // namespace quarry::mock
