// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/collectionbundle.h"
#include "result.h"

#include <QStringList>

namespace quarry::http {

/// A Bruno collection folder as a workspace collection: `bruno.json` names it, `collection.bru`
/// holds its auth, variables and scripts, each sub-folder (with its `folder.bru`) a folder, each
/// `.bru` file a request ordered by `meta.seq`, `environments/*.bru` the environments (with
/// `vars:secret` names marked secret). Scripts and tests keep Bruno's `bru`/`req`/`res`/`test`/
/// `expect` API, which the sandbox provides over pm; `assert` lines on the status become checks.
class QUARRY_CORE_EXPORT BrunoFormat
{
public:
    /// Whether `bruno.json`'s content says it is a Bruno collection.
    static bool recognises(const QByteArray &brunoJson);
    /// `directory` holds bruno.json. Errors name the file and line of a .bru file that does not parse.
    static Result<CollectionBundle> importDirectory(const QString &directory, QStringList *warnings = nullptr);
};

} // namespace quarry::http
