// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/introspect.h"

#include "db/pgconnection.h"
#include "db/pgintrospector.h"
#include "schema/sqliteddlimporter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace quarry::db {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Introspect)
};
} // namespace

QString maskedUrl(const QString &url)
{
    QUrl u(url, QUrl::StrictMode);
    if (u.isValid() && !u.scheme().isEmpty() && !u.password().isEmpty()) {
        u.setPassword(u"***"_s);
        return u.toString();
    }
    // Keyword form ("host=... password=secret") or a URL QUrl refuses: cut the password value.
    static const QRegularExpression keyword(u"(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|\\S+)"_s);
    QString masked = url;
    masked.replace(keyword, u"\\1***"_s);
    static const QRegularExpression inUrl(u"^([a-z]+://[^:/@]*:)[^@]*@"_s);
    masked.replace(inUrl, u"\\1***@"_s);
    return masked;
}

Result<schema::SqlImport> introspect(const QString &url)
{
    const QString where = maskedUrl(url);
    if (url.startsWith(u"sqlite:"_s)) {
        QString path = url.mid(7);
        if (path.startsWith(u"//"_s))
            path = path.mid(2);   // sqlite:///abs/file.db and sqlite://rel.db
        if (path.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("The URL names no database file."), where};
        if (!QFileInfo::exists(path))
            return Error{Error::Kind::NotFound, Tr::tr("There is no SQLite database file %1.").arg(path), where};
        if (!schema::SqliteDdlImporter::isDatabaseFile(path))
            return Error{Error::Kind::InvalidInput, Tr::tr("%1 is not a SQLite database file.").arg(path), where};
        auto imported = schema::SqliteDdlImporter::importDatabase(path);
        if (!imported)
            return Error{imported.error().kind, imported.error().message, where};
        return imported;
    }
    if (url.startsWith(u"postgresql://"_s) || url.startsWith(u"postgres://"_s)) {
        auto opened = PgConnection::open(url);
        if (!opened) // PgConnection's message names the URL without its password
            return Error{opened.error().kind, opened.error().message, where};
        return PgIntrospector::read(*opened.value(), where);
    }
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("Unsupported database URL; use sqlite:path/to/file.db or postgresql://user@host:port/db."),
                 where};
}

} // namespace quarry::db
