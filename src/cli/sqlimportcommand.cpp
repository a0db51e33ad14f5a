// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "sqlimportcommand.h"

#include "importcommand.h"

#include "schema/pgddlimporter.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

/// Merges `incoming` objects into `existing` by name: same name replaces, new names append.
QJsonArray mergeByName(QJsonArray existing, const QJsonArray &incoming, QStringList *added, QStringList *replaced)
{
    for (const QJsonValue &v : incoming) {
        const QString name = v.toObject().value(u"name"_s).toString();
        bool found = false;
        for (qsizetype i = 0; i < existing.size(); ++i) {
            if (existing.at(i).toObject().value(u"name"_s).toString() == name) {
                existing[i] = v;
                found = true;
                break;
            }
        }
        if (!found)
            existing.append(v);
        (found ? replaced : added)->append(name);
    }
    return existing;
}

} // namespace

int importSql(const QStringList &args, Io &io)
{
    const auto usage = [&io] {
        io.err << "Usage: quarry import sql FILE --into WORKSPACE\n";
        return int(UsageError);
    };
    QString file, into;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--into"_s && i + 1 < args.size())
            into = args.at(++i);
        else if (a.startsWith(u"--"_s) || !file.isEmpty())
            return usage();
        else
            file = a;
    }
    if (file.isEmpty() || into.isEmpty())
        return usage();
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        io.err << "quarry import sql: cannot read " << file << ": " << in.errorString() << '\n';
        return Failure;
    }
    const auto imported = schema::PgDdlImporter::import(QString::fromUtf8(in.readAll()));
    if (!imported) {
        io.err << "quarry import sql: " << QFileInfo(file).fileName() << ", " << imported.error().where << ": "
               << imported.error().message << '\n';
        return Failure;
    }

    auto opened = openOrCreateWorkspace(into);
    if (!opened) {
        io.err << "quarry import sql: " << opened.error().toString() << '\n';
        return Failure;
    }
    std::unique_ptr<workspace::Workspace> ws = std::move(opened).value();

    const QJsonObject incoming = imported.value().schema.toJson();
    QJsonObject design = ws->section(workspace::Section::Schema);
    QStringList added, replaced;
    for (const QString &key : {u"namespaces"_s, u"enums"_s, u"tables"_s, u"views"_s}) {
        if (incoming.contains(key))
            design.insert(key, mergeByName(design.value(key).toArray(), incoming.value(key).toArray(), &added, &replaced));
    }
    ws->setSection(workspace::Section::Schema, design);
    if (const auto saved = ws->save(); !saved) {
        io.err << "quarry import sql: " << saved.error().toString() << '\n';
        return Failure;
    }
    io.out << "Imported " << QFileInfo(file).fileName() << " into " << QFileInfo(into).fileName() << ": "
           << added.size() << " added, " << replaced.size() << " replaced.\n";
    for (const QString &note : imported.value().notes)
        io.err << "note: " << note << '\n';
    return Success;
}

} // namespace quarry::cli
