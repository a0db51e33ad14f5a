// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/route.h"
#include "quarry_core_export.h"
#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace quarry::workspace { class Workspace; }

namespace quarry::openapi {

/// Mock routes -> an OpenAPI 3.1 document that OpenApiImporter reads back into the same routes.
///
/// Every route is an operation (operationId = route id, summary = description, `:param` ->
/// `{param}` declared as a required path parameter). Each response is listed under its status
/// with its headers and its body as the example of its Content-Type (JSON bodies as JSON,
/// templates and other text as strings); responses that share a status become named examples
/// of that status. What OpenAPI has no field for travels in extensions:
///
/// | extension | where | holds |
/// |---|---|---|
/// | `x-quarry-position` | operation, response, example | the route's / response's index (order decides matching) |
/// | `x-quarry-label` | response, example | the response's label |
/// | `x-quarry-rules`, `x-quarry-rules-match` | response, example | the response's rules (route.h shape), "all"/"any" |
/// | `x-quarry-mode` | operation | "sequential" or "random" (absent: rules) |
/// | `x-quarry-resource` | operation | {table, database, idColumn} of a CRUD resource |
/// | `x-quarry-auth` | operation | the route's auth object {required, profile, roles} |
/// | `x-quarry-method` | operation | "ANY" for a route of every method (listed under `get`) |
/// | `x-quarry-path` | operation | the route's path when it has a `*` wildcard, or parameter names that differ from another route's at the same OpenAPI path |
/// | `x-quarry-query` | operation | the route's required query items |
/// | `x-quarry-enabled` | operation | false for a disabled route |
/// | `x-quarry-cors`, `x-quarry-rate-limit`, `x-quarry-latency`, `x-quarry-faults` | operation | per-route policies |
/// | `x-quarry-route` | operation | any other route field (such as `login`), as in the workspace |
/// | `x-quarry-synthesized` | response | true: written only because OpenAPI wants a response; ignored on import |
/// | `x-quarry-resource-item` | operation | the id of the resource route that answers at PATH/{id}; ignored on import |
///
/// A CRUD resource route also documents its item form, PATH/{id}, for the same method (GET, PUT,
/// PATCH, DELETE; all four for ANY) unless another route has it. JSON examples come with a schema
/// inferred from them. Routes that require auth list `security: [{bearerAuth: [roles...]}]` with an HTTP bearer (JWT)
/// scheme in `components.securitySchemes`.
class QUARRY_CORE_EXPORT OpenApiExporter
{
public:
    struct Options {
        QString title = QStringLiteral("Quarry mock API");
        QString version = QStringLiteral("1.0.0");
        QString serverUrl;   ///< "http://127.0.0.1:3000"; empty: no `servers`
    };

    /// The document; `warnings` (may be null) receives what could not be expressed (two routes
    /// with the same method and path: the later one is left out).
    static QJsonObject exportRoutes(const QList<mock::Route> &routes, const Options &options, QStringList *warnings = nullptr);
    /// The workspace's `mock.routes`, titled by the workspace's name, with the server's address.
    /// Fails when a route of the workspace is invalid.
    static Result<QJsonObject> exportWorkspace(const workspace::Workspace &workspace, QStringList *warnings = nullptr);

    /// "/users/:id/*" -> "/users/{id}/{wildcard}".
    static QString openApiPath(const QString &routePath);
};

} // namespace quarry::openapi
