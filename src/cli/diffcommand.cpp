// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diffcommand.h"

#include "migrationsource.h"
#include "sqlcommand.h"

#include "migrate/planner.h"
#include "migrate/schemadiff.h"
#include "schema/dialect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

const OptionTable &diffOptions()
{
    static const OptionTable table{
        .command = u"diff"_s,
        .summary = u"Migration steps between a workspace and/or a database, with their risks and SQL."_s,
        .operands = {{.name = u"FROM"_s, .missing = u"FROM and TO are needed."_s}, {.name = u"TO"_s, .missing = u"FROM and TO are needed."_s}},
        .options = {{.name = u"--dialect"_s, .value = u"D"_s, .help = u"the dialect of the steps' SQL (postgres, sqlite)"_s},
                    {.name = u"--exit-code"_s, .help = u"exit 1 when FROM and TO differ (for CI), 0 when they do not"_s},
                    {.name = u"--json"_s, .help = u"print the changes and the plan as JSON"_s},
                    {.name = u"--rename"_s, .value = u"OLD=NEW"_s,
                     .help = u"a table (customers=clients) or column (customers.mail=email) renamed without a design id to say so"_s,
                     .use = Option::Repeatable}},
        .details = u"FROM, TO: a workspace file, or a database: sqlite:PATH, a SQLite file, postgresql://...\n"
                   u"The dialect defaults to the engine of a database side (TO first), else postgres.\n"
                   u"Without --rename, a name change no design id explains is a drop and an add.\n"_s,
    };
    return table;
}

int runDiff(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(diffOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const auto renames = renamesOf(diffOptions(), *parsed, io, &exit);
    if (!renames)
        return exit;
    const QStringList sides = parsed->operands();
    QString dialectId = parsed->value(u"--dialect"_s);
    const bool json = parsed->isSet(u"--json"_s);
    const bool exitCode = parsed->isSet(u"--exit-code"_s);

    auto from = MigrationSource::open(u"diff"_s, sides.at(0), false, io);
    if (!from)
        return Failure;
    auto to = MigrationSource::open(u"diff"_s, sides.at(1), false, io);
    if (!to)
        return Failure;
    if (dialectId.isEmpty())
        dialectId = !to->engineDialect().isEmpty() ? to->engineDialect()
                  : !from->engineDialect().isEmpty() ? from->engineDialect() : u"postgres"_s;
    const schema::Dialect *dialect = dialectFor(u"diff"_s, dialectId, io);
    if (!dialect)
        return UsageError;

    migrate::DiffOptions options = migrate::Planner::diffOptions(*dialect);
    options.renames = *renames;
    const migrate::SchemaDiff diff = migrate::SchemaDiff::compare(from->live.schema, to->live.schema, options);
    auto planned = migrate::Planner::plan(diff, *dialect, from->live.objects);
    if (!planned) {
        io.err << "quarry diff: " << planned.error().toString() << '\n';
        return Failure;
    }
    migrate::Plan plan = planned.value();
    // The data checks ask the database the plan would change, when FROM is one of that engine.
    if (from->connection && from->engineDialect() == dialect->id()) {
        if (auto checked = migrate::Migrator::check(*from->connection, plan); !checked)
            io.err << "note: the data checks did not run: " << checked.error().message << '\n';
    }
    const QString fromName = from->isDatabase() ? db::maskedUrl(from->url) : from->spec;
    const QString toName = to->isDatabase() ? db::maskedUrl(to->url) : to->spec;
    if (json) {
        QJsonArray changes;
        for (const migrate::Change &c : diff.changes)
            changes.append(c.description());
        io.out << QJsonDocument(QJsonObject{{u"from"_s, fromName}, {u"to"_s, toName}, {u"dialect"_s, dialect->id()},
                                            {u"differs"_s, !diff.isEmpty()}, {u"changes"_s, changes},
                                            {u"plan"_s, plan.toJson()}})
                      .toJson(QJsonDocument::Indented);
    } else {
        io.out << "-- quarry diff " << fromName << " -> " << toName << " (" << dialect->displayName() << ")\n"
               << plan.text();
    }
    return exitCode && !diff.isEmpty() ? int(Failure) : int(Success);
}

} // namespace quarry::cli
