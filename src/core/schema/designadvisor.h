// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "schema/advice.h"
#include "schema/schema.h"

#include <QList>

namespace quarry::schema {

class Dialect;

/// Advice from the design alone, without a workload: indexes the foreign keys need, tables
/// without a primary key, duplicate and left-prefix indexes, indexes that repeat a PRIMARY KEY
/// or UNIQUE constraint's own index, json/jsonb/array columns indexed with a B-tree instead of
/// GIN, wide text primary keys, foreign-key columns that look mandatory but accept NULL, and
/// normalization hints (repeated column groups such as phone1..phone3, comma-separated lists).
/// Each rule is a separate function in the .cpp with its reasoning. Stateless and thread-safe.
class QUARRY_CORE_EXPORT DesignAdvisor
{
public:
    /// `dialect` (not owned, required) writes the fix SQL and decides which index methods exist.
    explicit DesignAdvisor(const Dialect &dialect);

    /// The advice for a design that validates without errors (run Validator first: with broken
    /// references some rules would have nothing to reason about). Ordered by table, then rule.
    QList<Advice> advise(const Schema &schema) const;

    /// The machine names of every rule, for documentation and the GUI's filters.
    static QStringList rules();

private:
    const Dialect &m_dialect;
};

} // namespace quarry::schema
