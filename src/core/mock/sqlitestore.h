// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/resourcestore.h"
#include "quarry_core_export.h"
#include "result.h"

#include <QHash>
#include <QJsonArray>
#include <QStringList>
#include <QVariantList>

#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

struct sqlite3;

namespace quarry::mock {

/// An SQLite database file for CRUD resources, used from the server's network threads.
///
/// Each thread gets its own connection (opened on first use, with a cache of prepared statements);
/// the file runs in WAL mode with synchronous=NORMAL: a statement that returned has reached the
/// file through write(), so it survives the server process being killed (it is power loss that
/// NORMAL does not cover; `durable` = true selects synchronous=FULL for that). Every statement is its
/// own transaction unless the caller runs BEGIN/COMMIT. Values are always bound parameters.
class QUARRY_CORE_EXPORT SqliteStore : public ResourceStore
{
public:
    /// Opens or creates the file and switches it to WAL; every connection enforces foreign keys.
    /// Its tables come from applyDesignChange().
    static Result<std::shared_ptr<SqliteStore>> open(const QString &path, bool durable = false);
    ~SqliteStore() override;

    QString path() const { return m_path; }
    QString displayName() const override { return m_path; }
    QString dialectId() const override { return QStringLiteral("sqlite"); }
    bool namesFailedForeignKeys() const override { return false; }
    /// The write lock at once, so a conditional write's read and write see the same row.
    QString beginWriteSql() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString lockRowSql() const override { return {}; }
    Result<void> refresh() override;
    /// Runs one statement on the calling thread's connection. Thread-safe.
    SqlOutcome run(const QString &sql, const QVariantList &params = {}, const TableInfo *shape = nullptr) override;
    SqlOutcome runAll(const QStringList &statements) override;

private:
    struct Connection;
    SqliteStore(QString path, bool durable);
    Connection *connection(QString *error);

    QString m_path;
    bool m_durable = false;
    mutable std::mutex m_mutex;
    std::unordered_map<std::thread::id, std::unique_ptr<Connection>> m_connections;
};

} // namespace quarry::mock
