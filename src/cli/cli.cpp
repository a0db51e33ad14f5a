// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "cli.h"

#include "advisecommand.h"
#include "buildinfo.h"
#include "jwtcommand.h"
#include "exportcommand.h"
#include "fakecommand.h"
#include "importcommand.h"
#include "introspectcommand.h"
#include "runcommand.h"
#include "servecommand.h"
#include "schema/dialectregistry.h"
#include "sqlcommand.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

QString helpText()
{
    QString text = u"Usage: quarry [WORKSPACE]            open the workbench window\n"
                   u"       quarry COMMAND [ARGS...]       run a command headless\n"
                   u"\n"
                   u"Options:\n"
                   u"  -h, --help             show this help\n"
                   u"  -v, --version          show the version (--verbose: library versions too)\n"
                   u"      --list-plugins     list the SQL dialect plugins and why any did not load (--json)\n"
                   u"\n"
                   u"Commands:\n"_s;
    for (const Command &c : commands()) {
        text += u"  %1\n      %2%3\n"_s.arg(c.synopsis, c.summary,
                                             c.run ? QString() : u" (not in this build yet)"_s);
    }
    text += u"\nDatabase URLs: sqlite:path/to/file.db, postgresql://user@host:port/db\n"_s;
    return text;
}

int listPlugins(const QStringList &args, Io &io)
{
    const bool json = args.contains(u"--json"_s);
    const auto &plugins = schema::DialectRegistry::instance().plugins();
    if (json) {
        QJsonArray list;
        for (const auto &p : plugins) {
            const bool loaded = p.state == schema::PluginInfo::State::Loaded;
            list.append(QJsonObject{{u"id"_s, p.id}, {u"displayName"_s, p.displayName}, {u"version"_s, p.version},
                                    {u"file"_s, p.fileName}, {u"loaded"_s, loaded}, {u"error"_s, p.errorString}});
        }
        io.out << QJsonDocument(list).toJson(QJsonDocument::Indented);
        return Success;
    }
    if (plugins.isEmpty()) {
        io.out << "No dialect plugins found. Searched: "
               << schema::DialectRegistry::defaultSearchPaths().join(u", "_s) << '\n';
        return Success;
    }
    for (const auto &p : plugins) {
        if (p.state == schema::PluginInfo::State::Loaded)
            io.out << p.id << '\t' << p.displayName << ' ' << p.version << "\tloaded\t" << p.fileName << '\n';
        else
            io.out << (p.id.isEmpty() ? u"?"_s : p.id) << "\t-\tnot loaded\t" << p.fileName << ": " << p.errorString
                   << '\n';
    }
    return Success;
}

int version(const QStringList &args, Io &io)
{
    io.out << "quarry " << quarryVersion() << '\n';
    if (args.contains(u"--verbose"_s)) {
        for (const ComponentVersion &c : componentVersions())
            io.out << "  " << c.name << ' ' << c.version << '\n';
    }
    return Success;
}

} // namespace

const QList<Command> &commands()
{
    static const QList<Command> list = {
        {u"serve"_s, u"serve WORKSPACE [--host H] [--port N] [--log json] [--create-tables]"_s,
         u"Serve the workspace's mock API until interrupted."_s, runServe},
        {u"sql"_s, u"sql WORKSPACE --dialect postgres|sqlite|mysql"_s, u"Print the DDL of the designed schema."_s, runSql},
        {u"advise"_s, u"advise WORKSPACE [--db URL] [--queries FILE]"_s, u"Index suggestions with their reasons."_s, runAdvise},
        {u"introspect"_s, u"introspect URL [--into WORKSPACE] [--json]"_s, u"A live database's schema as workspace JSON."_s,
         runIntrospect},
        {u"diff"_s, u"diff FROM TO [--dialect D]"_s, u"Migration SQL between a workspace and/or a database."_s, {}},
        {u"migrate"_s, u"migrate URL --to WORKSPACE [--dry-run] [--allow-destructive]"_s,
         u"Apply the design to a live database in one transaction."_s, {}},
        {u"run"_s, u"run WORKSPACE|COLLECTION [--env NAME] [--var NAME=VALUE]... [--reporter cli|json|junit] [--iterations N] [--concurrency N]"_s,
         u"Run a request collection and its checks."_s, runCommand},
        {u"jwt"_s, u"jwt sign|verify|decode|keygen|jwks|hash-password ..."_s,
         u"Sign, verify or decode JSON Web Tokens; make keys and password hashes."_s, runJwt},
        {u"import"_s, u"import openapi|postman|curl|har|insomnia|bruno|dbml|sql FILE --into WORKSPACE"_s,
         u"Import routes, requests or a schema into a workspace; sql reads PostgreSQL or SQLite DDL and SQLite\n"
         u"      database files (quarry import sql --help says how it tells them apart); bruno reads a collection folder."_s,
         importCommand},
        {u"export"_s, u"export openapi|postman|dbml|sql WORKSPACE [-o FILE]"_s, u"Export part of a workspace."_s, exportCommand},
        {u"fake"_s, u"fake WORKSPACE --table NAME [--rows N] [--seed S] [--locale L]"_s,
         u"Rows of a designed table that satisfy its constraints, as mock.fixtures JSON."_s, runFake},
    };
    return list;
}

bool isCliInvocation(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const char *first = argv[1];
    if (first[0] == '-')
        return true;
    for (const Command &c : commands()) {
        if (c.name == QLatin1String(first))
            return true;
    }
    return false;
}

int dispatch(const QStringList &args, Io &io)
{
    if (args.isEmpty() || args.first() == u"-h"_s || args.first() == u"--help"_s || args.first() == u"help"_s) {
        io.out << helpText();
        return Success;
    }
    const QString &first = args.first();
    if (first == u"-v"_s || first == u"--version"_s)
        return version(args.mid(1), io);
    if (first == u"--list-plugins"_s)
        return listPlugins(args.mid(1), io);
    for (const Command &c : commands()) {
        if (c.name != first)
            continue;
        if (!c.run) {
            io.err << "quarry " << c.name << ": this command is part of Quarry's CLI but is not implemented in "
                   << "version " << quarryVersion() << " yet.\n";
            return UsageError;
        }
        return c.run(args.mid(1), io);
    }
    io.err << "quarry: unknown command or option \"" << first << "\". Try quarry --help.\n";
    return UsageError;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"Quarry"_s);
    QCoreApplication::setOrganizationName(u"Quarry"_s);
    QCoreApplication::setApplicationVersion(quarryVersion());
    QTextStream out(stdout);
    QTextStream err(stderr);
    Io io{out, err};
    return dispatch(app.arguments().mid(1), io);
}

} // namespace quarry::cli
