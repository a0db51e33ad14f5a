// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonArray>
#include <QStringList>
#include <QVariantList>

#include <optional>

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
};

struct QUARRY_CORE_EXPORT TableInfo {
    QString name;
    QList<ColumnInfo> columns;
    QString primaryKey;   ///< the single primary-key column, else "rowid"
    const ColumnInfo *column(const QString &name) const;
};

/// What one statement did.
struct QUARRY_CORE_EXPORT SqlOutcome {
    enum class Failure { None, Unique, Constraint, Busy, Other };
    QJsonArray rows;   ///< result rows as objects, column name -> value
    qint64 changes = 0;
    Failure failure = Failure::None;
    int code = 0;      ///< the engine's own code (SQLite extended result code; 1 for PostgreSQL errors)
    QString error;
    qint64 micros = 0;
    bool ok() const { return failure == Failure::None; }
    bool isUniqueViolation() const { return failure == Failure::Unique; }
    bool isConstraintViolation() const { return failure == Failure::Unique || failure == Failure::Constraint; }
};

/// Where a CRUD resource keeps its rows: an SQLite file or a PostgreSQL database.
/// Implementations are used from every network thread at once: run() must be thread-safe
/// (one connection per thread), and never throw.
class QUARRY_CORE_EXPORT ResourceStore
{
public:
    virtual ~ResourceStore() = default;
    /// What the log shows: a file path or a URL without its password.
    virtual QString displayName() const = 0;
    virtual std::optional<TableInfo> table(const QString &name) const = 0;
    /// Re-reads the tables' metadata.
    virtual Result<void> refresh() = 0;
    /// Runs one statement; `?` marks the bound parameters (in order). When `shape` is given, the
    /// result's values are converted by its columns' types (text-only drivers need it).
    virtual SqlOutcome run(const QString &sql, const QVariantList &params = {}, const TableInfo *shape = nullptr) = 0;
};

} // namespace quarry::mock
