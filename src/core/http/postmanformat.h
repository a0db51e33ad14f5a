// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/collection.h"
#include "http/environment.h"
#include "result.h"

#include <QJsonObject>
#include <QStringList>

namespace quarry::http {

/// Postman Collection v2.1 (and Postman environment) import and export.
///
/// Export writes Quarry's checks as `pm.test` scripts, extractions as `pm.collectionVariables.set`,
/// and a login profile as a collection pre-request script that logs in with `pm.sendRequest` when
/// no unexpired token is held plus bearer auth `{{quarry.token.<profile id>}}`; newman then runs the
/// collection like `quarry run` does (newman cannot retry after a 401: Quarry can).
/// Import maps folders, requests, url/query, headers, bodies, bearer/basic/no auth and variables;
/// test scripts Quarry cannot read as checks are dropped and listed in `warnings`.
class QUARRY_CORE_EXPORT PostmanFormat
{
public:
    static constexpr auto SchemaUrl = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

    static QJsonObject exportCollection(const Collection &collection);
    static QJsonObject exportEnvironment(const Environment &environment);
    static Result<Collection> importCollection(const QJsonObject &postman, QStringList *warnings = nullptr);
    static Environment importEnvironment(const QJsonObject &postman);
};

} // namespace quarry::http
