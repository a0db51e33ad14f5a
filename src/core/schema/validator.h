// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "schema/problem.h"
#include "schema/schema.h"

#include <QList>

namespace quarry::schema {

class Dialect;

/// Checks a Schema for what would make its DDL fail or mislead: broken references (FK targets,
/// index and key columns, enum types, namespaces), duplicate names and ids, FK column pairs of
/// incompatible types, FKs that do not reference a key, and — for each dialect given — reserved
/// words, over-long names and features the dialect lacks. Stateless; safe from any thread.
class QUARRY_CORE_EXPORT Validator
{
public:
    /// `dialects` (not owned, may be empty) add the dialect-specific checks.
    explicit Validator(QList<const Dialect *> dialects = {});

    QList<Problem> validate(const Schema &schema) const;
    static bool hasErrors(const QList<Problem> &problems);

private:
    QList<const Dialect *> m_dialects;
};

} // namespace quarry::schema
