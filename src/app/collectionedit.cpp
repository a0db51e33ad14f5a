// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "collectionedit.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app::collectionedit {

using http::Collection;
using http::CollectionItem;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(CollectionEdit)
};

void collectIds(const QList<CollectionItem> &items, QSet<QString> &ids)
{
    for (const CollectionItem &item : items) {
        ids.insert(item.id());
        collectIds(item.items, ids);
    }
}

/// The list holding the item `id` and its index there.
QList<CollectionItem> *containerOf(QList<CollectionItem> &items, const QString &id, qsizetype &index)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (items[i].id() == id) {
            index = i;
            return &items;
        }
        if (items[i].type == CollectionItem::Type::Folder) {
            if (auto *found = containerOf(items[i].items, id, index))
                return found;
        }
    }
    return nullptr;
}

CollectionItem *itemIn(QList<CollectionItem> &items, const QString &id)
{
    qsizetype index = -1;
    QList<CollectionItem> *list = containerOf(items, id, index);
    return list ? &(*list)[index] : nullptr;
}

bool parentIn(const QList<CollectionItem> &items, const QString &parent, const QString &id, QString &out)
{
    for (const CollectionItem &item : items) {
        if (item.id() == id) {
            out = parent;
            return true;
        }
        if (item.type == CollectionItem::Type::Folder && parentIn(item.items, item.folderId, id, out))
            return true;
    }
    return false;
}

void renumber(CollectionItem &item, const QList<Collection> &collections, QSet<QString> &taken)
{
    const bool request = item.type == CollectionItem::Type::Request;
    QString id = uniqueId(collections, request ? u"req"_s : u"folder"_s, item.name());
    for (int n = 2; taken.contains(id); ++n)
        id = uniqueId(collections, request ? u"req"_s : u"folder"_s, item.name() + u' ' + QString::number(n));
    taken.insert(id);
    if (request)
        item.request.id = id;
    else
        item.folderId = id;
    for (CollectionItem &child : item.items)
        renumber(child, collections, taken);
}
} // namespace

QString uniqueId(const QList<Collection> &collections, const QString &prefix, const QString &name)
{
    QSet<QString> ids;
    for (const Collection &c : collections) {
        ids.insert(c.id);
        collectIds(c.items, ids);
    }
    static const QRegularExpression nonWord(u"[^a-z0-9]+"_s);
    QString slug = name.toLower().replace(nonWord, u"-"_s);
    while (slug.startsWith(u'-'))
        slug.remove(0, 1);
    while (slug.endsWith(u'-'))
        slug.chop(1);
    if (slug.isEmpty())
        slug = u"item"_s;
    slug.truncate(40);
    const QString base = prefix + u'-' + slug;
    QString id = base;
    for (int n = 2; ids.contains(id); ++n)
        id = base + u'-' + QString::number(n);
    return id;
}

int collectionOf(const QList<Collection> &collections, const QString &id)
{
    for (qsizetype i = 0; i < collections.size(); ++i) {
        if (collections[i].id == id || collections[i].find(id))
            return int(i);
    }
    return -1;
}

bool insertItem(Collection &collection, const QString &parentId, const CollectionItem &item, int position)
{
    QList<CollectionItem> *list = &collection.items;
    if (parentId != collection.id) {
        CollectionItem *folder = itemIn(collection.items, parentId);
        if (!folder || folder->type != CollectionItem::Type::Folder)
            return false;
        list = &folder->items;
    }
    if (position < 0 || position > list->size())
        list->append(item);
    else
        list->insert(position, item);
    return true;
}

bool removeItem(Collection &collection, const QString &id)
{
    qsizetype index = -1;
    QList<CollectionItem> *list = containerOf(collection.items, id, index);
    if (!list)
        return false;
    list->removeAt(index);
    return true;
}

bool renameItem(Collection &collection, const QString &id, const QString &name)
{
    CollectionItem *item = itemIn(collection.items, id);
    if (!item)
        return false;
    if (item->type == CollectionItem::Type::Request)
        item->request.name = name;
    else
        item->folderName = name;
    return true;
}

bool setItemAuth(Collection &collection, const QString &id, const http::AuthSpec &auth)
{
    if (id == collection.id) {
        collection.auth = auth;
        return true;
    }
    CollectionItem *item = itemIn(collection.items, id);
    if (!item)
        return false;
    if (item->type == CollectionItem::Type::Request)
        item->request.auth = auth;
    else
        item->folderAuth = auth;
    return true;
}

bool setItemScripts(Collection &collection, const QString &id, const http::Scripts &scripts)
{
    if (id == collection.id) {
        collection.scripts = scripts;
        return true;
    }
    CollectionItem *item = itemIn(collection.items, id);
    if (!item)
        return false;
    if (item->type == CollectionItem::Type::Request)
        item->request.scripts = scripts;
    else
        item->folderScripts = scripts;
    return true;
}

bool replaceRequest(Collection &collection, const http::RequestSpec &request)
{
    CollectionItem *item = itemIn(collection.items, request.id);
    if (!item || item->type != CollectionItem::Type::Request)
        return false;
    item->request = request;
    return true;
}

QString duplicateItem(QList<Collection> &collections, int collection, const QString &id)
{
    if (collection < 0 || collection >= collections.size())
        return {};
    qsizetype index = -1;
    QList<CollectionItem> *list = containerOf(collections[collection].items, id, index);
    if (!list)
        return {};
    CollectionItem copy = list->at(index);
    const QString name = Tr::tr("%1 copy").arg(copy.name());
    if (copy.type == CollectionItem::Type::Request)
        copy.request.name = name;
    else
        copy.folderName = name;
    QSet<QString> taken;
    renumber(copy, collections, taken);
    list->insert(index + 1, copy);
    return copy.id();
}

QString parentOf(const Collection &collection, const QString &id)
{
    QString parent;
    return parentIn(collection.items, collection.id, id, parent) ? parent : QString();
}

} // namespace quarry::app::collectionedit
