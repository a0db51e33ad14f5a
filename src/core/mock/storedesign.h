// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QHash>
#include <QJsonArray>
#include <QStringList>

#include <memory>

namespace quarry::schema { class Schema; }

namespace quarry::mock {

class ResourceStore;

/// What applyDesignChange() did to a served database, in sentences for the request log.
struct QUARRY_CORE_EXPORT DesignChange {
    QStringList applied;      ///< "created table books", "added column books.isbn"
    QStringList notApplied;   ///< renames, drops, changed columns and keys, refused ADD COLUMNs, with why
    QStringList missing;      ///< designed tables ("books") and columns ("books.isbn") the database lacks and may not get
    /// The design as the database now has it (a rename that was not applied keeps the old name):
    /// the `previous` of the next call, so an edit is reported once and a rename is not mistaken
    /// for a new table.
    std::shared_ptr<const schema::Schema> served;
};

/// The one path by which a design reaches a served database, at start and for every committed
/// design edit while the server runs.
///
/// Missing tables are created from the dialect's DDL (the store's dialect plugin, through
/// schema::DialectRegistry) when `mayCreateTables` (always for Quarry's own SQLite file; for a
/// PostgreSQL database only when the user agreed), in one transaction; missing columns of existing
/// tables are added (ALTER TABLE ADD COLUMN, under the same consent), each on its own, a refusal reported with the
/// engine's reason. Renames, drops and changed columns or keys are not applied: compared with
/// `previous` (the last call's `served`, by object id; null at start) they are named in
/// notApplied; at start, so are the tables of an SQLite file whose CREATE TABLE is not the one the
/// dialect writes for the design (SQLite keeps it as it ran). Afterwards the store's metadata is re-read with the design's types laid over it.
/// Returns an error when the dialect is not loaded or a table could not be created (nothing of
/// the transaction stays). Call it from the server's owner thread.
/// `tables`, when not empty, limits it to those tables and the ones they reference (a PostgreSQL
/// database serves the routes that name it, not the whole design).
QUARRY_CORE_EXPORT Result<DesignChange> applyDesignChange(ResourceStore &store,
                                                          const std::shared_ptr<const schema::Schema> &design,
                                                          const schema::Schema *previous, bool mayCreateTables,
                                                          const QStringList &tables = {});

/// Inserts the fixture rows (`mock.fixtures`) of each empty table, each table in one transaction.
/// Returns the first problem, or an empty string.
QUARRY_CORE_EXPORT QString loadFixtures(ResourceStore &store, const QHash<QString, QJsonArray> &fixtures);

} // namespace quarry::mock
