// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/collection.h"
#include "quarry_core_export.h"
#include "result.h"

#include <QStringList>

namespace quarry::openapi { class OpenApiDocument; }

namespace quarry::http {

/// OpenAPI 3.0/3.1 operations -> a request collection of the request tester (issue #5, item 6).
///
/// One request per operation, in a folder per first tag (untagged operations at the top), named by
/// the summary (else the operationId, else "GET /path"). The URL is `{{baseUrl}}` + the path, with
/// each path parameter as a `{{name}}` variable; `baseUrl` (the first server's URL) and the path
/// parameters (their example, else a value from their schema) become collection variables.
/// Query parameters and header parameters carry their example values (optional ones disabled); a
/// JSON request body is its example, else one built from its schema with readOnly properties left
/// out; form bodies become fields. Each request checks that the status equals its first 2xx.
/// Security (the operation's, else the document's; its first scheme) becomes the request's auth:
/// HTTP bearer -> Bearer `{{token}}`, basic -> `{{username}}`/`{{password}}`, an API key -> a header
/// or query parameter `{{apiKey}}`, OAuth2 client credentials or password -> the OAuth2 grant with
/// `{{clientId}}`/`{{clientSecret}}`; `security: []` -> no auth. The variables are added empty.
class QUARRY_CORE_EXPORT OpenApiCollection
{
public:
    /// `name`: the collection's name; empty: the document's title. Fails only when the document
    /// has no operation. `warnings` (may be null) receives what was left out.
    static Result<http::Collection> importCollection(const openapi::OpenApiDocument &document, const QString &name = {},
                                                     QStringList *warnings = nullptr);
};

} // namespace quarry::http
