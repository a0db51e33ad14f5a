// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/collection.h"

#include <QList>
#include <QString>

namespace quarry::app {

/// Structural edits of the workspace's collections, as the Requests page's tree offers them.
/// They work on the core model (http::Collection); the page serialises the result into one
/// undoable SetSectionCommand. Ids are created once and never change (renaming keeps them).
namespace collectionedit {

/// An id not used by any collection, folder or request: `prefix-slug(name)`, then -2, -3, ...
QString uniqueId(const QList<http::Collection> &collections, const QString &prefix, const QString &name);
/// The collection holding the item (or being it), or -1.
int collectionOf(const QList<http::Collection> &collections, const QString &id);
/// Adds `item` at the end of the folder `parentId`, or of the collection's top level when
/// `parentId` is the collection's id; false when there is no such folder.
bool insertItem(http::Collection &collection, const QString &parentId, const http::CollectionItem &item,
                int position = -1);
/// Removes the item (and, for a folder, everything in it); false when there is none.
bool removeItem(http::Collection &collection, const QString &id);
bool renameItem(http::Collection &collection, const QString &id, const QString &name);
/// Sets the auth of the collection itself (`id` is its id), of a folder or of a request; false
/// when there is no such item.
bool setItemAuth(http::Collection &collection, const QString &id, const http::AuthSpec &auth);
/// The scripts of the collection itself, a folder or a request, by id.
bool setItemScripts(http::Collection &collection, const QString &id, const http::Scripts &scripts);
/// Replaces the request with the same id; false when there is none.
bool replaceRequest(http::Collection &collection, const http::RequestSpec &request);
/// A copy of the item with fresh ids (for folders, all the way down) and "copy" in its name,
/// placed right after the original; returns the copy's id, or empty when there is no item.
QString duplicateItem(QList<http::Collection> &collections, int collection, const QString &id);
/// The id of the folder directly holding the item, or the collection's id at the top level.
QString parentOf(const http::Collection &collection, const QString &id);

} // namespace collectionedit
} // namespace quarry::app
