// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "sqlimportcommand.h"

#include "importcommand.h"

#include "schema/schemaimport.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

bool mergeIntoWorkspace(const schema::Schema &design, const QString &into, const QString &command, Io &io,
                        QStringList *added, QStringList *replaced)
{
    auto opened = openOrCreateWorkspace(into);
    if (!opened) {
        io.err << command << ": " << opened.error().toString() << '\n';
        return false;
    }
    std::unique_ptr<workspace::Workspace> ws = std::move(opened).value();
    ws->setSection(workspace::Section::Schema,
                   schema::SchemaImport::merge(ws->section(workspace::Section::Schema), design, added, replaced));
    if (const auto saved = ws->save(); !saved) {
        io.err << command << ": " << saved.error().toString() << '\n';
        return false;
    }
    return true;
}

int saveImport(const schema::SqlImport &imported, const QString &file, const QString &into, const QString &command, Io &io)
{
    QStringList added, replaced;
    if (!mergeIntoWorkspace(imported.schema, into, command, io, &added, &replaced))
        return Failure;
    io.out << "Imported " << QFileInfo(file).fileName() << " into " << QFileInfo(into).fileName() << ": "
           << added.size() << " added, " << replaced.size() << " replaced.\n";
    for (const QString &note : imported.notes)
        io.err << "note: " << note << '\n';
    return Success;
}

int importSql(const QStringList &args, Io &io)
{
    const auto usage = [&io](const QString &message = {}) {
        if (!message.isEmpty())
            io.err << "quarry import sql: " << message << '\n';
        io.err << "Usage: quarry import sql FILE --into WORKSPACE [--dialect postgres|sqlite]\n"
                  "  FILE is DDL, or a SQLite database file. Without --dialect: a SQLite database by its header,\n"
                  "  SQLite DDL when the file name contains \"sqlite\" or its first line is a comment naming\n"
                  "  SQLite, PostgreSQL otherwise.\n";
        return int(UsageError);
    };
    QString file, into, dialect;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--into"_s && i + 1 < args.size())
            into = args.at(++i);
        else if (a == u"--dialect"_s && i + 1 < args.size())
            dialect = args.at(++i);
        else if (a.startsWith(u"--dialect="_s))
            dialect = a.mid(10);
        else if (a.startsWith(u"--"_s) || !file.isEmpty())
            return usage();
        else
            file = a;
    }
    if (file.isEmpty() || into.isEmpty())
        return usage();
    if (!dialect.isEmpty() && dialect != u"postgres"_s && dialect != u"sqlite"_s)
        return usage(u"unknown dialect \"%1\" (postgres, sqlite)."_s.arg(dialect));
    QString format = schema::SchemaImport::detectFormat(file);
    if (format == u"sqlite-db"_s && dialect == u"postgres"_s) {
        io.err << "quarry import sql: " << QFileInfo(file).fileName() << " is a SQLite database, not PostgreSQL DDL.\n";
        return Failure;
    }
    if (format != u"sqlite-db"_s)
        format = dialect.isEmpty() ? (format == u"sqlite"_s ? format : u"postgres"_s) : dialect;
    const auto imported = schema::SchemaImport::readFile(file, format);
    if (!imported) {
        io.err << "quarry import sql: " << imported.error().where << ": " << imported.error().message << '\n';
        return Failure;
    }
    return saveImport(imported.value(), file, into, u"quarry import sql"_s, io);
}

} // namespace quarry::cli
