// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/authspec.h"
#include "http/environment.h"
#include "http/requestspec.h"
#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace quarry::http {

/// A request or a folder of a collection. Folders nest without limit.
struct QUARRY_CORE_EXPORT CollectionItem {
    enum class Type { Request, Folder };
    Type type = Type::Request;
    RequestSpec request;            ///< Request: the request (its id and name are the item's)
    QString folderId;               ///< Folder
    QString folderName;             ///< Folder
    AuthSpec folderAuth;            ///< Folder: Inherit by default
    Scripts folderScripts;          ///< Folder
    QList<CollectionItem> items;    ///< Folder

    QString id() const { return type == Type::Request ? request.id : folderId; }
    QString name() const { return type == Type::Request ? request.name : folderName; }
    QJsonObject toJson() const;
    static Result<CollectionItem> fromJson(const QJsonObject &object);
};

/// Where a request's auth came from after inheritance.
struct QUARRY_CORE_EXPORT EffectiveAuth {
    AuthSpec spec;                  ///< never Inherit: None when nothing up the tree sets one
    QString source;                 ///< "request", "folder \"Admin\"", "collection \"Users API\"", or empty
};

/// A collection as stored in the workspace's `collections` array:
/// `{id, name, auth?, variables?:[{name,value,secret?}], scripts?, items:[...]}`.
/// Ids are kept as loaded (the GUI creates them once; they never change on save), keys are
/// written in a stable order and defaults are left out, so the file diffs well.
class QUARRY_CORE_EXPORT Collection
{
public:
    QString id;
    QString name;
    AuthSpec auth;
    QList<Variable> variables;
    Scripts scripts;
    QList<CollectionItem> items;

    QJsonObject toJson() const;
    /// Errors name the item (`where`: "collections[\"Users API\"] / folder / request").
    static Result<Collection> fromJson(const QJsonObject &object);
    static Result<QList<Collection>> listFromJson(const QJsonArray &array);
    static QJsonArray listToJson(const QList<Collection> &collections);

    /// The item with this id (request or folder), or nullptr.
    const CollectionItem *find(const QString &id) const;
    /// A request by id, or else by name (the first one in depth-first order); nullptr when none.
    const RequestSpec *findRequest(const QString &idOrName) const;
    /// Every request in depth-first order (the order the runner sends them).
    QList<const RequestSpec *> requests() const;
    /// The requests under a folder (depth-first); empty when the id is not a folder.
    QList<const RequestSpec *> requestsUnder(const QString &folderId) const;
    /// The auth that applies to the request: its own unless Inherit, else the nearest folder's,
    /// else the collection's, else None.
    EffectiveAuth effectiveAuth(const QString &requestId) const;
    /// The folders from the outermost down to the request's own (empty when the id is not a
    /// request of this collection): whose scripts run around it, in Postman's order.
    QList<const CollectionItem *> foldersAbove(const QString &requestId) const;
    /// Unique ids within the collection; an error names the duplicate.
    Result<void> validate() const;

};

} // namespace quarry::http
