// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"
#include "db/connection.h"
#include "migrate/migrator.h"

#include <memory>
#include <optional>

namespace quarry::cli {

/// One side of `quarry diff` or the target of `quarry migrate`: a workspace's design, or a live
/// database (sqlite:PATH, a SQLite file's path, postgresql://...) read with its history.
struct MigrationSource {
    QString spec;                       ///< as the user wrote it
    QString url;                        ///< the database URL; empty for a workspace
    std::unique_ptr<db::Connection> connection;
    migrate::LiveDesign live;           ///< the design (for a workspace: live.schema only)

    bool isDatabase() const { return !url.isEmpty(); }
    /// "postgres" or "sqlite" for a database, empty for a workspace.
    QString engineDialect() const;

    /// Whether `spec` names a database rather than a workspace file.
    static bool looksLikeDatabase(const QString &spec);
    /// Opens and reads `spec`; errors are printed as "quarry COMMAND: ...". A database is opened
    /// read-only unless `writable` (then a missing SQLite file is created, empty).
    static std::optional<MigrationSource> open(const QString &command, const QString &spec, bool writable, Io &io);
};

/// Parses "old=new" (a table) or "table.old=new" (a column) for --rename; nullopt when malformed.
std::optional<QPair<QString, QString>> parseRename(const QString &text);
/// Every --rename of `args`, parsed; after a usage error (one is not OLD=NEW) nullopt and `*exit` set.
std::optional<QList<QPair<QString, QString>>> renamesOf(const OptionTable &table, const Arguments &args, Io &io, int *exit);

} // namespace quarry::cli
