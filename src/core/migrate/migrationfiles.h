// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "migrate/plan.h"

#include <QStringList>

namespace quarry::migrate {

/// Versioned migrations in a directory, as Flyway and Atlas keep them: one numbered SQL file per
/// applied plan (`V3__quarry_migration.sql`), whose first line carries the SHA-256 of the rest
/// (`-- quarry-checksum: sha256:HEX`), so an edited or damaged file is found before anything runs.
class QUARRY_CORE_EXPORT MigrationFiles
{
public:
    /// Writes `plan` as the next numbered file of `directory` (created when missing); returns its path.
    static Result<QString> write(const QString &directory, const Plan &plan);
    /// Checks every `V*__*.sql` file of `directory` against its checksum line; the error names the
    /// files that do not match (or have none). A missing directory has nothing to check.
    static Result<QStringList> verify(const QString &directory);
};

} // namespace quarry::migrate
