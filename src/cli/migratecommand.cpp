// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migratecommand.h"

#include "migrationsource.h"
#include "sqlcommand.h"

#include "migrate/migrationfiles.h"
#include "migrate/migrator.h"
#include "migrate/planner.h"
#include "schema/dialect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

const OptionTable &migrateOptions()
{
    static const OptionTable table{
        .command = u"migrate"_s,
        .summary = u"Apply the design to a live database in one transaction."_s,
        .operands = {{.name = u"URL"_s, .missing = u"no database URL."_s}},
        .options = {{.name = u"--to"_s, .value = u"WORKSPACE"_s, .help = u"the design to migrate to"_s, .use = Option::Required},
                    {.name = u"--dry-run"_s, .help = u"show the plan, change nothing"_s},
                    {.name = u"--allow-destructive"_s, .help = u"run the steps that lose data (dropped tables and columns)"_s},
                    {.name = u"--rename"_s, .value = u"OLD=NEW"_s,
                     .help = u"a table (customers=clients) or column (customers.mail=email) renamed without a design id to say so"_s,
                     .use = Option::Repeatable},
                    {.name = u"--concurrent-indexes"_s,
                     .help = u"PostgreSQL: build new indexes of existing tables CONCURRENTLY, after the commit"_s},
                    {.name = u"--write"_s, .value = u"DIR"_s,
                     .help = u"keep the plan as DIR/V<n>__quarry_migration.sql with its checksum (with --dry-run: only that)"_s},
                    {.name = u"--json"_s, .help = u"print the plan and the outcome as JSON"_s}},
        .details = u"URL: sqlite:PATH, a SQLite file, or postgresql://user@host:port/db\n"
                   u"Shows the plan (each step's risk and SQL, checked against the data), then applies it in one\n"
                   u"transaction: any error rolls everything back. A SQLite file is backed up first. The checksums\n"
                   u"of the files already in --write's DIR are checked before anything runs.\n"_s,
    };
    return table;
}

int runMigrate(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(migrateOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const auto renames = renamesOf(migrateOptions(), *parsed, io, &exit);
    if (!renames)
        return exit;
    const QString url = parsed->operand(0);
    const QString workspace = parsed->value(u"--to"_s);
    const QString writeDir = parsed->value(u"--write"_s);
    const bool dryRun = parsed->isSet(u"--dry-run"_s);
    const bool allowDestructive = parsed->isSet(u"--allow-destructive"_s);
    const bool json = parsed->isSet(u"--json"_s);
    const bool concurrently = parsed->isSet(u"--concurrent-indexes"_s);
    const auto usage = [&io](const QString &message) { return usageError(migrateOptions(), io, message); };
    if (!MigrationSource::looksLikeDatabase(url))
        return usage(u"\"%1\" is not a database; use sqlite:PATH, a SQLite file or postgresql://..."_s.arg(db::maskedUrl(url)));

    if (!writeDir.isEmpty()) {
        if (auto verified = migrate::MigrationFiles::verify(writeDir); !verified) {
            io.err << "quarry migrate: " << verified.error().message << '\n';
            return Failure;
        }
    }
    auto design = loadWorkspaceSchema(u"migrate"_s, workspace, io);
    if (!design)
        return Failure;
    auto target = MigrationSource::open(u"migrate"_s, url, !dryRun, io);
    if (!target)
        return Failure;
    const schema::Dialect *dialect = dialectFor(u"migrate"_s, target->engineDialect(), io);
    if (!dialect)
        return UsageError;
    const QString where = db::maskedUrl(target->url);

    migrate::DiffOptions options = migrate::Planner::diffOptions(*dialect);
    options.renames = *renames;
    const migrate::SchemaDiff diff = migrate::SchemaDiff::compare(target->live.schema, *design, options);
    migrate::PlanOptions planOptions;
    planOptions.concurrentIndexes = concurrently;
    auto planned = migrate::Planner::plan(diff, *dialect, target->live.objects, planOptions);
    if (!planned) {
        io.err << "quarry migrate: " << planned.error().toString() << '\n';
        return Failure;
    }
    migrate::Plan plan = planned.value();
    if (auto checked = migrate::Migrator::check(*target->connection, plan); !checked) {
        io.err << "quarry migrate: " << checked.error().message << '\n';
        return Failure;
    }

    QJsonObject result{{u"url"_s, where}, {u"workspace"_s, workspace}, {u"dialect"_s, dialect->id()},
                       {u"dryRun"_s, dryRun}, {u"plan"_s, plan.toJson()}};
    const auto finish = [&](int code, const QString &message) {
        if (json) {
            result.insert(code == Success ? u"message"_s : u"error"_s, message);
            io.out << QJsonDocument(result).toJson(QJsonDocument::Indented);
        } else {
            (code == Success ? io.out : io.err) << (code == Success ? QString() : u"quarry migrate: "_s) << message << '\n';
        }
        return code;
    };
    if (!json)
        io.out << "-- quarry migrate " << where << " --to " << workspace << '\n' << plan.text();
    if (plan.isEmpty())
        return finish(Success, u"The database matches the design; nothing to do."_s);

    QStringList refusals;
    for (int i = 0; i < plan.steps.size(); ++i) {
        const migrate::Step &s = plan.steps.at(i);
        if (s.isBlocked())
            refusals << u"step %1 (%2) would fail: %3"_s.arg(i + 1).arg(s.description, s.findings().join(u"; "_s));
        else if (s.risk == migrate::Risk::Destroys && !allowDestructive)
            refusals << u"step %1 (%2) destroys data%3; --allow-destructive runs it"_s.arg(i + 1).arg(
                s.description, s.findings().isEmpty() ? QString() : u" (%1)"_s.arg(s.findings().join(u"; "_s)));
    }
    const auto keep = [&]() -> bool {
        if (writeDir.isEmpty())
            return true;
        const auto written = migrate::MigrationFiles::write(writeDir, plan);
        if (!written) {
            io.err << "quarry migrate: " << written.error().toString() << '\n';
            return false;
        }
        result.insert(u"written"_s, written.value());
        if (!json)
            io.out << "Wrote " << written.value() << '\n';
        return true;
    };
    if (dryRun) {
        if (!keep())
            return Failure;
        result.insert(u"refusals"_s, QJsonArray::fromStringList(refusals));
        return refusals.isEmpty() ? finish(Success, u"Dry run: nothing was changed."_s)
                                  : finish(Failure, u"Dry run: nothing was changed; applying would be refused: "_s + refusals.join(u"; "_s) + u'.');
    }

    if (!refusals.isEmpty()) {
        result.insert(u"refusals"_s, QJsonArray::fromStringList(refusals));
        return finish(Failure, u"Nothing was changed: "_s + refusals.join(u"; "_s) + u'.');
    }
    migrate::ApplyOptions apply;
    apply.allowDestructive = allowDestructive;
    apply.design = *design;
    apply.sqliteFile = target->url.startsWith(u"sqlite:"_s) ? db::sqliteFilePath(target->url) : QString();
    const auto applied = migrate::Migrator::apply(*target->connection, plan, apply);
    if (!applied)
        return finish(Failure, applied.error().message);
    result.insert(u"applied"_s, applied.value().steps);
    result.insert(u"historyId"_s, applied.value().historyId);
    result.insert(u"backup"_s, applied.value().backupPath);
    if (!keep())
        return Failure;
    for (const QString &note : applied.value().notes)
        io.err << "note: " << note << '\n';
    QString message = u"Applied %1 step(s) in one transaction; recorded as migration %2 in %3."_s.arg(applied.value().steps)
                          .arg(applied.value().historyId).arg(migrate::History::tableName());
    if (!applied.value().backupPath.isEmpty())
        message += u"\nBackup made before the migration: "_s + applied.value().backupPath;
    return finish(Success, message);
}

} // namespace quarry::cli
