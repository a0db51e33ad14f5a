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

/// CRUD resources on a PostgreSQL database (through db::PgConnection, libpqxx).
///
/// The tables must exist (Quarry never creates tables in a server database behind the user's back;
/// `quarry migrate` does that); their columns are read from information_schema in the current
/// schema. One connection per network thread; each statement runs in its own transaction.
/// SQLSTATE 23505 is a unique violation, other class 23 codes constraint violations.
class QUARRY_CORE_EXPORT PgStore : public ResourceStore
{
public:
    /// Connects once (on the calling thread) to check the URL and read the tables.
    static Result<std::shared_ptr<PgStore>> open(const QString &url);
    ~PgStore() override;

    QString displayName() const override { return m_displayName; }
    std::optional<TableInfo> table(const QString &name) const override;
    Result<void> refresh() override;
    SqlOutcome run(const QString &sql, const QVariantList &params = {}, const TableInfo *shape = nullptr) override;

    /// "? ... ?" -> "$1 ... $2", leaving quoted identifiers and string literals alone.
    static QString numberPlaceholders(const QString &sql);

private:
    explicit PgStore(QString url);
    db::PgConnection *connection(QString *error);

    QString m_url;
    QString m_displayName;
    mutable std::mutex m_mutex;
    std::unordered_map<std::thread::id, std::unique_ptr<db::PgConnection>> m_connections;
    QHash<QString, TableInfo> m_tables;
};

} // namespace quarry::mock
