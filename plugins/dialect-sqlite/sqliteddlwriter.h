// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/ddlwriter.h"

/// SQLite's DDL: INTEGER PRIMARY KEY AUTOINCREMENT for serial keys, enums as CHECK, comments as
/// "--" lines inside CREATE TABLE (sqlite_schema keeps them), namespaces flattened.
class SqliteDdlWriter : public quarry::schema::DdlWriter
{
public:
    using DdlWriter::DdlWriter;

protected:
    QString columnType(const quarry::schema::Table &table, const quarry::schema::Column &column) override;
    QString columnDefinition(const quarry::schema::Table &table, const quarry::schema::Column &column,
                             bool inlinePrimaryKey) override;
    QString defaultClause(const quarry::schema::Table &table, const quarry::schema::Column &column) override;
    QString identityClause(const quarry::schema::Column &column) override;
    QString columnCheck(const quarry::schema::Table &table, const quarry::schema::Column &column) override;
    QStringList columnPreamble(const quarry::schema::Table &table, const quarry::schema::Column &column) override;
    bool primaryKeyImpliesNotNull(const quarry::schema::Table &table, const quarry::schema::Column &column) const override;
    void createNamespace(const quarry::schema::Namespace &ns) override;
    QString createTable(const quarry::schema::Table &table,
                        const QList<const quarry::schema::ForeignKey *> &inlineKeys) override;
    QString indexStatement(const quarry::schema::Table &table, const quarry::schema::Index &index) override;
    void createView(const quarry::schema::View &view) override;
    bool inlineForwardReferences() const override { return true; }
};
