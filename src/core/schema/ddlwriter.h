// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/dialect.h"
#include "schema/schema.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace quarry::schema {

/// The dialect-neutral part of DDL generation, which each dialect plugin subclasses: it orders
/// the tables by their foreign keys (Kahn's algorithm, ties in design order), decides which
/// foreign keys must wait for an ALTER TABLE because of a cycle, and writes standard SQL that
/// the protected hooks adapt. Identifiers are quoted only when they need it (a reserved word,
/// upper case, anything but [a-z_][a-z0-9_]*), the way pg_dump writes them.
/// One writer per call: it keeps notes while writing, so it is not shared between threads.
class QUARRY_CORE_EXPORT DdlWriter
{
public:
    explicit DdlWriter(const Dialect &dialect);
    virtual ~DdlWriter();
    DdlWriter(const DdlWriter &) = delete;
    DdlWriter &operator=(const DdlWriter &) = delete;

    /// Validates the design (errors only; warnings are the caller's to show) and writes it.
    Result<QStringList> write(const Schema &schema);
    /// Writes only what `scope` names (see DdlScope); the rest of the design counts as existing.
    Result<QStringList> write(const Schema &schema, const DdlScope &scope);
    /// Statements joined into a script: each ends with ";" and a blank line separates them.
    static QString script(const QStringList &statements);

    QString createIndex(const Table &table, const Index &index);
    virtual QString dropIndex(const Table &table, const Index &index);
    virtual QString setNotNull(const Table &table, const Column &column);
    /// ALTER TABLE t ADD COLUMN with the column's definition and a one-column foreign key on it.
    QString addColumn(const Schema &schema, const Table &table, const Column &column);

    /// The name as written in SQL: bare when safe, else quoted by the dialect.
    QString ident(const QString &name) const;
    QString qualified(const QString &nameSpace, const QString &name) const;
    QString tableName(const Table &table) const { return qualified(table.nameSpace, table.name); }
    static QString stringLiteral(const QString &text);
    /// A statement or query as written, trimmed and without its final ";" (views, definitions).
    static QString withoutSemicolon(const QString &sql);
    /// The index's name, or the one PostgreSQL would choose ("users_email_idx").
    static QString indexName(const Table &table, const Index &index);
    static QString foreignKeyName(const Table &table, const ForeignKey &fk);

protected:
    /// The column's SQL type in this dialect (the table gives context: a serial primary key).
    virtual QString columnType(const Table &table, const Column &column) = 0;
    /// "name TYPE [GENERATED ...] [PRIMARY KEY] [UNIQUE] [NOT NULL] [DEFAULT ...] [CHECK ...]".
    virtual QString columnDefinition(const Table &table, const Column &column, bool inlinePrimaryKey);
    virtual QString defaultClause(const Table &table, const Column &column);
    virtual QString literal(const QJsonValue &value);
    virtual QString generatedClause(const Column &column);
    virtual QString identityClause(const Column &column);
    /// Extra text after a column definition (MySQL's COMMENT '...'); empty by default.
    virtual QString columnSuffix(const Table &table, const Column &column);
    /// A CHECK the column needs (SQLite's enum emulation); empty by default.
    virtual QString columnCheck(const Table &table, const Column &column);
    /// Lines that go before a column inside CREATE TABLE (SQLite keeps comments there).
    virtual QStringList columnPreamble(const Table &table, const Column &column);
    /// Whether a one-column primary key is written on the column itself.
    virtual bool primaryKeyImpliesNotNull(const Table &table, const Column &column) const { return true; }

    virtual void createNamespace(const Namespace &ns);
    virtual void createEnum(const EnumType &type);
    virtual QString createTable(const Table &table, const QList<const ForeignKey *> &inlineKeys);
    /// Text after the closing parenthesis of CREATE TABLE (MySQL: COMMENT = '...').
    virtual QString tableOptions(const Table &table);
    /// A column as a key part of a PRIMARY KEY/UNIQUE/index (MySQL adds a prefix length to TEXT).
    virtual QString keyColumn(const Table &table, const QString &column) { return ident(column); }
    virtual QString foreignKeyClause(const Table &table, const ForeignKey &fk);
    virtual QString addForeignKey(const Table &table, const ForeignKey &fk);
    virtual QString indexStatement(const Table &table, const Index &index);
    virtual void createView(const View &view);

    // Definitions beside the tables (ddlwriterdefinitions.cpp). The defaults note that the
    // dialect leaves them out; PostgreSQL writes them.
    virtual void createDomain(const Domain &domain);
    virtual void createSequence(const Sequence &sequence);
    /// ALTER SEQUENCE ... OWNED BY, once its table exists; empty: none.
    virtual QString sequenceOwner(const Sequence &sequence);
    /// `beforeTables`: the first routine written before the tables (PostgreSQL then stops
    /// checking function bodies, which may name tables not created yet).
    virtual void createRoutine(const Routine &routine, bool beforeTables);
    virtual void createTrigger(const Table &table, const Trigger &trigger);
    /// "EXCLUDE ..." inside CREATE TABLE; empty when the dialect has none.
    virtual QString exclusionClause(const Table &table, const ExclusionConstraint &exclusion);
    /// COMMENT ON statements (PostgreSQL); the default writes none.
    virtual void comments(const Table &table);
    virtual QString referentialAction(ReferentialAction action) const;

    /// Appends a statement; pending notes become its leading "-- " lines.
    void addStatement(const QString &statement);
    /// Adds a "-- " note to the next statement.
    void note(const QString &text);
    /// Whether a foreign key to a table created later may still be written inline (SQLite
    /// checks foreign keys only when rows change); otherwise it is added by ALTER TABLE.
    virtual bool inlineForwardReferences() const { return false; }

    const Dialect &m_dialect;
    const Schema *m_schema = nullptr;
    QStringList m_out;
    QStringList m_notes;

private:
    Result<QStringList> write(const Schema &schema, const DdlScope *scope);
    /// Domains, sequences and the routines that need no table, in that order.
    void writeBeforeTables(const Schema &schema);
    /// Sequence owners, views and the remaining routines in dependency order, then triggers.
    void writeAfterTables(const Schema &schema);
    /// For a dialect without sequences: `schema` with each column numbered by one of its
    /// sequences made serial, and those sequences dropped; nullopt when there is none. Notes
    /// what it changed in m_adapted.
    std::optional<Schema> autoNumbered(const Schema &schema);
    QStringList m_adapted;
    QSet<QString> m_reserved;      // lower case: only bare (lower-case) names are looked up
    DialectFeatures m_features;
};

} // namespace quarry::schema
