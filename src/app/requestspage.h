// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/collection.h"
#include "http/exchange.h"
#include "http/requesthistory.h"

#include <QJsonArray>
#include <QPointer>
#include <QWidget>

#include <functional>
#include <memory>

class QAbstractProxyModel;
class QMenu;
class QPlainTextEdit;
class QUndoStack;
namespace Ui { class RequestsPage; }
namespace quarry::http { class Client; }
namespace quarry::workspace { class Workspace; }

namespace quarry::app {

class ItemSettingsEditor;
class RequestEditor;
class ResponseView;

/// The request tester: the collections as a tree (add, rename, duplicate, delete requests and
/// nested folders; copy a request as curl, paste curl as a new request), an editor for the
/// selected request, an environment, Send (auth obtained and attached by itself, off the GUI
/// thread), the response, and the history of sends. Every edit of a collection is one command on
/// the undo stack; the history is a log kept beside them (see Workspace::history()).
class RequestsPage : public QWidget
{
    Q_OBJECT
public:
    RequestsPage(QAbstractProxyModel *outline, QUndoStack *undoStack, QWidget *parent = nullptr);
    ~RequestsPage() override;

    void setWorkspace(workspace::Workspace *workspace);
    /// Selects a request (or a folder or collection) by id in the collection tree; false if there is none.
    bool selectRequest(const QString &requestId);
    QString currentItemId() const { return m_currentId; }
    void selectEnvironment(const QString &name);
    /// Sends the selected request as edited; finished() follows.
    void send();
    /// Overrides a variable for every send (like `quarry run --var`), e.g. baseUrl for a test server.
    void setVariableOverride(const QString &name, const QString &value);
    QString statusText() const;
    QString bodyText() const;
    QString authText() const;
    QString noticeText() const;
    QStringList checkResults() const;
    RequestEditor *editor() const;
    /// The settings of the selected collection or folder (name, auth, variables); hidden for a request.
    ItemSettingsEditor *settingsEditor() const;
    /// The response half: status, body (pretty/tree/raw/preview, find), headers, cookies, auth, checks, sent.
    ResponseView *responseView() const;

    /// Tree actions, as the buttons and the context menu run them (each one undoable step).
    /// New items go into the selected folder or collection, or beside the selected request.
    QString addRequest(const QString &name = {});
    QString addFolder(const QString &name = {});
    QString addCollection(const QString &name = {});
    bool renameItem(const QString &id, const QString &name);
    QString duplicateItem(const QString &id);
    bool deleteItem(const QString &id);
    /// The selected request as a curl command line (variables resolved), or an error.
    Result<QString> curlCommand() const;
    /// Imports a curl command as a new request beside the selection; its id, or an error.
    Result<QString> pasteCurl(const QString &command);
    void clearHistory();
    const http::RequestHistory &history() const { return m_history; }

signals:
    void exchangeFinished(const quarry::http::Exchange &exchange);

private:
    static constexpr int RequestIdRole = Qt::UserRole + 1;   ///< a history item's request id
    void showSelected();
    void showExchange(const http::Exchange &exchange);
    void reloadEnvironments();
    void reloadAuthProfiles();
    void resetRoot();
    void reloadHistory();
    void showNotice(const QString &text, bool error = false);
    void requestEdited(const http::RequestSpec &request, const QString &field);
    /// Shows the selected collection or folder in the settings editor.
    void showSettings(const http::Collection &collection, const QString &id, bool isCollection);
    /// "login “Ada” set on the collection “Users API”", or that nothing is inherited.
    QString describeAuth(const http::EffectiveAuth &auth) const;
    void showContextMenu(const QPoint &pos);
    void renameSelected();
    void fillMoreMenu(QMenu *menu);
    void editEnvironments();
    /// Parses the collections, applies `change` and pushes the result as one undo step.
    bool editCollections(const std::function<bool(QList<http::Collection> &)> &change, const QString &text,
                         const QString &mergeKey = {});
    Result<QList<http::Collection>> collections() const;
    http::VariableScope scopeFor(const http::Collection &collection) const;
    /// Where a new item goes: (collection index, parent id, position), from the selection.
    bool insertionPoint(const QList<http::Collection> &list, int &collection, QString &parent, int &position) const;
    /// Adds a request or folder named `title` beside or inside the selection, as one undo step.
    QString addItem(http::CollectionItem::Type type, const QString &title, const QString &undoText);
    QModelIndex findItem(const QModelIndex &parent, const QString &id) const;

    std::unique_ptr<Ui::RequestsPage> m_ui;
    QAbstractProxyModel *m_outline;
    QUndoStack *m_undoStack;
    http::Client *m_client;
    QPlainTextEdit *m_sentView = nullptr;
    QPointer<workspace::Workspace> m_workspace;
    QString m_currentId;       // the selected item (request, folder or collection), kept across tree resets
    QString m_collectionId;
    QString m_requestId;       // the selected request, or empty
    quint64 m_pending = 0;
    QString m_pendingEnvironment;
    QString m_pendingMaskedParam;
    QHash<QString, QString> m_overrides;
    http::RequestHistory m_history;
    mutable QJsonArray m_parsedJson;    // the collections section last parsed, and the result
    mutable QList<http::Collection> m_parsed;
    mutable bool m_parsedValid = false;
};

} // namespace quarry::app
