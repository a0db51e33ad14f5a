// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/ddlwriter.h"

/// PostgreSQL's DDL: CREATE TYPE for enums, COMMENT ON for comments, the rest standard SQL.
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
};
