// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "buildinfo.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include <boost/version.hpp>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <pqxx/version>
#include <sodium.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry {

QString quarryVersion()
{
    return QStringLiteral(QUARRY_VERSION);
}

namespace {
QString sqliteVersion()
{
    // The SQLite that QtSql's driver runs on, asked at run time.
    const QString name = u"quarry-version-probe-"_s + QUuid::createUuid().toString(QUuid::Id128);
    QString version = u"(QSQLITE driver missing)"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(u":memory:"_s);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(u"select sqlite_version()"_s) && q.next())
                version = q.value(0).toString();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}
} // namespace

QList<ComponentVersion> componentVersions()
{
    return {
        {u"Quarry"_s, quarryVersion()},
        {u"Qt"_s, QString::fromLatin1(qVersion())},
        {u"SQLite"_s, sqliteVersion()},
        {u"libpqxx"_s, QStringLiteral(PQXX_VERSION)},
        {u"OpenSSL"_s, QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION_STRING))},
        {u"libsodium"_s, QString::fromLatin1(sodium_version_string())},
        {u"Boost"_s, u"%1.%2.%3"_s.arg(BOOST_VERSION / 100000).arg(BOOST_VERSION / 100 % 1000).arg(BOOST_VERSION % 100)},
        {u"nlohmann_json"_s, u"%1.%2.%3"_s.arg(NLOHMANN_JSON_VERSION_MAJOR).arg(NLOHMANN_JSON_VERSION_MINOR)
                                 .arg(NLOHMANN_JSON_VERSION_PATCH)},
    };
}

} // namespace quarry
