// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "exportcommand.h"
#include "dbmlcommand.h"
#include "openapicommand.h"

#include "http/collection.h"
#include "http/postmanformat.h"
#include "workspace/workspace.h"

#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

int usage(Io &io, const QString &message)
{
    io.err << "quarry export: " << message << "\n"
           << "Usage: quarry export postman WORKSPACE [--collection NAME] [-o FILE] [--env NAME --env-out FILE]\n";
    return UsageError;
}

bool write(const QString &path, const QByteArray &bytes, Io &io)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        io.err << "quarry export: cannot write " << path << ": " << file.errorString() << '\n';
        return false;
    }
    return true;
}

} // namespace

int exportCommand(const QStringList &args, Io &io)
{
    if (args.isEmpty())
        return usage(io, u"what to export?"_s);
    const QString kind = args.first();
    if (kind == u"openapi"_s)
        return exportOpenApi(args.mid(1), io);   // mock routes -> OpenAPI 3.1
    if (kind == u"dbml"_s)
        return exportDbml(args.mid(1), io);      // schema design -> DBML
    if (kind != u"postman"_s) {
        if (QStringList{u"sql"_s}.contains(kind)) {
            io.err << "quarry export: exporting " << kind << " is not implemented in this build yet.\n";
            return UsageError;
        }
        return usage(io, u"unknown kind \"%1\"."_s.arg(kind));
    }
    QString path, collectionName, out, envName, envOut;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const bool hasValue = i + 1 < args.size();
        if ((a == u"-o"_s || a == u"--out"_s) && hasValue)
            out = args.at(++i);
        else if (a == u"--collection"_s && hasValue)
            collectionName = args.at(++i);
        else if (a == u"--env"_s && hasValue)
            envName = args.at(++i);
        else if (a == u"--env-out"_s && hasValue)
            envOut = args.at(++i);
        else if (a.startsWith(u'-'))
            return usage(io, u"unknown option %1 (or a missing value)."_s.arg(a));
        else if (path.isEmpty())
            path = a;
        else
            return usage(io, u"one workspace only."_s);
    }
    if (path.isEmpty())
        return usage(io, u"which workspace?"_s);
    if (envName.isEmpty() != envOut.isEmpty())
        return usage(io, u"--env and --env-out go together."_s);
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
    else if (!write(out, json, io))
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
        if (!write(envOut, QJsonDocument(http::PostmanFormat::exportEnvironment(*env)).toJson(QJsonDocument::Indented), io))
            return Failure;
    }
    return Success;
}

} // namespace quarry::cli
