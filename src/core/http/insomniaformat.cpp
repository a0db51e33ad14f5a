// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/insomniaformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(InsomniaFormat)
};

/// One request, folder or environment of either version, in v4's shape.
struct Resource {
    QJsonObject o;
    QString id() const { return o.value(u"_id"_s).toString(); }
    QString parent() const { return o.value(u"parentId"_s).toString(); }
    QString type() const { return o.value(u"_type"_s).toString(); }
    double sortKey() const { return o.value(u"metaSortKey"_s).toDouble(); }
};

class Reader
{
public:
    explicit Reader(QStringList *warnings) : m_warnings(warnings) {}

    /// Nunjucks `{{ _.name }}` (and `{{ name }}`) to Quarry's `{{name}}`; template tags are kept
    /// as written and named in a warning.
    QString text(const QString &value, const QString &where)
    {
        static const QRegularExpression variable(uR"(\{\{\s*(?:_\.)?([A-Za-z0-9_$][\w.\-$]*)\s*\}\})"_s);
        QString out = value;
        out.replace(variable, u"{{\\1}}"_s);
        if (out.contains(u"{%"_s))
            warn(Tr::tr("%1: the template tag in \"%2\" is not supported and was kept as text.").arg(where, value));
        return out;
    }
    void warn(const QString &message)
    {
        if (m_warnings && !m_warnings->contains(message))
            m_warnings->append(message);
    }

    QList<KeyValue> rows(const QJsonArray &list, const QString &where)
    {
        QList<KeyValue> out;
        for (const QJsonValue &v : list) {
            const QJsonObject o = v.toObject();
            KeyValue kv;
            kv.name = text(o.value(u"name"_s).toString(), where);
            kv.value = text(o.value(u"value"_s).toVariant().toString(), where);
            kv.enabled = !o.value(u"disabled"_s).toBool();
            if (o.value(u"type"_s).toString() == u"file"_s) {
                kv.isFile = true;
                kv.value = o.value(u"fileName"_s).toString();
            }
            out.append(kv);
        }
        return out;
    }

    AuthSpec auth(const QJsonObject &a, const QString &where, RequestSpec *request)
    {
        AuthSpec spec;
        const QString type = a.value(u"type"_s).toString();
        if (a.isEmpty() || type.isEmpty())
            return spec;   // inherit
        if (a.value(u"disabled"_s).toBool() || type == u"none"_s) {
            spec.type = AuthSpec::Type::None;
            return spec;
        }
        if (type == u"bearer"_s) {
            spec.type = AuthSpec::Type::Bearer;
            spec.token = text(a.value(u"token"_s).toString(), where);
            if (const QString prefix = a.value(u"prefix"_s).toString(); !prefix.isEmpty() && prefix != u"Bearer"_s)
                warn(Tr::tr("%1: the bearer prefix \"%2\" was replaced by \"Bearer\".").arg(where, prefix));
        } else if (type == u"basic"_s) {
            spec.type = AuthSpec::Type::Basic;
            spec.username = text(a.value(u"username"_s).toString(), where);
            spec.password = text(a.value(u"password"_s).toString(), where);
        } else if (type == u"oauth2"_s && (a.value(u"grantType"_s).toString() == u"client_credentials"_s
                                            || a.value(u"grantType"_s).toString() == u"password"_s)) {
            spec.type = AuthSpec::Type::OAuth2;
            spec.id = u"oauth2-"_s + where.toLower().replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
            spec.grant = a.value(u"grantType"_s).toString();
            spec.tokenUrl = text(a.value(u"accessTokenUrl"_s).toString(), where);
            spec.clientId = text(a.value(u"clientId"_s).toString(), where);
            spec.clientSecret = text(a.value(u"clientSecret"_s).toString(), where);
            spec.username = text(a.value(u"username"_s).toString(), where);
            spec.password = text(a.value(u"password"_s).toString(), where);
            spec.scope = text(a.value(u"scope"_s).toString(), where);
            spec.clientAuth = a.value(u"credentialsInBody"_s).toBool() ? u"body"_s : u"basic"_s;
        } else if (type == u"apikey"_s && request) {
            const KeyValue kv{text(a.value(u"key"_s).toString(), where), text(a.value(u"value"_s).toString(), where), true, false, {}};
            if (a.value(u"addTo"_s).toString() == u"queryParams"_s)
                request->params.append(kv);
            else
                request->headers.append(kv);
            spec.type = AuthSpec::Type::None;
        } else {
            warn(Tr::tr("%1: %2 authentication is not supported and was left out.").arg(where, type));
        }
        return spec;
    }

    BodySpec body(const QJsonObject &b, const QString &where)
    {
        BodySpec out;
        const QString mime = b.value(u"mimeType"_s).toString();
        if (b.isEmpty() || (mime.isEmpty() && !b.contains(u"text"_s)))
            return out;
        if (mime == u"application/x-www-form-urlencoded"_s) {
            out.mode = BodySpec::Mode::FormUrlEncoded;
            out.fields = rows(b.value(u"params"_s).toArray(), where);
        } else if (mime == u"multipart/form-data"_s) {
            out.mode = BodySpec::Mode::Multipart;
            out.fields = rows(b.value(u"params"_s).toArray(), where);
        } else if (b.contains(u"fileName"_s) && !b.contains(u"text"_s)) {
            out.mode = BodySpec::Mode::Binary;
            out.file = b.value(u"fileName"_s).toString();
            out.contentType = mime;
        } else if (mime.contains(u"json"_s)) {
            out.mode = BodySpec::Mode::Json;
            out.text = text(b.value(u"text"_s).toString(), where);
        } else {
            out.mode = BodySpec::Mode::Raw;
            out.text = text(b.value(u"text"_s).toString(), where);
            out.contentType = mime == u"application/graphql"_s ? u"application/json"_s : mime;
        }
        return out;
    }

    Scripts scripts(const QJsonObject &o)
    {
        return Scripts{o.value(u"preRequestScript"_s).toString(), o.value(u"afterResponseScript"_s).toString()};
    }

    RequestSpec request(const Resource &r, const QString &where)
    {
        RequestSpec spec;
        spec.id = r.id();
        spec.name = r.o.value(u"name"_s).toString();
        spec.method = r.o.value(u"method"_s).toString(u"GET"_s).toUpper();
        spec.url = text(r.o.value(u"url"_s).toString(), where);
        const qsizetype q = spec.url.indexOf(u'?');
        if (q >= 0) {   // a query written in the URL joins the parameters
            const QStringList pairs = spec.url.mid(q + 1).split(u'&', Qt::SkipEmptyParts);
            for (const QString &p : pairs)
                spec.params.append(KeyValue{p.section(u'=', 0, 0), p.section(u'=', 1), true, false, {}});
            spec.url.truncate(q);
        }
        spec.params += rows(r.o.value(u"parameters"_s).toArray(), where);
        spec.headers = rows(r.o.value(u"headers"_s).toArray(), where);
        spec.body = body(r.o.value(u"body"_s).toObject(), where);
        spec.auth = auth(r.o.value(u"authentication"_s).toObject(), where, &spec);
        spec.scripts = scripts(r.o);
        if (r.o.value(u"settingFollowRedirects"_s).toString() == u"off"_s)
            spec.followRedirects = false;
        return spec;
    }

    /// Nested environment data flattened to dotted names, as `{{ _.admin.name }}` refers to them.
    static void flatten(const QJsonObject &data, const QString &prefix, QList<Variable> &out)
    {
        for (auto it = data.constBegin(); it != data.constEnd(); ++it) {
            const QString name = prefix + it.key();
            if (it.value().isObject()) {
                flatten(it.value().toObject(), name + u'.', out);
                continue;
            }
            const QString value = it.value().isString() ? it.value().toString()
                                : it.value().isArray() ? QString::fromUtf8(QJsonDocument(it.value().toArray()).toJson(QJsonDocument::Compact))
                                                       : it.value().toVariant().toString();
            Variable v;
            v.name = name;
            v.value = value;
            out.append(v);
        }
    }

    QList<Variable> variables(const QJsonObject &data, const QString &where)
    {
        QList<Variable> out;
        flatten(data, {}, out);
        for (Variable &v : out)
            v.value = text(v.value, where);
        return out;
    }

private:
    QStringList *m_warnings;
};

/// v5's tree as v4's flat resources.
void flattenV5(const QJsonArray &items, const QString &parent, QList<Resource> &out, Reader &reader)
{
    double order = 0;
    for (const QJsonValue &v : items) {
        const QJsonObject item = v.toObject();
        const QJsonObject meta = item.value(u"meta"_s).toObject();
        QJsonObject o = item;
        o.insert(u"_id"_s, meta.value(u"id"_s).toString());
        o.insert(u"parentId"_s, parent);
        o.insert(u"metaSortKey"_s, meta.contains(u"sortKey"_s) ? meta.value(u"sortKey"_s).toDouble() : order++);
        const QJsonObject scripts = item.value(u"scripts"_s).toObject();
        o.insert(u"preRequestScript"_s, scripts.value(u"preRequest"_s).toString());
        o.insert(u"afterResponseScript"_s, scripts.value(u"afterResponse"_s).toString());
        const bool group = !item.contains(u"method"_s) && !item.contains(u"url"_s) && !item.contains(u"reflectionApi"_s);
        if (group) {
            o.insert(u"_type"_s, u"request_group"_s);
            out.append({o});
            flattenV5(item.value(u"children"_s).toArray(), o.value(u"_id"_s).toString(), out, reader);
        } else if (item.contains(u"method"_s)) {
            o.insert(u"_type"_s, u"request"_s);
            if (item.value(u"settings"_s).toObject().value(u"followRedirects"_s).toString() == u"off"_s)
                o.insert(u"settingFollowRedirects"_s, u"off"_s);
            out.append({o});
        } else {
            reader.warn(Tr::tr("%1: gRPC, WebSocket and Socket.IO requests are not supported and were left out.")
                            .arg(item.value(u"name"_s).toString()));
        }
    }
}
} // namespace

bool InsomniaFormat::recognises(const QJsonObject &root)
{
    return (root.value(u"_type"_s).toString() == u"export"_s && root.contains(u"resources"_s))
        || root.value(u"type"_s).toString().startsWith(u"collection.insomnia.rest/"_s);
}

Result<CollectionBundle> InsomniaFormat::importExport(const QJsonObject &root, QStringList *warnings)
{
    Reader reader(warnings);
    QList<Resource> resources;
    QString workspaceId;
    CollectionBundle out;
    const QString type = root.value(u"type"_s).toString();
    if (type.startsWith(u"collection.insomnia.rest/"_s)) {
        if (type != u"collection.insomnia.rest/5.0"_s)
            reader.warn(Tr::tr("This is an Insomnia export of version %1; Quarry reads 5.0 and may miss what changed.")
                            .arg(type.section(u'/', 1)));
        workspaceId = root.value(u"meta"_s).toObject().value(u"id"_s).toString(u"wrk"_s);
        out.collection.id = workspaceId;
        out.collection.name = root.value(u"name"_s).toString();
        flattenV5(root.value(u"collection"_s).toArray(), workspaceId, resources, reader);
        const QJsonObject base = root.value(u"environments"_s).toObject();
        QJsonObject env = base;
        env.insert(u"_id"_s, base.value(u"meta"_s).toObject().value(u"id"_s).toString(u"env-base"_s));
        env.insert(u"_type"_s, u"environment"_s);
        env.insert(u"parentId"_s, workspaceId);
        resources.append({env});
        const QJsonArray subs = base.value(u"subEnvironments"_s).toArray();
        for (const QJsonValue &s : subs) {
            QJsonObject sub = s.toObject();
            sub.insert(u"_id"_s, sub.value(u"meta"_s).toObject().value(u"id"_s).toString());
            sub.insert(u"_type"_s, u"environment"_s);
            sub.insert(u"parentId"_s, env.value(u"_id"_s).toString());
            resources.append({sub});
        }
    } else {
        if (root.value(u"__export_format"_s).toInt() != 4)
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("Insomnia export format %1 is not supported; export as v4 (JSON) or v5 (YAML).")
                             .arg(root.value(u"__export_format"_s).toInt()),
                         u"__export_format"_s};
        const QJsonArray list = root.value(u"resources"_s).toArray();
        for (const QJsonValue &v : list)
            resources.append({v.toObject()});
        for (const Resource &r : std::as_const(resources)) {
            if (r.type() == u"workspace"_s && workspaceId.isEmpty()) {
                workspaceId = r.id();
                out.collection.id = r.id();
                out.collection.name = r.o.value(u"name"_s).toString();
            } else if (r.type() == u"workspace"_s) {
                reader.warn(Tr::tr("The export holds several workspaces; only \"%1\" was imported.").arg(out.collection.name));
            }
        }
        if (workspaceId.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("The Insomnia export has no workspace."), u"resources"_s};
    }
    if (out.collection.name.isEmpty())
        out.collection.name = Tr::tr("Insomnia import");

    // Children by parent, in Insomnia's order (metaSortKey, then as listed).
    QHash<QString, QList<const Resource *>> children;
    for (const Resource &r : std::as_const(resources))
        children[r.parent()].append(&r);
    for (auto &list : children)
        std::stable_sort(list.begin(), list.end(), [](const Resource *a, const Resource *b) { return a->sortKey() < b->sortKey(); });

    std::function<QList<CollectionItem>(const QString &, const QString &)> items = [&](const QString &parent, const QString &path) {
        QList<CollectionItem> list;
        for (const Resource *r : children.value(parent)) {
            const QString name = r->o.value(u"name"_s).toString();
            const QString where = path.isEmpty() ? name : path + u" / "_s + name;
            CollectionItem item;
            if (r->type() == u"request_group"_s) {
                item.type = CollectionItem::Type::Folder;
                item.folderId = r->id();
                item.folderName = name;
                item.folderAuth = reader.auth(r->o.value(u"authentication"_s).toObject(), where, nullptr);
                item.folderScripts = reader.scripts(r->o);
                if (!r->o.value(u"headers"_s).toArray().isEmpty())
                    reader.warn(Tr::tr("%1: folder headers are not supported and were left out.").arg(where));
                if (!r->o.value(u"environment"_s).toObject().isEmpty())
                    reader.warn(Tr::tr("%1: folder environment variables are not supported and were left out.").arg(where));
                item.items = items(r->id(), where);
            } else if (r->type() == u"request"_s) {
                item.request = reader.request(*r, where);
            } else {
                if (r->type().endsWith(u"_request"_s))
                    reader.warn(Tr::tr("%1: %2 is not supported and was left out.").arg(where, r->type()));
                continue;
            }
            list.append(item);
        }
        return list;
    };
    out.collection.items = items(workspaceId, {});

    for (const Resource *base : children.value(workspaceId)) {
        if (base->type() != u"environment"_s)
            continue;
        const QString baseName = base->o.value(u"name"_s).toString();
        out.collection.variables = reader.variables(base->o.value(u"data"_s).toObject(), baseName);
        for (const Resource *sub : children.value(base->id())) {
            if (sub->type() != u"environment"_s)
                continue;
            Environment e;
            e.id = sub->id();
            e.name = sub->o.value(u"name"_s).toString();
            e.variables = reader.variables(sub->o.value(u"data"_s).toObject(), e.name);
            out.environments.append(e);
        }
        break;
    }
    if (!out.collection.items.isEmpty() || !out.collection.variables.isEmpty()) {
        if (auto valid = out.collection.validate(); !valid)
            return valid.error();
    }
    return out;
}

} // namespace quarry::http
