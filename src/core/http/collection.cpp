// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/collection.h"

#include <QCoreApplication>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Collection)
};

const CollectionItem *findIn(const QList<CollectionItem> &items, const QString &id)
{
    for (const CollectionItem &item : items) {
        if (item.id() == id)
            return &item;
        if (item.type == CollectionItem::Type::Folder) {
            if (const CollectionItem *found = findIn(item.items, id))
                return found;
        }
    }
    return nullptr;
}

void collectRequests(const QList<CollectionItem> &items, QList<const RequestSpec *> &out)
{
    for (const CollectionItem &item : items) {
        if (item.type == CollectionItem::Type::Request)
            out.append(&item.request);
        else
            collectRequests(item.items, out);
    }
}

/// The chain of folders from the top down to the item `id`; false when the id is not below `items`.
bool pathTo(const QList<CollectionItem> &items, const QString &id, QList<const CollectionItem *> &path)
{
    for (const CollectionItem &item : items) {
        if (item.id() == id)
            return true;
        if (item.type == CollectionItem::Type::Folder) {
            path.append(&item);
            if (pathTo(item.items, id, path))
                return true;
            path.removeLast();
        }
    }
    return false;
}

Result<void> checkIds(const QList<CollectionItem> &items, QSet<QString> &seen)
{
    for (const CollectionItem &item : items) {
        const QString id = item.id();
        if (id.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("An item has no id."), item.name()};
        if (seen.contains(id))
            return Error{Error::Kind::InvalidInput, Tr::tr("The id \"%1\" is used twice.").arg(id), item.name()};
        seen.insert(id);
        if (item.type == CollectionItem::Type::Folder) {
            if (auto r = checkIds(item.items, seen); !r)
                return r;
        }
    }
    return {};
}
} // namespace

QJsonObject CollectionItem::toJson() const
{
    if (type == Type::Request)
        return request.toJson();
    QJsonArray children;
    for (const CollectionItem &child : items)
        children.append(child.toJson());
    QJsonObject o{{u"type"_s, u"folder"_s}, {u"id"_s, folderId}, {u"name"_s, folderName}, {u"items"_s, children}};
    if (!folderAuth.isInherit())
        o.insert(u"auth"_s, folderAuth.toJson());
    if (!folderScripts.isEmpty())
        o.insert(u"scripts"_s, folderScripts.toJson());
    return o;
}

Result<CollectionItem> CollectionItem::fromJson(const QJsonObject &object)
{
    CollectionItem item;
    const QString type = object.value(u"type"_s).toString(u"request"_s);
    if (type == u"request"_s) {
        auto request = RequestSpec::fromJson(object);
        if (!request)
            return request.error();
        item.request = request.value();
        return item;
    }
    if (type != u"folder"_s)
        return Error{Error::Kind::InvalidInput, Tr::tr("Unknown item type \"%1\" (request or folder).").arg(type),
                     object.value(u"name"_s).toString()};
    item.type = Type::Folder;
    item.folderId = object.value(u"id"_s).toString();
    item.folderName = object.value(u"name"_s).toString();
    if (object.contains(u"auth"_s)) {
        auto auth = AuthSpec::fromJson(object.value(u"auth"_s).toObject());
        if (!auth)
            return Error{auth.error().kind, auth.error().message, item.folderName};
        item.folderAuth = auth.value();
    }
    auto scripts = Scripts::fromJson(object.value(u"scripts"_s));
    if (!scripts)
        return Error{scripts.error().kind, scripts.error().message, item.folderName + u", "_s + scripts.error().where};
    item.folderScripts = scripts.value();
    const QJsonArray children = object.value(u"items"_s).toArray();
    for (const QJsonValue &v : children) {
        auto child = fromJson(v.toObject());
        if (!child)
            return Error{child.error().kind, child.error().message, item.folderName + u" / "_s + child.error().where};
        item.items.append(child.value());
    }
    return item;
}

QJsonObject Collection::toJson() const
{
    QJsonArray list;
    for (const CollectionItem &item : items)
        list.append(item.toJson());
    QJsonObject o{{u"id"_s, id}, {u"name"_s, name}, {u"items"_s, list}};
    if (!auth.isInherit())
        o.insert(u"auth"_s, auth.toJson());
    if (!variables.isEmpty()) {
        QJsonArray vars;
        for (const Variable &v : variables)
            vars.append(v.toJson());
        o.insert(u"variables"_s, vars);
    }
    if (!scripts.isEmpty())
        o.insert(u"scripts"_s, scripts.toJson());
    return o;
}

Result<Collection> Collection::fromJson(const QJsonObject &object)
{
    Collection c;
    c.id = object.value(u"id"_s).toString();
    c.name = object.value(u"name"_s).toString();
    const QString where = u"collection \"%1\""_s.arg(c.name.isEmpty() ? c.id : c.name);
    if (object.contains(u"auth"_s)) {
        auto auth = AuthSpec::fromJson(object.value(u"auth"_s).toObject());
        if (!auth)
            return Error{auth.error().kind, auth.error().message, where};
        c.auth = auth.value();
    }
    const QJsonArray vars = object.value(u"variables"_s).toArray();
    for (const QJsonValue &v : vars)
        c.variables.append(Variable::fromJson(v.toObject()));
    auto scripts = Scripts::fromJson(object.value(u"scripts"_s));
    if (!scripts)
        return Error{scripts.error().kind, scripts.error().message, where + u", "_s + scripts.error().where};
    c.scripts = scripts.value();
    const QJsonArray list = object.value(u"items"_s).toArray();
    for (const QJsonValue &v : list) {
        auto item = CollectionItem::fromJson(v.toObject());
        if (!item)
            return Error{item.error().kind, item.error().message, where + u" / "_s + item.error().where};
        c.items.append(item.value());
    }
    if (auto valid = c.validate(); !valid)
        return Error{valid.error().kind, valid.error().message, where + u" / "_s + valid.error().where};
    return c;
}

Result<QList<Collection>> Collection::listFromJson(const QJsonArray &array)
{
    QList<Collection> out;
    for (const QJsonValue &v : array) {
        auto c = fromJson(v.toObject());
        if (!c)
            return c.error();
        out.append(c.value());
    }
    return out;
}

QJsonArray Collection::listToJson(const QList<Collection> &collections)
{
    QJsonArray out;
    for (const Collection &c : collections)
        out.append(c.toJson());
    return out;
}

const CollectionItem *Collection::find(const QString &id) const
{
    return findIn(items, id);
}

const RequestSpec *Collection::findRequest(const QString &idOrName) const
{
    const QList<const RequestSpec *> all = requests();
    for (const RequestSpec *r : all) {
        if (r->id == idOrName)
            return r;
    }
    for (const RequestSpec *r : all) {
        if (r->name == idOrName)
            return r;
    }
    return nullptr;
}

QList<const RequestSpec *> Collection::requests() const
{
    QList<const RequestSpec *> out;
    collectRequests(items, out);
    return out;
}

QList<const RequestSpec *> Collection::requestsUnder(const QString &folderId) const
{
    QList<const RequestSpec *> out;
    const CollectionItem *folder = find(folderId);
    if (folder && folder->type == CollectionItem::Type::Folder)
        collectRequests(folder->items, out);
    return out;
}

EffectiveAuth Collection::effectiveAuth(const QString &requestId) const
{
    const CollectionItem *item = find(requestId);
    if (item && item->type == CollectionItem::Type::Request && !item->request.auth.isInherit())
        return {item->request.auth, u"request"_s};
    QList<const CollectionItem *> path;
    if (item)
        pathTo(items, requestId, path);
    for (auto it = path.crbegin(); it != path.crend(); ++it) {
        if (!(*it)->folderAuth.isInherit())
            return {(*it)->folderAuth, u"folder \"%1\""_s.arg((*it)->folderName)};
    }
    if (!auth.isInherit())
        return {auth, u"collection \"%1\""_s.arg(name)};
    AuthSpec none;
    none.type = AuthSpec::Type::None;
    return {none, {}};
}

QList<const CollectionItem *> Collection::foldersAbove(const QString &requestId) const
{
    QList<const CollectionItem *> path;
    const CollectionItem *item = find(requestId);
    if (item && item->type == CollectionItem::Type::Request)
        pathTo(items, requestId, path);
    return path;
}

Result<void> Collection::validate() const
{
    QSet<QString> seen;
    return checkIds(items, seen);
}

} // namespace quarry::http
