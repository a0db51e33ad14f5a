// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"
#include "schema/schema.h"

#include <optional>

namespace quarry::schema {
class Dialect;
}

namespace quarry::cli {

/// `quarry sql WORKSPACE --dialect postgres|sqlite|mysql [--json]`: the designed schema's DDL on
/// stdout. Validation errors go to stderr with their location and exit 1; warnings go to stderr
/// and the DDL is still printed.
int runSql(const QStringList &args, Io &io);
const OptionTable &sqlOptions();
/// What `quarry sql` prints (the DDL, or with `json` the statements and warnings) on io.out.
int printSql(const QString &path, const QString &dialectId, bool json, Io &io);

/// Loads WORKSPACE's schema section for a schema command; on failure prints "quarry NAME: ..."
/// to io.err and returns nothing.
std::optional<schema::Schema> loadWorkspaceSchema(const QString &command, const QString &path, Io &io);
/// The dialect for --dialect (default `fallback`); on failure prints the known ids and returns null.
const schema::Dialect *dialectFor(const QString &command, const QString &id, Io &io);

} // namespace quarry::cli
