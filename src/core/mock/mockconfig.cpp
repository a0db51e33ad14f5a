// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/mockconfig.h"

#include "mock/fakelocale.h"
#include "schema/schema.h"
#include "auth/authprofile.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(MockConfig)
};

QString resolveUrl(const QString &url, const QString &baseDir)
{
    if (url.startsWith(u"sqlite:"_s)) {
        QString path = url.mid(7);
        if (path.startsWith(u"//"_s))
            path = path.mid(2);
        if (QFileInfo(path).isRelative())
            path = QDir(baseDir).absoluteFilePath(path);
        return u"sqlite:"_s + QDir::cleanPath(path);
    }
    return url;
}

} // namespace

Result<MockConfig> MockConfig::fromJson(const QJsonObject &mock, const QJsonObject &schema, const QJsonArray &databases,
                                        const QString &baseDir, const QString &defaultDbName)
{
    MockConfig c;
    auto design = schema::Schema::fromJson(schema);
    if (!design)
        return design.error();
    c.design = std::make_shared<const schema::Schema>(std::move(design).value());
    const QJsonObject server = mock.value(u"server"_s).toObject();
    c.server.host = server.value(u"host"_s).toString(u"127.0.0.1"_s);
    const int port = server.value(u"port"_s).toInt(3000);
    if (port < 0 || port > 65535)
        return Error{Error::Kind::InvalidInput, Tr::tr("The port must be between 0 and 65535."), u"mock.server.port"_s};
    c.server.port = quint16(port);
    c.server.threads = std::clamp(server.value(u"threads"_s).toInt(2), 1, 64);
    c.seed = quint64(server.value(u"seed"_s).toInteger(1));
    c.locale = server.value(u"locale"_s).toString(u"en"_s);
    if (!FakeLocale::named(c.locale))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Quarry has no fake data for the locale \"%1\"; it has %2.")
                         .arg(c.locale, FakeLocale::available().join(u", "_s)),
                     u"mock.server.locale"_s};
    c.durableWrites = server.value(u"durableWrites"_s).toBool(false);
    const QJsonObject limits = server.value(u"limits"_s).toObject();
    c.server.maxHeaderBytes = limits.value(u"maxHeaderBytes"_s).toInteger(c.server.maxHeaderBytes);
    c.server.maxBodyBytes = limits.value(u"maxBodyBytes"_s).toInteger(c.server.maxBodyBytes);
    c.server.headerTimeoutMs = limits.value(u"headerTimeoutMs"_s).toInt(c.server.headerTimeoutMs);
    c.server.bodyTimeoutMs = limits.value(u"bodyTimeoutMs"_s).toInt(c.server.bodyTimeoutMs);
    c.server.idleTimeoutMs = limits.value(u"idleTimeoutMs"_s).toInt(c.server.idleTimeoutMs);
    c.server.workerThreads = limits.value(u"workerThreads"_s).toInt(c.server.workerThreads);
    c.server.workerQueue = limits.value(u"workerQueue"_s).toInt(c.server.workerQueue);
    c.server.maxHeaderCount = limits.value(u"maxHeaderCount"_s).toInt(c.server.maxHeaderCount);
    c.server.maxConnections = limits.value(u"maxConnections"_s).toInt(c.server.maxConnections);
    if (c.server.workerThreads < 1 || c.server.workerThreads > 64 || c.server.workerQueue < 0)
        return Error{Error::Kind::InvalidInput, Tr::tr("workerThreads must be 1 to 64 and workerQueue 0 or more."),
                     u"mock.server.limits"_s};
    if (c.server.maxHeaderBytes < 256 || c.server.maxBodyBytes < 0 || c.server.headerTimeoutMs < 1
        || c.server.bodyTimeoutMs < 1 || c.server.idleTimeoutMs < 1 || c.server.maxHeaderCount < 1
        || c.server.maxConnections < 1)
        return Error{Error::Kind::InvalidInput, Tr::tr("Limits must be positive (headers at least 256 bytes)."),
                     u"mock.server.limits"_s};
    if (server.contains(u"cors"_s)) {
        auto p = CorsPolicy::fromJson(server.value(u"cors"_s).toObject(), u"mock.server.cors"_s);
        if (!p)
            return p.error();
        c.cors = p.value();
    }
    if (server.contains(u"rateLimit"_s)) {
        auto p = RateLimitPolicy::fromJson(server.value(u"rateLimit"_s).toObject(), u"mock.server.rateLimit"_s);
        if (!p)
            return p.error();
        c.rateLimit = p.value();
    }
    if (server.contains(u"latency"_s)) {
        auto p = LatencyPolicy::fromJson(server.value(u"latency"_s).toObject(), u"mock.server.latency"_s);
        if (!p)
            return p.error();
        c.latency = p.value();
    }
    if (server.contains(u"faults"_s)) {
        auto p = FaultPolicy::fromJson(server.value(u"faults"_s).toObject(), u"mock.server.faults"_s);
        if (!p)
            return p.error();
        c.faults = p.value();
    }

    for (const QJsonValue &v : databases) {
        const QJsonObject db = v.toObject();
        const QString url = resolveUrl(db.value(u"url"_s).toString(), baseDir);
        c.databases.insert(db.value(u"id"_s).toString(), url);
        if (db.value(u"createTables"_s).toBool())
            c.createTables.insert(url);
        if (c.defaultDatabase.isEmpty() && url.startsWith(u"sqlite:"_s))
            c.defaultDatabase = url;
    }
    const QString serverDb = server.value(u"database"_s).toString();
    if (!serverDb.isEmpty())
        c.defaultDatabase = c.databases.value(serverDb, resolveUrl(serverDb, baseDir));
    if (c.defaultDatabase.isEmpty())
        c.defaultDatabase = resolveUrl(u"sqlite:"_s + defaultDbName, baseDir);

    const QJsonObject fixtures = mock.value(u"fixtures"_s).toObject();
    for (auto it = fixtures.begin(); it != fixtures.end(); ++it) {
        if (!it.value().isArray())
            return Error{Error::Kind::InvalidInput, Tr::tr("Fixtures of \"%1\" must be a list of rows.").arg(it.key()),
                         u"mock.fixtures.%1"_s.arg(it.key())};
        c.fixtures.insert(it.key(), it.value().toArray());
    }

    if (mock.contains(u"versioning"_s)) {
        if (!mock.value(u"versioning"_s).isObject())
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("\"versioning\" is an object: {\"versions\": [{\"name\": \"v1\"}, ...]}."),
                         u"mock.versioning"_s};
        auto versioning = ApiVersioning::fromJson(mock.value(u"versioning"_s).toObject(), u"mock.versioning"_s);
        if (!versioning)
            return versioning.error();
        c.versioning = versioning.value();
    }

    const QJsonArray routes = mock.value(u"routes"_s).toArray();
    QSet<QString> ids;
    for (qsizetype i = 0; i < routes.size(); ++i) {
        auto route = Route::fromJson(routes.at(i).toObject(), int(i));
        if (!route)
            return route.error();
        if (!route.value().id.isEmpty() && ids.contains(route.value().id))
            return Error{Error::Kind::InvalidInput, Tr::tr("Two routes have the id \"%1\".").arg(route.value().id),
                         u"mock.routes[%1].id"_s.arg(i)};
        ids.insert(route.value().id);
        const QString version = route.value().version;
        const bool known = std::any_of(c.versioning.versions.begin(), c.versioning.versions.end(),
                                       [&](const ApiVersion &v) { return v.name == version; });
        if (!version.isEmpty() && !known)
            return Error{Error::Kind::InvalidInput,
                         c.versioning.isEnabled()
                             ? Tr::tr("%1 belongs to the version \"%2\", which mock.versioning does not list.")
                                   .arg(route.value().label(), version)
                             : Tr::tr("%1 belongs to the version \"%2\", but mock.versioning lists no versions.")
                                   .arg(route.value().label(), version),
                         u"mock.routes[%1].version"_s.arg(i)};
        c.routes.append(std::move(route).value());
    }
    return c;
}

Result<MockConfig> MockConfig::fromWorkspace(const workspace::Workspace &ws)
{
    using workspace::Section;
    const QFileInfo file(ws.filePath());
    const QString baseDir = ws.filePath().isEmpty() ? QDir::currentPath() : file.absolutePath();
    const QString dbName = ws.filePath().isEmpty() ? u"mock.db"_s : file.completeBaseName() + u".db"_s;
    auto config = fromJson(ws.section(Section::Mock), ws.section(Section::Schema), ws.sectionArray(Section::Databases),
                           baseDir, dbName);
    if (!config)
        return config;
    const QList<Error> problems = profileProblems(config.value().routes, ws);
    if (!problems.isEmpty())
        return problems.first();
    return config;
}

QList<Error> MockConfig::profileProblems(const QList<Route> &routes, const workspace::Workspace &ws)
{
    // Parsed one by one, so a broken profile is named even when routes use only the others.
    const QJsonArray array = ws.sectionArray(workspace::Section::AuthProfiles);
    QList<Result<auth::AuthProfile>> profiles;
    QStringList ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        ids << array.at(i).toObject().value(u"id"_s).toString();
        profiles.append(auth::AuthProfile::fromJson(array.at(i).toObject(), u"authProfiles[%1]"_s.arg(i)));
    }
    const QJsonArray routeArray = ws.section(workspace::Section::Mock).value(u"routes"_s).toArray();
    QList<Error> problems;
    for (qsizetype i = 0; i < routes.size(); ++i) {
        const Route &route = routes.at(i);
        QString key;
        QJsonObject block;
        if (!route.auth.isEmpty())
            key = u"auth"_s, block = route.auth;
        else if (!route.login.isEmpty())
            key = u"login"_s, block = route.login;
        else if (!route.oauth.isEmpty())
            key = u"oauth"_s, block = route.oauth;
        else
            continue;
        // The index in the file, when the parsed list lines up with it (it does for fromWorkspace()).
        const qsizetype index = i < routeArray.size() && routeArray.at(i).toObject().value(u"id"_s).toString() == route.id ? i : -1;
        const QString where = (index >= 0 ? u"mock.routes[%1]"_s.arg(index) : u"route "_s + route.id) + u'.' + key;
        QString id = block.value(u"profile"_s).toString();
        if (id.isEmpty()) {
            if (ids.size() != 1) {
                problems.append(Error{Error::Kind::InvalidInput,
                                      ids.isEmpty() ? Tr::tr("%1 needs an auth profile, but the workspace has none (authProfiles is "
                                                             "missing or empty).").arg(route.label())
                                                    : Tr::tr("%1 names no auth profile, and the workspace has several (%2): "
                                                             "say which one with \"profile\".").arg(route.label(), ids.join(u", "_s)),
                                      where});
                continue;
            }
            id = ids.first();
        }
        const qsizetype found = ids.indexOf(id);
        if (found < 0) {
            problems.append(Error{Error::Kind::InvalidInput,
                                  ids.isEmpty() ? Tr::tr("%1 names the auth profile \"%2\", but the workspace has none "
                                                         "(authProfiles is missing or empty).").arg(route.label(), id)
                                                : Tr::tr("%1 names the auth profile \"%2\", which does not exist (there are: %3).")
                                                      .arg(route.label(), id, ids.join(u", "_s)),
                                  where + u".profile"_s});
            continue;
        }
        const Result<auth::AuthProfile> &profile = profiles.at(found);
        if (!profile)
            problems.append(Error{Error::Kind::InvalidInput,
                                  Tr::tr("%1 uses the auth profile \"%2\", which is broken: %3")
                                      .arg(route.label(), id, profile.error().message),
                                  profile.error().where});
    }
    return problems;
}

QString MockConfig::databaseFor(const ResourceSpec &resource) const
{
    if (resource.database.isEmpty())
        return defaultDatabase;
    return databases.value(resource.database, resource.database);
}

QHash<QString, QStringList> MockConfig::servedTables() const
{
    QHash<QString, QStringList> out;
    for (const Route &route : routes) {
        if (route.resource)
            out[databaseFor(*route.resource)] << route.resource->table;
        for (const QJsonObject &login : {route.login, route.oauth}) {
            if (!login.isEmpty())
                out[databaseFor(ResourceSpec{{}, login.value(u"database"_s).toString(), {}})]
                    << login.value(u"table"_s).toString(u"users"_s);
        }
    }
    return out;
}

} // namespace quarry::mock
