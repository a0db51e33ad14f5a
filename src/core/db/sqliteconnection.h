// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "db/connection.h"

#include <QByteArray>
#include <QDeadlineTimer>

struct sqlite3;
struct sqlite3_stmt;

namespace quarry::db {

class SqliteConnection;

/// One prepared statement of a SqliteConnection (SqliteConnection::prepare), finalized when
/// destroyed. Move-only; must not outlive its connection.
class QUARRY_CORE_EXPORT SqliteStatement
{
public:
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    ~SqliteStatement();

    /// True when the text held only blanks and comments: nothing to run.
    bool isEmpty() const { return m_stmt == nullptr; }
    /// Byte offset in the script where the text after this statement begins.
    qsizetype tail() const { return m_tail; }
    /// How many values run() takes (the highest ?NNN, or the count of ? and :name).
    int parameterCount() const;
    /// Runs the statement to its end with `params` bound, then resets it so it can run again.
    /// With `onRow`, each row goes to it as it arrives (see Connection::stream) and the result's
    /// rows stay empty; without, the rows are collected into the result (as Connection::query).
    DbResult<Rows> run(const QVariantList &params = {}, const RowHandler &onRow = {});

private:
    friend class SqliteConnection;
    SqliteStatement(SqliteConnection *connection, sqlite3_stmt *stmt, qsizetype tail);
    SqliteConnection *m_connection = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    qsizetype m_tail = 0;
};

/// A SQLite database through SQLite's C API (see docs/ARCHITECTURE.md, "Database layer", for why
/// not QtSql). Extended result codes are on; foreign keys are enforced (PRAGMA foreign_keys = ON).
class QUARRY_CORE_EXPORT SqliteConnection : public Connection
{
public:
    ~SqliteConnection() override;

    /// Opens (read-write: creates) the file at `path`; read-only when options.readOnly. A file
    /// that is not a SQLite database is refused here (kind InvalidInput), not at the first query.
    static DbResult<std::unique_ptr<SqliteConnection>> open(const QString &path, const OpenOptions &options = {});
    /// A private in-memory database.
    static DbResult<std::unique_ptr<SqliteConnection>> openMemory();
    /// The SQLite library's version ("3.40.1").
    static QString libraryVersion();

    Engine engine() const override { return Engine::Sqlite; }
    QString displayName() const override;
    QString serverVersion() const override { return libraryVersion(); }
    DbResult<Rows> stream(const QString &sql, const QVariantList &params, const RowHandler &onRow) override;
    DbResult<void> executeScript(const QString &sql) override;
    void cancel() override;
    bool isExecuting() const override;

    /// Prepares the first statement of `script` (UTF-8) that starts at byte `from`, without
    /// running it. On an error, errorOffset() tells where in `script` SQLite stopped.
    DbResult<SqliteStatement> prepare(const QByteArray &script, qsizetype from = 0);
    /// Byte offset of the token the last prepare() error is about, -1 when SQLite names none.
    qsizetype errorOffset() const;

    /// Statements still running when `deadline` expires are interrupted (an Error with
    /// sqliteCode SQLITE_INTERRUPT); QDeadlineTimer::Forever (the default) sets no limit.
    void setDeadline(QDeadlineTimer deadline);

    /// Copies the whole database, as it is committed now, to the file `path` through SQLite's
    /// online backup API (readers and this connection may go on using the database meanwhile).
    /// An existing file at `path` is replaced. Errors name `path`.
    DbResult<void> backupTo(const QString &path);

    /// The collation a column is declared with ("BINARY" when none, or when SQLite cannot say).
    QString columnCollation(const QString &table, const QString &column) const;

private:
    friend class SqliteStatement;
    friend class SqlitePlanCapture;
    SqliteConnection();
    sqlite3 *handle() const;
    DbError lastError(const QString &context = {}) const;
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace quarry::db
