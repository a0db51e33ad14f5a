// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// The Requests page's tree edits: add, rename, duplicate and delete items, and curl copy/paste.
#include "requestspage.h"
#include "ui_requestspage.h"

#include "collectionedit.h"
#include "environmentcombo.h"
#include "environmentsdialog.h"
#include "itemsettingseditor.h"
#include "requesteditor.h"
#include "responseview.h"
#include "setsectioncommand.h"

#include "http/client.h"
#include "http/curlformat.h"
#include "http/environment.h"
#include "http/preparedrequest.h"
#include "http/variablescope.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QAbstractProxyModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using http::Collection;
using http::CollectionItem;
using workspace::Section;
using workspace::WorkspaceTreeModel;

bool RequestsPage::insertionPoint(const QList<Collection> &list, int &collection, QString &parent, int &position) const
{
    position = -1;
    collection = collectionedit::collectionOf(list, m_currentId);
    if (collection < 0)
        return false;
    const QModelIndex current = findItem(m_ui->collectionsView->rootIndex(), m_currentId);
    const QString kind = current.data(WorkspaceTreeModel::KindRole).toString();
    if (kind == u"collection"_s || kind == u"folder"_s) {
        parent = m_currentId;
        return true;
    }
    // Beside the selected request.
    parent = collectionedit::parentOf(list.at(collection), m_currentId);
    position = current.row() + 1;
    return !parent.isEmpty();
}

QString RequestsPage::addCollection(const QString &name)
{
    QString id;
    const QString title = name.isEmpty() ? tr("New collection") : name;
    editCollections(
        [&](QList<Collection> &list) {
            Collection c;
            c.id = collectionedit::uniqueId(list, u"col"_s, title);
            c.name = title;
            id = c.id;
            list.append(c);
            return true;
        },
        tr("Add collection %1").arg(title));
    if (!id.isEmpty())
        selectRequest(id);
    return id;
}

QString RequestsPage::addRequest(const QString &name)
{
    const QString title = name.isEmpty() ? tr("New request") : name;
    return addItem(CollectionItem::Type::Request, title, tr("Add request %1").arg(title));
}

QString RequestsPage::addFolder(const QString &name)
{
    const QString title = name.isEmpty() ? tr("New folder") : name;
    return addItem(CollectionItem::Type::Folder, title, tr("Add folder %1").arg(title));
}

QString RequestsPage::addItem(CollectionItem::Type type, const QString &title, const QString &undoText)
{
    if (!m_workspace)
        return {};
    if (m_workspace->sectionArray(Section::Collections).isEmpty()) {
        addCollection();
    } else if (m_currentId.isEmpty()) {
        // Nothing selected: the first collection.
        m_currentId = m_workspace->sectionArray(Section::Collections).at(0).toObject().value(u"id"_s).toString();
    }
    QString id;
    editCollections(
        [&](QList<Collection> &list) {
            int c = -1;
            QString parent;
            int position = -1;
            if (!insertionPoint(list, c, parent, position))
                return false;
            CollectionItem item;
            item.type = type;
            if (type == CollectionItem::Type::Folder) {
                item.folderId = collectionedit::uniqueId(list, u"folder"_s, title);
                item.folderName = title;
                id = item.folderId;
            } else {
                item.request.id = collectionedit::uniqueId(list, u"req"_s, title);
                item.request.name = title;
                item.request.url = u"{{baseUrl}}/"_s;
                id = item.request.id;
            }
            return collectionedit::insertItem(list[c], parent, item, position);
        },
        undoText);
    if (!id.isEmpty())
        selectRequest(id);
    return id;
}

bool RequestsPage::renameItem(const QString &id, const QString &name)
{
    if (name.trimmed().isEmpty())
        return false;
    return editCollections(
        [&](QList<Collection> &list) {
            for (Collection &c : list) {
                if (c.id == id) {
                    c.name = name.trimmed();
                    return true;
                }
            }
            const int c = collectionedit::collectionOf(list, id);
            return c >= 0 && collectionedit::renameItem(list[c], id, name.trimmed());
        },
        tr("Rename to %1").arg(name.trimmed()));
}

QString RequestsPage::duplicateItem(const QString &id)
{
    QString copy;
    editCollections(
        [&](QList<Collection> &list) {
            copy = collectionedit::duplicateItem(list, collectionedit::collectionOf(list, id), id);
            return !copy.isEmpty();
        },
        tr("Duplicate"));
    if (!copy.isEmpty())
        selectRequest(copy);
    return copy;
}

bool RequestsPage::deleteItem(const QString &id)
{
    return editCollections(
        [&](QList<Collection> &list) {
            for (qsizetype i = 0; i < list.size(); ++i) {
                if (list[i].id == id) {
                    list.removeAt(i);
                    return true;
                }
            }
            const int c = collectionedit::collectionOf(list, id);
            return c >= 0 && collectionedit::removeItem(list[c], id);
        },
        tr("Delete"));
}

Result<QString> RequestsPage::curlCommand() const
{
    if (!m_workspace || m_requestId.isEmpty())
        return Error{Error::Kind::InvalidInput, tr("Choose a request first."), {}};
    const auto list = collections();
    if (!list)
        return list.error();
    const int c = collectionedit::collectionOf(list.value(), m_requestId);
    const http::RequestSpec *spec = c >= 0 ? list.value().at(c).findRequest(m_requestId) : nullptr;
    if (!spec)
        return Error{Error::Kind::NotFound, tr("The request is no longer in the workspace."), m_requestId};
    const auto prepared = http::PreparedRequest::build(*spec, scopeFor(list.value().at(c)));
    if (!prepared)
        return prepared.error();
    return http::CurlFormat::toCurl(prepared.value());
}

Result<QString> RequestsPage::pasteCurl(const QString &command)
{
    QStringList warnings;
    auto parsed = http::CurlFormat::fromCurl(command, &warnings);
    if (!parsed)
        return parsed.error();
    if (m_workspace && m_workspace->sectionArray(Section::Collections).isEmpty())
        addCollection();
    else if (m_currentId.isEmpty() && m_workspace)
        m_currentId = m_workspace->sectionArray(Section::Collections).at(0).toObject().value(u"id"_s).toString();
    http::RequestSpec request = parsed.value();
    if (request.name.isEmpty())
        request.name = request.method + u' ' + request.url.section(u'?', 0, 0);
    QString id;
    editCollections(
        [&](QList<Collection> &list) {
            int c = -1;
            QString parent;
            int position = -1;
            if (!insertionPoint(list, c, parent, position))
                return false;
            request.id = collectionedit::uniqueId(list, u"req"_s, request.name);
            id = request.id;
            CollectionItem item;
            item.request = request;
            return collectionedit::insertItem(list[c], parent, item, position);
        },
        tr("Paste curl as %1").arg(request.name));
    if (id.isEmpty())
        return Error{Error::Kind::InvalidInput, tr("The request could not be added."), {}};
    selectRequest(id);
    showNotice(warnings.isEmpty() ? tr("Imported the curl command as “%1”.").arg(request.name)
                                  : tr("Imported the curl command as “%1”; ignored: %2")
                                        .arg(request.name, warnings.join(u"; "_s)));
    return id;
}

} // namespace quarry::app
