// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrate/planner.h"

#include "migrate/comparison.h"
#include "migrate/sqliteplan.h"
#include "migrate/stepwriter.h"
#include "schema/dialect.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace quarry::migrate {

using namespace schema;
using namespace detail;
namespace cmp = comparison;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Planner)
};
} // namespace

namespace detail {

int phaseOf(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::CreateEnum: case ChangeKind::AddEnumValues: return 0;
    case ChangeKind::DropView: return 1;
    case ChangeKind::DropForeignKey: return 2;
    case ChangeKind::DropIndex: case ChangeKind::DropCheck: case ChangeKind::DropUnique: case ChangeKind::DropPrimaryKey: return 3;
    case ChangeKind::RenameTable: return 4;
    case ChangeKind::RenameColumn: case ChangeKind::RenameIndex: return 5;
    case ChangeKind::CreateTable: return 6;
    case ChangeKind::AddColumn: return 7;
    case ChangeKind::AlterColumnType: case ChangeKind::DropDefault: case ChangeKind::SetDefault: return 8;
    case ChangeKind::DropNotNull: case ChangeKind::SetNotNull: return 9;
    case ChangeKind::AddPrimaryKey: case ChangeKind::AddUnique: case ChangeKind::AddCheck: return 10;
    case ChangeKind::CreateIndex: return 11;
    case ChangeKind::AddForeignKey: return 12;
    case ChangeKind::DropColumn: return 13;
    case ChangeKind::DropTable: return 14;
    case ChangeKind::DropEnum: case ChangeKind::RemoveEnumValues: return 15;
    case ChangeKind::CreateView: return 16;
    case ChangeKind::TableComment: case ChangeKind::ColumnComment: return 17;
    }
    return 18;
}

const Column *targetColumn(const SchemaDiff &diff, const QString &table, const QString &column)
{
    for (const Table &t : diff.to.tables)
        if (t.name == table)
            return t.column(column);
    return nullptr;
}

Risk riskOf(const Change &c)
{
    switch (c.kind) {
    case ChangeKind::RemoveEnumValues:
        return c.table.isEmpty() ? Risk::Destroys : Risk::MayFail;
    case ChangeKind::DropTable: case ChangeKind::DropColumn:
        return Risk::Destroys;
    case ChangeKind::AlterColumnType:
        return cmp::isWidening(c.oldColumn.type, c.column.type) ? Risk::Locks : Risk::MayFail;
    case ChangeKind::SetNotNull: case ChangeKind::AddPrimaryKey: case ChangeKind::AddUnique:
    case ChangeKind::AddCheck: case ChangeKind::AddForeignKey:
        return Risk::MayFail;
    case ChangeKind::AddColumn:
        return !c.column.nullable && !c.column.defaultValue.isSet() && !c.column.type.isAutoIncrement()
                       && c.column.identity == Column::Identity::None && c.column.generatedExpression.isEmpty()
                   ? Risk::MayFail
                   : Risk::Safe;
    case ChangeKind::CreateIndex:
        return c.index.unique ? Risk::MayFail : Risk::Locks;
    default:
        return Risk::Safe;
    }
}

QList<DataCheck> checksFor(const Change &c, const SchemaDiff &diff, SqlText &sql)
{
    // Checks run before any step, so they name what the database has now: the source's names.
    const QString table = sql.qualified(c.nameSpace, c.fromTable);
    const TablePair *pair = diff.pairForTarget(c.table);
    const auto from = [&](const QString &column) { return pair ? pair->fromColumn.value(column, column) : column; };
    const auto fromList = [&](const QStringList &columns) {
        QStringList out;
        for (const QString &col : columns)
            out << sql.ident(from(col));
        return out.join(u", "_s);
    };
    if (c.fromTable.isEmpty() || (!pair && c.kind != ChangeKind::DropTable))
        return {};
    switch (c.kind) {
    case ChangeKind::SetNotNull: {
        const bool filled = c.column.defaultValue.isSet();
        return {DataCheck{u"SELECT count(*) FROM %1 WHERE %2 IS NULL"_s.arg(table, sql.ident(c.oldColumn.name)),
                          filled ? Tr::tr("%n rows are NULL; they get the default %1").arg(sql.defaultSql({}, c.column))
                                 : Tr::tr("%n rows are NULL"),
                          !filled}};
    }
    case ChangeKind::AddColumn:
        if (riskOf(c) != Risk::MayFail)
            return {};
        return {DataCheck{u"SELECT count(*) FROM %1"_s.arg(table),
                          Tr::tr("the table has %n rows and the new NOT NULL column no default"), true}};
    case ChangeKind::AlterColumnType:
        if ((c.column.type.kind == TypeKind::Varchar || c.column.type.kind == TypeKind::Char) && c.column.type.length > 0)
            return {DataCheck{u"SELECT count(*) FROM %1 WHERE length(%2) > %3"_s.arg(table, sql.ident(c.oldColumn.name))
                                  .arg(c.column.type.length),
                              Tr::tr("%n values are longer than %1 characters").arg(c.column.type.length), true}};
        return {};
    case ChangeKind::AddPrimaryKey:
    case ChangeKind::AddUnique: {
        const QString cols = fromList(c.key.columns);
        QList<DataCheck> out{DataCheck{u"SELECT count(*) FROM (SELECT %2 FROM %1 WHERE %3 GROUP BY %2 HAVING count(*) > 1) AS d"_s
                                           .arg(table, cols, fromList(c.key.columns).replace(u", "_s, u" IS NOT NULL AND "_s) + u" IS NOT NULL"_s),
                                       Tr::tr("%n values occur more than once"), true}};
        if (c.kind == ChangeKind::AddPrimaryKey)
            out << DataCheck{u"SELECT count(*) FROM %1 WHERE %2"_s.arg(table, fromList(c.key.columns).replace(u", "_s, u" IS NULL OR "_s) + u" IS NULL"_s),
                             Tr::tr("%n rows have NULL in the key"), true};
        return out;
    }
    case ChangeKind::AddForeignKey: {
        const TablePair *ref = diff.pairForTarget(c.foreignKey.refTable);
        if (!ref)
            return {}; // a new table: empty until rows arrive
        QStringList match, present;
        for (int i = 0; i < c.foreignKey.columns.size() && i < c.foreignKey.refColumns.size(); ++i) {
            match << u"r.%1 = t.%2"_s.arg(sql.ident(ref->fromColumn.value(c.foreignKey.refColumns.at(i), c.foreignKey.refColumns.at(i))),
                                          sql.ident(from(c.foreignKey.columns.at(i))));
            present << u"t.%1 IS NOT NULL"_s.arg(sql.ident(from(c.foreignKey.columns.at(i))));
        }
        return {DataCheck{u"SELECT count(*) FROM %1 AS t WHERE %2 AND NOT EXISTS (SELECT 1 FROM %3 AS r WHERE %4)"_s
                              .arg(table, present.join(u" AND "_s), sql.qualified(c.foreignKey.refNamespace, ref->fromName),
                                   match.join(u" AND "_s)),
                          Tr::tr("%n rows reference a row of %1 that does not exist").arg(c.foreignKey.refTable), true}};
    }
    case ChangeKind::AddCheck: {
        for (auto it = pair->fromColumn.cbegin(); it != pair->fromColumn.cend(); ++it)
            if (it.key() != it.value())
                return {}; // the expression names the new column names
        return {DataCheck{u"SELECT count(*) FROM %1 WHERE NOT (%2)"_s.arg(table, c.check.expression),
                          Tr::tr("%n rows break the check"), true}};
    }
    case ChangeKind::RemoveEnumValues: {
        QStringList values;
        for (const QString &v : c.values)
            values << SqlText::stringLiteral(v);
        return {DataCheck{u"SELECT count(*) FROM %1 WHERE %2 IN (%3)"_s.arg(table, sql.ident(c.oldColumn.name), values.join(u", "_s)),
                          Tr::tr("%n rows hold a value the enum no longer has"), true}};
    }
    case ChangeKind::DropColumn:
        return {DataCheck{u"SELECT count(*) FROM %1 WHERE %2 IS NOT NULL"_s.arg(table, sql.ident(c.oldName)),
                          Tr::tr("%n values are lost"), false}};
    case ChangeKind::DropTable:
        return {DataCheck{u"SELECT count(*) FROM %1"_s.arg(table), Tr::tr("%n rows are lost"), false}};
    default:
        return {};
    }
}

} // namespace detail

namespace {

QString constraintName(const QString &name, const QString &fallback)
{
    return name.isEmpty() ? fallback : name;
}

/// The PostgreSQL statements of one change.
QStringList postgresSql(const Change &c, const SchemaDiff &diff, const Dialect &dialect, SqlText &sql)
{
    const QString t = sql.qualified(c.nameSpace, c.table);
    const QString ft = sql.qualified(c.nameSpace, c.fromTable);
    const QString alterColumn = u"ALTER TABLE %1 ALTER COLUMN %2 "_s.arg(t, sql.ident(c.column.name));
    const Table *table = diff.to.table(c.table, c.nameSpace);
    switch (c.kind) {
    case ChangeKind::CreateEnum: {
        const auto ddl = dialect.createStatements(diff.to, DdlScope{{}, {c.enumType.name}, {}});
        return ddl ? ddl.value() : QStringList();
    }
    case ChangeKind::AddEnumValues: {
        QStringList out;
        for (const QString &v : c.values)
            out << u"ALTER TYPE %1 ADD VALUE IF NOT EXISTS %2"_s.arg(sql.qualified(c.nameSpace, c.enumType.name), SqlText::stringLiteral(v));
        return out;
    }
    case ChangeKind::RemoveEnumValues: return {};
    case ChangeKind::DropEnum: return {u"DROP TYPE %1"_s.arg(sql.qualified(c.nameSpace, c.oldName))};
    case ChangeKind::CreateTable: return {};   // Planner::plan writes every new table in one step
    case ChangeKind::DropTable: return {u"DROP TABLE %1"_s.arg(ft)};
    case ChangeKind::RenameTable: return {u"ALTER TABLE %1 RENAME TO %2"_s.arg(ft, sql.ident(c.newName))};
    case ChangeKind::TableComment:
        return {u"COMMENT ON TABLE %1 IS %2"_s.arg(t, c.comment.isEmpty() ? u"NULL"_s : SqlText::stringLiteral(c.comment))};
    case ChangeKind::AddColumn: {
        if (!table)
            return {};
        Table bare = *table;   // keys and foreign keys are steps of their own
        bare.foreignKeys.clear();
        Column column = c.column;
        column.unique = false;
        column.primaryKey = false;
        return {dialect.addColumnStatement(diff.to, bare, column)};
    }
    case ChangeKind::DropColumn: return {u"ALTER TABLE %1 DROP COLUMN %2"_s.arg(t, sql.ident(c.oldName))};
    case ChangeKind::RenameColumn:
        return {u"ALTER TABLE %1 RENAME COLUMN %2 TO %3"_s.arg(t, sql.ident(c.oldName), sql.ident(c.newName))};
    case ChangeKind::AlterColumnType: {
        Column column = c.column;
        column.type = cmp::storedType(column.type);
        const QString type = dialect.typeName(column.type);
        return {alterColumn + u"TYPE %1 USING %2::%1"_s.arg(type, sql.ident(c.column.name))};
    }
    case ChangeKind::SetNotNull: {
        QStringList out;
        if (c.column.defaultValue.isSet() && table)
            out << u"UPDATE %1 SET %2 = %3 WHERE %2 IS NULL"_s.arg(t, sql.ident(c.column.name), sql.defaultSql(*table, c.column));
        out << alterColumn + u"SET NOT NULL"_s;
        return out;
    }
    case ChangeKind::DropNotNull: return {alterColumn + u"DROP NOT NULL"_s};
    case ChangeKind::SetDefault: return {alterColumn + u"SET DEFAULT "_s + sql.defaultSql(table ? *table : Table{}, c.column)};
    case ChangeKind::DropDefault: return {alterColumn + u"DROP DEFAULT"_s};
    case ChangeKind::ColumnComment:
        return {u"COMMENT ON COLUMN %1.%2 IS %3"_s.arg(t, sql.ident(c.column.name),
                                                      c.comment.isEmpty() ? u"NULL"_s : SqlText::stringLiteral(c.comment))};
    case ChangeKind::AddPrimaryKey:
        return {u"ALTER TABLE %1 ADD %2PRIMARY KEY (%3)"_s.arg(t, c.key.name.isEmpty() ? QString() : u"CONSTRAINT "_s + sql.ident(c.key.name) + u' ',
                                                             sql.columnList(c.key.columns))};
    case ChangeKind::DropPrimaryKey:
        return {u"ALTER TABLE %1 DROP CONSTRAINT %2"_s.arg(ft, sql.ident(constraintName(c.key.name, c.fromTable + u"_pkey"_s)))};
    case ChangeKind::AddUnique:
        return {u"ALTER TABLE %1 ADD %2UNIQUE (%3)"_s.arg(t, c.key.name.isEmpty() ? QString() : u"CONSTRAINT "_s + sql.ident(c.key.name) + u' ',
                                                        sql.columnList(c.key.columns))};
    case ChangeKind::DropUnique:
        return {u"ALTER TABLE %1 DROP CONSTRAINT %2"_s.arg(
            ft, sql.ident(constraintName(c.key.name, c.fromTable + u'_' + c.key.columns.join(u'_') + u"_key"_s)))};
    case ChangeKind::AddForeignKey:
        return {u"ALTER TABLE %1 ADD CONSTRAINT %2 FOREIGN KEY (%3) REFERENCES %4 (%5) ON DELETE %6 ON UPDATE %7"_s.arg(
            t, sql.ident(SqlText::foreignKeyName(table ? *table : tableNamed(c.table), c.foreignKey)),
            sql.columnList(c.foreignKey.columns), sql.qualified(c.foreignKey.refNamespace, c.foreignKey.refTable),
            sql.columnList(c.foreignKey.refColumns), ReferentialActions::sql(c.foreignKey.onDelete),
            ReferentialActions::sql(c.foreignKey.onUpdate))};
    case ChangeKind::DropForeignKey:
        return {u"ALTER TABLE %1 DROP CONSTRAINT %2"_s.arg(
            ft, sql.ident(SqlText::foreignKeyName(tableNamed(c.fromTable), c.foreignKey)))};
    case ChangeKind::AddCheck:
        return {u"ALTER TABLE %1 ADD %2CHECK (%3)"_s.arg(t, c.check.name.isEmpty() ? QString() : u"CONSTRAINT "_s + sql.ident(c.check.name) + u' ',
                                                       c.check.expression)};
    case ChangeKind::DropCheck:
        return {u"ALTER TABLE %1 DROP CONSTRAINT %2"_s.arg(ft, sql.ident(c.check.name))};
    case ChangeKind::CreateIndex: return {dialect.createIndexStatement(table ? *table : Table{}, c.index)};
    case ChangeKind::DropIndex:
        return {dialect.dropIndexStatement(tableNamed(c.fromTable, c.nameSpace), c.index)};
    case ChangeKind::RenameIndex:
        return {u"ALTER INDEX %1 RENAME TO %2"_s.arg(sql.qualified(c.nameSpace, c.oldName), sql.ident(c.newName))};
    case ChangeKind::CreateView:
        return {u"CREATE VIEW %1 AS %2"_s.arg(sql.qualified(c.nameSpace, c.view.name), c.view.sql.trimmed().chopped(c.view.sql.trimmed().endsWith(u';') ? 1 : 0))};
    case ChangeKind::DropView: return {u"DROP VIEW %1"_s.arg(sql.qualified(c.nameSpace, c.view.name))};
    }
    return {};
}

} // namespace

DiffOptions Planner::diffOptions(const Dialect &dialect)
{
    DiffOptions o;
    o.dialect = &dialect;
    o.nativeEnums = dialect.features().nativeEnums;
    o.comments = dialect.id() != u"sqlite"_s;
    return o;
}

Result<Plan> Planner::plan(const SchemaDiff &diff, const Dialect &dialect, const LiveObjects &live, const PlanOptions &options)
{
    if (dialect.id() == u"sqlite"_s)
        return planSqlite(diff, dialect, live);   // SQLite builds every index in the transaction
    if (dialect.id() != u"postgres"_s)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Migrations are written for PostgreSQL and SQLite; the %1 dialect has none yet.").arg(dialect.displayName()), {}};
    // The DDL writer validates the design; an invalid one has no plan.
    if (auto ddl = dialect.createStatements(diff.to); !ddl)
        return ddl.error();
    Plan plan;
    plan.dialect = dialect.id();
    SqlText sql(dialect, diff.to);
    QHash<QString, QStringList> addedValues;   // enum -> values this plan adds
    for (const Change &c : diff.changes)
        if (c.kind == ChangeKind::AddEnumValues)
            addedValues[c.enumType.name] << c.values;
    const auto usesAddedValue = [&](const Change &c) {
        return (c.kind == ChangeKind::SetDefault || c.kind == ChangeKind::AddColumn) && c.column.type.kind == TypeKind::Enum
            && c.column.defaultValue.kind == ColumnDefault::Kind::Literal
            && addedValues.value(c.column.type.enumName).contains(c.column.defaultValue.literal.toString());
    };
    QList<Change> changes = diff.changes;
    std::stable_sort(changes.begin(), changes.end(),
                     [](const Change &a, const Change &b) { return phaseOf(a.kind) < phaseOf(b.kind); });
    // New tables are written in one scope, so the DDL writer orders them by their foreign keys.
    QStringList created;
    for (const Change &c : std::as_const(changes))
        if (c.kind == ChangeKind::CreateTable)
            created << (c.nameSpace.isEmpty() ? c.table : c.nameSpace + u'.' + c.table);
    bool createdWritten = false;
    for (const Change &c : std::as_const(changes)) {
        if (c.kind == ChangeKind::CreateTable) {
            if (std::exchange(createdWritten, true))
                continue;
            const auto ddl = dialect.createStatements(diff.to, DdlScope{created, {}, {}});
            if (!ddl)
                return ddl.error();
            Step step;
            step.description = created.size() == 1 ? c.description() : Tr::tr("create tables %1").arg(created.join(u", "_s));
            step.sql = ddl.value();
            plan.steps << step;
            continue;
        }
        if (c.kind == ChangeKind::RemoveEnumValues) {
            plan.notes << Tr::tr("PostgreSQL cannot remove a value from an enum: %1 keeps %2. Create a new type and "
                                 "convert the columns to drop them.").arg(c.enumType.name, c.values.join(u", "_s));
            continue;
        }
        Step step;
        step.description = c.description();
        step.risk = riskOf(c);
        step.sql = postgresSql(c, diff, dialect, sql);
        step.checks = checksFor(c, diff, sql);
        if (c.kind == ChangeKind::SetNotNull && c.column.defaultValue.isSet())
            step.notes << Tr::tr("NULL values get the default first, so no row is refused.");
        if (c.kind == ChangeKind::AlterColumnType && step.risk == Risk::Locks)
            step.notes << Tr::tr("every value fits the new type; PostgreSQL may rewrite the table.");
        if (c.kind == ChangeKind::AddEnumValues)
            step.notes << Tr::tr("the new value can be used once the migration has committed.");
        if (usesAddedValue(c)) {
            step.secondPhase = true;
            step.notes << Tr::tr("uses an enum value this migration adds, which PostgreSQL allows only after the commit.");
        }
        if (c.kind == ChangeKind::CreateIndex && options.concurrentIndexes && diff.pairForTarget(c.table)) {
            for (QString &statement : step.sql)
                statement.replace(QRegularExpression(u"^CREATE (UNIQUE )?INDEX "_s, QRegularExpression::MultilineOption),
                                  u"CREATE \\1INDEX CONCURRENTLY "_s);
            step.secondPhase = true;
            step.risk = c.index.unique ? Risk::MayFail : Risk::Safe;
            step.notes << Tr::tr("built without blocking writes; should it fail, PostgreSQL leaves an invalid index to drop.");
        }
        step.sql.removeAll(QString());
        plan.steps << step;
    }
    // Step numbers follow the order they run in: the second phase last.
    std::stable_partition(plan.steps.begin(), plan.steps.end(), [](const Step &s) { return !s.secondPhase; });
    return plan;
}

} // namespace quarry::migrate
