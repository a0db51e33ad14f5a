// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/ddlwriter.h"

/// MySQL's DDL: AUTO_INCREMENT, inline ENUM(...), COMMENT clauses, parenthesised expression
/// defaults, partial indexes left out with a note; functional indexes for MySQL 8.0.13+ only
/// (MariaDB's flavour leaves them out with a note).
class MysqlDdlWriter : public quarry::schema::DdlWriter
{
public:
    /// `mariadb`: write what MariaDB 10.11 accepts where it differs from MySQL 8.0.
    MysqlDdlWriter(const quarry::schema::Dialect &dialect, bool mariadb) : DdlWriter(dialect), m_mariadb(mariadb) {}
    QString dropIndex(const quarry::schema::Table &table, const quarry::schema::Index &index) override;
    QString setNotNull(const quarry::schema::Table &table, const quarry::schema::Column &column) override;

protected:
    QString columnType(const quarry::schema::Table &table, const quarry::schema::Column &column) override;
    QString columnDefinition(const quarry::schema::Table &table, const quarry::schema::Column &column,
                             bool inlinePrimaryKey) override;
    QString defaultClause(const quarry::schema::Table &table, const quarry::schema::Column &column) override;
    QString identityClause(const quarry::schema::Column &column) override;
    QString columnSuffix(const quarry::schema::Table &table, const quarry::schema::Column &column) override;
    QString createTable(const quarry::schema::Table &table,
                        const QList<const quarry::schema::ForeignKey *> &inlineKeys) override;
    QString tableOptions(const quarry::schema::Table &table) override;
    QString keyColumn(const quarry::schema::Table &table, const QString &column) override;
    QString indexStatement(const quarry::schema::Table &table, const quarry::schema::Index &index) override;
    void createNamespace(const quarry::schema::Namespace &ns) override;
    void createView(const quarry::schema::View &view) override;

private:
    bool m_mariadb;
};
