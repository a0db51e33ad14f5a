// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
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

namespace {
/// " “Ada (demo login)”", or for a signed token without a name " by “auth-demo”"; empty otherwise.
QString profileLabel(const http::AuthSpec &spec)
{
    if (!spec.name.isEmpty())
        return u" “%1”"_s.arg(spec.name);
    if (spec.type == http::AuthSpec::Type::Signed && !spec.authProfile.isEmpty())
        return u" by “%1”"_s.arg(spec.authProfile);
    return {};
}
} // namespace

RequestsPage::RequestsPage(QAbstractProxyModel *outline, QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestsPage>())
    , m_outline(outline)
    , m_undoStack(undoStack)
    , m_client(new http::Client(this))
{
    m_ui->setupUi(this);
    // What was sent, each header with where it came from: a tab of the response view.
    m_sentView = new QPlainTextEdit(this);
    m_sentView->setReadOnly(true);
    m_sentView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_sentView->setPlaceholderText(tr("What was sent, each header with where it came from, appears here after Send."));
    m_ui->responseView->addTab(m_sentView, tr("Sent"));
    m_ui->mainSplitter->setSizes({280, 800});
    m_ui->exchangeSplitter->setSizes({300, 500});   // the response gets the larger half
    m_ui->noticeLabel->setVisible(false);
    m_ui->requestEditor->setSendEnabled(false);

    m_ui->collectionsView->setModel(outline);
    m_ui->collectionsView->setColumnHidden(1, true);
    m_ui->collectionsView->setHeaderHidden(true);
    connect(outline, &QAbstractItemModel::modelReset, this, &RequestsPage::resetRoot);
    connect(m_ui->collectionsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RequestsPage::showSelected);
    connect(m_ui->collectionsView, &QWidget::customContextMenuRequested, this, &RequestsPage::showContextMenu);
    connect(m_ui->addRequestButton, &QToolButton::clicked, this, [this] { addRequest(); });
    connect(m_ui->addFolderButton, &QToolButton::clicked, this, [this] { addFolder(); });
    auto *more = new QMenu(this);
    connect(more, &QMenu::aboutToShow, this, [this, more] { fillMoreMenu(more); });
    m_ui->moreButton->setMenu(more);
    connect(m_ui->environmentsButton, &QToolButton::clicked, this, &RequestsPage::editEnvironments);
    // Keys on the tree: Delete removes the selected item, F2 renames it (both undoable).
    auto *deleteAction = new QAction(tr("Delete"), m_ui->collectionsView);
    deleteAction->setShortcut(QKeySequence::Delete);
    deleteAction->setShortcutContext(Qt::WidgetShortcut);
    connect(deleteAction, &QAction::triggered, this, [this] {
        if (!m_currentId.isEmpty())
            deleteItem(m_currentId);
    });
    auto *renameAction = new QAction(tr("Rename"), m_ui->collectionsView);
    renameAction->setShortcut(QKeySequence(Qt::Key_F2));
    renameAction->setShortcutContext(Qt::WidgetShortcut);
    connect(renameAction, &QAction::triggered, this, &RequestsPage::renameSelected);
    m_ui->collectionsView->addActions({deleteAction, renameAction});

    connect(m_ui->requestEditor, &RequestEditor::requestEdited, this, &RequestsPage::requestEdited);
    m_ui->settingsEditor->setVisible(false);
    connect(m_ui->settingsEditor, &ItemSettingsEditor::nameEdited, this,
            [this](const QString &id, const QString &name) { renameItem(id, name); });
    connect(m_ui->settingsEditor, &ItemSettingsEditor::authEdited, this,
            [this](const QString &id, const http::AuthSpec &auth) {
                editCollections(
                    [&](QList<Collection> &list) {
                        const int c = collectionedit::collectionOf(list, id);
                        return c >= 0 && collectionedit::setItemAuth(list[c], id, auth);
                    },
                    tr("Set the auth of “%1” to %2").arg(m_ui->settingsEditor->itemName(),
                                                         http::AuthSpec::typeName(auth.type)));
            });
    connect(m_ui->settingsEditor, &ItemSettingsEditor::scriptsEdited, this,
            [this](const QString &id, const http::Scripts &scripts) {
                editCollections(
                    [&](QList<Collection> &list) {
                        const int c = collectionedit::collectionOf(list, id);
                        return c >= 0 && collectionedit::setItemScripts(list[c], id, scripts);
                    },
                    tr("Edit the scripts of “%1”").arg(m_ui->settingsEditor->itemName()));
            });
    connect(m_ui->settingsEditor, &ItemSettingsEditor::variablesEdited, this,
            [this](const QString &id, const QList<http::Variable> &variables) {
                editCollections(
                    [&](QList<Collection> &list) {
                        const int c = collectionedit::collectionOf(list, id);
                        if (c < 0 || list[c].id != id)
                            return false;
                        list[c].variables = variables;
                        return true;
                    },
                    tr("Edit the collection's variables"));
            });
    connect(m_ui->requestEditor, &RequestEditor::sendClicked, this, [this] {
        if (m_pending) {
            m_client->cancel(m_pending);
            return;
        }
        send();
    });
    connect(m_client, &http::Client::finished, this, [this](quint64 id, const http::Exchange &exchange) {
        if (id != m_pending)
            return;
        m_pending = 0;
        m_ui->requestEditor->setSending(false);
        m_ui->responseView->setInProgress(false);
        showExchange(exchange);
        // The history is a log beside the design: no undo step, and the document is not marked
        // modified by it (see Workspace::history()).
        m_history.add(http::HistoryEntry::fromExchange(exchange, m_pendingEnvironment, m_pendingMaskedParam));
        if (m_workspace)
            m_workspace->setHistory(m_history.toJson());
        reloadHistory();
        emit exchangeFinished(exchange);
    });

    connect(m_client, &http::Client::progress, this, [this](quint64 id, qint64 received, qint64 total) {
        if (id == m_pending)
            m_ui->responseView->setProgress(received, total);
    });

    connect(m_ui->historyList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (!selectRequest(item->data(RequestIdRole).toString()))
            showNotice(tr("The request of this history entry is no longer in the workspace."), true);
        else
            m_ui->sidebarTabs->setCurrentWidget(m_ui->collectionsTab);
    });
    connect(m_ui->historyList, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        if (!selectRequest(item->data(RequestIdRole).toString()))
            showNotice(tr("The request of this history entry is no longer in the workspace."), true);
    });
    connect(m_ui->clearHistoryButton, &QPushButton::clicked, this, &RequestsPage::clearHistory);
    reloadHistory();
}

RequestsPage::~RequestsPage() = default;

RequestEditor *RequestsPage::editor() const
{
    return m_ui->requestEditor;
}

ItemSettingsEditor *RequestsPage::settingsEditor() const
{
    return m_ui->settingsEditor;
}

void RequestsPage::setWorkspace(workspace::Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    m_parsedValid = false;
    m_currentId.clear();
    m_collectionId.clear();
    m_requestId.clear();
    m_ui->requestEditor->clearRequest();
    m_history = http::RequestHistory::fromJson(workspace ? workspace->history() : QJsonArray{});
    if (workspace) {
        m_client->setAuthProfiles(workspace->sectionArray(Section::AuthProfiles));
        connect(workspace, &workspace::Workspace::sectionChanged, this, [this](Section s) {
            if (s == Section::Environments)
                reloadEnvironments();
            if (s == Section::AuthProfiles) {
                m_client->setAuthProfiles(m_workspace->sectionArray(Section::AuthProfiles));
                reloadAuthProfiles();
            }
        });
        connect(workspace, &workspace::Workspace::historyChanged, this, [this] {
            m_history = http::RequestHistory::fromJson(m_workspace->history());
            reloadHistory();
        });
    }
    reloadEnvironments();
    reloadAuthProfiles();
    reloadHistory();
    resetRoot();
    showSelected();
}

void RequestsPage::reloadEnvironments()
{
    fillEnvironmentCombo(m_ui->environmentCombo,
                         m_workspace ? m_workspace->sectionArray(Section::Environments) : QJsonArray(),
                         m_ui->environmentCombo->currentText());
}

void RequestsPage::reloadAuthProfiles()
{
    QList<std::pair<QString, QString>> profiles;
    if (m_workspace) {
        for (const QJsonValue &p : m_workspace->sectionArray(Section::AuthProfiles))
            profiles.append({p.toObject().value(u"id"_s).toString(), p.toObject().value(u"name"_s).toString()});
    }
    m_ui->requestEditor->setAuthProfiles(profiles);
    m_ui->settingsEditor->setAuthProfiles(profiles);
}

void RequestsPage::resetRoot()
{
    auto *tree = qobject_cast<WorkspaceTreeModel *>(m_outline->sourceModel());
    m_ui->collectionsView->setRootIndex(tree ? m_outline->mapFromSource(tree->sectionIndex(Section::Collections))
                                             : QModelIndex());
    m_ui->collectionsView->expandAll();
    // The tree is rebuilt after every edit: select the same item again (showSelected() refreshes
    // the editor only where the request changed, e.g. after an undo).
    if (!m_currentId.isEmpty()) {
        const QModelIndex index = findItem(m_ui->collectionsView->rootIndex(), m_currentId);
        if (index.isValid() && index != m_ui->collectionsView->currentIndex())
            m_ui->collectionsView->setCurrentIndex(index);   // currentChanged() -> showSelected()
        else
            showSelected();
    }
}

QModelIndex RequestsPage::findItem(const QModelIndex &parent, const QString &id) const
{
    for (int row = 0; row < m_outline->rowCount(parent); ++row) {
        const QModelIndex index = m_outline->index(row, 0, parent);
        if (index.data(WorkspaceTreeModel::IdRole).toString() == id)
            return index;
        if (const QModelIndex found = findItem(index, id); found.isValid())
            return found;
    }
    return {};
}

bool RequestsPage::selectRequest(const QString &requestId)
{
    const QModelIndex index = findItem(m_ui->collectionsView->rootIndex(), requestId);
    if (index.isValid())
        m_ui->collectionsView->setCurrentIndex(index);
    return index.isValid();
}

void RequestsPage::selectEnvironment(const QString &name)
{
    m_ui->environmentCombo->setCurrentText(name);
}

void RequestsPage::setVariableOverride(const QString &name, const QString &value)
{
    m_overrides.insert(name, value);
}

void RequestsPage::showNotice(const QString &text, bool error)
{
    m_ui->noticeLabel->setText(text);
    m_ui->noticeLabel->setStyleSheet(error ? u"color: #c92a2a"_s : QString());
    m_ui->noticeLabel->setVisible(!text.isEmpty());
}

QString RequestsPage::noticeText() const
{
    return m_ui->noticeLabel->text();
}

Result<QList<Collection>> RequestsPage::collections() const
{
    if (!m_workspace)
        return Error{Error::Kind::Internal, tr("No workspace is open."), {}};
    // Every edit rebuilds the tree and shows the selection again; the section is usually the very
    // array the last edit produced (shared, so comparing it costs little), parsed already.
    const QJsonArray json = m_workspace->sectionArray(Section::Collections);
    if (m_parsedValid && json == m_parsedJson)
        return m_parsed;
    auto list = Collection::listFromJson(json);
    if (list) {
        m_parsedJson = json;
        m_parsed = list.value();
        m_parsedValid = true;
    }
    return list;
}

void RequestsPage::showSelected()
{
    const QModelIndex current = m_ui->collectionsView->currentIndex();
    const QString kind = current.data(WorkspaceTreeModel::KindRole).toString();
    const bool inTree = current.isValid()
                     && (kind == u"request"_s || kind == u"folder"_s || kind == u"collection"_s);
    m_currentId = inTree ? current.data(WorkspaceTreeModel::IdRole).toString() : QString();
    const auto list = collections();
    if (!list) {
        m_ui->requestEditor->clearRequest();
        m_ui->requestEditor->setSendEnabled(false);
        if (m_workspace)
            showNotice(tr("✗ The collections cannot be read: %1").arg(list.error().toString()), true);
        return;
    }
    const int c = collectionedit::collectionOf(list.value(), m_currentId);
    const http::RequestSpec *request = c >= 0 && kind == u"request"_s ? list.value().at(c).findRequest(m_currentId)
                                                                       : nullptr;
    if (!request) {
        m_collectionId.clear();
        m_requestId.clear();
        m_ui->requestEditor->clearRequest();
        m_ui->requestEditor->setSendEnabled(false);
        const bool settings = c >= 0 && (kind == u"folder"_s || kind == u"collection"_s);
        m_ui->requestEditor->setVisible(!settings);
        m_ui->settingsEditor->setVisible(settings);
        m_ui->responseBox->setVisible(!settings);   // the settings take the whole height, as the response is a request's
        if (settings)
            showSettings(list.value().at(c), m_currentId, kind == u"collection"_s);
        if (m_workspace)
            showNotice(settings ? tr("New Request adds a request here; More ▸ Rename, Duplicate, Delete.")
                                : tr("Choose a request in the tree, or add one with New Request."));
        return;
    }
    showNotice({});
    m_ui->settingsEditor->setVisible(false);
    m_ui->requestEditor->setVisible(true);
    m_ui->responseBox->setVisible(true);
    const Collection &collection = list.value().at(c);
    m_collectionId = collection.id;
    m_requestId = request->id;
    QList<std::pair<QString, QString>> requests;
    for (const http::RequestSpec *r : collection.requests())
        requests.append({r->id, u"%1  (%2 %3)"_s.arg(r->name, r->method, r->url)});
    m_ui->requestEditor->setCollectionRequests(requests);
    // What Inherit would give this request: the same collection with the request set to Inherit.
    Collection inheriting = collection;
    collectionedit::setItemAuth(inheriting, request->id, {});
    m_ui->requestEditor->setInheritedAuth(describeAuth(inheriting.effectiveAuth(request->id)));
    if (m_ui->requestEditor->request() != *request || !m_ui->requestEditor->isEnabled())
        m_ui->requestEditor->setRequest(*request);
    const http::EffectiveAuth auth = collection.effectiveAuth(request->id);
    QString effective;
    if (auth.spec.type == http::AuthSpec::Type::None)
        effective = tr("Sent without authentication.");
    else
        effective = tr("Sent with: %1%2%3")
                        .arg(http::AuthSpec::typeName(auth.spec.type),
                             profileLabel(auth.spec),
                             auth.source.isEmpty() ? QString() : tr(", set on the %1").arg(auth.source));
    if (auth.spec.holdsTokens())
        effective += u'\n' + tr("Tokens are obtained, attached and renewed by themselves when the request is sent.");
    m_ui->requestEditor->setEffectiveAuth(effective);
    m_ui->requestEditor->setSendEnabled(true);
}

QString RequestsPage::describeAuth(const http::EffectiveAuth &auth) const
{
    if (auth.spec.type == http::AuthSpec::Type::None && auth.source.isEmpty())
        return tr("Inherit gives no auth here: nothing above sets one.");
    return tr("Inherit gives: %1%2, set on the %3.")
        .arg(http::AuthSpec::typeName(auth.spec.type), profileLabel(auth.spec), auth.source);
}

void RequestsPage::showSettings(const Collection &collection, const QString &id, bool isCollection)
{
    QList<std::pair<QString, QString>> requests;
    for (const http::RequestSpec *r : collection.requests())
        requests.append({r->id, u"%1  (%2 %3)"_s.arg(r->name, r->method, r->url)});
    ItemSettingsEditor *editor = m_ui->settingsEditor;
    editor->setRequests(requests);
    if (isCollection) {
        editor->setInheritText(tr("A collection has nothing above it: Inherit means no auth."));
        editor->setItem(ItemSettingsEditor::Kind::Collection, id, collection.name, collection.auth, collection.variables);
        editor->setScripts(collection.scripts);
        return;
    }
    const CollectionItem *folder = collection.find(id);
    if (!folder)
        return;
    // effectiveAuth() of a folder looks at the folders above it and the collection.
    editor->setInheritText(describeAuth(collection.effectiveAuth(id)));
    editor->setItem(ItemSettingsEditor::Kind::Folder, id, folder->folderName, folder->folderAuth, {});
    editor->setScripts(folder->folderScripts);
}

void RequestsPage::requestEdited(const http::RequestSpec &request, const QString &field)
{
    // Typing in the body merges into one step; every other field edit is a step of its own.
    const bool merge = field == u"body.text"_s || field == u"timeoutMs"_s;
    editCollections(
        [&](QList<Collection> &list) {
            const int c = collectionedit::collectionOf(list, request.id);
            return c >= 0 && collectionedit::replaceRequest(list[c], request);
        },
        tr("Edit %1 of “%2”").arg(field, request.name), merge ? request.id + u'/' + field : QString());
}

bool RequestsPage::editCollections(const std::function<bool(QList<Collection> &)> &change, const QString &text,
                                   const QString &mergeKey)
{
    auto list = collections();
    if (!list) {
        showNotice(tr("✗ The collections cannot be read, so nothing was changed: %1").arg(list.error().toString()),
                   true);
        return false;
    }
    if (!change(list.value()))
        return false;
    const QJsonArray json = Collection::listToJson(list.value());
    m_parsedJson = json;
    m_parsed = list.value();
    m_parsedValid = true;
    m_undoStack->push(new SetSectionCommand(m_workspace, Section::Collections, json, text, mergeKey));
    return true;
}

http::VariableScope RequestsPage::scopeFor(const Collection &collection) const
{
    http::VariableScope scope;
    const auto environments = http::Environment::listFromJson(m_workspace->sectionArray(Section::Environments));
    const QString envId = m_ui->environmentCombo->currentData().toString();
    if (const http::Environment *env = envId.isEmpty() ? nullptr : http::Environment::find(environments, envId))
        scope.setEnvironment(env);
    scope.setGlobals(http::Environment::globals(environments));
    scope.setCollectionVariables(collection.variables);
    for (auto it = m_overrides.begin(); it != m_overrides.end(); ++it)
        scope.setOverride(it.key(), it.value());
    return scope;
}

void RequestsPage::send()
{
    if (!m_workspace || m_requestId.isEmpty())
        return;
    m_ui->requestEditor->commitPending();
    const auto list = collections();
    if (!list)
        return;
    const int c = collectionedit::collectionOf(list.value(), m_requestId);
    if (c < 0)
        return;
    const Collection &collection = list.value().at(c);
    const http::EffectiveAuth auth = collection.effectiveAuth(m_requestId);
    m_pendingMaskedParam = auth.spec.placement == http::AuthSpec::Placement::Query ? auth.spec.queryParam : QString();
    m_pendingEnvironment = m_ui->environmentCombo->currentIndex() > 0 ? m_ui->environmentCombo->currentText() : QString();
    m_pending = m_client->send(collection, m_requestId, scopeFor(collection));
    m_ui->requestEditor->setSending(true);
    m_ui->responseView->setInProgress(true);
}

void RequestsPage::fillMoreMenu(QMenu *menu)
{
    menu->clear();
    const QModelIndex current = m_ui->collectionsView->currentIndex();
    const bool item = !m_currentId.isEmpty();
    QAction *rename = menu->addAction(tr("Rename…"), this, &RequestsPage::renameSelected);
    QAction *duplicate = menu->addAction(tr("Duplicate"), this, [this] { duplicateItem(m_currentId); });
    QAction *remove = menu->addAction(tr("Delete"), this, [this] { deleteItem(m_currentId); });
    rename->setEnabled(item);
    duplicate->setEnabled(item && current.data(WorkspaceTreeModel::KindRole).toString() != u"collection"_s);
    remove->setEnabled(item);
    menu->addSeparator();
    menu->addAction(tr("New Request"), this, [this] { addRequest(); });
    menu->addAction(tr("New Folder"), this, [this] { addFolder(); });
    menu->addAction(tr("New Collection"), this, [this] { addCollection(); });
    menu->addSeparator();
    QAction *copy = menu->addAction(tr("Copy as curl"), this, [this] {
        const auto command = curlCommand();
        if (!command) {
            showNotice(tr("✗ Cannot copy as curl: %1").arg(command.error().toString()), true);
            return;
        }
        QApplication::clipboard()->setText(command.value());
        showNotice(tr("Copied the request as a curl command (variables filled in; a token obtained by the "
                      "collection's auth is not included)."));
    });
    copy->setEnabled(!m_requestId.isEmpty());
    menu->addAction(tr("Paste curl…"), this, [this] {
        bool ok = false;
        const QString command = QInputDialog::getMultiLineText(
            this, tr("Paste curl"), tr("A curl command, as copied from a browser's developer tools:"),
            QApplication::clipboard()->text().trimmed().startsWith(u"curl"_s) ? QApplication::clipboard()->text()
                                                                             : QString(),
            &ok);
        if (!ok || command.trimmed().isEmpty())
            return;
        if (const auto id = pasteCurl(command); !id)
            showNotice(tr("✗ The curl command was not imported: %1").arg(id.error().toString()), true);
    });
}

void RequestsPage::renameSelected()
{
    if (m_currentId.isEmpty())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename"), tr("Name:"), QLineEdit::Normal,
                                               m_ui->collectionsView->currentIndex().data().toString(), &ok);
    if (ok)
        renameItem(m_currentId, name);
}

void RequestsPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_ui->collectionsView->indexAt(pos);
    if (index.isValid())
        m_ui->collectionsView->setCurrentIndex(index);
    QMenu menu(this);
    fillMoreMenu(&menu);
    menu.exec(m_ui->collectionsView->viewport()->mapToGlobal(pos));
}

void RequestsPage::editEnvironments()
{
    auto *dialog = findChild<EnvironmentsDialog *>();
    if (!dialog)
        dialog = new EnvironmentsDialog(m_undoStack, this);
    dialog->setWorkspace(m_workspace);
    dialog->selectEnvironment(m_ui->environmentCombo->currentText());
    dialog->show();
    dialog->raise();
}

QString RequestsPage::statusText() const
{
    return m_ui->responseView->statusText();
}

QString RequestsPage::bodyText() const
{
    return m_ui->responseView->fullText();
}

QString RequestsPage::authText() const
{
    return m_ui->responseView->authText();
}

QStringList RequestsPage::checkResults() const
{
    return m_ui->responseView->checkResults();
}

ResponseView *RequestsPage::responseView() const
{
    return m_ui->responseView;
}

} // namespace quarry::app
