// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/introspect.h"

#include "db/connection.h"
#include "db/pgconnection.h"
#include "schema/pgintrospector.h"
#include "schema/sqliteddlimporter.h"

#include <QCoreApplication>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Introspect)
};
} // namespace

Result<SqlImport> introspect(const QString &url)
{
    const QString where = db::maskedUrl(url);
    if (url.startsWith(u"sqlite:"_s)) {
        const QString path = db::sqliteFilePath(url);
        if (path.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("The URL names no database file."), where};
        if (!QFileInfo::exists(path))
            return Error{Error::Kind::NotFound, Tr::tr("There is no SQLite database file %1.").arg(path), where};
        if (!SqliteDdlImporter::isDatabaseFile(path))
            return Error{Error::Kind::InvalidInput, Tr::tr("%1 is not a SQLite database file.").arg(path), where};
        auto imported = SqliteDdlImporter::importDatabase(path);
        if (!imported)
            return Error{imported.error().kind, imported.error().message, where};
        return imported;
    }
    if (url.startsWith(u"postgresql://"_s) || url.startsWith(u"postgres://"_s)) {
        auto opened = db::PgConnection::open(url);
        if (!opened) // PgConnection's message names the URL without its password
            return Error{opened.error().kind, opened.error().message, where};
        return PgIntrospector::read(*opened.value(), where);
    }
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("Unsupported database URL; use sqlite:path/to/file.db or postgresql://user@host:port/db."),
                 where};
}

} // namespace quarry::schema
