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

const OptionTable &importSqlOptions()
{
    static const OptionTable table{
        .command = u"import sql"_s,
        .summary = u"Import PostgreSQL or SQLite DDL, or a SQLite database file, into the workspace's schema."_s,
        .operands = {{u"FILE"_s}},
        .options = {{.name = u"--into"_s, .value = u"WORKSPACE"_s, .help = u"the workspace (made when it does not exist)"_s,
                     .use = Option::Required},
                    {.name = u"--dialect"_s, .help = u"what FILE holds (default: see below)"_s,
                     .choices = {u"postgres"_s, u"sqlite"_s}}},
        .details = u"FILE is DDL, or a SQLite database file. Without --dialect: a SQLite database by its header,\n"
                   u"SQLite DDL when the file name contains \"sqlite\" or its first line is a comment naming\n"
                   u"SQLite, PostgreSQL otherwise.\n"_s,
    };
    return table;
}

int importSql(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(importSqlOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString file = parsed->operand(0);
    const QString into = parsed->value(u"--into"_s);
    const QString dialect = parsed->value(u"--dialect"_s);
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
