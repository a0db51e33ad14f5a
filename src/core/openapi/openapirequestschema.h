// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QJsonObject>
#include <QStringList>

namespace quarry::openapi {

class OpenApiDocument;

/// What an operation declares about its requests, as a route's `validation` object (see
/// mock::RequestValidator): the path item's and the operation's parameters (the operation's win;
/// `$ref`s followed) with their schemas, the request body's media types, whether it is required and
/// the schema of its JSON media type, the dialect ("openapi-3.0" or "openapi-3.1") and a copy of
/// the components those schemas refer to, so the route carries everything it checks with.
/// Empty when the operation declares neither parameters with schemas nor a body.
class QUARRY_CORE_EXPORT OpenApiRequestSchema
{
public:
    /// `warnings` receives what could not be carried over, naming `label` ("POST /pets").
    static QJsonObject of(const OpenApiDocument &document, const QJsonObject &operation, const QJsonObject &pathItem,
                          const QString &label, QStringList &warnings);
    /// The way back, for export: `validation`'s parameter schemas replace or join the operation's
    /// `parameters` (a path parameter only when the path has it), its body becomes `requestBody`
    /// when the operation has none, and its components join `components` (the first of a name wins).
    static void applyTo(QJsonObject &operation, const QJsonObject &validation, QJsonObject &components);
};

} // namespace quarry::openapi
