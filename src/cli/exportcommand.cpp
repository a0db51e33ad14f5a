// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "exportcommand.h"
#include "dbmlcommand.h"
#include "openapicommand.h"
#include "sqlcommand.h"

#include "http/collection.h"
#include "http/postmanformat.h"
#include "workspace/workspace.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

const OptionTable &exportSqlOptions()
{
    static const OptionTable table = [] {
        OptionTable t = sqlOptions();
        t.command = u"export sql"_s;
        t.summary = u"The DDL of the designed schema, as quarry sql prints it, to a file or stdout."_s;
        t.options << Option{.name = u"--out"_s, .value = u"FILE"_s, .help = u"write it to FILE instead of stdout"_s,
                            .aliases = {u"-o"_s}};
        return t;
    }();
    return table;
}

/// `quarry export sql WORKSPACE --dialect D [--json] [--out FILE]`: `quarry sql` with an output file.
int exportSql(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(exportSqlOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString path = parsed->operand(0), dialect = parsed->value(u"--dialect"_s), out = parsed->value(u"--out"_s);
    const bool json = parsed->isSet(u"--json"_s);
    if (out.isEmpty())
        return printSql(path, dialect, json, io);
    QString text;
    QTextStream buffer(&text);
    Io toFile{buffer, io.err};
    const int status = printSql(path, dialect, json, toFile);
    buffer.flush();
    if (status != Success)
        return status;
    return writeOutput(u"export"_s, out, text.toUtf8(), io) ? Success : Failure;
}

const OptionTable &exportPostmanOptions()
{
    static const OptionTable table{
        .command = u"export postman"_s,
        .summary = u"Export a request collection (and an environment) in Postman's v2.1 format."_s,
        .operands = {{.name = u"WORKSPACE"_s, .missing = u"which workspace?"_s}},
        .options = {{.name = u"--collection"_s, .value = u"NAME"_s, .help = u"the collection (default: the first)"_s},
                    {.name = u"--out"_s, .value = u"FILE"_s, .help = u"write it to FILE instead of stdout"_s,
                     .aliases = {u"-o"_s}},
                    {.name = u"--env"_s, .value = u"NAME"_s, .help = u"also export this environment (with --env-out)"_s},
                    {.name = u"--env-out"_s, .value = u"FILE"_s, .help = u"the environment's file"_s}},
    };
    return table;
}

int exportCommand(const QStringList &args, Io &io)
{
    const QString kind = args.value(0);
    if (kind == u"openapi"_s)
        return exportOpenApi(args.mid(1), io);   // mock routes -> OpenAPI 3.1
    if (kind == u"dbml"_s)
        return exportDbml(args.mid(1), io);      // schema design -> DBML
    if (kind == u"sql"_s)
        return exportSql(args.mid(1), io);       // schema design -> DDL, as `quarry sql`
    int exit = Success;
    const auto parsed = parseCommandLine(exportPostmanOptions(), args.mid(1), io, &exit);
    if (!parsed)
        return exit;
    const QString path = parsed->operand(0), collectionName = parsed->value(u"--collection"_s);
    const QString out = parsed->value(u"--out"_s), envName = parsed->value(u"--env"_s), envOut = parsed->value(u"--env-out"_s);
    if (envName.isEmpty() != envOut.isEmpty())
        return usageError(exportPostmanOptions(), io, u"--env and --env-out go together."_s);
    auto ws = workspace::Workspace::load(path);
    if (!ws) {
        io.err << "quarry export: " << ws.error().toString() << '\n';
        return Failure;
    }
    auto collections = http::Collection::listFromJson(ws.value()->sectionArray(workspace::Section::Collections));
    if (!collections) {
        io.err << "quarry export: " << collections.error().toString() << '\n';
        return Failure;
    }
    const http::Collection *chosen = nullptr;
    for (const http::Collection &c : collections.value()) {
        if (!chosen && (collectionName.isEmpty() || c.name == collectionName || c.id == collectionName))
            chosen = &c;
    }
    if (!chosen) {
        io.err << "quarry export: there is no collection" << (collectionName.isEmpty() ? QString() : u" \""_s + collectionName + u'"')
               << " in " << path << ".\n";
        return Failure;
    }
    const QByteArray json = QJsonDocument(http::PostmanFormat::exportCollection(*chosen)).toJson(QJsonDocument::Indented);
    if (out.isEmpty())
        io.out << QString::fromUtf8(json);
    else if (!writeOutput(u"export"_s, out, json, io))
        return Failure;
    if (!envName.isEmpty()) {
        const QList<http::Environment> envs = http::Environment::listFromJson(ws.value()->sectionArray(workspace::Section::Environments));
        const http::Environment *env = http::Environment::find(envs, envName);
        if (!env) {
            io.err << "quarry export: there is no environment \"" << envName << "\".\n";
            return Failure;
        }
        for (const http::Variable &v : env->variables) {
            if (v.secret)
                io.err << "note: the secret variable " << v.name << " is exported empty; give it to newman with --env-var "
                       << v.name << "=...\n";
        }
        if (!writeOutput(u"export"_s, envOut, QJsonDocument(http::PostmanFormat::exportEnvironment(*env)).toJson(QJsonDocument::Indented), io))
            return Failure;
    }
    return Success;
}

} // namespace quarry::cli
