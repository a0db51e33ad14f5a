// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/route.h"
#include "quarry_core_export.h"
#include "result.h"

#include <QJsonArray>
#include <QList>
#include <QStringList>

namespace quarry::openapi {

class OpenApiDocument;

/// Routes read from an OpenAPI document, with what could not be carried over.
struct QUARRY_CORE_EXPORT OpenApiImport {
    QList<mock::Route> routes;
    QStringList warnings;   ///< one sentence each, naming the operation ("GET /pets: ...")
};

/// What mergeRoutes() did to a workspace's `mock.routes`.
struct QUARRY_CORE_EXPORT OpenApiMerge {
    QJsonArray routes;      ///< the new `mock.routes`
    QStringList added;      ///< labels ("GET /pets/:petId") of routes appended
    QStringList replaced;   ///< labels of routes that replaced one with the same method and path
};

/// OpenAPI 3.0/3.1 paths -> mock routes.
///
/// Each operation becomes a route: `{param}` -> `:param` (a segment with text around a parameter,
/// such as `{name}.json`, becomes `*`), the method, the summary (else description) as its
/// description, and the operationId as its id (else "get-pets-petId" from method and path).
/// The operation's parameters and request body become the route's `validation`
/// (OpenApiRequestSchema), so the mock server checks requests against them.
/// Each documented status becomes a ResponseSpec with the response's description as label, its
/// headers (their example or a value from their schema) and a body from the preferred media type
/// (application/json, else a +json type, else the first): the media type's `example`, else the
/// first of its `examples` (in document order), else a value built from its schema
/// (OpenApiSampler). `default` becomes 500 (200 when it is the only response), "2XX" becomes 200.
///
/// Choosing a response, Prism's convention: the first 2xx response (else the lowest status) has
/// no rule and answers by default; every other response carries the rule
/// `header Prefer regex \bcode=STATUS\b`, so `Prefer: code=404` selects the 404 answer. The
/// second and later named `examples` of a media type become responses of their own, chosen by
/// `Prefer: example=NAME` (with `code=STATUS` too for a response that is not the default one),
/// tried before the response of their status; their label is the example's summary or name.
///
/// Routes are ordered so that a literal segment precedes a parameter at the same place
/// (`/pets/mine` before `/pets/:id`, as OpenAPI requires), otherwise in document order.
/// Documents written by OpenApiExporter carry `x-quarry-*` extensions that restore what
/// OpenAPI cannot say (rules, mode, resource, auth, ...); see openapiexporter.h.
class QUARRY_CORE_EXPORT OpenApiImporter
{
public:
    struct Options {
        QString pathPrefix;   ///< prepended to every path, such as "/v1"; empty: the paths as written
    };

    /// Never throws; an operation that cannot become a route is skipped with a warning. Fails
    /// only when `paths` holds no operation at all.
    static Result<OpenApiImport> importRoutes(const OpenApiDocument &document, const Options &options);
    static Result<OpenApiImport> importRoutes(const OpenApiDocument &document) { return importRoutes(document, Options{}); }

    /// Adds `routes` to a workspace's `mock.routes` array: a route whose method and path (with
    /// parameter names ignored: /pets/:id equals /pets/:petId) match an existing one replaces it
    /// in place, the others are appended. Ids are kept unique by a numeric suffix.
    static OpenApiMerge mergeRoutes(const QJsonArray &existing, const QList<mock::Route> &routes);

    /// "/pets/{petId}" -> "/pets/:petId"; `*ok` false when a segment had to become `*`.
    static QString convertPath(const QString &openApiPath, bool *exact = nullptr);
};

} // namespace quarry::openapi
