// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"

#include <QHash>
#include <QString>

namespace quarry::db {
class SqliteConnection;
}

namespace quarry::schema {

/// sqlite_stat1 for a copy of a database, computed from the rows of the source as the sqlite3
/// shell's `.expert` does with its default "-sample 100": per index, the row count and, per key
/// prefix, rows over the number of value changes along a sorted scan of the source table. Results
/// are cached per table and column list, so each candidate copy costs one scan at most.
class SqliteStatistics
{
public:
    /// `source` is read, never written; it must outlive this object.
    explicit SqliteStatistics(db::SqliteConnection &source);
    /// Runs ANALYZE on `copy`, then writes the source's statistics for every index of `copy`
    /// over plain columns (expression indexes keep ANALYZE's, which on an empty copy are none).
    Result<void> fill(db::SqliteConnection &copy);

private:
    Result<QString> stat(const QString &table, const QList<std::pair<QString, QString>> &columns);
    db::SqliteConnection &m_source;
    QHash<QString, QString> m_cache;   // "table\x1fcol coll\x1f..." -> stat1 text ("" = no rows)
    bool m_functionAdded = false;
};

} // namespace quarry::schema
