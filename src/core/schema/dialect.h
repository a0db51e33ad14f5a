// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"
#include "schema/schema.h"

#include <QString>
#include <QStringList>
#include <QtPlugin>

namespace quarry::schema {

/// What a dialect's SQL can express; the validator, the advisor and the GUI ask before they
/// offer something (a GIN index, a partial index) the target cannot run.
struct DialectFeatures {
    bool namespaces = true;          ///< CREATE SCHEMA and qualified names
    bool nativeEnums = false;        ///< CREATE TYPE ... AS ENUM (else inline ENUM or a CHECK)
    bool alterAddForeignKey = true;  ///< ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY
    bool partialIndexes = true;      ///< CREATE INDEX ... WHERE
    bool arrays = false;             ///< array column types
    /// CREATE SEQUENCE, domains, routines and triggers as definitions (PostgreSQL). Without it, a
    /// column numbered by a design's sequence (DEFAULT nextval(...)) is written auto-numbered.
    bool sequences = false;
    QStringList indexMethods;        ///< lower case; the first is the default ("btree")
    int maxIdentifierLength = 0;     ///< longer names are truncated or refused; 0 = no limit
};

/// A part of a design to write DDL for: the named tables (with their indexes, comments and foreign
/// keys), enums and namespaces, as if every other object of the design already existed. It is how
/// a database that holds part of a design gets the rest (the mock server's served tables).
struct DdlScope {
    QStringList tables;       ///< table names ("name" or "namespace.name")
    QStringList enums;        ///< enum names, likewise
    QStringList namespaces;
};

/// An SQL dialect, implemented by a plugin in plugins/dialect-*. Implementations are stateless
/// and may be called from any thread.
class Dialect
{
public:
    virtual ~Dialect() = default;
    virtual QString id() const = 0;             ///< "sqlite", "postgres", "mysql"
    virtual QString displayName() const = 0;    ///< "SQLite"
    /// The identifier quoted so that any name (keywords, quotes, spaces) is taken literally.
    virtual QString quoteIdentifier(const QString &name) const = 0;
    /// Reserved words that a design should avoid as names, upper case.
    virtual QStringList reservedWords() const = 0;

    // The DDL half of the interface. The defaults let a minimal dialect (a test fixture) load;
    // every real dialect overrides all of them.

    virtual DialectFeatures features() const { return {}; }
    /// The SQL type for a portable type: "VARCHAR(255)", "BYTEA", "INTEGER".
    virtual QString typeName(const ColumnType &type) const { return ColumnType::kindName(type.kind).toUpper(); }
    /// The DDL that creates `schema`, one statement per entry without the trailing ";", in
    /// an order the engine accepts (namespaces, enums, tables by foreign-key dependency with each
    /// table's indexes and comments, deferred foreign keys, views). A statement may begin with
    /// "-- " note lines that explain a choice (a broken FK cycle, a feature the dialect lacks).
    /// Returns the first validation error (with its location) instead when the design is invalid.
    virtual Result<QStringList> createStatements(const Schema &schema) const
    {
        return Error{Error::Kind::Internal, QStringLiteral("The %1 dialect cannot generate DDL.").arg(displayName()), {}};
    }
    /// Like createStatements(), limited to `scope`; foreign keys to tables outside it are written
    /// as if those tables existed. Views are never part of a scope.
    virtual Result<QStringList> createStatements(const Schema &schema, const DdlScope &scope) const
    {
        return Error{Error::Kind::Internal, QStringLiteral("The %1 dialect cannot generate DDL.").arg(displayName()), {}};
    }
    /// ALTER TABLE ... ADD COLUMN with the column's type, NOT NULL, default, CHECK and a one-column
    /// foreign key of the table on it; empty when the dialect cannot add columns.
    virtual QString addColumnStatement(const Schema &schema, const Table &table, const Column &column) const { return {}; }
    /// One CREATE INDEX statement (used by the advisor's fixes and by migrations).
    virtual QString createIndexStatement(const Table &table, const Index &index) const { return {}; }
    virtual QString dropIndexStatement(const Table &table, const Index &index) const { return {}; }
    /// ALTER ... SET NOT NULL for the column, or an empty string when the dialect can only
    /// rebuild the table (SQLite).
    virtual QString setNotNullStatement(const Table &table, const Column &column) const { return {}; }
};

} // namespace quarry::schema

#define QuarryDialect_iid "org.quarry.Dialect/2"
Q_DECLARE_INTERFACE(quarry::schema::Dialect, QuarryDialect_iid)
