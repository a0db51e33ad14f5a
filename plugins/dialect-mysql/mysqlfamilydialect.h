// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/dialect.h"

/// MySQL 8.0 (8.0.16+ for CHECK, 8.0.13+ for expression defaults and functional indexes) and
/// MariaDB 10.11, which differ in what this DDL uses only in functional indexes (MariaDB has none):
/// inline ENUM(...), AUTO_INCREMENT, COMMENT clauses, B-tree and hash indexes, no partial indexes.
/// The plugins MysqlDialect and MariadbDialect are this class with their flavour.
class MysqlFamilyDialect : public quarry::schema::Dialect
{
public:
    explicit MysqlFamilyDialect(bool mariadb) : m_mariadb(mariadb) {}
    QString id() const override;
    QString displayName() const override;
    QString quoteIdentifier(const QString &name) const override;
    QStringList reservedWords() const override;
    quarry::schema::DialectFeatures features() const override;
    QString typeName(const quarry::schema::ColumnType &type) const override;
    quarry::Result<QStringList> createStatements(const quarry::schema::Schema &schema) const override;
    quarry::Result<QStringList> createStatements(const quarry::schema::Schema &schema,
                                                 const quarry::schema::DdlScope &scope) const override;
    QString addColumnStatement(const quarry::schema::Schema &schema, const quarry::schema::Table &table,
                               const quarry::schema::Column &column) const override;
    QString createIndexStatement(const quarry::schema::Table &table, const quarry::schema::Index &index) const override;
    QString dropIndexStatement(const quarry::schema::Table &table, const quarry::schema::Index &index) const override;
    QString setNotNullStatement(const quarry::schema::Table &table, const quarry::schema::Column &column) const override;

private:
    bool m_mariadb;
};
