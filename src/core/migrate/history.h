// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "db/connection.h"
#include "schema/schema.h"

#include <optional>

namespace quarry::migrate {

struct Plan;

/// Quarry's own table in a migrated database, `quarry_migrations`: one row per applied migration
/// with its time, SQL, checksum, the design applied (with its ids) and the database as it read
/// back right after (the snapshot). A live database has no ids of its own; the last row lets the
/// next diff give its objects the design's ids again (mapToDesign), so a rename stays a rename.
/// Diffs never include this table.
class QUARRY_CORE_EXPORT History
{
public:
    struct Entry {
        qint64 id = 0;
        QString appliedAt;
        QString checksum;
        QStringList statements;
        schema::Schema design;
        std::optional<schema::Schema> snapshot;
    };

    static QString tableName();
    static bool isHistoryTable(const QString &name);

    /// The last migration recorded, or nullopt when there is none (or no history table).
    static db::DbResult<std::optional<Entry>> last(db::Connection &connection);
    /// All migrations recorded, oldest first.
    static db::DbResult<QList<Entry>> entries(db::Connection &connection);
    /// Creates the table when missing and records `plan` and `design`. Call it inside the
    /// migration's transaction, so the record and the change commit or roll back together.
    static db::DbResult<qint64> record(db::Connection &connection, const schema::Schema &design, const Plan &plan);
    /// Keeps the database as read back after the migration committed.
    static db::DbResult<void> setSnapshot(db::Connection &connection, qint64 id, const schema::Schema &snapshot);

    /// `live` (the database as read now) in the design's terms: a table, view or enum that is
    /// still as the snapshot had it becomes the design's object (ids, and expressions as the
    /// design writes them); one changed since keeps what it reads but gets the design's ids for
    /// itself and its columns by name.
    static schema::Schema mapToDesign(schema::Schema live, const Entry &last);
};

} // namespace quarry::migrate
