// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "importcommand.h"
#include "dbmlcommand.h"
#include "openapicommand.h"
#include "sqlimportcommand.h"

#include "http/collection.h"
#include "http/curlformat.h"
#include "http/harformat.h"
#include "http/postmanformat.h"
#include "http/requestimport.h"
#include "http/secretscrubber.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSet>
#include <QUuid>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

Result<QByteArray> readInput(const QString &path)
{
    QFile file;
    if (path == u"-"_s) {
        if (!file.open(stdin, QIODevice::ReadOnly))
            return Error{Error::Kind::Io, u"Cannot read standard input."_s, path};
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{Error::Kind::Io, u"Cannot read %1: %2."_s.arg(path, file.errorString()), path};
    }
    return file.readAll();
}


void collectIds(const QList<http::CollectionItem> &items, QSet<QString> &ids)
{
    for (const http::CollectionItem &i : items) {
        ids.insert(i.id());
        collectIds(i.items, ids);
    }
}

} // namespace

Result<std::unique_ptr<workspace::Workspace>> openOrCreateWorkspace(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        auto ws = workspace::Workspace::createEmpty(QFileInfo(path).completeBaseName());
        ws->setFilePath(path);
        return ws;
    }
    auto ws = workspace::Workspace::load(path);
    if (!ws)
        return ws.error();
    return std::move(ws).value();
}

const OptionTable &importRequestsOptions()
{
    static const OptionTable table{
        .command = u"import postman|curl|har"_s,
        .summary = u"Import a Postman collection or environment, a curl command or a HAR recording as requests."_s,
        .operands = {{.name = u"FILE"_s, .missing = u"FILE and --into WORKSPACE are required."_s}},
        .options = {{.name = u"--into"_s, .value = u"WORKSPACE"_s, .help = u"the workspace (made when it does not exist)"_s,
                     .use = Option::Required},
                    {.name = u"--collection"_s, .value = u"NAME"_s, .help = u"the collection's name (curl, HAR)"_s}},
        .details = u"FILE - reads standard input.\n"_s,
    };
    return table;
}

const OptionTable &importBundleOptions()
{
    static const OptionTable table{
        .command = u"import insomnia|bruno"_s,
        .summary = u"Import an Insomnia export (v4 JSON or v5 YAML) or a Bruno collection folder, with its environments."_s,
        .operands = {{.name = u"FILE|DIRECTORY"_s, .missing = u"FILE and --into WORKSPACE are required."_s}},
        .options = {{.name = u"--into"_s, .value = u"WORKSPACE"_s, .help = u"the workspace (made when it does not exist)"_s,
                     .use = Option::Required}},
    };
    return table;
}

int importCommand(const QStringList &args, Io &io)
{
    const QString kind = args.value(0);
    if (kind == u"openapi"_s)
        return importOpenApi(args.mid(1), io);   // OpenAPI -> mock routes
    if (kind == u"sql"_s)
        return importSql(args.mid(1), io);       // PostgreSQL or SQLite DDL -> schema design
    if (kind == u"dbml"_s)
        return importDbml(args.mid(1), io);      // DBML -> schema design
    const bool bundle = kind == u"insomnia"_s || kind == u"bruno"_s;
    const OptionTable &table = bundle ? importBundleOptions() : importRequestsOptions();
    int exit = Success;
    const auto parsed = parseCommandLine(table, args.mid(1), io, &exit);
    if (!parsed)
        return exit;
    const QString file = parsed->operand(0);
    const QString into = parsed->value(u"--into"_s);
    const QString collectionName = parsed->value(u"--collection"_s, u"Imported"_s);
    // An Insomnia export or a Bruno collection folder: read by RequestImport, with its environments.
    auto input = bundle ? Result<QByteArray>(QByteArray()) : readInput(file);
    if (!input) {
        io.err << "quarry import: " << input.error().toString() << '\n';
        return Failure;
    }
    auto ws = openOrCreateWorkspace(into);
    if (!ws) {
        io.err << "quarry import: " << ws.error().toString() << '\n';
        return Failure;
    }
    workspace::Workspace &workspace = *ws.value();
    QStringList warnings;
    QString summary;
    QList<http::MovedSecret> secrets;

    if (bundle) {
        auto read = http::RequestImport::readFile(file);
        if (!read) {
            io.err << "quarry import: " << read.error().toString() << '\n';
            return Failure;
        }
        const http::RequestImport &in = read.value();
        if (in.kind != (kind == u"bruno"_s ? http::RequestImport::Kind::Bruno : http::RequestImport::Kind::Insomnia)) {
            io.err << "quarry import: " << file << " is a " << in.kindName() << ", not "
                   << (kind == u"bruno"_s ? "a Bruno collection" : "an Insomnia export") << ".\n";
            return Failure;
        }
        bool replaced = false;
        workspace.setSection(workspace::Section::Collections,
                             http::RequestImport::mergeCollection(workspace.sectionArray(workspace::Section::Collections),
                                                                  *in.collection, &replaced));
        QJsonArray environments = workspace.sectionArray(workspace::Section::Environments);
        for (const http::Environment &e : in.environments)
            environments = http::RequestImport::mergeEnvironment(environments, e);
        workspace.setSection(workspace::Section::Environments, environments);
        warnings = in.warnings;
        secrets = in.secrets;   // RequestImport took them out of the collection and its environments
        summary = u"%1 the collection \"%2\" (%3 requests) and %4 environments from the %5."_s
                      .arg(replaced ? u"Replaced"_s : u"Imported"_s, in.collection->name)
                      .arg(in.collection->requests().size())
                      .arg(in.environments.size())
                      .arg(in.kindName());
    } else if (kind == u"postman"_s) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(input.value(), &error);
        if (!doc.isObject()) {
            io.err << "quarry import: " << file << " is not JSON: " << error.errorString() << " at offset " << error.offset
                   << ".\n";
            return Failure;
        }
        const QJsonObject root = doc.object();
        if (root.contains(u"values"_s) && !root.contains(u"item"_s)) {
            http::Environment env = http::PostmanFormat::importEnvironment(root);
            secrets = http::SecretScrubber::scrub(env);
            bool replaced = false;
            workspace.setSection(workspace::Section::Environments,
                                 http::RequestImport::mergeEnvironment(
                                     workspace.sectionArray(workspace::Section::Environments), env, &replaced));
            summary = u"%1 the environment \"%2\" (%3 variables)."_s.arg(replaced ? u"Replaced"_s : u"Imported"_s, env.name)
                          .arg(env.variables.size());
        } else {
            auto imported = http::PostmanFormat::importCollection(root, &warnings);
            if (!imported) {
                io.err << "quarry import: " << imported.error().toString() << '\n';
                return Failure;
            }
            http::Collection collection = std::move(imported).value();
            secrets = http::SecretScrubber::scrub(collection);
            bool replaced = false;
            workspace.setSection(workspace::Section::Collections,
                                 http::RequestImport::mergeCollection(
                                     workspace.sectionArray(workspace::Section::Collections), collection, &replaced));
            summary = u"%1 the collection \"%2\" (%3 requests)."_s.arg(replaced ? u"Replaced"_s : u"Imported"_s,
                                                                       collection.name)
                          .arg(collection.requests().size());
        }
    } else if (kind == u"har"_s) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(input.value(), &error);
        if (!doc.isObject()) {
            io.err << "quarry import: " << file << " is not JSON: " << error.errorString() << " at offset " << error.offset
                   << ".\n";
            return Failure;
        }
        const QString name = collectionName == u"Imported"_s ? QFileInfo(file).completeBaseName() : collectionName;
        auto imported = http::HarFormat::importHar(doc.object(), name, &warnings);
        if (!imported) {
            io.err << "quarry import: " << imported.error().toString() << '\n';
            return Failure;
        }
        http::Collection collection = std::move(imported).value();
        secrets = http::SecretScrubber::scrub(collection);
        QJsonArray list = workspace.sectionArray(workspace::Section::Collections);
        list.append(collection.toJson());
        workspace.setSection(workspace::Section::Collections, list);
        summary = u"Imported the collection \"%1\" (%2 requests) from the HAR file."_s.arg(collection.name)
                      .arg(collection.requests().size());
    } else {
        auto request = http::CurlFormat::fromCurl(QString::fromUtf8(input.value()), &warnings);
        if (!request) {
            io.err << "quarry import: " << request.error().toString() << '\n';
            return Failure;
        }
        auto collections = http::Collection::listFromJson(workspace.sectionArray(workspace::Section::Collections));
        if (!collections) {
            io.err << "quarry import: " << collections.error().toString() << '\n';
            return Failure;
        }
        QList<http::Collection> list = collections.value();
        qsizetype index = -1;
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (list.at(i).name == collectionName || list.at(i).id == collectionName)
                index = i;
        }
        if (index < 0) {
            http::Collection c;
            c.id = u"col-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
            c.name = collectionName;
            list.append(c);
            index = list.size() - 1;
        }
        QSet<QString> ids;
        collectIds(list.at(index).items, ids);
        http::CollectionItem item;
        item.request = request.value();
        item.request.id = u"req-curl-1"_s;
        for (int n = 2; ids.contains(item.request.id); ++n)
            item.request.id = u"req-curl-%1"_s.arg(n);
        secrets = http::SecretScrubber::scrub(item.request, list[index]);
        list[index].items.append(item);
        workspace.setSection(workspace::Section::Collections, http::Collection::listToJson(list));
        summary = u"Added \"%1\" to the collection \"%2\"."_s.arg(item.request.name, list.at(index).name);
    }
    for (const QString &w : std::as_const(warnings))
        io.err << "warning: " << w << '\n';
    if (auto saved = workspace.save(); !saved) {
        io.err << "quarry import: " << saved.error().toString() << '\n';
        return Failure;
    }
    io.out << summary << '\n';
    if (!secrets.isEmpty()) {
        // The secrets stay out of the file: say what to set before the requests can be sent.
        const QStringList lines = http::SecretScrubber::instructions(secrets);
        io.out << "Secrets were not written to the workspace; set these environment variables:\n";
        for (const QString &line : lines)
            io.out << "  " << line << '\n';
    }
    return Success;
}

} // namespace quarry::cli
