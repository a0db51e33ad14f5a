// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "openapi/openapiexporter.h"

#include "httpstatus.h"
#include "openapi/openapirequestschema.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::openapi {

using namespace mock;   // the routes this module reads and writes

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OpenApiExporter)
};

const QStringList AnyFallbacks{u"get"_s, u"post"_s, u"put"_s, u"patch"_s, u"delete"_s, u"options"_s, u"head"_s};

QString contentTypeOf(const ResponseSpec &spec)
{
    for (const auto &h : spec.headers) {
        if (h.first.compare(u"content-type"_s, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool isJsonType(const QString &mediaType)
{
    const QString base = mediaType.section(u';', 0, 0).trimmed().toLower();
    return base == u"application/json"_s || base.endsWith(u"+json"_s);
}

/// The body as an example value: JSON bodies as JSON, templates and other text as the text.
QJsonValue exampleValue(const ResponseSpec &spec, const QString &mediaType)
{
    if (spec.bodyIsTemplate || !isJsonType(mediaType))
        return spec.body;
    QJsonParseError error{};
    // Wrapped, so that scalars parse too.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + spec.body.toUtf8() + "]", &error);
    if (error.error != QJsonParseError::NoError || doc.array().size() != 1)
        return spec.body;
    return doc.array().first();
}

/// A JSON Schema that describes an example value, so that readers of the document see types.
QJsonObject schemaOf(const QJsonValue &v, int depth = 0)
{
    switch (v.type()) {
    case QJsonValue::Object: {
        QJsonObject properties;
        const QJsonObject o = v.toObject();
        if (depth < 16) {
            for (auto it = o.begin(); it != o.end(); ++it)
                properties.insert(it.key(), schemaOf(it.value(), depth + 1));
        }
        return QJsonObject{{u"type"_s, u"object"_s}, {u"properties"_s, properties}};
    }
    case QJsonValue::Array: {
        const QJsonArray a = v.toArray();
        return QJsonObject{{u"type"_s, u"array"_s},
                           {u"items"_s, a.isEmpty() || depth >= 16 ? QJsonObject{} : schemaOf(a.first(), depth + 1)}};
    }
    case QJsonValue::String: return QJsonObject{{u"type"_s, u"string"_s}};
    case QJsonValue::Bool: return QJsonObject{{u"type"_s, u"boolean"_s}};
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return QJsonObject{{u"type"_s, d == double(qint64(d)) ? u"integer"_s : u"number"_s}};
    }
    default: return QJsonObject{{u"type"_s, u"null"_s}};
    }
}

QJsonObject headersOf(const ResponseSpec &spec)
{
    QJsonObject headers;
    for (const auto &h : spec.headers) {
        if (h.first.compare(u"content-type"_s, Qt::CaseInsensitive) == 0)
            continue;
        headers.insert(h.first, QJsonObject{{u"schema"_s, QJsonObject{{u"type"_s, u"string"_s}}}, {u"example"_s, h.second}});
    }
    return headers;
}

QJsonObject allHeadersOf(const ResponseSpec &spec)
{
    QJsonObject headers;
    for (const auto &h : spec.headers)
        headers.insert(h.first, h.second);
    return headers;
}

QJsonObject marks(const ResponseSpec &spec, int position)
{
    QJsonObject o{{u"x-quarry-position"_s, position}};
    if (!spec.label.isEmpty())
        o.insert(u"x-quarry-label"_s, spec.label);
    QJsonArray rules;
    for (const Rule &rule : spec.rules)
        rules.append(rule.toJson());
    o.insert(u"x-quarry-rules"_s, rules);
    if (!spec.rules.isEmpty())
        o.insert(u"x-quarry-rules-match"_s, spec.matchAll ? u"all"_s : u"any"_s);
    return o;
}

QString mediaTypeFor(const ResponseSpec &spec)
{
    QString type = contentTypeOf(spec);
    if (type.isEmpty() && !spec.body.isEmpty()) {
        QJsonParseError error{};
        QJsonDocument::fromJson(spec.body.toUtf8(), &error);
        type = error.error == QJsonParseError::NoError ? u"application/json"_s : u"text/plain"_s;
    }
    return type;
}

QJsonObject responsesOf(const Route &route)
{
    QJsonObject responses;
    if (route.responses.isEmpty()) {
        // OpenAPI wants at least one response; say who answers instead.
        int status = route.method == u"POST"_s ? 201 : route.method == u"DELETE"_s ? 204 : 200;
        QString description = route.resource
            ? Tr::tr("Answered by Quarry's CRUD resource on the table %1.").arg(route.resource->table)
            : Tr::tr("Answered by Quarry (no fixed response on this route).");
        if (!route.resource)
            status = 200;
        QJsonObject response{{u"description"_s, description}, {u"x-quarry-synthesized"_s, true}};
        if (!route.login.isEmpty() || !route.oauth.isEmpty()) {
            // What Quarry's login and OAuth token endpoints answer (see auth::LoginEndpoint).
            const QJsonObject token{{u"type"_s, u"object"_s},
                                    {u"properties"_s, QJsonObject{{u"token"_s, QJsonObject{{u"type"_s, u"string"_s}}},
                                                                  {u"access_token"_s, QJsonObject{{u"type"_s, u"string"_s}}},
                                                                  {u"tokenType"_s, QJsonObject{{u"type"_s, u"string"_s}}},
                                                                  {u"token_type"_s, QJsonObject{{u"type"_s, u"string"_s}}},
                                                                  {u"expiresIn"_s, QJsonObject{{u"type"_s, u"integer"_s}}},
                                                                  {u"expires_in"_s, QJsonObject{{u"type"_s, u"integer"_s}}}}}};
            response.insert(u"description"_s, route.login.isEmpty() ? Tr::tr("A token from Quarry's OAuth 2.0 token endpoint.")
                                                                    : Tr::tr("A token from Quarry's login endpoint."));
            response.insert(u"content"_s, QJsonObject{{u"application/json"_s, QJsonObject{{u"schema"_s, token}}}});
            responses.insert(u"200"_s, response);
            responses.insert(route.login.isEmpty() ? u"400"_s : u"401"_s,
                             QJsonObject{{u"description"_s, route.login.isEmpty() ? Tr::tr("An OAuth 2.0 error (RFC 6749 section 5.2).")
                                                                                  : Tr::tr("Wrong e-mail or password.")},
                                         {u"x-quarry-synthesized"_s, true}});
            return responses;
        }
        responses.insert(QString::number(status), response);
        return responses;
    }
    QList<int> statuses;
    QHash<int, QList<int>> byStatus;
    for (qsizetype i = 0; i < route.responses.size(); ++i) {
        const int status = route.responses.at(i).status;
        if (!byStatus.contains(status))
            statuses.append(status);
        byStatus[status].append(int(i));
    }
    for (const int status : std::as_const(statuses)) {
        const QList<int> &indexes = byStatus[status];
        const ResponseSpec &first = route.responses.at(indexes.first());
        QJsonObject response{{u"description"_s, first.label.isEmpty() ? HttpStatus::reason(status) : first.label}};
        const QJsonObject headers = headersOf(first);
        if (!headers.isEmpty())
            response.insert(u"headers"_s, headers);
        const QString mediaType = mediaTypeFor(first);
        if (indexes.size() == 1) {
            const QJsonObject m = marks(first, indexes.first());
            for (auto it = m.begin(); it != m.end(); ++it)
                response.insert(it.key(), it.value());
            if (!mediaType.isEmpty()) {
                // The media type was guessed from the body: the route's own headers say there is none.
                if (contentTypeOf(first).isEmpty())
                    response.insert(u"x-quarry-headers"_s, allHeadersOf(first));
                QJsonObject media;
                if (!first.body.isEmpty()) {
                    const QJsonValue example = exampleValue(first, mediaType);
                    media.insert(u"example"_s, example);
                    if (isJsonType(mediaType) && !first.bodyIsTemplate)
                        media.insert(u"schema"_s, schemaOf(example));
                }
                response.insert(u"content"_s, QJsonObject{{mediaType, media}});
            }
        } else {
            // Responses that share a status: one named example each, with its own marks.
            QJsonObject examples;
            for (const int index : indexes) {
                const ResponseSpec &spec = route.responses.at(index);
                QJsonObject example = marks(spec, index);
                if (!spec.label.isEmpty())
                    example.insert(u"summary"_s, spec.label);
                const QString type = mediaTypeFor(spec);
                example.insert(u"value"_s, exampleValue(spec, type.isEmpty() ? mediaType : type));
                if (type != mediaType || headersOf(spec) != headers || contentTypeOf(spec).isEmpty())
                    example.insert(u"x-quarry-headers"_s, allHeadersOf(spec));
                QString name = spec.label.isEmpty() ? u"response-%1"_s.arg(index + 1) : spec.label;
                name.replace(QRegularExpression(u"[^A-Za-z0-9_.-]+"_s), u"-"_s);
                while (examples.contains(name))
                    name += u"-%1"_s.arg(index + 1);
                examples.insert(name, example);
            }
            response.insert(u"content"_s,
                            QJsonObject{{mediaType.isEmpty() ? u"text/plain"_s : mediaType, QJsonObject{{u"examples"_s, examples}}}});
        }
        responses.insert(QString::number(status), response);
    }
    return responses;
}

} // namespace

QString OpenApiExporter::openApiPath(const QString &routePath)
{
    QStringList segments = routePath.split(u'/');
    int wildcards = 0;
    for (QString &s : segments) {
        if (s.startsWith(u':'))
            s = u'{' + s.mid(1) + u'}';
        else if (s == u"*"_s)
            s = ++wildcards == 1 ? u"{wildcard}"_s : u"{wildcard%1}"_s.arg(wildcards);
    }
    return segments.join(u'/');
}

QJsonObject OpenApiExporter::exportRoutes(const QList<Route> &routes, const Options &options, QStringList *warnings)
{
    QJsonObject paths;
    QJsonObject components;   // what the routes' request schemas refer to
    bool bearer = false;
    QSet<QString> operationIds;
    QHash<QString, QString> shapes;   // "/a/{}" -> the OpenAPI path that has it
    // Routes of every method take a method no other route of their path has, so they go last.
    QList<qsizetype> order;
    for (qsizetype i = 0; i < routes.size(); ++i) {
        if (routes.at(i).method != u"ANY"_s)
            order.append(i);
    }
    for (qsizetype i = 0; i < routes.size(); ++i) {
        if (routes.at(i).method == u"ANY"_s)
            order.append(i);
    }
    for (const qsizetype i : std::as_const(order)) {
        const Route &route = routes.at(i);
        // OpenAPI treats /a/{x} and /a/{y} as the same path, which a document may hold only once:
        // a later route uses the first one's names, and x-quarry-path keeps its own.
        QString path = openApiPath(route.path);
        QString shape = path;
        shape.replace(QRegularExpression(u"\\{[^}]*\\}"_s), u"{}"_s);
        path = shapes.value(shape, path);
        shapes.insert(shape, path);
        QJsonObject item = paths.value(path).toObject();
        QString method = route.method.toLower();
        if (route.method == u"ANY"_s) {
            method.clear();
            for (const QString &m : AnyFallbacks) {
                if (method.isEmpty() && !item.contains(m))
                    method = m;
            }
        }
        if (method.isEmpty() || item.contains(method)) {
            if (warnings)
                warnings->append(Tr::tr("%1 was left out: another route already has this method and path.").arg(route.label()));
            continue;
        }
        QJsonObject op;
        QString operationId = route.id.isEmpty() ? u"route-%1"_s.arg(i + 1) : route.id;
        while (operationIds.contains(operationId))
            operationId += u"-%1"_s.arg(i + 1);
        operationIds.insert(operationId);
        op.insert(u"operationId"_s, operationId);
        if (!route.description.isEmpty())
            op.insert(u"summary"_s, route.description);
        op.insert(u"x-quarry-position"_s, int(i));
        if (route.method == u"ANY"_s)
            op.insert(u"x-quarry-method"_s, route.method);
        if (route.path.contains(u'*') || path != openApiPath(route.path))
            op.insert(u"x-quarry-path"_s, route.path);

        QJsonArray parameters;
        for (const QString &segment : path.split(u'/')) {
            if (segment.startsWith(u'{') && segment.endsWith(u'}'))
                parameters.append(QJsonObject{{u"name"_s, segment.mid(1).chopped(1)},
                                              {u"in"_s, u"path"_s},
                                              {u"required"_s, true},
                                              {u"schema"_s, QJsonObject{{u"type"_s, u"string"_s}}}});
        }
        if (!route.query.isEmpty()) {
            QJsonObject query;
            for (const auto &[name, value] : route.query) {
                query.insert(name, value);
                QJsonObject schema{{u"type"_s, u"string"_s}};
                if (!value.isEmpty() && value != u"*"_s)
                    schema.insert(u"const"_s, value);
                parameters.append(QJsonObject{{u"name"_s, name}, {u"in"_s, u"query"_s}, {u"required"_s, true}, {u"schema"_s, schema}});
            }
            op.insert(u"x-quarry-query"_s, query);
        }
        if (!parameters.isEmpty())
            op.insert(u"parameters"_s, parameters);
        if (!route.validation.isEmpty())
            OpenApiRequestSchema::applyTo(op, route.validation, components);
        op.insert(u"responses"_s, responsesOf(route));
        if (!route.login.isEmpty() && route.method == u"POST"_s)
            op.insert(u"requestBody"_s,
                      QJsonObject{{u"required"_s, true},
                                  {u"content"_s, QJsonObject{{u"application/json"_s,
                                                              QJsonObject{{u"schema"_s,
                                                                           QJsonObject{{u"type"_s, u"object"_s},
                                                                                       {u"required"_s, QJsonArray{u"email"_s, u"password"_s}},
                                                                                       {u"properties"_s,
                                                                                        QJsonObject{{u"email"_s, QJsonObject{{u"type"_s, u"string"_s}, {u"format"_s, u"email"_s}}},
                                                                                                    {u"password"_s, QJsonObject{{u"type"_s, u"string"_s}}}}}}}}}}}});

        if (!route.enabled)
            op.insert(u"x-quarry-enabled"_s, false);
        if (route.mode != Route::Mode::Rules)
            op.insert(u"x-quarry-mode"_s, route.mode == Route::Mode::Sequential ? u"sequential"_s : u"random"_s);
        if (route.resource) {
            QJsonObject res{{u"table"_s, route.resource->table}};
            if (!route.resource->database.isEmpty())
                res.insert(u"database"_s, route.resource->database);
            if (!route.resource->idColumn.isEmpty())
                res.insert(u"idColumn"_s, route.resource->idColumn);
            op.insert(u"x-quarry-resource"_s, res);
        }
        if (!route.auth.isEmpty()) {
            op.insert(u"x-quarry-auth"_s, route.auth);
            if (route.auth.value(u"required"_s).toBool()) {
                bearer = true;
                QJsonArray roles;
                for (const QJsonValue &role : route.auth.value(u"roles"_s).toArray())
                    roles.append(role.toString());
                op.insert(u"security"_s, QJsonArray{QJsonObject{{u"bearerAuth"_s, roles}}});
            }
        }
        if (route.cors)
            op.insert(u"x-quarry-cors"_s, route.cors->toJson());
        if (route.rateLimit)
            op.insert(u"x-quarry-rate-limit"_s, route.rateLimit->toJson());
        if (route.latency)
            op.insert(u"x-quarry-latency"_s, route.latency->toJson());
        if (route.faults)
            op.insert(u"x-quarry-faults"_s, route.faults->toJson());

        // Route fields this exporter does not know by name (a login endpoint, newer settings)
        // travel as they are, so that a round trip keeps them.
        static const QStringList known{u"id"_s,       u"method"_s, u"path"_s,     u"description"_s, u"enabled"_s,
                                       u"query"_s,    u"responseMode"_s, u"responses"_s, u"resource"_s, u"auth"_s,
                                       u"cors"_s,     u"rateLimit"_s, u"latency"_s, u"faults"_s};
        const QJsonObject json = route.toJson();
        QJsonObject extra;
        for (auto it = json.begin(); it != json.end(); ++it) {
            if (!known.contains(it.key()))
                extra.insert(it.key(), it.value());
        }
        if (!extra.isEmpty())
            op.insert(u"x-quarry-route"_s, extra);

        item.insert(method, op);
        paths.insert(path, item);
    }

    // A CRUD resource also answers at PATH/{id}: documented, and skipped by the importer.
    for (const qsizetype i : std::as_const(order)) {
        const Route &route = routes.at(i);
        if (!route.resource || route.path.contains(u'*'))
            continue;
        const QStringList methods = route.method == u"ANY"_s ? QStringList{u"get"_s, u"put"_s, u"patch"_s, u"delete"_s}
                                                            : QStringList{route.method.toLower()};
        const QString itemPath = openApiPath(route.path) + (route.path.endsWith(u'/') ? u"{id}"_s : u"/{id}"_s);
        QJsonObject item = paths.value(itemPath).toObject();
        for (const QString &method : methods) {
            if (!QStringList{u"get"_s, u"put"_s, u"patch"_s, u"delete"_s}.contains(method) || item.contains(method))
                continue;
            QJsonArray parameters;
            for (const QString &segment : itemPath.split(u'/')) {
                if (segment.startsWith(u'{') && segment.endsWith(u'}'))
                    parameters.append(QJsonObject{{u"name"_s, segment.mid(1).chopped(1)},
                                                  {u"in"_s, u"path"_s},
                                                  {u"required"_s, true},
                                                  {u"schema"_s, QJsonObject{{u"type"_s, u"string"_s}}}});
            }
            const int status = method == u"delete"_s ? 204 : 200;
            QJsonObject op{{u"operationId"_s, (route.id.isEmpty() ? u"route-%1"_s.arg(i + 1) : route.id) + u"-item-"_s + method},
                           {u"summary"_s, Tr::tr("One row of the table %1, by id").arg(route.resource->table)},
                           {u"parameters"_s, parameters},
                           {u"x-quarry-resource-item"_s, route.id},
                           {u"responses"_s,
                            QJsonObject{{QString::number(status),
                                         QJsonObject{{u"description"_s, Tr::tr("Answered by Quarry's CRUD resource on the table %1.")
                                                                             .arg(route.resource->table)},
                                                     {u"x-quarry-synthesized"_s, true}}},
                                        {u"404"_s, QJsonObject{{u"description"_s, Tr::tr("No row has this id.")},
                                                               {u"x-quarry-synthesized"_s, true}}}}}};
            if (route.auth.value(u"required"_s).toBool())
                op.insert(u"security"_s, QJsonArray{QJsonObject{{u"bearerAuth"_s, QJsonArray::fromStringList(
                                                                                    route.auth.value(u"roles"_s).toVariant().toStringList())}}});
            if (operationIds.contains(op.value(u"operationId"_s).toString()))
                continue;
            operationIds.insert(op.value(u"operationId"_s).toString());
            item.insert(method, op);
        }
        if (!item.isEmpty())
            paths.insert(itemPath, item);
    }

    QJsonObject doc{{u"openapi"_s, u"3.1.0"_s},
                    {u"info"_s, QJsonObject{{u"title"_s, options.title},
                                            {u"version"_s, options.version},
                                            {u"description"_s, Tr::tr("Routes of a Quarry mock server. x-quarry-* "
                                                                      "extensions keep what OpenAPI has no field for.")}}},
                    {u"paths"_s, paths}};
    if (!options.serverUrl.isEmpty())
        doc.insert(u"servers"_s, QJsonArray{QJsonObject{{u"url"_s, options.serverUrl}}});
    if (bearer)
        components.insert(u"securitySchemes"_s,
                          QJsonObject{{u"bearerAuth"_s, QJsonObject{{u"type"_s, u"http"_s},
                                                                   {u"scheme"_s, u"bearer"_s},
                                                                   {u"bearerFormat"_s, u"JWT"_s}}}});
    if (!components.isEmpty())
        doc.insert(u"components"_s, components);
    return doc;
}

Result<QJsonObject> OpenApiExporter::exportWorkspace(const workspace::Workspace &workspace, QStringList *warnings)
{
    const QJsonObject mock = workspace.section(workspace::Section::Mock);
    const QJsonArray array = mock.value(u"routes"_s).toArray();
    QList<Route> routes;
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto route = Route::fromJson(array.at(i).toObject(), int(i));
        if (!route)
            return route.error();
        routes.append(route.value());
    }
    Options options;
    options.title = workspace.displayName();
    const QJsonObject server = mock.value(u"server"_s).toObject();
    QString host = server.value(u"host"_s).toString(u"127.0.0.1"_s);
    if (host == u"0.0.0.0"_s || host == u"::"_s)
        host = u"127.0.0.1"_s;
    if (host.contains(u':'))
        host = u'[' + host + u']';
    options.serverUrl = u"http://%1:%2"_s.arg(host).arg(server.value(u"port"_s).toInt(3000));
    return exportRoutes(routes, options, warnings);
}

} // namespace quarry::openapi
