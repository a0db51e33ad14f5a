// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrate/migrator.h"

#include "db/pgconnection.h"
#include "db/sqliteconnection.h"
#include "schema/dialect.h"
#include "schema/pgintrospector.h"
#include "schema/sqlitecatalog.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace quarry::migrate {

using namespace schema;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Migrator)
};

QString defaultBackupPath(const QString &file)
{
    const QFileInfo info(file);
    return info.absolutePath() + u'/' + info.completeBaseName() + u".before-migration-"_s
         + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s) + u'.' + (info.suffix().isEmpty() ? u"db"_s : info.suffix());
}
} // namespace

Result<Schema> Migrator::introspect(db::Connection &connection, const QString &where)
{
    if (connection.engine() == db::Engine::Sqlite)
        return readSqliteCatalog(connection, {}).schema;
    auto *pg = dynamic_cast<db::PgConnection *>(&connection);
    if (!pg)
        return Error{Error::Kind::Internal, Tr::tr("Not a PostgreSQL connection."), where};
    // PgIntrospector makes the session read-only; a connection that could write gets that back.
    const auto readOnly = connection.query(u"SHOW default_transaction_read_only"_s);
    if (!readOnly)
        return Error{readOnly.error().kind, readOnly.error().message, where};
    auto read = PgIntrospector::read(*pg, where);
    if (readOnly.value().rows.value(0).value(0).toString() == u"off"_s) {
        if (auto rw = connection.execute(u"SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"_s); !rw)
            return Error{rw.error().kind, rw.error().message, where};
    }
    if (!read)
        return read.error();
    return read.value().schema;
}

Result<LiveDesign> Migrator::read(db::Connection &connection, const QString &where)
{
    auto schema = introspect(connection, where);
    if (!schema)
        return schema.error();
    LiveDesign live;
    live.schema = schema.value();
    auto last = History::last(connection);
    if (!last)
        return Error{last.error().kind, last.error().message, where};
    live.history = last.value();
    if (live.history)
        live.schema = History::mapToDesign(live.schema, *live.history);
    if (connection.engine() == db::Engine::Sqlite) {
        const auto triggers = connection.query(u"SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid"_s);
        if (!triggers)
            return Error{triggers.error().kind, triggers.error().message, where};
        for (const QVariantList &r : triggers.value().rows)
            live.objects.triggers.append({r.value(0).toString(), r.value(1).toString()});
    }
    return live;
}

Result<Plan> Migrator::planFor(db::Connection &connection, const Schema &design, const Dialect &dialect,
                               const QList<QPair<QString, QString>> &renames, const QString &where,
                               const PlanOptions &planOptions)
{
    auto live = read(connection, where);
    if (!live)
        return live.error();
    DiffOptions options = Planner::diffOptions(dialect);
    options.renames = renames;
    const SchemaDiff diff = SchemaDiff::compare(live.value().schema, design, options);
    auto plan = Planner::plan(diff, dialect, live.value().objects, planOptions);
    if (!plan)
        return plan.error();
    Plan checked = plan.value();
    if (auto c = check(connection, checked); !c)
        return c.error();
    return checked;
}

Result<void> Migrator::check(db::Connection &connection, Plan &plan)
{
    for (Step &step : plan.steps) {
        for (DataCheck &c : step.checks) {
            const auto r = connection.query(c.sql);
            if (!r)
                return Error{r.error().kind, Tr::tr("Checking \"%1\" failed: %2").arg(step.description, r.error().message), c.sql};
            c.count = r.value().rows.value(0).value(0).toLongLong();
        }
    }
    return {};
}

Result<ApplyReport> Migrator::apply(db::Connection &connection, const Plan &plan, const ApplyOptions &options)
{
    ApplyReport report;
    QStringList refused;
    for (int i = 0; i < plan.steps.size(); ++i) {
        const Step &s = plan.steps.at(i);
        if (s.isBlocked())
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("Step %1 (%2) would fail: %3. Nothing was changed.").arg(i + 1).arg(s.description, s.findings().join(u"; "_s)), {}};
        if (s.risk == Risk::Destroys && !options.allowDestructive)
            refused << Tr::tr("step %1 (%2%3)").arg(i + 1).arg(s.description, s.findings().isEmpty() ? QString() : u": "_s + s.findings().join(u"; "_s));
    }
    if (!refused.isEmpty())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The plan destroys data: %1. Nothing was changed; allow destructive steps to apply it.").arg(refused.join(u", "_s)), {}};

    const bool sqlite = connection.engine() == db::Engine::Sqlite;
    if (sqlite && !options.sqliteFile.isEmpty() && !plan.isEmpty()) {
        report.backupPath = options.backupPath.isEmpty() ? defaultBackupPath(options.sqliteFile) : options.backupPath;
        auto *file = dynamic_cast<db::SqliteConnection *>(&connection);
        if (!file)
            return Error{Error::Kind::Internal, Tr::tr("Not a SQLite connection."), {}};
        if (auto b = file->backupTo(report.backupPath); !b)
            return Error(b.error());
    }
    bool rebuild = false;
    for (const Step &s : plan.steps)
        rebuild = rebuild || s.rebuild;
    // PRAGMA foreign_keys is a no-op inside a transaction: it is switched before BEGIN. With it off,
    // DROP TABLE in a rebuild does not delete the child rows ON DELETE CASCADE would delete.
    if (sqlite && rebuild) {
        if (auto off = connection.execute(u"PRAGMA foreign_keys = OFF"_s); !off)
            return Error(off.error());
    }
    const auto restore = [&] {
        if (sqlite && rebuild)
            (void)connection.execute(u"PRAGMA foreign_keys = ON"_s);
    };
    const auto fail = [&](const Error &e) {
        (void)connection.rollback();
        restore();
        return e;
    };
    if (auto b = connection.begin(); !b) {
        restore();
        return Error(b.error());
    }
    for (int i = 0; i < plan.steps.size(); ++i) {
        const Step &s = plan.steps.at(i);
        if (s.secondPhase)
            continue;
        for (const QString &sql : s.sql) {
            if (auto done = connection.execute(sql); !done)
                return fail(Error{Error::Kind::Database,
                                  Tr::tr("Step %1 (%2) failed: %3. Everything was rolled back; the database is as it was.")
                                      .arg(i + 1).arg(s.description, done.error().message),
                                  sql});
        }
        ++report.steps;
    }
    if (sqlite && rebuild) {
        const auto broken = connection.query(u"PRAGMA foreign_key_check"_s);
        if (!broken)
            return fail(Error(broken.error()));
        if (!broken.value().rows.isEmpty()) {
            const QVariantList r = broken.value().rows.first();
            return fail(Error{Error::Kind::Database,
                              Tr::tr("After the rebuild, %n row(s) break a foreign key (first: row %1 of %2 references %3). "
                                     "Everything was rolled back; the database is as it was.", nullptr, int(broken.value().rows.size()))
                                  .arg(r.value(1).toString(), r.value(0).toString(), r.value(2).toString()),
                              {}});
        }
    }
    db::DbResult<qint64> id = qint64(0);
    if (options.recordHistory)
        id = History::record(connection, options.design, plan);
    if (!id)
        return fail(Error{id.error().kind, Tr::tr("Recording the migration failed: %1. Everything was rolled back.").arg(id.error().message), {}});
    if (auto c = connection.commit(); !c)
        return fail(Error(c.error()));
    restore();
    report.historyId = id.value();
    for (int i = 0; i < plan.steps.size(); ++i) {
        const Step &s = plan.steps.at(i);
        if (!s.secondPhase)
            continue;
        for (const QString &sql : s.sql) {
            if (auto done = connection.execute(sql); !done)
                return Error{Error::Kind::Database,
                             Tr::tr("Step %1 (%2), in the second phase after the commit, failed: %3. The first phase is applied.")
                                 .arg(i + 1).arg(s.description, done.error().message),
                             sql};
        }
        ++report.steps;
    }
    if (!options.recordHistory)
        return report;
    // The database as it reads now, so the next diff recognises what this migration made.
    auto snapshot = introspect(connection);
    if (snapshot) {
        if (auto kept = History::setSnapshot(connection, report.historyId, snapshot.value()); !kept)
            report.notes << Tr::tr("The migration is applied, but its snapshot was not recorded: %1").arg(kept.error().message);
    } else {
        report.notes << Tr::tr("The migration is applied, but reading the database back failed: %1").arg(snapshot.error().message);
    }
    return report;
}

} // namespace quarry::migrate
