// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "openapicommand.h"

#include "http/requestimport.h"
#include "http/openapicollection.h"
#include "openapi/openapidocument.h"
#include "openapi/openapiexporter.h"
#include "openapi/openapiimporter.h"
#include "openapi/openapiyaml.h"
#include "workspace/workspace.h"

#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

const OptionTable &importOpenApiOptions()
{
    static const OptionTable table{
        .command = u"import openapi"_s,
        .summary = u"Import an OpenAPI 3.0/3.1 document (JSON or YAML) as mock routes, requests or both."_s,
        .operands = {{.name = u"FILE"_s, .missing = u"FILE and --into WORKSPACE are required."_s}},
        .options = {{.name = u"--into"_s, .value = u"WORKSPACE"_s, .help = u"the workspace (made when it does not exist)"_s,
                     .use = Option::Required},
                    {.name = u"--base-path"_s, .value = u"PATH"_s, .help = u"put the routes under PATH, like /v1"_s,
                     .aliases = {u"--prefix"_s}},
                    {.name = u"--as"_s, .help = u"what to make of the operations (default routes)"_s,
                     .choices = {u"routes"_s, u"requests"_s, u"both"_s}}},
    };
    return table;
}

int importOpenApi(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(importOpenApiOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString file = parsed->operand(0);
    const QString into = parsed->value(u"--into"_s);
    const QString as = parsed->value(u"--as"_s, u"routes"_s);
    openapi::OpenApiImporter::Options options;
    options.pathPrefix = parsed->value(u"--base-path"_s);
    const bool routes = as != u"requests"_s, requests = as != u"routes"_s;
    if (!options.pathPrefix.isEmpty() && !options.pathPrefix.startsWith(u'/'))
        return usageError(importOpenApiOptions(), io, u"--base-path must start with /, like /v1."_s);
    while (options.pathPrefix.endsWith(u'/'))
        options.pathPrefix.chop(1);

    auto document = openapi::OpenApiDocument::load(file);
    if (!document) {
        io.err << "quarry import: " << document.error().toString() << '\n';
        return Failure;
    }
    Result<openapi::OpenApiImport> imported = openapi::OpenApiImport{};
    if (routes)
        imported = openapi::OpenApiImporter::importRoutes(document.value(), options);
    if (!imported) {
        io.err << "quarry import: " << imported.error().toString() << '\n';
        return Failure;
    }
    QStringList warnings = imported.value().warnings;
    Result<http::Collection> collection = http::Collection{};
    if (requests)
        collection = http::OpenApiCollection::importCollection(document.value(), {}, &warnings);
    if (!collection) {
        io.err << "quarry import: " << collection.error().toString() << '\n';
        return Failure;
    }

    std::unique_ptr<workspace::Workspace> ws;
    if (QFileInfo::exists(into)) {
        auto loaded = workspace::Workspace::load(into);
        if (!loaded) {
            io.err << "quarry import: " << loaded.error().toString() << '\n';
            return Failure;
        }
        ws = std::move(loaded).value();
    } else {
        ws = workspace::Workspace::createEmpty(QFileInfo(into).completeBaseName());
        ws->setFilePath(into);
    }
    openapi::OpenApiMerge merge;
    if (routes) {
        QJsonObject mock = ws->section(workspace::Section::Mock);
        merge = openapi::OpenApiImporter::mergeRoutes(mock.value(u"routes"_s).toArray(), imported.value().routes);
        mock.insert(u"routes"_s, merge.routes);
        ws->setSection(workspace::Section::Mock, mock);
    }
    bool replacedCollection = false;
    if (requests) {
        ws->setSection(workspace::Section::Collections,
                       http::RequestImport::mergeCollection(ws->sectionArray(workspace::Section::Collections),
                                                            collection.value(), &replacedCollection));
    }
    for (const QString &w : std::as_const(warnings))
        io.err << "warning: " << w << '\n';
    if (auto saved = ws->save(); !saved) {
        io.err << "quarry import: " << saved.error().toString() << '\n';
        return Failure;
    }
    if (routes) {
        io.out << "Imported " << imported.value().routes.size() << " routes from " << QFileInfo(file).fileName()
               << " into " << into << ": " << merge.added.size() << " added, " << merge.replaced.size() << " replaced.\n";
        for (const QString &label : std::as_const(merge.added))
            io.out << "  added    " << label << '\n';
        for (const QString &label : std::as_const(merge.replaced))
            io.out << "  replaced " << label << '\n';
    }
    if (requests)
        io.out << (replacedCollection ? "Replaced" : "Added") << " the collection \"" << collection.value().name << "\" ("
               << collection.value().requests().size() << " requests).\n";
    return Success;
}

const OptionTable &exportOpenApiOptions()
{
    static const OptionTable table{
        .command = u"export openapi"_s,
        .summary = u"Export the mock routes as an OpenAPI 3.1 document."_s,
        .operands = {{.name = u"WORKSPACE"_s, .missing = u"which workspace?"_s}},
        .options = {{.name = u"--out"_s, .value = u"FILE"_s, .help = u"write it to FILE (YAML when it ends in .yaml or .yml)"_s,
                     .aliases = {u"-o"_s}},
                    {.name = u"--yaml"_s, .help = u"YAML, whatever the file name"_s},
                    {.name = u"--json"_s, .help = u"JSON, whatever the file name"_s}},
    };
    return table;
}

int exportOpenApi(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(exportOpenApiOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString path = parsed->operand(0);
    const QString out = parsed->value(u"--out"_s);
    // 0: by the file name, 1: JSON, 2: YAML
    const int format = parsed->isSet(u"--yaml"_s) ? 2 : parsed->isSet(u"--json"_s) ? 1 : 0;
    auto ws = workspace::Workspace::load(path);
    if (!ws) {
        io.err << "quarry export: " << ws.error().toString() << '\n';
        return Failure;
    }
    QStringList warnings;
    auto document = openapi::OpenApiExporter::exportWorkspace(*ws.value(), &warnings);
    if (!document) {
        io.err << "quarry export: " << document.error().toString() << '\n';
        return Failure;
    }
    for (const QString &w : std::as_const(warnings))
        io.err << "warning: " << w << '\n';
    const QString suffix = QFileInfo(out).suffix().toLower();
    const bool yaml = format == 2 || (format == 0 && (suffix == u"yaml"_s || suffix == u"yml"_s));
    const QByteArray bytes = yaml ? openapi::OpenApiYaml::write(document.value())
                                  : QJsonDocument(document.value()).toJson(QJsonDocument::Indented);
    if (out.isEmpty()) {
        io.out << QString::fromUtf8(bytes);
        return Success;
    }
    if (!writeOutput(u"export"_s, out, bytes, io))
        return Failure;
    io.err << "Wrote " << document.value().value(u"paths"_s).toObject().size() << " paths to " << out << ".\n";
    return Success;
}

} // namespace quarry::cli
