// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/connection.h"

#include "db/pgconnection.h"
#include "db/sqliteconnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace quarry::db {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Connection)
};

DbResult<void> checkedSavepoint(Connection &c, const char *verb, const QString &name)
{
    static const QRegularExpression plain(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    if (!plain.match(name).hasMatch())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("A savepoint name is letters, digits and underscores; %1 is not.").arg(name), {}};
    auto r = c.execute(QString::fromLatin1(verb) + u' ' + name);
    if (!r)
        return r.error();
    return {};
}

DbResult<void> done(DbResult<qint64> r)
{
    if (!r)
        return r.error();
    return {};
}
} // namespace

QString Row::text(qsizetype i) const
{
    const QVariant v = m_values.value(i);
    return v.isNull() ? QString() : v.toString();
}

Connection::~Connection() = default;

DbResult<std::unique_ptr<Connection>> Connection::open(const QString &url, const OpenOptions &options)
{
    const QString u = url.trimmed();
    if (u == u"sqlite::memory:"_s) {
        auto c = SqliteConnection::openMemory();
        if (!c)
            return c.error();
        return std::unique_ptr<Connection>(std::move(c).value());
    }
    if (u.startsWith(u"sqlite:"_s)) {
        const QString path = sqliteFilePath(u);
        if (path.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("The URL names no database file."), maskedUrl(url)};
        auto c = SqliteConnection::open(path, options);
        if (!c)
            return c.error();
        return std::unique_ptr<Connection>(std::move(c).value());
    }
    if (isPostgresUrl(u)) {
        auto c = PgConnection::open(u, options);
        if (!c)
            return c.error();
        return std::unique_ptr<Connection>(std::move(c).value());
    }
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("Unsupported database URL; use sqlite:path/to/file.db or postgresql://user@host:port/db."),
                 maskedUrl(url)};
}

DbResult<Rows> Connection::query(const QString &sql, const QVariantList &params)
{
    QList<QVariantList> collected;
    auto r = stream(sql, params, [&collected](const Row &row) {
        collected << row.values();
        return true;
    });
    if (!r)
        return r.error();
    Rows out = std::move(r).value();
    out.rows = std::move(collected);
    return out;
}

DbResult<qint64> Connection::execute(const QString &sql, const QVariantList &params)
{
    auto r = stream(sql, params, [](const Row &) { return true; });
    if (!r)
        return r.error();
    return r.value().affectedRows;
}

DbResult<void> Connection::begin()
{
    return done(execute(u"BEGIN"_s));
}

DbResult<void> Connection::commit()
{
    return done(execute(u"COMMIT"_s));
}

DbResult<void> Connection::rollback()
{
    return done(execute(u"ROLLBACK"_s));
}

DbResult<void> Connection::savepoint(const QString &name)
{
    return checkedSavepoint(*this, "SAVEPOINT", name);
}

DbResult<void> Connection::releaseSavepoint(const QString &name)
{
    return checkedSavepoint(*this, "RELEASE SAVEPOINT", name);
}

DbResult<void> Connection::rollbackToSavepoint(const QString &name)
{
    return checkedSavepoint(*this, "ROLLBACK TO SAVEPOINT", name);
}

bool isCancelled(const DbError &error)
{
    return error.sqlState == u"57014"_s || (error.sqliteCode & 0xff) == 9 /* SQLITE_INTERRUPT */;
}

QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.replace(u'"', u"\"\""_s);
    return u'"' + quoted + u'"';
}

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

bool isPostgresUrl(const QString &url)
{
    const QString u = url.trimmed();
    return u.startsWith(u"postgresql://"_s) || u.startsWith(u"postgres://"_s)
        || (!u.startsWith(u"sqlite:"_s) && (u.contains(u"host="_s) || u.contains(u"dbname="_s)));
}

QString sqliteFilePath(const QString &url, const QString &baseDir)
{
    const QString u = url.trimmed();
    if (!u.startsWith(u"sqlite:"_s))
        return {};
    QString path = u.mid(7);
    if (path.startsWith(u"//"_s))
        path = path.mid(2);   // sqlite:///abs/file.db and sqlite://rel.db
    if (path.isEmpty())
        return {};
    if (QDir::isRelativePath(path) && !baseDir.isEmpty())
        path = QDir(baseDir).filePath(path);
    return path;
}

} // namespace quarry::db
