// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "cli.h"

#include "advisecommand.h"
#include "buildinfo.h"
#include "dbmlcommand.h"
#include "diffcommand.h"
#include "exportcommand.h"
#include "fakecommand.h"
#include "importcommand.h"
#include "introspectcommand.h"
#include "jwtcommand.h"
#include "migratecommand.h"
#include "openapicommand.h"
#include "runcommand.h"
#include "servecommand.h"
#include "sqlcommand.h"
#include "sqlimportcommand.h"

#include "schema/dialectregistry.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

struct TopOption {
    QString synopsis;
    QString help;
};

const QList<TopOption> &topOptions()
{
    static const QList<TopOption> list = {
        {u"--version [--verbose]"_s, u"show the version (-v); --verbose: library versions too"_s},
        {u"--help"_s, u"show this help (-h)"_s},
        {u"--list-plugins [--json]"_s, u"list the SQL dialect plugins and why any did not load"_s},
    };
    return list;
}

QString helpText()
{
    QString text = u"Usage: quarry [WORKSPACE]            open the workbench window\n"
                   u"       quarry COMMAND [ARGS...]       run a command headless (quarry COMMAND --help says more)\n"
                   u"\n"
                   u"Options:\n"_s;
    for (const TopOption &o : topOptions())
        text += u"  "_s + o.synopsis.leftJustified(26) + u"  "_s + o.help + u'\n';
    text += u"\nCommands:\n"_s;
    for (const Command &c : commands()) {
        for (const OptionTable &t : c.tables)
            text += u"  "_s + t.synopsis() + u'\n';
        text += u"      "_s + c.summary + (c.run ? QString() : u" (not in this build yet)"_s) + u'\n';
    }
    text += u"\nDatabase URLs: sqlite:path/to/file.db, postgresql://user@host:port/db\n"_s;
    return text;
}

/// `quarry import --help` and the like: the usage line of each kind.
QString kindsUsage(const Command &c)
{
    QString text;
    for (const OptionTable &t : c.tables)
        text += (text.isEmpty() ? u"Usage: quarry "_s : u"       quarry "_s) + t.synopsis() + u'\n';
    return text + c.summary + u"\nquarry "_s + c.name + u" KIND --help says more about one.\n"_s;
}

QStringList kinds(const Command &c)
{
    QStringList out;
    for (const OptionTable &t : c.tables)
        out << t.command.section(u' ', 1, 1).split(u'|');
    return out;
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
        {u"serve"_s, serveOptions().summary, {serveOptions()}, runServe},
        {u"sql"_s, sqlOptions().summary, {sqlOptions()}, runSql},
        {u"advise"_s, adviseOptions().summary, {adviseOptions()}, runAdvise},
        {u"introspect"_s, introspectOptions().summary, {introspectOptions()}, runIntrospect},
        {u"diff"_s, diffOptions().summary, {diffOptions()}, runDiff},
        {u"migrate"_s, migrateOptions().summary, {migrateOptions()}, runMigrate},
        {u"run"_s, runOptions().summary, {runOptions()}, runCommand},
        {u"jwt"_s, u"Sign, verify or decode JSON Web Tokens; make keys and password hashes."_s, jwtOptions(), runJwt},
        {u"import"_s, u"Import routes, requests or a schema into a workspace."_s,
         {importOpenApiOptions(), importRequestsOptions(), importBundleOptions(), importSqlOptions(), importDbmlOptions()},
         importCommand},
        {u"export"_s, u"Export part of a workspace."_s,
         {exportOpenApiOptions(), exportPostmanOptions(), exportDbmlOptions(), exportSqlOptions()}, exportCommand},
        {u"fake"_s, fakeOptions().summary, {fakeOptions()}, runFake},
    };
    return list;
}

bool isCliInvocation(int argc, char **argv)
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    if (first.startsWith(u'-'))
        return true;
    for (const Command &c : commands()) {
        if (c.name == first)
            return true;
    }
    // `quarry FILE` opens FILE in the window. A first word that is neither an existing path nor a
    // *.quarry name is a mistyped command ("quarry serv x"): the CLI says so instead of starting
    // the window with it.
    return !QFileInfo::exists(first) && !first.endsWith(u".quarry"_s, Qt::CaseInsensitive);
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
        const QStringList rest = args.mid(1);
        const bool help = rest.value(0) == u"--help"_s || rest.value(0) == u"-h"_s;
        if (c.tables.size() > 1) {
            // A command with kinds: `quarry import` and `quarry import --help` list them.
            if (rest.isEmpty() || help) {
                (help ? io.out : io.err) << kindsUsage(c);
                return help ? Success : UsageError;
            }
            if (!tableForKind(c.tables, rest.first())) {
                io.err << "quarry " << c.name << ": \"" << rest.first() << "\" is not one of " << kinds(c).join(u", "_s)
                       << ".\n" << kindsUsage(c);
                return UsageError;
            }
        } else if (help) {
            io.out << c.tables.first().help() << (c.run ? "" : "\nNot in this build yet.\n");
            return Success;
        }
        if (!c.run) {
            io.err << "quarry " << c.name << ": this command is part of Quarry's CLI but is not implemented in "
                   << "version " << quarryVersion() << " yet.\n";
            return UsageError;
        }
        return c.run(rest, io);
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
