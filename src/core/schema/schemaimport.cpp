// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/schemaimport.h"

#include "schema/dbmlimporter.h"
#include "schema/pgddlimporter.h"
#include "schema/sqliteddlimporter.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SchemaImport)
};

const QStringList lists = {u"namespaces"_s, u"enums"_s, u"tables"_s, u"views"_s};

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
        if (QStringList *list = found ? replaced : added)
            list->append(name);
    }
    return existing;
}

} // namespace

QString SchemaImport::detectFormat(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    if (name.endsWith(u".dbml"_s, Qt::CaseInsensitive))
        return u"dbml"_s;
    if (SqliteDdlImporter::isDatabaseFile(path))
        return u"sqlite-db"_s;
    if (name.contains(u"sqlite"_s, Qt::CaseInsensitive))
        return u"sqlite"_s;
    QFile f(path);
    if (f.open(QIODevice::ReadOnly)) {
        const QString firstLine = QString::fromUtf8(f.readLine(4096)).trimmed();
        static const QRegularExpression sqliteComment(u"^(--|/\\*).*\\bsqlite"_s, QRegularExpression::CaseInsensitiveOption);
        if (sqliteComment.match(firstLine).hasMatch())
            return u"sqlite"_s;
    }
    return u"postgres"_s;
}

Result<SqlImport> SchemaImport::readFile(const QString &path, const QString &requested)
{
    const QString format = requested.isEmpty() ? detectFormat(path) : requested;
    const QString name = QFileInfo(path).fileName();
    if (format == u"sqlite-db"_s) {
        auto imported = SqliteDdlImporter::importDatabase(path);
        if (!imported)
            return Error{imported.error().kind, imported.error().message, name};
        return imported;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, Tr::tr("Cannot read %1: %2.").arg(path, f.errorString()), name};
    const QString text = QString::fromUtf8(f.readAll());
    auto imported = format == u"dbml"_s     ? DbmlImporter::import(text)
                    : format == u"sqlite"_s ? SqliteDdlImporter::import(text)
                                            : PgDdlImporter::import(text);
    if (!imported)
        return Error{imported.error().kind, imported.error().message, name + u", "_s + imported.error().where};
    return imported;
}

QJsonObject SchemaImport::merge(QJsonObject design, const Schema &imported, QStringList *added, QStringList *replaced)
{
    const QJsonObject incoming = imported.toJson();
    for (auto it = incoming.begin(); it != incoming.end(); ++it) {
        if (lists.contains(it.key()))
            design.insert(it.key(), mergeByName(design.value(it.key()).toArray(), it.value().toArray(), added, replaced));
        else
            design.insert(it.key(), it.value());
    }
    return design;
}

} // namespace quarry::schema
