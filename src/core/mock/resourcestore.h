// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QStringList>
#include <QVariantList>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

namespace quarry::schema { class Dialect; class Schema; }

namespace quarry::mock {

/// A column of a resource table, as the database reports it.
struct QUARRY_CORE_EXPORT ColumnInfo {
    enum class Affinity { Integer, Real, Numeric, Text, Blob, Boolean };
    QString name;
    QString declaredType;
    Affinity affinity = Affinity::Text;
    bool notNull = false;
    bool hasDefault = false;
    bool primaryKey = false;
    bool json = false;     ///< takes a JSON object or array (stored as its text where the engine has no JSON type)
};

struct QUARRY_CORE_EXPORT TableInfo {
    QString name;
    QList<ColumnInfo> columns;
    QString primaryKey;   ///< the single primary-key column, else "rowid"
    const ColumnInfo *column(const QString &name) const;
};

/// What one statement did.
/// The engine's own words on a failed statement are parsed by the store that ran it, so that
/// callers see the same failure kinds from SQLite and PostgreSQL.
struct QUARRY_CORE_EXPORT SqlOutcome {
    enum class Failure { None, Unique, NotNull, Check, ForeignKey, Constraint, Busy, Other };
    QJsonArray rows;   ///< result rows as objects, column name -> value
    qint64 changes = 0;
    Failure failure = Failure::None;
    int code = 0;      ///< the engine's own code (SQLite extended result code; 1 for PostgreSQL errors)
    QString error;
    QString constraint;   ///< the constraint the engine named (PostgreSQL; a CHECK's name or text on SQLite)
    QStringList columns;  ///< the columns the engine named (NOT NULL, UNIQUE, a PostgreSQL key's DETAIL)
    QString table;        ///< the table the engine named, when it is not the written one (a referencing table)
    qint64 micros = 0;
    bool ok() const { return failure == Failure::None; }
    bool isUniqueViolation() const { return failure == Failure::Unique; }
    bool isConstraintViolation() const
    {
        return failure == Failure::Unique || failure == Failure::NotNull || failure == Failure::Check
            || failure == Failure::ForeignKey || failure == Failure::Constraint;
    }
};

/// Where a CRUD resource keeps its rows: an SQLite file or a PostgreSQL database.
/// Implementations are used from every network thread at once: run() must be thread-safe
/// (one connection per thread), and never throw. The base keeps the tables' metadata, with the
/// design's column types laid over the engine's (a designed boolean or JSON column stays one on
/// SQLite, which stores both as numbers and text).
class QUARRY_CORE_EXPORT ResourceStore
{
public:
    virtual ~ResourceStore();
    /// What the log shows: a file path or a URL without its password.
    virtual QString displayName() const = 0;
    /// The dialect whose DDL creates the store's tables: "sqlite", "postgres".
    virtual QString dialectId() const = 0;
    /// Whether a failed foreign key names its constraint (PostgreSQL) or not (SQLite).
    virtual bool namesFailedForeignKeys() const = 0;

    /// Opens the transaction of a write that reads its row first (a conditional write: If-Match):
    /// run on the same thread as the statements that follow, since each thread has its own connection.
    virtual QString beginWriteSql() const = 0;
    /// What ends that read so the row stays locked until the write: "" (SQLite's BEGIN IMMEDIATE
    /// already holds the write lock) or " FOR UPDATE".
    virtual QString lockRowSql() const = 0;
    /// When rows of `table` last disappeared through this store, else when the store was opened:
    /// a deleted row leaves no updated-at behind, so a list is dated no earlier than this. Thread-safe.
    QDateTime removedSince(const QString &table) const;
    void noteRemoved(const QString &table);

    /// The identifier quoted by the store's dialect. Thread-safe.
    QString quote(const QString &identifier) const;
    /// Thread-safe.
    std::optional<TableInfo> table(const QString &name) const;
    QStringList tableNames() const;
    /// The design whose column types are laid over the engine's, from the next refresh() on.
    void setDesign(std::shared_ptr<const schema::Schema> design);
    /// Re-reads the tables' metadata.
    virtual Result<void> refresh() = 0;
    /// refresh(), at most once a second whatever the number of callers (a request that finds
    /// no table asks, so a table created meanwhile is found without a restart). Thread-safe.
    void refreshIfStale();
    /// Runs one statement; `?` marks the bound parameters (in order). When `shape` is given, the
    /// result's values are converted by its columns' types (text-only drivers need it).
    virtual SqlOutcome run(const QString &sql, const QVariantList &params = {}, const TableInfo *shape = nullptr) = 0;
    /// Runs statements without parameters (DDL) in one transaction: all of them or, at the first
    /// failure (which the outcome describes), none.
    virtual SqlOutcome runAll(const QStringList &statements) = 0;

protected:
    /// Implementations call it from refresh() with what the engine reports.
    void setTables(QHash<QString, TableInfo> tables);
    /// Finds the dialect of dialectId() (a loaded plugin); implementations call it when they open.
    Result<void> loadDialect();

private:
    const schema::Dialect *m_dialect = nullptr;
    mutable std::mutex m_tablesMutex;
    QHash<QString, TableInfo> m_tables;
    std::shared_ptr<const schema::Schema> m_design;
    std::atomic<qint64> m_lastRefreshMs{0};
    const QDateTime m_openedAt = QDateTime::currentDateTimeUtc();
    QHash<QString, QDateTime> m_removedAt;   ///< guarded by m_tablesMutex
};

} // namespace quarry::mock
