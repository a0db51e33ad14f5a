// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/problem.h"
#include "quarry_core_export.h"

#include <QList>
#include <QString>

namespace quarry::mock {

/// One entry of a write problem's `errors`: where in the body (a JSON pointer, "/price"; empty for
/// the whole body or the row), which constraint (its name when the engine or the design tells,
/// else its kind: "NOT NULL", "type", "UNIQUE (isbn)"), and a sentence.
struct QUARRY_CORE_EXPORT FieldError {
    QString pointer;
    QString constraint;
    QString message;
    /// For a request parameter rather than the body (request validation): "path", "query" or
    /// "header", and its name; the pointer is then into the parameter's value.
    QString in = {};
    QString name = {};
    /// The pointer to a top-level member of the body: "/price".
    static QString pointerTo(const QString &member);
};

/// The error contract of every write the mock server refuses (CRUD resources, request validation):
///   400 Malformed: the body is not JSON, not an object, names an unknown member or has a value of
///                  the wrong type;
///   422 Rule:      a value breaks a rule of the design (NOT NULL, CHECK) or of a schema;
///   409 Conflict:  the row conflicts with other rows (UNIQUE, FOREIGN KEY, rows that still refer
///                  to the one being deleted);
///   415 MediaType: the body's Content-Type is not one the operation accepts (request validation).
/// Each is an application/problem+json body with `errors: [{pointer, constraint, message}]`.
struct QUARRY_CORE_EXPORT WriteError {
    enum class Kind { Malformed = 400, Rule = 422, Conflict = 409, MediaType = 415 };
    Kind kind = Kind::Malformed;
    QString title;
    QString detail;
    QList<FieldError> errors;

    Problem toProblem() const;
    Response toResponse() const { return toProblem().toResponse(); }
};

} // namespace quarry::mock
