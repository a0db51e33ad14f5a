// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "db/connection.h"

namespace quarry::db {

/// A PostgreSQL connection through libpq (see docs/ARCHITECTURE.md, "Database layer"). Rows
/// stream in single-row mode; errors carry the server's SQLSTATE, primary message and constraint
/// name; cancel() sends a cancel request. Statements outside begin()/commit() run in their own
/// implicit transaction.
class QUARRY_CORE_EXPORT PgConnection : public Connection
{
public:
    ~PgConnection() override;

    /// `url` in libpq syntax: postgresql://user@host:port/db or "host=... dbname=...". An
    /// unreachable server is an Error of kind Network within options.timeout.
    static DbResult<std::unique_ptr<PgConnection>> open(const QString &url, const OpenOptions &options = {});

    Engine engine() const override { return Engine::Postgres; }
    QString displayName() const override;
    /// "15.4".
    QString serverVersion() const override;
    /// PQserverVersion(): 150004 for 15.4.
    int serverVersionNumber() const;
    DbResult<Rows> stream(const QString &sql, const QVariantList &params, const RowHandler &onRow) override;
    DbResult<void> executeScript(const QString &sql) override;
    void cancel() override;
    bool isExecuting() const override;

    /// The libpq client library's version ("15.5").
    static QString libraryVersion();

private:
    PgConnection();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace quarry::db
