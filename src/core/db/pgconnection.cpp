// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/pgconnection.h"

#include <QCoreApplication>
#include <QUrl>

#include <pqxx/pqxx>

using namespace Qt::Literals::StringLiterals;

namespace quarry::db {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PgConnection)
};

/// The URL without its password, for messages.
QString displayUrl(const QString &url)
{
    QUrl u(url, QUrl::StrictMode);
    if (u.isValid() && !u.scheme().isEmpty()) {
        u.setPassword({});
        return u.toString();
    }
    return url.section(u"password="_s, 0, 0).trimmed();
}
} // namespace

struct PgConnection::Private {
    std::unique_ptr<pqxx::connection> conn;
    QString displayUrl;
};

PgConnection::PgConnection() : d(std::make_unique<Private>()) {}
PgConnection::~PgConnection() = default;

Result<std::unique_ptr<PgConnection>> PgConnection::open(const QString &url)
{
    std::unique_ptr<PgConnection> c(new PgConnection);
    c->d->displayUrl = displayUrl(url);
    try {
        // A dead host must not hang the caller: bound the connect unless the URL says otherwise.
        std::string options = url.toStdString();
        if (!url.contains(u"connect_timeout"_s))
            options += url.contains(u"://"_s) ? (url.contains(u'?') ? "&connect_timeout=5" : "?connect_timeout=5")
                                             : " connect_timeout=5";
        c->d->conn = std::make_unique<pqxx::connection>(options);
    } catch (const pqxx::broken_connection &e) {
        return Error{Error::Kind::Network,
                     Tr::tr("Cannot connect to %1: %2").arg(c->d->displayUrl, QString::fromUtf8(e.what()).trimmed()),
                     c->d->displayUrl};
    } catch (const std::exception &e) {
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Cannot use the connection string: %1").arg(QString::fromUtf8(e.what()).trimmed()),
                     c->d->displayUrl};
    }
    return c;
}

Result<Rows> PgConnection::query(const QString &sql, const QVariantList &params)
{
    try {
        pqxx::work tx(*d->conn);
        // libpqxx 6 binds a null const char * as SQL NULL.
        std::vector<std::string> storage;
        storage.reserve(params.size());
        std::vector<const char *> values;
        for (const QVariant &v : params) {
            if (v.isNull()) {
                values.push_back(nullptr);
            } else {
                storage.push_back(v.toString().toStdString());
                values.push_back(storage.back().c_str());
            }
        }
        const pqxx::result r = tx.exec_params(sql.toStdString(), pqxx::prepare::make_dynamic_params(values));
        tx.commit();
        Rows rows;
        for (pqxx::row::size_type c = 0; c < r.columns(); ++c)
            rows.columns << QString::fromUtf8(r.column_name(c));
        for (const auto &row : r) {
            QVariantList values;
            for (const auto &field : row)
                values << (field.is_null() ? QVariant() : QVariant(QString::fromUtf8(field.c_str())));
            rows.rows << values;
        }
        return rows;
    } catch (const pqxx::broken_connection &) {
        return Error{Error::Kind::Network, Tr::tr("Lost the connection to %1.").arg(d->displayUrl), {}};
    } catch (const pqxx::sql_error &e) {
        return Error{Error::Kind::Database, QString::fromUtf8(e.what()).trimmed(), QString::fromStdString(e.sqlstate())};
    } catch (const std::exception &e) {
        return Error{Error::Kind::Database, QString::fromUtf8(e.what()).trimmed(), {}};
    }
}

QString PgConnection::serverVersion() const
{
    const int v = d->conn->server_version();
    return u"%1.%2"_s.arg(v / 10000).arg(v % 10000);
}

} // namespace quarry::db
