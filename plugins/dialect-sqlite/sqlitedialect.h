// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/dialect.h"

#include <QObject>

/// SQLite 3.40: no schemas, no ALTER TABLE ... ADD CONSTRAINT (foreign keys are declared inline,
/// forward references included), enums as CHECK constraints, comments kept inside CREATE TABLE.
class SqliteDialect : public QObject, public quarry::schema::Dialect
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID QuarryDialect_iid FILE "dialect-sqlite.json")
    Q_INTERFACES(quarry::schema::Dialect)
public:
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
};
