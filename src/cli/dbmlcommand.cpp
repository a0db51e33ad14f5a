// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "dbmlcommand.h"

#include "sqlimportcommand.h"

#include "schema/dbmlexporter.h"
#include "schema/dbmlimporter.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

const OptionTable &importDbmlOptions()
{
    static const OptionTable table{
        .command = u"import dbml"_s,
        .summary = u"Import a DBML (dbdiagram.io) design into the workspace's schema."_s,
        .operands = {{u"FILE"_s}},
        .options = {{.name = u"--into"_s, .value = u"WORKSPACE"_s, .help = u"the workspace (made when it does not exist)"_s},
                    {.name = u"--json"_s, .help = u"print the design as the workspace's schema JSON, save nothing"_s}},
        .details = u"One of --into and --json is needed. FILE - reads standard input.\n"_s,
    };
    return table;
}

int importDbml(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(importDbmlOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString file = parsed->operand(0);
    const QString into = parsed->value(u"--into"_s);
    const bool json = parsed->isSet(u"--json"_s);
    if (into.isEmpty() && !json)
        return usageError(importDbmlOptions(), io, u"where to? Give --into WORKSPACE, or --json to print the design."_s);
    QFile in;
    if (file == u"-"_s ? !in.open(stdin, QIODevice::ReadOnly) : (in.setFileName(file), !in.open(QIODevice::ReadOnly))) {
        io.err << "quarry import dbml: cannot read " << file << ": " << in.errorString() << '\n';
        return Failure;
    }
    const auto imported = schema::DbmlImporter::import(QString::fromUtf8(in.readAll()));
    const QString name = file == u"-"_s ? u"<stdin>"_s : QFileInfo(file).fileName();
    if (!imported) {
        io.err << "quarry import dbml: " << name << ", " << imported.error().where << ": " << imported.error().message << '\n';
        return Failure;
    }
    if (json) {
        io.out << QString::fromUtf8(QJsonDocument(imported.value().schema.toJson()).toJson());
        for (const QString &note : imported.value().notes)
            io.err << "note: " << note << '\n';
        return Success;
    }
    return saveImport(imported.value(), file, into, u"quarry import dbml"_s, io);
}

const OptionTable &exportDbmlOptions()
{
    static const OptionTable table{
        .command = u"export dbml"_s,
        .summary = u"Export the schema design as DBML (dbdiagram.io)."_s,
        .operands = {{.name = u"WORKSPACE"_s, .missing = u"which workspace?"_s}},
        .options = {{.name = u"--out"_s, .value = u"FILE"_s, .help = u"write it to FILE instead of stdout"_s,
                     .aliases = {u"-o"_s, u"--output"_s}}},
    };
    return table;
}

int exportDbml(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(exportDbmlOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString path = parsed->operand(0);
    const QString out = parsed->value(u"--out"_s);
    auto ws = workspace::Workspace::load(path);
    if (!ws) {
        io.err << "quarry export dbml: " << ws.error().toString() << '\n';
        return Failure;
    }
    const auto design = schema::Schema::fromJson(ws.value()->section(workspace::Section::Schema));
    if (!design) {
        io.err << "quarry export dbml: " << QFileInfo(path).fileName() << ": " << design.error().toString() << '\n';
        return Failure;
    }
    QStringList notes;
    const QString dbml = schema::DbmlExporter::write(design.value(), &notes);
    if (out.isEmpty())
        io.out << dbml;
    else if (!writeOutput(u"export dbml"_s, out, dbml.toUtf8(), io))
        return Failure;
    for (const QString &note : notes)
        io.err << "note: " << note << '\n';
    return Success;
}

} // namespace quarry::cli
