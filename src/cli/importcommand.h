// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

#include "result.h"

#include <memory>

namespace quarry::workspace { class Workspace; }

namespace quarry::cli {

/// The workspace at `path`, or a new empty one that will be saved there (import targets may not exist yet).
Result<std::unique_ptr<workspace::Workspace>> openOrCreateWorkspace(const QString &path);


/// `quarry import postman|curl|har FILE --into WORKSPACE [--collection NAME]`
/// postman: a Postman v2.1 collection (added, or replacing the collection of the same id) or a
/// Postman environment (added as an environment). curl: a curl command line (FILE "-" reads stdin)
/// added as a request to the collection NAME (default "Imported", created when missing). har: a
/// HAR 1.2 recording becomes a new collection (named NAME, else after the file), one request per entry.
/// The workspace is created when it does not exist. Warnings go to stderr.
/// Exit: 0 imported, 1 the input could not be read or parsed, 2 usage error or a kind this build lacks.
int importCommand(const QStringList &args, Io &io);
const OptionTable &importRequestsOptions();
const OptionTable &importBundleOptions();

} // namespace quarry::cli
