// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <chrono>
#include <functional>
#include <memory>
#include <variant>

namespace quarry::db {

/// An Error the database engine reported, with the engine's own code. It is an Error, so a caller
/// that needs no more returns it as one (`return r.error();` in a function returning Result).
struct DbError : Error {
    QString sqlState{};  ///< PostgreSQL's SQLSTATE ("23505"); empty for SQLite
    int sqliteCode = 0;  ///< SQLite's extended result code (2067 = SQLITE_CONSTRAINT_UNIQUE); 0 for PostgreSQL
    QString constraint{}; ///< the constraint the engine names ("users_email_key"), when it names one

    DbError() = default;
    DbError(Error error) : Error(std::move(error)) {}
};

/// Result with a DbError: what every Connection call returns. Converts to Result<T>.
template <typename T>
class [[nodiscard]] DbResult {
public:
    DbResult(T value) : m_data(std::move(value)) {}
    DbResult(DbError error) : m_data(std::move(error)) {}
    DbResult(Error error) : m_data(DbError(std::move(error))) {}
    explicit operator bool() const { return std::holds_alternative<T>(m_data); }
    bool ok() const { return std::holds_alternative<T>(m_data); }
    const T &value() const & { return std::get<T>(m_data); }
    T &value() & { return std::get<T>(m_data); }
    T &&value() && { return std::get<T>(std::move(m_data)); }
    const DbError &error() const { return std::get<DbError>(m_data); }
    operator Result<T>() const & { return ok() ? Result<T>(value()) : Result<T>(Error(error())); }
    operator Result<T>() && { return ok() ? Result<T>(std::move(*this).value()) : Result<T>(Error(error())); }

private:
    std::variant<T, DbError> m_data;
};

template <>
class [[nodiscard]] DbResult<void> {
public:
    DbResult() = default;
    DbResult(DbError error) : m_error(std::move(error)), m_failed(true) {}
    DbResult(Error error) : m_error(std::move(error)), m_failed(true) {}
    explicit operator bool() const { return !m_failed; }
    bool ok() const { return !m_failed; }
    const DbError &error() const { return m_error; }
    operator Result<void>() const { return m_failed ? Result<void>(Error(m_error)) : Result<void>(); }

private:
    DbError m_error;
    bool m_failed = false;
};

/// Rows of a result, collected. Values are typed by the engine: integers as qlonglong, floating
/// point as double, booleans (PostgreSQL) as bool, blobs/bytea as QByteArray, NULL as a null
/// QVariant, everything else (numeric, dates, json, ...) as the engine's text.
struct Rows {
    QStringList columns;
    QList<QVariantList> rows;
    qint64 affectedRows = 0;   ///< INSERT/UPDATE/DELETE: rows changed; -1 when the engine does not say
};

/// One row while a result streams: valid only during the callback.
class QUARRY_CORE_EXPORT Row
{
public:
    Row(const QStringList &columns, const QVariantList &values) : m_columns(columns), m_values(values) {}
    const QStringList &columns() const { return m_columns; }
    const QVariantList &values() const { return m_values; }
    qsizetype size() const { return m_values.size(); }
    QVariant value(qsizetype i) const { return m_values.value(i); }
    QVariant value(const QString &column) const { return m_values.value(m_columns.indexOf(column)); }
    /// The value as text; NULL is a null QString.
    QString text(qsizetype i) const;

private:
    const QStringList &m_columns;
    const QVariantList &m_values;
};

/// Called once per row as it arrives; return false to stop reading (the rest is discarded).
using RowHandler = std::function<bool(const Row &row)>;

enum class Engine { Sqlite, Postgres };

struct OpenOptions {
    /// PostgreSQL: how long connecting may take (libpq connect_timeout, at least 2 s), unless the
    /// URL sets connect_timeout. SQLite: how long a statement waits for another connection's lock.
    std::chrono::milliseconds timeout = std::chrono::seconds(5);
    /// SQLite: open the file read-only (it must exist). PostgreSQL: every transaction read-only
    /// (default_transaction_read_only).
    bool readOnly = false;
};

/// A connection to one database: SQLite (SqliteConnection) or PostgreSQL (PgConnection).
///
/// Errors are values, never exceptions: a failed statement returns a DbError of kind Database
/// whose message is the engine's, with `sqlState` (PostgreSQL) or `sqliteCode` (the extended
/// result code) and `constraint` where the engine names one; a lost server is kind Network.
/// A connection belongs to one thread at a time and blocks it: use it from a worker thread, never
/// the GUI thread. Only cancel() may be called from another thread.
class QUARRY_CORE_EXPORT Connection
{
public:
    virtual ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    /// `url`: sqlite:path/to/file.db (also sqlite://relative and sqlite:///absolute; relative paths
    /// against the working directory), sqlite::memory:, postgresql://user@host:port/db,
    /// postgres://... or a libpq keyword string ("host=... dbname=..."). Errors name the URL
    /// with its password masked.
    static DbResult<std::unique_ptr<Connection>> open(const QString &url, const OpenOptions &options = {});

    virtual Engine engine() const = 0;
    /// What was opened, without its password: for messages.
    virtual QString displayName() const = 0;
    /// "15.4" for PostgreSQL, "3.40.1" for SQLite.
    virtual QString serverVersion() const = 0;

    /// Runs one statement with `params` bound in order ($1, $2 ... on PostgreSQL; ?, ?1 or :name
    /// by position on SQLite), never interpolated. A QVariant that is null binds SQL NULL; bool,
    /// integers, double, QByteArray (a blob/bytea) and text bind as such. Each row reaches
    /// `onRow` as the engine produces it (PostgreSQL: single-row mode), so a large result is
    /// never held whole. Returns the column names and the affected row count.
    virtual DbResult<Rows> stream(const QString &sql, const QVariantList &params, const RowHandler &onRow) = 0;
    /// stream() with every row collected.
    DbResult<Rows> query(const QString &sql, const QVariantList &params = {});
    /// Runs one statement and returns the number of rows it changed.
    DbResult<qint64> execute(const QString &sql, const QVariantList &params = {});
    /// Runs several statements separated by semicolons, without parameters (DDL scripts).
    virtual DbResult<void> executeScript(const QString &sql) = 0;

    DbResult<void> begin();
    DbResult<void> commit();
    DbResult<void> rollback();
    /// Savepoint names are plain identifiers ([A-Za-z_][A-Za-z0-9_]*); others are refused.
    DbResult<void> savepoint(const QString &name);
    DbResult<void> releaseSavepoint(const QString &name);
    DbResult<void> rollbackToSavepoint(const QString &name);

    /// Thread-safe: stops the statement this connection is running in another thread (a
    /// PostgreSQL cancel request, sqlite3_interrupt); it returns an Error for which
    /// isCancelled() is true, and the connection stays usable. Without a running statement it
    /// does nothing.
    virtual void cancel() = 0;
    /// Whether a statement is running now (set from just before it is sent until it is done).
    virtual bool isExecuting() const = 0;

protected:
    Connection() = default;
};

/// Whether `error` says that a statement was stopped by Connection::cancel().
QUARRY_CORE_EXPORT bool isCancelled(const DbError &error);

/// `name` as a quoted identifier the SQL standard's way, which SQLite and PostgreSQL share:
/// "name" with every " doubled. The one implementation: the sqlite and postgres dialect plugins
/// (schema::Dialect::quoteIdentifier) and the layer's own statements use it.
QUARRY_CORE_EXPORT QString quoteIdentifier(const QString &name);

/// `url` with its password replaced by "***", for messages.
QUARRY_CORE_EXPORT QString maskedUrl(const QString &url);

/// Whether `url` names a PostgreSQL database (postgresql://, postgres:// or libpq keywords).
QUARRY_CORE_EXPORT bool isPostgresUrl(const QString &url);

/// The file a sqlite: URL names ("sqlite:a.db", "sqlite://a.db", "sqlite:///abs/a.db"), resolved
/// against `baseDir` when relative and `baseDir` is given; empty when `url` is not a sqlite: URL
/// or names no file.
QUARRY_CORE_EXPORT QString sqliteFilePath(const QString &url, const QString &baseDir = {});

} // namespace quarry::db
