// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/storedesign.h"

#include "mock/resourcestore.h"
#include "db/connection.h"
#include "migrate/migrator.h"
#include "migrate/planner.h"
#include "schema/dialectregistry.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DesignChange)
};

/// The statement without the "-- " note lines a DDL writer puts before it.
QString withoutNotes(const QString &statement)
{
    QStringList lines = statement.split(u'\n');
    while (!lines.isEmpty() && (lines.first().startsWith(u"--"_s) || lines.first().trimmed().isEmpty()))
        lines.removeFirst();
    return lines.join(u'\n');
}

QString columnShape(const schema::Column &c)
{
    return u"%1|%2|%3|%4|%5|%6|%7"_s.arg(c.type.displayName(), c.nullable ? u"null"_s : u"not null"_s,
                                          c.unique ? u"unique"_s : QString(), c.primaryKey ? u"pk"_s : QString(),
                                          c.defaultValue.expression, c.defaultValue.literal.toVariant().toString(),
                                          c.generatedExpression);
}

/// The keys, checks and indexes of a table as text, to tell whether an edit changed them.
QString keyShape(const schema::Table &t)
{
    QStringList parts;
    parts << u"pk:"_s + t.primaryKeyColumns().join(u',');
    for (const QStringList &u : t.uniqueKeys())
        parts << u"unique:"_s + u.join(u',');
    for (const schema::ForeignKey &fk : t.foreignKeys)
        parts << u"fk:%1>%2(%3)%4/%5"_s.arg(fk.columns.join(u','), fk.refTable, fk.refColumns.join(u','))
                     .arg(int(fk.onDelete))
                     .arg(int(fk.onUpdate));
    for (const schema::CheckConstraint &ck : t.checks)
        parts << u"check:"_s + ck.name + u':' + ck.expression;
    for (const schema::Index &ix : t.indexes) {
        QStringList cols;
        for (const schema::IndexElement &e : ix.elements)
            cols << (e.column.isEmpty() ? e.expression : e.column);
        parts << u"index:%1:%2:%3"_s.arg(ix.name, cols.join(u','), ix.unique ? u"unique"_s : QString());
    }
    return parts.join(u';');
}

const schema::Column *columnById(const schema::Table &t, const QString &id)
{
    for (const schema::Column &c : t.columns) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

/// Enums of a PostgreSQL database's current schema, so that only missing ones are created.
QSet<QString> existingEnums(ResourceStore &store)
{
    QSet<QString> names;
    if (store.dialectId() != u"postgres"_s)
        return names;
    const SqlOutcome r = store.run(u"SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                                   u" WHERE t.typtype = 'e' AND n.nspname = current_schema()"_s);
    for (const QJsonValue &row : r.rows)
        names.insert(row.toObject().value(u"name"_s).toString());
    return names;
}

/// The design's tables whose CREATE TABLE in an SQLite file is not the one the dialect writes for
/// the design (SQLite keeps each table's statement as it ran): made by an older design or Quarry,
/// or given columns while serving.
QStringList tablesNotFromTheDesign(ResourceStore &store, const schema::Schema &design, const schema::Dialect &dialect,
                                   const QSet<QString> &existing)
{
    QStringList out;
    for (const schema::Table &t : design.tables) {
        if (!existing.contains(t.name))
            continue;
        schema::DdlScope scope;
        scope.tables = QStringList{t.name};
        const auto ddl = dialect.createStatements(design, scope);
        if (!ddl)
            return out;   // an invalid design is reported where tables are created
        QString wanted;
        for (const QString &statement : ddl.value()) {
            wanted = withoutNotes(statement);
            if (wanted.startsWith(u"CREATE TABLE"_s))
                break;
        }
        const SqlOutcome stored = store.run(u"SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?"_s, {t.name});
        const QString actual = stored.rows.isEmpty() ? QString() : stored.rows.first().toObject().value(u"sql"_s).toString();
        if (stored.ok() && actual != wanted)
            out << Tr::tr("Table %1 of the served file was not made from this design (an older design or Quarry made "
                          "it, or columns were added while serving): its keys, checks and defaults are the file's. "
                          "Tables are not rebuilt while serving; delete %2 to have them made from the design.")
                       .arg(t.name, store.displayName());
    }
    return out;
}

/// `tables` and, transitively, the tables their foreign keys reference.
QSet<QString> withParents(const schema::Schema &design, const QStringList &tables)
{
    QSet<QString> out;
    QStringList pending = tables;
    while (!pending.isEmpty()) {
        const QString name = pending.takeLast();
        if (out.contains(name))
            continue;
        out.insert(name);
        if (const schema::Table *t = design.table(name)) {
            for (const schema::ForeignKey &fk : t->foreignKeys)
                pending << fk.refTable;
        }
    }
    return out;
}

/// `design` with what it dropped from `previous` kept: the served file keeps drops, so a migration
/// towards it loses no data. Kept tables go last and kept columns last in their table, so the
/// design's own positions stay valid.
schema::Schema withDropsKept(const schema::Schema &design, const schema::Schema &previous)
{
    schema::Schema kept = design;
    for (const schema::Table &old : previous.tables) {
        schema::Table *now = nullptr;
        for (schema::Table &t : kept.tables)
            if (t.id == old.id)
                now = &t;
        if (!now) {
            if (!design.table(old.name))
                kept.tables.append(old);
            continue;
        }
        for (const schema::Column &c : old.columns)
            if (!columnById(*now, c.id) && !now->column(c.name))
                now->columns.append(c);
    }
    return kept;
}

/// Brings a served SQLite file from `previous` to the design by the migration engine (renames,
/// type, default and key changes, SQLite's table rebuild with the rows kept), in one transaction
/// on a connection of its own; drops are not applied. New tables are left to the caller. Returns
/// true when the file now has `kept`'s shape.
bool migrateServedFile(ResourceStore &store, const schema::Schema &previous, const schema::Schema &kept,
                       const schema::Dialect &dialect, DesignChange &change)
{
    migrate::SchemaDiff diff = migrate::SchemaDiff::compare(previous, kept, migrate::Planner::diffOptions(dialect));
    diff.changes.removeIf([](const migrate::Change &c) { return c.kind == migrate::ChangeKind::CreateTable; });
    const bool onlyNewColumns = std::all_of(diff.changes.cbegin(), diff.changes.cend(), [](const migrate::Change &c) {
        return c.kind == migrate::ChangeKind::AddColumn;
    });
    if (onlyNewColumns || !QFileInfo::exists(store.displayName()))
        return false;   // nothing ALTER TABLE ADD COLUMN cannot do: the caller adds them
    migrate::LiveObjects live;
    const SqlOutcome triggers = store.run(u"SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"_s);
    for (const QJsonValue &row : triggers.rows)
        live.triggers.append({row.toObject().value(u"name"_s).toString(), row.toObject().value(u"sql"_s).toString()});
    auto plan = migrate::Planner::plan(diff, dialect, live);
    auto connection = db::Connection::open(u"sqlite:"_s + store.displayName());
    Result<migrate::ApplyReport> applied = plan ? Result<migrate::ApplyReport>(Error{}) : Result<migrate::ApplyReport>(plan.error());
    if (plan && connection) {
        migrate::Plan checked = plan.value();
        if (auto c = migrate::Migrator::check(*connection.value(), checked); !c) {
            applied = c.error();
        } else {
            migrate::ApplyOptions options;
            options.design = kept;
            options.recordHistory = false;
            applied = migrate::Migrator::apply(*connection.value(), checked, options);
        }
    } else if (!connection) {
        applied = Error(connection.error());
    }
    if (!applied) {
        change.notApplied << Tr::tr("The design's changes were not applied to the served database (%1); it keeps its "
                                    "old definitions.").arg(applied.error().message);
        return false;
    }
    for (const migrate::Step &step : plan.value().steps)
        change.applied << Tr::tr("Applied to the served database: %1.").arg(step.description);
    return true;
}

} // namespace

Result<DesignChange> applyDesignChange(ResourceStore &store, const std::shared_ptr<const schema::Schema> &designPtr,
                                       const schema::Schema *previous, bool mayCreateTables, const QStringList &tables)
{
    const schema::Schema &design = *designPtr;
    DesignChange change;
    store.setDesign(designPtr);
    if (auto refreshed = store.refresh(); !refreshed)
        return refreshed.error();
    // A design edit while serving Quarry's own SQLite file reaches it through the migration
    // engine, rows kept; afterwards the file has the design plus what the design dropped.
    const schema::Dialect *sqlite = schema::DialectRegistry::instance().dialect(u"sqlite"_s);
    schema::Schema kept;
    bool migrated = false;
    if (previous && mayCreateTables && tables.isEmpty() && store.dialectId() == u"sqlite"_s && sqlite) {
        kept = withDropsKept(design, *previous);
        migrated = migrateServedFile(store, *previous, kept, *sqlite, change);
        if (migrated) {
            previous = &kept;
            if (auto refreshed = store.refresh(); !refreshed)
                return refreshed.error();
        }
    }
    const QStringList existingList = store.tableNames();
    const QSet<QString> existing(existingList.begin(), existingList.end());

    auto served = std::make_shared<schema::Schema>(migrated ? kept : design);
    QStringList toCreate;
    QList<std::pair<const schema::Table *, const schema::Column *>> toAdd;
    const QSet<QString> wanted = withParents(design, tables);
    for (qsizetype ti = 0; ti < design.tables.size(); ++ti) {
        const schema::Table &t = design.tables.at(ti);
        if (!tables.isEmpty() && !wanted.contains(t.name))
            continue;
        const schema::Table *before = previous ? previous->tableById(t.id) : nullptr;
        if (!existing.contains(t.name)) {
            if (before && before->name != t.name && existing.contains(before->name)) {
                change.notApplied << Tr::tr("Table %1 was renamed to %2 in the design; the served database keeps %1 "
                                            "(renames are not applied while serving).")
                                         .arg(before->name, t.name);
                served->tables[ti].name = before->name;
            } else {
                toCreate << t.name;
            }
            continue;
        }
        const auto inStore = store.table(t.name);
        for (qsizetype ci = 0; ci < t.columns.size(); ++ci) {
            const schema::Column &c = t.columns.at(ci);
            const schema::Column *old = before ? columnById(*before, c.id) : nullptr;
            if (!inStore->column(c.name)) {
                if (old && old->name != c.name && inStore->column(old->name)) {
                    change.notApplied << Tr::tr("Column %1.%2 was renamed to %3 in the design; the served database "
                                                "keeps %2 (renames are not applied while serving).")
                                             .arg(t.name, old->name, c.name);
                    served->tables[ti].columns[ci].name = old->name;
                } else {
                    toAdd.append({&t, &c});
                }
            } else if (old && old->name == c.name && columnShape(*old) != columnShape(c)) {
                change.notApplied << Tr::tr("Column %1.%2 changed in the design (%3); the served database keeps its "
                                            "old definition (type and constraint changes are not applied while serving).")
                                         .arg(t.name, c.name, c.type.displayName());
            }
        }
        if (before) {
            for (const schema::Column &old : before->columns) {
                if (!columnById(t, old.id) && inStore->column(old.name))
                    change.notApplied << Tr::tr("Column %1.%2 was removed from the design; the served database keeps it "
                                                "(drops are not applied while serving).")
                                             .arg(t.name, old.name);
            }
            if (keyShape(*before) != keyShape(t))
                change.notApplied << Tr::tr("The keys, checks or indexes of %1 changed in the design; the served "
                                            "database keeps the old ones (they are not applied while serving).")
                                         .arg(t.name);
        }
    }
    if (previous) {
        for (const schema::Table &old : previous->tables) {
            if (!design.tableById(old.id) && existing.contains(old.name) && !design.table(old.name))
                change.notApplied << Tr::tr("Table %1 was removed from the design; the served database keeps it "
                                            "(drops are not applied while serving).")
                                         .arg(old.name);
        }
    }
    change.served = served;
    const schema::Dialect *dialect = schema::DialectRegistry::instance().dialect(store.dialectId());
    if (!previous && dialect && store.dialectId() == u"sqlite"_s)
        change.notApplied << tablesNotFromTheDesign(store, design, *dialect, existing);
    if (toCreate.isEmpty() && toAdd.isEmpty())
        return change;

    if (!dialect)
        return Error{Error::Kind::Internal,
                     Tr::tr("The %1 dialect plugin is not loaded, so the design's tables cannot be created in %2 "
                            "(see quarry --list-plugins).")
                         .arg(store.dialectId(), store.displayName()),
                     store.displayName()};

    if (!toCreate.isEmpty() && !mayCreateTables) {
        change.missing = toCreate;
    } else if (!toCreate.isEmpty()) {
        schema::DdlScope scope;
        scope.tables = toCreate;
        const QSet<QString> enums = existingEnums(store);
        for (const schema::EnumType &e : design.enums) {
            if (!enums.contains(e.name))
                scope.enums << e.name;
        }
        auto ddl = dialect->createStatements(design, scope);
        if (!ddl)
            return ddl.error();
        QStringList statements;
        for (const QString &s : ddl.value()) {
            const QString sql = withoutNotes(s);
            if (!sql.trimmed().isEmpty())
                statements << sql;
        }
        const SqlOutcome r = store.runAll(statements);
        if (!r.ok())
            return Error{Error::Kind::Database,
                         Tr::tr("Creating the design's tables %1 in %2 failed: %3")
                             .arg(toCreate.join(u", "_s), store.displayName(), r.error),
                         store.displayName()};
        for (const QString &name : std::as_const(toCreate))
            change.applied << Tr::tr("Created table %1.").arg(name);
    }
    for (const auto &[table, column] : std::as_const(toAdd)) {
        if (!mayCreateTables) {
            change.missing << table->name + u'.' + column->name;
            continue;
        }
        const QString sql = dialect->addColumnStatement(design, *table, *column);
        const SqlOutcome r = sql.isEmpty() ? SqlOutcome{} : store.runAll({sql});
        if (sql.isEmpty() || !r.ok())
            change.notApplied << Tr::tr("Column %1.%2 was not added to the served database: %3")
                                     .arg(table->name, column->name,
                                          sql.isEmpty() ? Tr::tr("the %1 dialect cannot add columns").arg(dialect->displayName())
                                                        : r.error);
        else
            change.applied << Tr::tr("Added column %1.%2.").arg(table->name, column->name);
    }
    if (auto refreshed = store.refresh(); !refreshed)
        return refreshed.error();
    return change;
}

/// Inserts the fixture rows of each empty table, each table in one transaction. Returns the
/// first problem, or an empty string.
QString loadFixtures(ResourceStore &store, const QHash<QString, QJsonArray> &fixtures)
{
    for (auto it = fixtures.begin(); it != fixtures.end(); ++it) {
        const auto table = store.table(it.key());
        if (!table)
            continue;   // another database's, or a name nobody has: configure() reports the latter
        const SqlOutcome count = store.run(u"SELECT COUNT(*) AS n FROM "_s + store.quote(it.key()));
        if (!count.ok() || count.rows.first().toObject().value(u"n"_s).toVariant().toLongLong() > 0)
            continue;
        store.run(u"BEGIN IMMEDIATE"_s);
        for (const QJsonValue &rowValue : it.value()) {
            const QJsonObject row = rowValue.toObject();
            QStringList columns;
            QVariantList values;
            for (auto field = row.begin(); field != row.end(); ++field) {
                columns.append(store.quote(field.key()));
                const QJsonValue v = field.value();
                if (v.isBool())
                    values.append(qint64(v.toBool() ? 1 : 0));
                else if (v.isDouble() && v.toDouble() == double(qint64(v.toDouble())))
                    values.append(qint64(v.toDouble()));
                else if (v.isObject() || v.isArray())
                    values.append(QString::fromUtf8(v.isObject() ? QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)
                                                                 : QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)));
                else
                    values.append(v.toVariant());
            }
            const QStringList marks(columns.size(), u"?"_s);
            const SqlOutcome inserted = store.run(u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(store.quote(it.key()),
                                                                                           columns.join(u", "_s), marks.join(u", "_s)),
                                                  values);
            if (!inserted.ok()) {
                store.run(u"ROLLBACK"_s);
                return Tr::tr("A fixture row of \"%1\" was refused: %2").arg(it.key(), inserted.error);
            }
        }
        store.run(u"COMMIT"_s);
    }
    return {};
}

} // namespace quarry::mock
