// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry serve WORKSPACE [--host H] [--port N] [--threads N] [--log json|text|none]`
///
/// Serves the workspace's mock API until SIGINT or SIGTERM, then stops cleanly (exit 0). Prints
/// "Listening on http://HOST:PORT" on stderr once the port is bound (with --port 0, the port the
/// system chose). --log json prints one JSON object per request on stdout; text (the default) one
/// line per request on stderr. Edits saved to the workspace file apply without a restart.
/// Exit 1 when the workspace cannot be loaded or the port cannot be bound; 2 for bad arguments.
int runServe(const QStringList &args, Io &io);
const OptionTable &serveOptions();

} // namespace quarry::cli
