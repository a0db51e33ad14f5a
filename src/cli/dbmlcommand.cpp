// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "dbmlcommand.h"

#include "savefile.h"
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

int importDbml(const QStringList &args, Io &io)
{
    const auto usage = [&io](const QString &message = {}) {
        if (!message.isEmpty())
            io.err << "quarry import dbml: " << message << '\n';
        io.err << "Usage: quarry import dbml FILE --into WORKSPACE\n"
                  "       quarry import dbml FILE --json      (print the design, save nothing)\n";
        return int(UsageError);
    };
    QString file, into;
    bool json = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--into"_s && i + 1 < args.size())
            into = args.at(++i);
        else if (a == u"--json"_s)
            json = true;
        else if (a.startsWith(u"--"_s))
            return usage(u"unknown option %1."_s.arg(a));
        else if (!file.isEmpty())
            return usage(u"one input file only."_s);
        else
            file = a;
    }
    if (file.isEmpty() || (into.isEmpty() && !json))
        return usage();
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

int exportDbml(const QStringList &args, Io &io)
{
    const auto usage = [&io](const QString &message = {}) {
        if (!message.isEmpty())
            io.err << "quarry export dbml: " << message << '\n';
        io.err << "Usage: quarry export dbml WORKSPACE [-o|--output FILE]\n";
        return int(UsageError);
    };
    QString path, out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if ((a == u"-o"_s || a == u"--output"_s || a == u"--out"_s) && i + 1 < args.size())
            out = args.at(++i);
        else if (a.startsWith(u'-'))
            return usage(u"unknown option %1 (or a missing value)."_s.arg(a));
        else if (!path.isEmpty())
            return usage(u"one workspace only."_s);
        else
            path = a;
    }
    if (path.isEmpty())
        return usage(u"which workspace?"_s);
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
    if (out.isEmpty()) {
        io.out << dbml;
    } else {
        if (const auto saved = saveFile(out, dbml.toUtf8()); !saved) {
            io.err << "quarry export dbml: " << saved.error().message << '\n';
            return Failure;
        }
    }
    for (const QString &note : notes)
        io.err << "note: " << note << '\n';
    return Success;
}

} // namespace quarry::cli
