// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "jsonschema.h"
#include "mock/request.h"
#include "mock/response.h"
#include "quarry_core_export.h"
#include "result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace quarry::mock {

/// Checks requests against a route's `validation` object, which OpenAPI import writes from an
/// operation (hand-written ones look the same):
///
///     {"dialect": "openapi-3.0" | "openapi-3.1" | "draft-07" | "draft-04",
///      "components": {"schemas": {...}},      // what "#/components/schemas/X" refers to
///      "body": {"required": true, "mediaTypes": ["application/json"], "schema": {...}},
///      "parameters": [{"in": "path" | "query" | "header", "name": "petId", "required": true,
///                      "schema": {...}, "explode": true}],
///      "enabled": false}                      // keeps the schemas but checks nothing
///
/// Path, query and header values are read as the type their schema declares (integer, number,
/// boolean, array by repeated query items or commas) before the schema checks them.
///
/// The answer follows the mock server's error contract, WriteError (application/problem+json with
/// `errors: [{pointer, constraint, message}]`, each parameter's also naming `in` and `name`):
///   400 the body is not JSON, a required body or parameter is missing, or every violation is a
///       value of the wrong type ("xyz" for an integer id);
///   415 the body's Content-Type is not one the operation accepts;
///   422 the request can be read but breaks a rule of the schema (required member, maximum, enum...).
class QUARRY_CORE_EXPORT RequestValidator
{
public:
    struct Violation {
        QString in;     ///< "body", "path", "query", "header"
        QString name;   ///< the parameter's name; empty for the body
        SchemaViolation violation;
    };
    struct Outcome {
        int status = 0;   ///< 0: the request is valid
        QList<Violation> errors;
        QString summary;  ///< one line for the request log: what was checked, or what failed
    };

    /// `where` names the route in errors ("route addPet"). Fails when a schema cannot be compiled.
    static Result<RequestValidator> compile(const QJsonObject &validation, const QString &where);

    bool isEnabled() const { return m_enabled; }
    /// `params` are the route's path parameters as matched.
    Outcome check(const Request &request, const QHash<QString, QString> &params) const;

    /// The problem+json answer for a failed outcome; `label` names the route ("POST /pets").
    static Response problem(const Outcome &outcome, const QString &label);

private:
    struct Parameter {
        QString in;
        QString name;
        bool required = false;
        bool explode = true;
        QString type;       ///< the declared type ("integer"), after following $refs
        QString itemType;   ///< for arrays
        std::optional<JsonSchema> schema;
    };
    bool m_enabled = true;
    bool m_bodyRequired = false;
    QStringList m_mediaTypes;
    std::optional<JsonSchema> m_body;
    QList<Parameter> m_parameters;
};

} // namespace quarry::mock
