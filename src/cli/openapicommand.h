// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry import openapi FILE --into WORKSPACE [--base-path /v1] [--as routes|requests|both]`
/// (the arguments after "openapi"). Reads an OpenAPI 3.0/3.1 document (YAML or JSON) and adds its
/// operations to the workspace's mock routes (a route with the same method and path is
/// replaced) and/or, with --as requests|both, a request collection named by the document's title
/// (replacing the collection of the same id). Prints what was added and replaced; warnings go
/// to stderr. The workspace is created when it does not exist.
/// Exit: 0 imported, 1 the document or the workspace could not be read, 2 usage error.
int importOpenApi(const QStringList &args, Io &io);
const OptionTable &importOpenApiOptions();

/// `quarry export openapi WORKSPACE [-o FILE] [--yaml|--json]` (the arguments after "openapi")
/// Writes the workspace's mock routes as an OpenAPI 3.1 document: YAML when FILE ends in .yaml or
/// .yml (or with --yaml), else JSON; to stdout without -o.
/// Exit: 0 written, 1 the workspace could not be read or the file written, 2 usage error.
int exportOpenApi(const QStringList &args, Io &io);
const OptionTable &exportOpenApiOptions();

} // namespace quarry::cli
