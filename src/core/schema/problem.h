// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QString>

namespace quarry::schema {

/// One finding of the Validator: an error blocks DDL generation, a warning does not.
struct Problem {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    QString code;       ///< stable machine name: "broken-reference", "duplicate-name", ...
    QString message;    ///< one sentence the user can act on
    QString where;      ///< "orders.customer_id", "orders", "enum mood"
    QString objectId;   ///< the stable id of the object concerned (for the GUI to select it)

    bool isError() const { return severity == Severity::Error; }
};

} // namespace quarry::schema
