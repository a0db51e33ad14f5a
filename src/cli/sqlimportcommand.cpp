// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "sqlimportcommand.h"

#include "importcommand.h"

#include "schema/pgddlimporter.h"
#include "schema/sqliteddlimporter.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

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

// The auto-detection documented in the header.
QString detectDialect(const QString &file, const QByteArray &text)
{
    if (QFileInfo(file).fileName().contains(u"sqlite"_s, Qt::CaseInsensitive))
        return u"sqlite"_s;
    const QString firstLine = QString::fromUtf8(text.left(text.indexOf('\n'))).trimmed();
    static const QRegularExpression sqliteComment(u"^(--|/\\*).*\\bsqlite"_s, QRegularExpression::CaseInsensitiveOption);
    if (sqliteComment.match(firstLine).hasMatch())
        return u"sqlite"_s;
    return u"postgres"_s;
}

} // namespace

int saveImport(const schema::SqlImport &imported, const QString &file, const QString &into, const QString &command, Io &io)
{
    auto opened = openOrCreateWorkspace(into);
    if (!opened) {
        io.err << command << ": " << opened.error().toString() << '\n';
        return Failure;
    }
    std::unique_ptr<workspace::Workspace> ws = std::move(opened).value();

    const QJsonObject incoming = imported.schema.toJson();
    QJsonObject design = ws->section(workspace::Section::Schema);
    QStringList added, replaced;
    for (const QString &key : {u"namespaces"_s, u"enums"_s, u"tables"_s, u"views"_s}) {
        if (incoming.contains(key))
            design.insert(key, mergeByName(design.value(key).toArray(), incoming.value(key).toArray(), &added, &replaced));
    }
    // Keys of the design itself (DBML's Project and table groups) replace the workspace's.
    for (auto it = incoming.begin(); it != incoming.end(); ++it) {
        if (!QStringList{u"namespaces"_s, u"enums"_s, u"tables"_s, u"views"_s}.contains(it.key()))
            design.insert(it.key(), it.value());
    }
    ws->setSection(workspace::Section::Schema, design);
    if (const auto saved = ws->save(); !saved) {
        io.err << command << ": " << saved.error().toString() << '\n';
        return Failure;
    }
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
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        io.err << "quarry import sql: cannot read " << file << ": " << in.errorString() << '\n';
        return Failure;
    }
    const QString name = QFileInfo(file).fileName();
    Result<schema::SqlImport> imported = Error{};
    if (schema::SqliteDdlImporter::isDatabaseFile(file)) {
        if (dialect == u"postgres"_s) {
            io.err << "quarry import sql: " << name << " is a SQLite database, not PostgreSQL DDL.\n";
            return Failure;
        }
        in.close();
        imported = schema::SqliteDdlImporter::importDatabase(file);
        if (!imported) {
            io.err << "quarry import sql: " << name << ": " << imported.error().message << '\n';
            return Failure;
        }
    } else {
        const QByteArray text = in.readAll();
        if (dialect.isEmpty())
            dialect = detectDialect(file, text);
        imported = dialect == u"sqlite"_s ? schema::SqliteDdlImporter::import(QString::fromUtf8(text))
                                          : schema::PgDdlImporter::import(QString::fromUtf8(text));
        if (!imported) {
            io.err << "quarry import sql: " << name << ", " << imported.error().where << ": " << imported.error().message
                   << '\n';
            return Failure;
        }
    }
    return saveImport(imported.value(), file, into, u"quarry import sql"_s, io);
}

} // namespace quarry::cli
