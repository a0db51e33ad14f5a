// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/ddlwriter.h"

/// PostgreSQL's DDL: CREATE TYPE for enums, domains, sequences, routines and triggers as their
/// definitions, materialized views, COMMENT ON for comments, the rest standard SQL.
class PostgresDdlWriter : public quarry::schema::DdlWriter
{
public:
    using DdlWriter::DdlWriter;

protected:
    QString columnType(const quarry::schema::Table &table, const quarry::schema::Column &column) override;
    void createNamespace(const quarry::schema::Namespace &ns) override;
    void createEnum(const quarry::schema::EnumType &type) override;
    void createView(const quarry::schema::View &view) override;
    void comments(const quarry::schema::Table &table) override;
    void createDomain(const quarry::schema::Domain &domain) override;
    void createSequence(const quarry::schema::Sequence &sequence) override;
    QString sequenceOwner(const quarry::schema::Sequence &sequence) override;
    void createRoutine(const quarry::schema::Routine &routine, bool beforeTables) override;
    void createTrigger(const quarry::schema::Table &table, const quarry::schema::Trigger &trigger) override;
    QString exclusionClause(const quarry::schema::Table &table, const quarry::schema::ExclusionConstraint &exclusion) override;

private:
    /// A type in the namespace context `nameSpace`: enums and domains qualified as needed.
    QString typeText(const quarry::schema::ColumnType &type, const QString &nameSpace);
    void comment(const QString &what, const QString &text);
};
