// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// PostmanFormat's import half: a Postman v2.1 collection or environment into Quarry's model (the
// export half is postmanformat.cpp).
#include "http/postmanformat.h"

#include "http/postmanscripts.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PostmanFormat)
};

QList<KeyValue> importRows(const QJsonArray &rows, bool form)
{
    QList<KeyValue> out;
    for (const QJsonValue &v : rows) {
        const QJsonObject o = v.toObject();
        KeyValue kv;
        kv.name = o.value(u"key"_s).toString();
        kv.enabled = !o.value(u"disabled"_s).toBool(false);
        if (form && o.value(u"type"_s).toString() == u"file"_s) {
            kv.isFile = true;
            const QJsonValue src = o.value(u"src"_s);
            kv.value = src.isArray() ? src.toArray().first().toString() : src.toString();
        } else {
            kv.value = o.value(u"value"_s).toVariant().toString();
        }
        kv.contentType = o.value(u"contentType"_s).toString();
        out.append(kv);
    }
    return out;
}

AuthSpec importAuth(const QJsonValue &value, const QString &where, QStringList *warnings)
{
    AuthSpec a;
    if (!value.isObject())
        return a;
    const QJsonObject o = value.toObject();
    const QString type = o.value(u"type"_s).toString();
    auto param = [&](const QString &key) {
        const QJsonValue block = o.value(type);
        if (block.isArray()) {
            const QJsonArray list = block.toArray();
            for (const QJsonValue &p : list) {
                if (p.toObject().value(u"key"_s).toString() == key)
                    return p.toObject().value(u"value"_s).toVariant().toString();
            }
        }
        return block.toObject().value(key).toVariant().toString();
    };
    if (type == u"noauth"_s) {
        a.type = AuthSpec::Type::None;
    } else if (type == u"bearer"_s) {
        a.type = AuthSpec::Type::Bearer;
        a.token = param(u"token"_s);
    } else if (type == u"basic"_s) {
        a.type = AuthSpec::Type::Basic;
        a.username = param(u"username"_s);
        a.password = param(u"password"_s);
    } else if (type != u"inherit"_s && !type.isEmpty() && warnings) {
        warnings->append(Tr::tr("%1: Postman auth \"%2\" is not supported; the request inherits its auth.").arg(where, type));
    }
    return a;
}

/// Quarry's own settings, when the file was exported by Quarry.
std::optional<QJsonValue> marker(const QString &text, const QString &prefix)
{
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(prefix)) {
            const QByteArray json = line.mid(prefix.size()).toUtf8();
            const QJsonDocument doc = QJsonDocument::fromJson(json);
            if (doc.isArray())
                return QJsonValue(doc.array());
            if (doc.isObject())
                return QJsonValue(doc.object());
        }
    }
    return std::nullopt;
}

struct Importer {
    QStringList *warnings;
    QSet<QString> ids;

    QString uniqueId(const QString &wanted, const QString &name)
    {
        QString base = wanted;
        if (base.isEmpty()) {
            base = name.toLower();
            base.replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
            base = u"req-"_s + base.remove(QRegularExpression(u"^-|-$"_s));
        }
        QString id = base;
        for (int n = 2; ids.contains(id); ++n)
            id = base + u'-' + QString::number(n);
        ids.insert(id);
        return id;
    }

    Result<QList<CollectionItem>> items(const QJsonArray &list, const QString &path)
    {
        QList<CollectionItem> out;
        for (const QJsonValue &v : list) {
            const QJsonObject o = v.toObject();
            const QString name = o.value(u"name"_s).toString();
            const QString where = path.isEmpty() ? name : path + u" / "_s + name;
            CollectionItem item;
            if (o.contains(u"item"_s)) {
                item.type = CollectionItem::Type::Folder;
                item.folderName = name;
                item.folderId = uniqueId(o.value(u"id"_s).toString(), u"folder "_s + name);
                const auto own = marker(o.value(u"description"_s).toString(), PostmanScripts::AuthMarker);
                if (own) {
                    auto a = AuthSpec::fromJson(own->toObject());
                    if (a)
                        item.folderAuth = a.value();
                } else {
                    item.folderAuth = importAuth(o.value(u"auth"_s), where, warnings);
                }
                auto children = items(o.value(u"item"_s).toArray(), where);
                if (!children)
                    return children.error();
                item.items = children.value();
                item.folderScripts = PostmanScripts::user(o.value(u"event"_s).toArray());
                out.append(item);
                continue;
            }
            RequestSpec &r = item.request;
            r.name = name;
            r.id = uniqueId(o.value(u"id"_s).toString(), name);
            const QJsonValue requestValue = o.value(u"request"_s);
            const QJsonObject req = requestValue.isString() ? QJsonObject{{u"url"_s, requestValue}} : requestValue.toObject();
            r.method = req.value(u"method"_s).toString(u"GET"_s).toUpper();
            const QJsonValue url = req.value(u"url"_s);
            QString raw = url.isString() ? url.toString() : url.toObject().value(u"raw"_s).toString();
            const qsizetype q = raw.indexOf(u'?');
            if (url.isObject() && url.toObject().contains(u"query"_s)) {
                r.params = importRows(url.toObject().value(u"query"_s).toArray(), false);
                if (q >= 0)
                    raw.truncate(q);
            } else if (q >= 0) {
                const QStringList pairs = raw.mid(q + 1).split(u'&', Qt::SkipEmptyParts);
                for (const QString &p : pairs)
                    r.params.append(KeyValue{p.section(u'=', 0, 0), p.section(u'=', 1), true, false, {}});
                raw.truncate(q);
            }
            r.url = raw;
            r.headers = importRows(req.value(u"header"_s).toArray(), false);
            const QJsonObject body = req.value(u"body"_s).toObject();
            const QString mode = body.value(u"mode"_s).toString();
            if (mode == u"raw"_s) {
                r.body.text = body.value(u"raw"_s).toString();
                const bool json = body.value(u"options"_s).toObject().value(u"raw"_s).toObject().value(u"language"_s).toString() == u"json"_s;
                r.body.mode = json ? BodySpec::Mode::Json : BodySpec::Mode::Raw;
            } else if (mode == u"urlencoded"_s) {
                r.body.mode = BodySpec::Mode::FormUrlEncoded;
                r.body.fields = importRows(body.value(u"urlencoded"_s).toArray(), false);
            } else if (mode == u"formdata"_s) {
                r.body.mode = BodySpec::Mode::Multipart;
                r.body.fields = importRows(body.value(u"formdata"_s).toArray(), true);
            } else if (mode == u"file"_s) {
                r.body.mode = BodySpec::Mode::Binary;
                r.body.file = body.value(u"file"_s).toObject().value(u"src"_s).toString();
            } else if (!mode.isEmpty() && warnings) {
                warnings->append(Tr::tr("%1: body mode \"%2\" is not supported and was left out.").arg(where, mode));
            }
            if (const auto own = marker(req.value(u"description"_s).toString(), PostmanScripts::AuthMarker)) {
                if (auto a = AuthSpec::fromJson(own->toObject()))
                    r.auth = a.value();
            } else {
                r.auth = importAuth(req.value(u"auth"_s), where, warnings);
            }
            const QJsonArray events = o.value(u"event"_s).toArray();
            const QString tests = PostmanScripts::generated(events, u"test"_s);
            if (const auto own = marker(tests, PostmanScripts::AssertionsMarker)) {
                const QJsonArray list = own->toArray();
                for (const QJsonValue &a : list) {
                    if (auto parsed = Assertion::fromJson(a.toObject()))
                        r.assertions.append(parsed.value());
                }
            }
            if (const auto own = marker(tests, PostmanScripts::ExtractMarker)) {
                const QJsonArray list = own->toArray();
                for (const QJsonValue &e : list) {
                    if (auto parsed = Extraction::fromJson(e.toObject()))
                        r.extractions.append(parsed.value());
                }
            }
            r.scripts = PostmanScripts::user(events);
            out.append(item);
        }
        return out;
    }
};
} // namespace

Result<Collection> PostmanFormat::importCollection(const QJsonObject &postman, QStringList *warnings)
{
    const QJsonObject info = postman.value(u"info"_s).toObject();
    const QString schema = info.value(u"schema"_s).toString();
    if (!postman.contains(u"item"_s) || !schema.contains(u"getpostman.com"_s))
        return Error{Error::Kind::InvalidInput, Tr::tr("This is not a Postman collection (no info.schema and item list)."), {}};
    if (schema.contains(u"v1."_s))
        return Error{Error::Kind::InvalidInput, Tr::tr("Postman collection format v1 is not supported; export v2.1 from Postman."),
                     schema};
    Collection c;
    c.id = info.value(u"_postman_id"_s).toString();
    if (c.id.isEmpty())
        c.id = u"col-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    c.name = info.value(u"name"_s).toString();
    if (const auto own = marker(info.value(u"description"_s).toString(), PostmanScripts::AuthMarker)) {
        if (auto a = AuthSpec::fromJson(own->toObject()))
            c.auth = a.value();
    } else {
        c.auth = importAuth(postman.value(u"auth"_s), c.name, warnings);
    }
    const QJsonArray variables = postman.value(u"variable"_s).toArray();
    for (const QJsonValue &v : variables) {
        const QJsonObject o = v.toObject();
        c.variables.append({o.value(u"key"_s).toString(), o.value(u"value"_s).toVariant().toString(),
                            o.value(u"type"_s).toString() == u"secret"_s, !o.value(u"disabled"_s).toBool(false)});
    }
    Importer importer{warnings, {}};
    auto items = importer.items(postman.value(u"item"_s).toArray(), {});
    if (!items)
        return items.error();
    c.items = items.value();
    c.scripts = PostmanScripts::user(postman.value(u"event"_s).toArray());
    if (auto valid = c.validate(); !valid)
        return valid.error();
    return c;
}

Environment PostmanFormat::importEnvironment(const QJsonObject &postman)
{
    Environment e;
    e.id = postman.value(u"id"_s).toString();
    e.name = postman.value(u"name"_s).toString();
    e.global = postman.value(u"_postman_variable_scope"_s).toString() == u"globals"_s;
    const QJsonArray values = postman.value(u"values"_s).toArray();
    for (const QJsonValue &v : values) {
        const QJsonObject o = v.toObject();
        e.variables.append({o.value(u"key"_s).toString(), o.value(u"value"_s).toVariant().toString(),
                            o.value(u"type"_s).toString() == u"secret"_s, o.value(u"enabled"_s).toBool(true)});
    }
    return e;
}

} // namespace quarry::http
