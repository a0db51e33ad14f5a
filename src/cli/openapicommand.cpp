// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "openapicommand.h"

#include "savefile.h"
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

namespace {

int importUsage(Io &io, const QString &message)
{
    io.err << "quarry import openapi: " << message << "\n"
           << "Usage: quarry import openapi FILE --into WORKSPACE [--base-path PATH] [--as routes|requests|both]\n";
    return UsageError;
}

int exportUsage(Io &io, const QString &message)
{
    io.err << "quarry export openapi: " << message << "\n"
           << "Usage: quarry export openapi WORKSPACE [-o FILE] [--yaml|--json]\n";
    return UsageError;
}

} // namespace

int importOpenApi(const QStringList &args, Io &io)
{
    QString file, into, as = u"routes"_s;
    openapi::OpenApiImporter::Options options;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const bool hasValue = i + 1 < args.size();
        if (a == u"--into"_s && hasValue)
            into = args.at(++i);
        else if (a == u"--as"_s && hasValue)
            as = args.at(++i);
        else if ((a == u"--base-path"_s || a == u"--prefix"_s) && hasValue)
            options.pathPrefix = args.at(++i);
        else if (a.startsWith(u"--"_s))
            return importUsage(io, u"unknown option %1 (or a missing value)."_s.arg(a));
        else if (file.isEmpty())
            file = a;
        else
            return importUsage(io, u"one input file only."_s);
    }
    if (file.isEmpty() || into.isEmpty())
        return importUsage(io, u"FILE and --into WORKSPACE are required."_s);
    if (as != u"routes"_s && as != u"requests"_s && as != u"both"_s)
        return importUsage(io, u"--as takes routes, requests or both, not \"%1\"."_s.arg(as));
    const bool routes = as != u"requests"_s, requests = as != u"routes"_s;
    if (!options.pathPrefix.isEmpty() && !options.pathPrefix.startsWith(u'/'))
        return importUsage(io, u"--base-path must start with /, like /v1."_s);
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

int exportOpenApi(const QStringList &args, Io &io)
{
    QString path, out;
    int format = 0;   // 0: by the file name, 1: JSON, 2: YAML
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if ((a == u"-o"_s || a == u"--out"_s) && i + 1 < args.size())
            out = args.at(++i);
        else if (a == u"--yaml"_s)
            format = 2;
        else if (a == u"--json"_s)
            format = 1;
        else if (a.startsWith(u'-'))
            return exportUsage(io, u"unknown option %1 (or a missing value)."_s.arg(a));
        else if (path.isEmpty())
            path = a;
        else
            return exportUsage(io, u"one workspace only."_s);
    }
    if (path.isEmpty())
        return exportUsage(io, u"which workspace?"_s);
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
    if (const auto saved = saveFile(out, bytes); !saved) {
        io.err << "quarry export: " << saved.error().message << '\n';
        return Failure;
    }
    io.err << "Wrote " << document.value().value(u"paths"_s).toObject().size() << " paths to " << out << ".\n";
    return Success;
}

} // namespace quarry::cli
