// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/openapicollection.h"

#include "jsonpointer.h"
#include "openapi/openapidocument.h"
#include "openapi/openapisampler.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

using openapi::OpenApiDocument;
using openapi::OpenApiSampler;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OpenApiCollection)
};

const QStringList OperationKeys{u"get"_s, u"put"_s, u"post"_s, u"delete"_s, u"options"_s, u"head"_s, u"patch"_s};

QString slug(const QString &text)
{
    QString s = text;
    s.replace(QRegularExpression(u"[^A-Za-z0-9_.-]+"_s), u"-"_s);
    s.replace(QRegularExpression(u"-{2,}"_s), u"-"_s);
    while (s.startsWith(u'-'))
        s.remove(0, 1);
    while (s.endsWith(u'-'))
        s.chop(1);
    return s.isEmpty() ? u"x"_s : s;
}

QString text(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return v.toString();
    case QJsonValue::Bool: return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return d == double(qint64(d)) ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    default: return {};
    }
}

} // namespace

namespace {

/// The request's auth from the operation's security (else the document's): the first scheme of
/// the first requirement, with {{variables}} for the secrets. Returns the variables it needs.
QStringList applySecurity(const OpenApiDocument &doc, const QJsonObject &op, http::RequestSpec &request)
{
    const QJsonValue security = op.contains(u"security"_s) ? op.value(u"security"_s) : doc.root().value(u"security"_s);
    if (!security.isArray())
        return {};
    const QJsonArray requirements = security.toArray();
    if (requirements.isEmpty() || requirements.first().toObject().isEmpty()) {
        request.auth.type = http::AuthSpec::Type::None;   // security: [] or an optional {} first
        return {};
    }
    const QJsonObject requirement = requirements.first().toObject();
    const QString name = requirement.begin().key();
    auto scheme = doc.dereference(doc.root().value(u"components"_s).toObject().value(u"securitySchemes"_s).toObject().value(name));
    if (!scheme)
        return {};
    const QJsonObject s = scheme.value();
    const QString type = s.value(u"type"_s).toString();
    if (type == u"http"_s && s.value(u"scheme"_s).toString().compare(u"bearer"_s, Qt::CaseInsensitive) == 0) {
        request.auth.type = http::AuthSpec::Type::Bearer;
        request.auth.token = u"{{token}}"_s;
        return {u"token"_s};
    }
    if (type == u"http"_s && s.value(u"scheme"_s).toString().compare(u"basic"_s, Qt::CaseInsensitive) == 0) {
        request.auth.type = http::AuthSpec::Type::Basic;
        request.auth.username = u"{{username}}"_s;
        request.auth.password = u"{{password}}"_s;
        return {u"username"_s, u"password"_s};
    }
    if (type == u"apiKey"_s) {
        http::KeyValue kv;
        kv.name = s.value(u"name"_s).toString();
        kv.value = u"{{apiKey}}"_s;
        if (s.value(u"in"_s).toString() == u"query"_s)
            request.params.append(kv);
        else if (s.value(u"in"_s).toString() == u"header"_s)
            request.headers.append(kv);
        else
            return {};
        return {u"apiKey"_s};
    }
    const QJsonObject flows = s.value(u"flows"_s).toObject();
    if (type == u"oauth2"_s && (flows.contains(u"clientCredentials"_s) || flows.contains(u"password"_s))) {
        const bool password = !flows.contains(u"clientCredentials"_s);
        const QJsonObject flow = flows.value(password ? u"password"_s : u"clientCredentials"_s).toObject();
        request.auth.type = http::AuthSpec::Type::OAuth2;
        request.auth.grant = password ? u"password"_s : u"client_credentials"_s;
        request.auth.tokenUrl = flow.value(u"tokenUrl"_s).toString();
        request.auth.clientId = u"{{clientId}}"_s;
        request.auth.clientSecret = u"{{clientSecret}}"_s;
        QStringList scopes;
        for (const QJsonValue &v : requirement.begin().value().toArray())
            scopes.append(v.toString());
        request.auth.scope = scopes.join(u' ');
        if (password) {
            request.auth.username = u"{{username}}"_s;
            request.auth.password = u"{{password}}"_s;
            return {u"clientId"_s, u"clientSecret"_s, u"username"_s, u"password"_s};
        }
        return {u"clientId"_s, u"clientSecret"_s};
    }
    return {};
}

} // namespace

Result<http::Collection> OpenApiCollection::importCollection(const OpenApiDocument &doc, const QString &name,
                                                             QStringList *warnings)
{
    OpenApiSampler sampler(doc);
    const QJsonObject root = doc.root();
    http::Collection collection;
    const QString title = root.value(u"info"_s).toObject().value(u"title"_s).toString(u"OpenAPI"_s);
    collection.name = name.isEmpty() ? title : name;
    collection.id = u"col-openapi-"_s + slug(collection.name).toLower();
    const QString server = root.value(u"servers"_s).toArray().first().toObject().value(u"url"_s).toString();
    collection.variables.append(http::Variable{u"baseUrl"_s, server.isEmpty() ? u"http://127.0.0.1:3000"_s : server, false, true});
    QSet<QString> variables{u"baseUrl"_s};
    QSet<QString> ids;
    QHash<QString, qsizetype> folders;   // tag -> index in collection.items
    int operations = 0;

    const QJsonObject paths = root.value(u"paths"_s).toObject();
    for (const QString &path : doc.keys(paths, u"/paths"_s)) {
        QString pointer = u"/paths/"_s + JsonPointer::escape(path);
        auto item = doc.dereference(paths.value(path), &pointer);
        if (!item)
            continue;
        for (const QString &method : doc.keys(item.value(), pointer)) {
            if (!OperationKeys.contains(method))
                continue;
            ++operations;
            const QJsonObject op = item.value().value(method).toObject();
            const QString opPointer = pointer + u'/' + method;
            http::RequestSpec request;
            request.method = method.toUpper();
            const QString operationId = op.value(u"operationId"_s).toString();
            request.name = op.value(u"summary"_s).toString();
            if (request.name.isEmpty())
                request.name = operationId.isEmpty() ? request.method + u' ' + path : operationId;
            QString id = u"req-"_s + slug(operationId.isEmpty() ? method + u'-' + path : operationId);
            for (int n = 2; ids.contains(id); ++n)
                id = u"req-"_s + slug(operationId.isEmpty() ? method + u'-' + path : operationId) + u'-' + QString::number(n);
            ids.insert(id);
            request.id = id;

            // Parameters of the path item, overridden by the operation's of the same name and place.
            QHash<QString, QJsonObject> parameters;
            QStringList order;
            for (const QJsonObject &holder : {item.value(), op}) {
                for (const QJsonValue &p : holder.value(u"parameters"_s).toArray()) {
                    auto param = doc.dereference(p);
                    if (!param)
                        continue;
                    const QString key = param.value().value(u"in"_s).toString() + u':' + param.value().value(u"name"_s).toString();
                    if (!parameters.contains(key))
                        order.append(key);
                    parameters.insert(key, param.value());
                }
            }
            QString url = path;
            for (const QString &key : std::as_const(order)) {
                const QJsonObject p = parameters.value(key);
                const QString pname = p.value(u"name"_s).toString();
                const QString in = p.value(u"in"_s).toString();
                QJsonValue example = p.value(u"example"_s);
                if (example.isUndefined() && p.value(u"examples"_s).isObject() && !p.value(u"examples"_s).toObject().isEmpty())
                    example = doc.dereference(p.value(u"examples"_s).toObject().begin().value()).value().value(u"value"_s);
                if (example.isUndefined())
                    example = sampler.sample(p.value(u"schema"_s));
                const bool required = p.value(u"required"_s).toBool() || in == u"path"_s;
                if (in == u"path"_s) {
                    url.replace(u'{' + pname + u'}', u"{{"_s + pname + u"}}"_s);
                    if (!variables.contains(pname)) {
                        variables.insert(pname);
                        QString value = text(example);
                        if (value.isEmpty() || value == u"0"_s)
                            value = u"1"_s;
                        collection.variables.append(http::Variable{pname, value, false, true});
                    }
                } else if (in == u"query"_s) {
                    http::KeyValue kv;
                    kv.name = pname;
                    kv.value = text(example);
                    kv.enabled = required;
                    request.params.append(kv);
                } else if (in == u"header"_s
                           && !QStringList{u"accept"_s, u"content-type"_s, u"authorization"_s}.contains(pname.toLower())) {
                    // OpenAPI ignores these three as header parameters: the media types and the
                    // security schemes say them.
                    http::KeyValue kv;
                    kv.name = pname;
                    kv.value = text(example);
                    kv.enabled = required;
                    request.headers.append(kv);
                } else if (warnings && in == u"cookie"_s) {
                    warnings->append(Tr::tr("%1 %2: the cookie parameter %3 was left out.").arg(request.method, path, pname));
                }
            }
            request.url = u"{{baseUrl}}"_s + url;
            for (const QString &variable : applySecurity(doc, op, request)) {
                if (!variables.contains(variable)) {
                    variables.insert(variable);
                    collection.variables.append(http::Variable{variable, QString(), false, true});
                }
            }

            QString bodyPointer = opPointer + u"/requestBody"_s;
            auto body = doc.dereference(op.value(u"requestBody"_s), &bodyPointer);
            const QJsonObject content = body ? body.value().value(u"content"_s).toObject() : QJsonObject();
            const QStringList types = doc.keys(content, bodyPointer + u"/content"_s);
            QString jsonType, formType;
            for (const QString &t : types) {
                const QString base = t.section(u';', 0, 0).trimmed().toLower();
                if (jsonType.isEmpty() && (base == u"application/json"_s || base.endsWith(u"+json"_s)))
                    jsonType = t;
                if (formType.isEmpty() && base == u"application/x-www-form-urlencoded"_s)
                    formType = t;
            }
            if (!jsonType.isEmpty()) {
                const QJsonObject media = content.value(jsonType).toObject();
                QJsonValue example = media.value(u"example"_s);
                if (example.isUndefined() && media.value(u"examples"_s).isObject() && !media.value(u"examples"_s).toObject().isEmpty()) {
                    const QStringList names = doc.keys(media.value(u"examples"_s).toObject(),
                                                       bodyPointer + u"/content/"_s + JsonPointer::escape(jsonType) + u"/examples"_s);
                    example = doc.dereference(media.value(u"examples"_s).toObject().value(names.first())).value().value(u"value"_s);
                }
                if (example.isUndefined())
                    example = sampler.sample(media.value(u"schema"_s),
                                             bodyPointer + u"/content/"_s + JsonPointer::escape(jsonType) + u"/schema"_s, true);
                request.body.mode = http::BodySpec::Mode::Json;
                request.body.text = example.isString() ? example.toString()
                                                       : example.isArray() ? QString::fromUtf8(QJsonDocument(example.toArray()).toJson())
                                                                           : QString::fromUtf8(QJsonDocument(example.toObject()).toJson());
            } else if (!formType.isEmpty()) {
                const QJsonValue sample = sampler.sample(content.value(formType).toObject().value(u"schema"_s), {}, true);
                request.body.mode = http::BodySpec::Mode::FormUrlEncoded;
                const QJsonObject fields = sample.toObject();
                for (auto it = fields.begin(); it != fields.end(); ++it) {
                    http::KeyValue kv;
                    kv.name = it.key();
                    kv.value = text(it.value());
                    request.body.fields.append(kv);
                }
            } else if (!types.isEmpty() && warnings) {
                warnings->append(Tr::tr("%1 %2: a %3 body is not filled in.").arg(request.method, path, types.first()));
            }

            // The check: the first documented 2xx.
            const QJsonObject responses = op.value(u"responses"_s).toObject();
            for (const QString &key : doc.keys(responses, opPointer + u"/responses"_s)) {
                bool ok = false;
                const int status = key.toInt(&ok);
                if (ok && status >= 200 && status < 300) {
                    request.assertions.append(http::Assertion::statusEquals(status));
                    break;
                }
            }

            http::CollectionItem entry;
            entry.request = request;
            const QString tag = op.value(u"tags"_s).toArray().first().toString();
            if (tag.isEmpty()) {
                collection.items.append(entry);
                continue;
            }
            if (!folders.contains(tag)) {
                http::CollectionItem folder;
                folder.type = http::CollectionItem::Type::Folder;
                folder.folderId = u"fld-"_s + slug(tag).toLower();
                folder.folderName = tag;
                collection.items.append(folder);
                folders.insert(tag, collection.items.size() - 1);
            }
            collection.items[folders.value(tag)].items.append(entry);
        }
    }
    if (operations == 0)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The document describes no operations under \"paths\"; there is nothing to import."), doc.origin()};
    if (warnings)
        warnings->append(sampler.warnings());
    if (auto valid = collection.validate(); !valid)
        return valid.error();
    return collection;
}

} // namespace quarry::http
