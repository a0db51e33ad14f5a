// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/collectionbundle.h"
#include "result.h"

#include <QJsonObject>
#include <QStringList>

namespace quarry::http {

/// Insomnia exports as workspace collections: the v4 JSON export (`_type: export`,
/// `__export_format: 4`, a flat `resources` list) and the v5 YAML that Insomnia 10+ writes
/// (`type: collection.insomnia.rest/5.0`, a `collection` tree). Folders, requests (url,
/// parameters, headers, body, auth), pre-request and after-response scripts (their `insomnia.*`
/// API is the sandbox's pm API under that name); the base environment becomes the collection's
/// variables, each sub-environment an environment. `{{ _.name }}` becomes `{{name}}`.
class QUARRY_CORE_EXPORT InsomniaFormat
{
public:
    /// Whether the JSON (or the YAML read as JSON) is an Insomnia v4 or v5 export.
    static bool recognises(const QJsonObject &root);
    /// What could not be mapped (template tags, gRPC and WebSocket requests, folder headers, ...)
    /// goes to `warnings`; nothing is dropped silently.
    static Result<CollectionBundle> importExport(const QJsonObject &root, QStringList *warnings = nullptr);
};

} // namespace quarry::http
