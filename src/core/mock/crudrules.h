// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/resourcestore.h"
#include "mock/writeerror.h"

#include <QHash>
#include <QVariant>

#include <functional>
#include <optional>

namespace quarry::schema { class Schema; struct Table; }

namespace quarry::mock {

/// What the design says about a write to a served table: the parents a row refers to, the rows
/// that still refer to one being deleted, and which column and constraint an engine's refusal is
/// about. Used by CrudHandler; the SQL it needs runs through `run`, so it shows in the request's
/// lifecycle like the handler's own.
class CrudRules
{
public:
    using Run = std::function<SqlOutcome(const QString &sql, const QVariantList &params)>;

    /// `design` may be null (a table the design does not have); `schema` is the whole design.
    CrudRules(ResourceStore &store, const schema::Schema &schema, const schema::Table *design, const TableInfo &table,
              Run run);

    /// The foreign keys whose columns all have non-NULL values in `values` (column -> bound value)
    /// and whose parent row does not exist: 409 naming each. For engines that do not name a failed
    /// foreign key (SQLite); asked before the write.
    std::optional<WriteError> missingParents(const QHash<QString, QVariant> &values) const;
    /// Rows of other tables that still refer to the row `idColumn = id` through a foreign key
    /// without ON DELETE CASCADE/SET NULL/SET DEFAULT: 409 naming the key. Asked before a DELETE
    /// on engines that do not name a failed foreign key.
    std::optional<WriteError> referencingRows(const QString &idColumn, const QVariant &id) const;
    /// The error contract's answer to a refused write: 422 NOT NULL/CHECK, 409 UNIQUE/FOREIGN KEY,
    /// naming the columns and the constraint as the engine or the design tells.
    WriteError fromEngine(const SqlOutcome &failure) const;

private:
    QStringList columnsIn(const QString &expression) const;

    ResourceStore &m_store;
    const schema::Schema &m_schema;
    const schema::Table *m_design;
    const TableInfo &m_table;
    Run m_run;
};

} // namespace quarry::mock
