// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrate/sqliteplan.h"

#include "migrate/stepwriter.h"
#include "schema/dialect.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace quarry::migrate::detail {

using namespace schema;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Planner)
};

const QString RebuildPrefix = u"_quarry_new_"_s;

/// Whether SQLite's ALTER TABLE ADD COLUMN takes the column: no key, a constant default (or none;
/// NOT NULL needs one) and not a stored generated column.
bool canAddColumn(const Column &c)
{
    if (c.primaryKey || c.unique || c.type.isAutoIncrement() || !c.generatedExpression.isEmpty())
        return false;
    if (c.defaultValue.kind == ColumnDefault::Kind::Expression)
        return false;
    return c.nullable || c.defaultValue.isSet();
}

bool needsRebuild(const Change &c)
{
    switch (c.kind) {
    case ChangeKind::AlterColumnType: case ChangeKind::SetNotNull: case ChangeKind::DropNotNull:
    case ChangeKind::SetDefault: case ChangeKind::DropDefault:
    case ChangeKind::AddPrimaryKey: case ChangeKind::DropPrimaryKey: case ChangeKind::AddUnique: case ChangeKind::DropUnique:
    case ChangeKind::AddForeignKey: case ChangeKind::DropForeignKey: case ChangeKind::AddCheck: case ChangeKind::DropCheck:
    case ChangeKind::DropColumn:
        return true;
    case ChangeKind::AddEnumValues: case ChangeKind::RemoveEnumValues:
        return !c.table.isEmpty();   // the enum's CHECK on a column
    case ChangeKind::AddColumn:
        return !canAddColumn(c.column);
    default:
        return false;
    }
}

/// Changes a rebuild does by itself: everything on the table except its renames.
bool foldsIntoRebuild(const Change &c)
{
    switch (c.kind) {
    case ChangeKind::RenameTable: case ChangeKind::RenameColumn: case ChangeKind::CreateTable: case ChangeKind::DropTable:
    case ChangeKind::TableComment: case ChangeKind::ColumnComment:
        return false;
    default:
        return !c.table.isEmpty();
    }
}

Risk worse(Risk a, Risk b) { return int(a) >= int(b) ? a : b; }

class SqlitePlanner
{
public:
    SqlitePlanner(const SchemaDiff &diff, const Dialect &dialect, const LiveObjects &live)
        : m_diff(diff), m_dialect(dialect), m_live(live), m_sql(dialect, diff.to)
    {
    }

    Result<Plan> run()
    {
        if (auto ddl = m_dialect.createStatements(m_diff.to); !ddl)
            return ddl.error();
        QSet<QString> rebuilt;
        for (const Change &c : m_diff.changes)
            if (needsRebuild(c))
                rebuilt.insert(c.table);

        QList<QPair<int, Step>> steps;   // phase, step
        QHash<QString, QList<const Change *>> folded;
        QStringList created;
        for (const Change &c : m_diff.changes)
            if (c.kind == ChangeKind::CreateTable)
                created << c.table;
        bool createdWritten = false;
        for (const Change &c : m_diff.changes) {
            if (c.kind == ChangeKind::CreateTable) {
                if (std::exchange(createdWritten, true))
                    continue;
                const auto ddl = m_dialect.createStatements(m_diff.to, DdlScope{created, {}, {}});
                if (!ddl)
                    return ddl.error();
                Step step;
                step.description = created.size() == 1 ? c.description() : Tr::tr("create tables %1").arg(created.join(u", "_s));
                step.sql = ddl.value();
                steps.append({phaseOf(c.kind), step});
                continue;
            }
            if (rebuilt.contains(c.table) && foldsIntoRebuild(c)) {
                folded[c.table] << &c;
                continue;
            }
            const QStringList sql = statements(c);
            if (sql.isEmpty())
                continue;
            Step step;
            step.description = c.description();
            step.risk = riskOf(c);
            step.sql = sql;
            step.checks = checksFor(c, m_diff, m_sql);
            steps.append({phaseOf(c.kind), step});
        }
        for (const Table &t : m_diff.to.tables) {
            if (!rebuilt.contains(t.name))
                continue;
            auto step = rebuild(t, folded.value(t.name));
            if (!step)
                return step.error();
            steps.append({8, step.value()});
        }
        if (!rebuilt.isEmpty())
            dependentObjects(steps);
        std::stable_sort(steps.begin(), steps.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        Plan plan;
        plan.dialect = m_dialect.id();
        for (const auto &[phase, step] : std::as_const(steps))
            plan.steps << step;
        return plan;
    }

private:
    QStringList statements(const Change &c)
    {
        const QString t = m_sql.tableName(tableNamed(c.table));
        const Table *table = m_diff.to.table(c.table, c.nameSpace);
        switch (c.kind) {
        case ChangeKind::DropTable: return {u"DROP TABLE "_s + m_sql.tableName(tableNamed(c.fromTable))};
        case ChangeKind::RenameTable:
            return {u"ALTER TABLE %1 RENAME TO %2"_s.arg(m_sql.tableName(tableNamed(c.fromTable)), m_sql.ident(c.newName))};
        case ChangeKind::RenameColumn:
            return {u"ALTER TABLE %1 RENAME COLUMN %2 TO %3"_s.arg(t, m_sql.ident(c.oldName), m_sql.ident(c.newName))};
        case ChangeKind::AddColumn:
            return table ? QStringList{m_dialect.addColumnStatement(m_diff.to, *table, c.column)} : QStringList();
        case ChangeKind::CreateIndex:
            return table ? QStringList{m_dialect.createIndexStatement(*table, c.index)} : QStringList();
        case ChangeKind::DropIndex:
            return {m_dialect.dropIndexStatement(tableNamed(c.fromTable), c.index)};
        case ChangeKind::RenameIndex: {
            Index old = c.index;
            old.name = c.oldName;
            return {m_dialect.dropIndexStatement(tableNamed(c.table), old),
                    table ? m_dialect.createIndexStatement(*table, c.index) : QString()};
        }
        case ChangeKind::CreateView: return {createView(c.view)};
        case ChangeKind::DropView: return {u"DROP VIEW "_s + m_sql.ident(c.view.name)};
        default:
            return {};   // comments and enum types: SQLite has none
        }
    }

    QString createView(const View &v) const
    {
        QString body = v.sql.trimmed();
        if (body.endsWith(u';'))
            body.chop(1);
        return u"CREATE VIEW %1 AS %2"_s.arg(m_sql.ident(v.name), body);
    }

    /// The CREATE TABLE of `table` under the rebuild's temporary name, and the rest of the table's
    /// DDL (its indexes) for after the rename.
    Result<QPair<QString, QStringList>> tableDdl(const Table &table)
    {
        const auto ddl = m_dialect.createStatements(m_diff.to, DdlScope{{table.name}, {}, {}});
        if (!ddl)
            return ddl.error();
        QString create;
        QStringList rest;
        const QString head = u"CREATE TABLE "_s + m_sql.tableName(table) + u' ';
        for (const QString &statement : ddl.value()) {
            const qsizetype at = statement.indexOf(head);
            const QStringList before = statement.left(std::max<qsizetype>(at, 0)).split(u'\n');
            const bool onlyNotesBefore = at >= 0 && std::all_of(before.cbegin(), before.cend(), [](const QString &l) {
                return l.trimmed().isEmpty() || l.startsWith(u"--"_s);
            });
            if (create.isEmpty() && onlyNotesBefore)
                create = statement.left(at) + u"CREATE TABLE "_s + m_sql.ident(RebuildPrefix + table.name) + u' '
                       + statement.mid(at + head.size());
            else
                rest << statement;
        }
        if (create.isEmpty())
            return Error{Error::Kind::Internal, Tr::tr("The SQLite dialect wrote no CREATE TABLE for %1.").arg(table.name), {}};
        return QPair<QString, QStringList>{create, rest};
    }

    Result<Step> rebuild(const Table &table, const QList<const Change *> &changes)
    {
        const auto ddl = tableDdl(table);
        if (!ddl)
            return ddl.error();
        const TablePair *pair = m_diff.pairForTarget(table.name);
        QStringList into, select;
        for (const Column &c : table.columns) {
            if (!c.generatedExpression.isEmpty() || !pair || !pair->fromColumn.contains(c.name))
                continue; // a new column takes its default
            // The renames ran before: the column has its new name already.
            QString value = m_sql.ident(c.name);
            const Column *from = nullptr;
            for (const Change *change : changes)
                if (change->kind == ChangeKind::SetNotNull && change->column.name == c.name)
                    from = &change->oldColumn;
            if (from && c.defaultValue.isSet())
                value = u"coalesce(%1, %2)"_s.arg(value, m_sql.defaultSql(table, c));
            into << m_sql.ident(c.name);
            select << value;
        }
        const QString temp = m_sql.ident(RebuildPrefix + table.name);
        const QString name = m_sql.tableName(table);
        Step step;
        step.rebuild = true;
        step.risk = Risk::Locks;
        QStringList what;
        for (const Change *c : changes) {
            what << c->description();
            step.risk = worse(step.risk, riskOf(*c));
            step.checks << checksFor(*c, m_diff, m_sql);
        }
        step.description = Tr::tr("rebuild table %1: %2").arg(table.name, what.join(u"; "_s));
        step.sql << ddl.value().first;
        if (!into.isEmpty())
            step.sql << u"INSERT INTO %1 (%2) SELECT %3 FROM %4"_s.arg(temp, into.join(u", "_s), select.join(u", "_s), name);
        step.sql << u"DROP TABLE "_s + name
                 << u"ALTER TABLE %1 RENAME TO %2"_s.arg(temp, m_sql.ident(table.name))
                 << ddl.value().second;
        step.notes << Tr::tr("SQLite's table rebuild: foreign keys are off while it runs and checked before the commit, so "
                             "rows of other tables that reference %1 stay as they are.").arg(table.name);
        return step;
    }

    /// Views and triggers may name a rebuilt table; they are dropped before and made again after.
    void dependentObjects(QList<QPair<int, Step>> &steps)
    {
        QSet<QString> handled;
        for (const Change &c : m_diff.changes)
            if (c.kind == ChangeKind::DropView || c.kind == ChangeKind::CreateView)
                handled.insert(c.view.name);
        for (const View &v : m_diff.from.views) {
            if (handled.contains(v.name))
                continue;
            const View *target = nullptr;
            for (const View &t : m_diff.to.views)
                if (t.name == v.name)
                    target = &t;
            steps.append({1, simpleStep(Tr::tr("drop view %1 until the tables are rebuilt").arg(v.name),
                                        u"DROP VIEW "_s + m_sql.ident(v.name))});
            if (target)
                steps.append({16, simpleStep(Tr::tr("create view %1 again").arg(v.name), createView(*target))});
        }
        for (const auto &[name, sql] : m_live.triggers) {
            steps.append({1, simpleStep(Tr::tr("drop trigger %1 until the tables are rebuilt").arg(name),
                                        u"DROP TRIGGER "_s + m_sql.ident(name))});
            steps.append({16, simpleStep(Tr::tr("create trigger %1 again").arg(name), sql)});
        }
    }

    const SchemaDiff &m_diff;
    const Dialect &m_dialect;
    const LiveObjects &m_live;
    SqlText m_sql;
};
} // namespace

Result<Plan> planSqlite(const SchemaDiff &diff, const Dialect &dialect, const LiveObjects &live)
{
    return SqlitePlanner(diff, dialect, live).run();
}

} // namespace quarry::migrate::detail
