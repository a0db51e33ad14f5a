// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/requestimport.h"

#include "http/brunoformat.h"
#include "http/harformat.h"
#include "http/insomniaformat.h"
#include "http/postmanformat.h"
#include "jsontext.h"
#include "http/openapicollection.h"
#include "openapi/openapidocument.h"
#include "openapi/openapiyaml.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RequestImport)
};

bool startsLikeJson(const QByteArray &text)
{
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

// An importer's error without a location gets the file's name.
Error located(Error error, const QString &origin)
{
    if (error.where.isEmpty())
        error.where = origin;
    else if (!origin.isEmpty() && !error.where.startsWith(origin))
        error.where = origin + u", "_s + error.where;
    return error;
}

} // namespace

QString RequestImport::kindName() const
{
    switch (kind) {
    case Kind::PostmanCollection: return Tr::tr("Postman collection");
    case Kind::PostmanEnvironment: return Tr::tr("Postman environment");
    case Kind::Har: return Tr::tr("HAR file");
    case Kind::OpenApi: return Tr::tr("OpenAPI document");
    case Kind::Insomnia: return Tr::tr("Insomnia export");
    case Kind::Bruno: return Tr::tr("Bruno collection");
    }
    return {};
}

namespace {
/// What every import goes through before it is handed out: its secrets taken out (SecretScrubber).
Result<RequestImport> scrubbed(Result<RequestImport> read)
{
    if (!read)
        return read;
    RequestImport out = std::move(read).value();
    if (out.collection)
        out.secrets = SecretScrubber::scrub(*out.collection);
    if (out.environment)
        out.secrets += SecretScrubber::scrub(*out.environment);
    for (Environment &e : out.environments)
        out.secrets += SecretScrubber::scrub(e);
    return out;
}

Result<RequestImport> bruno(const QString &directory)
{
    RequestImport out;
    auto bundle = BrunoFormat::importDirectory(directory, &out.warnings);
    if (!bundle)
        return bundle.error();
    out.kind = RequestImport::Kind::Bruno;
    out.collection = std::move(bundle.value().collection);
    out.environments = std::move(bundle.value().environments);
    return out;
}

Result<RequestImport> insomnia(const QJsonObject &root, const QString &origin)
{
    RequestImport out;
    auto bundle = InsomniaFormat::importExport(root, &out.warnings);
    if (!bundle)
        return located(bundle.error(), origin);
    out.kind = RequestImport::Kind::Insomnia;
    out.collection = std::move(bundle.value().collection);
    out.environments = std::move(bundle.value().environments);
    return out;
}
} // namespace

Result<RequestImport> RequestImport::readFile(const QString &path)
{
    // A Bruno collection is a folder: its bruno.json, or the folder itself, stands for it.
    const QFileInfo given(path);
    const QString brunoJson = given.isDir() ? QDir(path).filePath(u"bruno.json"_s) : path;
    if (given.isDir() || given.fileName() == u"bruno.json"_s) {
        QFile manifest(brunoJson);
        if (manifest.open(QIODevice::ReadOnly) && BrunoFormat::recognises(manifest.readAll()))
            return scrubbed(bruno(QFileInfo(brunoJson).absolutePath()));
        if (given.isDir())
            return Error{Error::Kind::InvalidInput, Tr::tr("The folder %1 holds no Bruno collection (no bruno.json).").arg(path), path};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, Tr::tr("Cannot read %1: %2.").arg(path, file.errorString()), path};
    const QFileInfo info(path);
    return fromText(file.readAll(), info.fileName(), info.completeBaseName());
}

/// The file read as its format says, secrets still in it.
static Result<RequestImport> recognise(const QByteArray &text, const QString &origin, const QString &baseName)
{
    RequestImport out;
    QJsonObject root;
    if (startsLikeJson(text)) {
        auto doc = parseJson(text, origin);
        if (!doc)
            return doc.error();
        if (!doc.value().isObject())
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("This JSON is not a Postman collection or environment, a HAR file or an OpenAPI "
                                "document: its top level is an array."),
                         origin};
        root = doc.value().object();
    }
    if (!startsLikeJson(text)) {
        // YAML: an Insomnia v5 export says so in its `type`; anything else is read as OpenAPI.
        auto yaml = openapi::OpenApiYaml::parse(text, origin);
        if (yaml && InsomniaFormat::recognises(yaml.value().toObject()))
            return insomnia(yaml.value().toObject(), origin);
    } else if (InsomniaFormat::recognises(root)) {
        return insomnia(root, origin);
    }
    const bool openApi = !startsLikeJson(text) || root.contains(u"openapi"_s) || root.contains(u"swagger"_s);
    if (openApi) {
        // YAML is read as OpenAPI only; its parser reports syntax errors with line and column.
        auto document = openapi::OpenApiDocument::fromText(text, origin);
        if (!document)
            return located(document.error(), origin);
        auto collection = OpenApiCollection::importCollection(document.value(), {}, &out.warnings);
        if (!collection)
            return located(collection.error(), origin);
        out.kind = RequestImport::Kind::OpenApi;
        out.collection = std::move(collection).value();
        return out;
    }
    if (root.value(u"log"_s).isObject()) {
        auto collection = HarFormat::importHar(root, baseName, &out.warnings);
        if (!collection)
            return located(collection.error(), origin);
        out.kind = RequestImport::Kind::Har;
        out.collection = std::move(collection).value();
        return out;
    }
    if (root.contains(u"values"_s) && !root.contains(u"item"_s)) {
        if (!root.value(u"values"_s).isArray())
            return Error{Error::Kind::InvalidInput, Tr::tr("The environment's \"values\" is not an array."), origin};
        out.kind = RequestImport::Kind::PostmanEnvironment;
        out.environment = PostmanFormat::importEnvironment(root);
        if (out.environment->name.isEmpty())
            out.environment->name = baseName;
        return out;
    }
    if (root.contains(u"item"_s) || root.value(u"info"_s).toObject().contains(u"schema"_s)) {
        auto collection = PostmanFormat::importCollection(root, &out.warnings);
        if (!collection)
            return located(collection.error(), origin);
        out.kind = RequestImport::Kind::PostmanCollection;
        out.collection = std::move(collection).value();
        return out;
    }
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("This JSON is not a Postman collection (no \"item\"), a Postman environment (no \"values\"), "
                        "a HAR file (no \"log\") or an OpenAPI document (no \"openapi\")."),
                 origin};
}

Result<RequestImport> RequestImport::fromText(const QByteArray &text, const QString &origin, const QString &baseName)
{
    return scrubbed(recognise(text, origin, baseName));
}

QJsonArray RequestImport::mergeCollection(QJsonArray list, const Collection &collection, bool *replaced)
{
    bool found = false;
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!collection.id.isEmpty() && list.at(i).toObject().value(u"id"_s).toString() == collection.id) {
            list.replace(i, collection.toJson());
            found = true;
        }
    }
    if (!found)
        list.append(collection.toJson());
    if (replaced)
        *replaced = found;
    return list;
}

QJsonArray RequestImport::mergeEnvironment(QJsonArray list, const Environment &environment, bool *replaced)
{
    qsizetype at = -1;
    for (qsizetype i = 0; i < list.size() && at < 0; ++i) {
        const QJsonObject e = list.at(i).toObject();
        if (!environment.id.isEmpty() && e.value(u"id"_s).toString() == environment.id)
            at = i;
    }
    for (qsizetype i = 0; i < list.size() && at < 0; ++i) {
        if (list.at(i).toObject().value(u"name"_s).toString() == environment.name)
            at = i;
    }
    if (at >= 0)
        list.replace(at, environment.toJson());
    else
        list.append(environment.toJson());
    if (replaced)
        *replaced = at >= 0;
    return list;
}

} // namespace quarry::http
