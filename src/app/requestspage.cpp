// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "requestspage.h"
#include "ui_requestspage.h"

#include "jsonhighlighter.h"

#include "http/client.h"
#include "http/collection.h"
#include "http/environment.h"
#include "http/variablescope.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QAbstractProxyModel>
#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using workspace::Section;
using workspace::WorkspaceTreeModel;

RequestsPage::RequestsPage(QAbstractProxyModel *outline, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::RequestsPage>())
    , m_outline(outline)
    , m_client(new http::Client(this))
{
    m_ui->setupUi(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->bodyView->setFont(fixed);
    m_ui->requestView->setFont(fixed);
    m_ui->authView->setFont(fixed);
    new JsonHighlighter(m_ui->bodyView->document());
    new JsonHighlighter(m_ui->requestView->document());
    QFont bold = m_ui->methodLabel->font();
    bold.setBold(true);
    m_ui->methodLabel->setFont(bold);
    QFont big = m_ui->statusLabel->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_ui->statusLabel->setFont(big);
    m_ui->headersView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->checksView->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_ui->mainSplitter->setSizes({260, 800});
    m_ui->exchangeSplitter->setSizes({220, 420});
    m_ui->sendButton->setEnabled(false);

    m_ui->collectionsView->setModel(outline);
    m_ui->collectionsView->setColumnHidden(1, true);
    m_ui->collectionsView->setHeaderHidden(true);
    connect(outline, &QAbstractItemModel::modelReset, this, &RequestsPage::resetRoot);
    connect(m_ui->collectionsView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RequestsPage::showSelected);
    connect(m_ui->sendButton, &QPushButton::clicked, this, [this] {
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
        m_ui->sendButton->setText(tr("Send"));
        showExchange(exchange);
        emit exchangeFinished(exchange);
    });
}

RequestsPage::~RequestsPage() = default;

void RequestsPage::setWorkspace(workspace::Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    m_collectionId.clear();
    m_requestId.clear();
    if (workspace) {
        m_client->setAuthProfiles(workspace->sectionArray(Section::AuthProfiles));
        connect(workspace, &workspace::Workspace::sectionChanged, this, [this](Section s) {
            if (s == Section::Environments)
                reloadEnvironments();
            if (s == Section::AuthProfiles)
                m_client->setAuthProfiles(m_workspace->sectionArray(Section::AuthProfiles));
        });
    }
    reloadEnvironments();
    resetRoot();
    showSelected();
}

void RequestsPage::reloadEnvironments()
{
    const QString current = m_ui->environmentCombo->currentText();
    m_ui->environmentCombo->clear();
    m_ui->environmentCombo->addItem(tr("(none)"));
    if (m_workspace) {
        for (const QJsonValue &e : m_workspace->sectionArray(Section::Environments))
            m_ui->environmentCombo->addItem(e.toObject().value(u"name"_s).toString());
    }
    // Keep the user's environment if the workspace still has it; otherwise take the first one, as
    // a request with {{baseUrl}} cannot be sent without one.
    const int index = current == tr("(none)") ? -1 : m_ui->environmentCombo->findText(current);
    m_ui->environmentCombo->setCurrentIndex(index >= 0 ? index : std::min(1, m_ui->environmentCombo->count() - 1));
}

void RequestsPage::resetRoot()
{
    auto *tree = qobject_cast<WorkspaceTreeModel *>(m_outline->sourceModel());
    m_ui->collectionsView->setRootIndex(tree ? m_outline->mapFromSource(tree->sectionIndex(Section::Collections))
                                             : QModelIndex());
    m_ui->collectionsView->expandAll();
}

QModelIndex RequestsPage::findRequest(const QModelIndex &parent, const QString &id) const
{
    for (int row = 0; row < m_outline->rowCount(parent); ++row) {
        const QModelIndex index = m_outline->index(row, 0, parent);
        if (index.data(WorkspaceTreeModel::KindRole).toString() == u"request"_s
            && index.data(WorkspaceTreeModel::IdRole).toString() == id)
            return index;
        if (const QModelIndex found = findRequest(index, id); found.isValid())
            return found;
    }
    return {};
}

bool RequestsPage::selectRequest(const QString &requestId)
{
    const QModelIndex index = findRequest(m_ui->collectionsView->rootIndex(), requestId);
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

void RequestsPage::showSelected()
{
    m_collectionId.clear();
    m_requestId.clear();
    m_ui->methodLabel->clear();
    m_ui->urlEdit->clear();
    m_ui->requestView->clear();
    m_ui->sendButton->setEnabled(false);
    QModelIndex index = m_ui->collectionsView->currentIndex();
    if (!index.isValid() || index.data(WorkspaceTreeModel::KindRole).toString() != u"request"_s || !m_workspace)
        return;
    const QString requestId = index.data(WorkspaceTreeModel::IdRole).toString();
    while (index.isValid() && index.data(WorkspaceTreeModel::KindRole).toString() != u"collection"_s)
        index = index.parent();
    const QString collectionId = index.data(WorkspaceTreeModel::IdRole).toString();
    for (const QJsonValue &c : m_workspace->sectionArray(Section::Collections)) {
        if (c.toObject().value(u"id"_s).toString() != collectionId)
            continue;
        const auto collection = http::Collection::fromJson(c.toObject());
        if (!collection) {
            m_ui->requestView->setPlainText(tr("✗ The collection cannot be read: %1 (%2)")
                                                .arg(collection.error().message, collection.error().where));
            return;
        }
        const http::RequestSpec *request = collection.value().findRequest(requestId);
        if (!request)
            return;
        m_collectionId = collectionId;
        m_requestId = requestId;
        m_ui->methodLabel->setText(request->method);
        m_ui->urlEdit->setText(request->url);
        QString text;
        for (const http::KeyValue &h : request->headers)
            text += h.name + u": "_s + h.value + u'\n';
        if (!request->body.text.isEmpty())
            text += u'\n' + request->body.text + u'\n';
        if (!request->assertions.isEmpty())
            text += tr("\n%n check(s) run on the response.", nullptr, int(request->assertions.size()));
        m_ui->requestView->setPlainText(text);
        m_ui->sendButton->setEnabled(true);
        return;
    }
}

void RequestsPage::send()
{
    if (!m_workspace || m_requestId.isEmpty())
        return;
    const QJsonArray collections = m_workspace->sectionArray(Section::Collections);
    for (const QJsonValue &c : collections) {
        if (c.toObject().value(u"id"_s).toString() != m_collectionId)
            continue;
        const auto collection = http::Collection::fromJson(c.toObject());
        if (!collection)
            return;
        http::VariableScope scope;
        const int env = m_ui->environmentCombo->currentIndex() - 1;
        const QJsonArray environments = m_workspace->sectionArray(Section::Environments);
        http::Environment environment;
        if (env >= 0 && env < environments.size()) {
            environment = http::Environment::fromJson(environments.at(env).toObject());
            scope.setEnvironment(&environment);
        }
        for (auto it = m_overrides.begin(); it != m_overrides.end(); ++it)
            scope.setOverride(it.key(), it.value());
        m_pending = m_client->send(collection.value(), m_requestId, scope);
        m_ui->sendButton->setText(tr("Cancel"));
        m_ui->statusLabel->setText(tr("Sending…"));
        m_ui->meaningLabel->clear();
        m_ui->metricsLabel->clear();
        return;
    }
}

void RequestsPage::showExchange(const http::Exchange &exchange)
{
    m_ui->headersView->clear();
    m_ui->checksView->clear();
    m_ui->bodyView->clear();

    // What was sent, each header with where it came from.
    QString sent = QString::fromLatin1(exchange.request.method) + u' ' + exchange.request.url.toString() + u'\n';
    for (const http::HeaderLine &h : exchange.request.headers)
        sent += QString::fromLatin1(h.name) + u": "_s + QString::fromLatin1(h.value) + u"    ← "_s + h.source + u'\n';
    if (!exchange.request.body.isEmpty())
        sent += u'\n' + QString::fromUtf8(exchange.request.body) + u'\n';
    m_ui->requestView->setPlainText(sent);

    if (exchange.error && !exchange.response) {
        m_ui->statusLabel->setText(tr("No response"));
        m_ui->meaningLabel->setText(u"%1 (%2)"_s.arg(exchange.error->message, exchange.error->where));
    } else if (exchange.response) {
        const http::Response &r = *exchange.response;
        const QString colour = r.status >= 500 ? u"#c92a2a"_s : r.status >= 400 ? u"#b35c00"_s : u"#2b8a3e"_s;
        m_ui->statusLabel->setText(u"<span style=\"color:%1\">%2 %3</span>"_s.arg(colour).arg(r.status).arg(r.reason));
        m_ui->meaningLabel->setText(r.meaning());
        m_ui->metricsLabel->setText(tr("%1 ms (waiting %2, download %3) · %4")
                                        .arg(QLocale().toString(r.timings.total, 'f', 1),
                                             QLocale().toString(r.timings.waiting, 'f', 1),
                                             QLocale().toString(r.timings.download, 'f', 1),
                                             QLocale().formattedDataSize(r.size())));
        m_ui->bodyView->setPlainText(r.prettyBody());
        for (const auto &[name, value] : r.headers)
            new QTreeWidgetItem(m_ui->headersView, {QString::fromLatin1(name), QString::fromLatin1(value)});
    }

    const http::ResolvedAuth &a = exchange.auth;
    QString auth;
    if (a.type.isEmpty() || a.type == u"none"_s) {
        auth = tr("No authentication was attached.");
    } else {
        auth = tr("Type: %1\n").arg(a.type);
        if (!a.profileName.isEmpty())
            auth += tr("Profile: %1\n").arg(a.profileName);
        if (!a.inheritedFrom.isEmpty())
            auth += tr("Set on: %1\n").arg(a.inheritedFrom);
        if (!a.tokenId.isEmpty())
            auth += tr("Token: %1\n").arg(a.tokenId);
        if (a.secondsToExpiry)
            auth += tr("Expires in: %1 s\n").arg(qint64(*a.secondsToExpiry));
        QStringList events;
        if (a.loggedIn)
            events << tr("logged in first");
        if (a.refreshed)
            events << tr("refreshed the token");
        if (a.retriedAfter401)
            events << tr("got 401, logged in again and retried once");
        if (a.signedLocally)
            events << tr("signed locally by the profile");
        if (!events.isEmpty())
            auth += tr("This request: %1\n").arg(events.join(u", "_s));
        if (!a.claims.isEmpty())
            auth += tr("\nClaims (decoded, not verified):\n")
                  + QString::fromUtf8(QJsonDocument(a.claims).toJson(QJsonDocument::Indented));
    }
    m_ui->authView->setPlainText(auth);

    int failed = 0;
    for (const http::AssertionResult &check : exchange.assertions) {
        auto *item = new QTreeWidgetItem(m_ui->checksView,
                                         {check.description, check.passed ? tr("✓ passed") : u"✗ "_s + check.message});
        item->setForeground(1, check.passed ? QColor(0x2b, 0x8a, 0x3e) : QColor(0xc9, 0x2a, 0x2a));
        failed += check.passed ? 0 : 1;
    }
    const int checks = int(exchange.assertions.size());
    m_ui->responseTabs->setTabText(3, checks == 0 ? tr("Checks") : failed ? tr("Checks (%1 of %2 failed)").arg(failed).arg(checks)
                                                                         : tr("Checks (%1 passed)").arg(checks));
}

QString RequestsPage::statusText() const
{
    return m_ui->statusLabel->text();
}

QString RequestsPage::bodyText() const
{
    return m_ui->bodyView->toPlainText();
}

QString RequestsPage::authText() const
{
    return m_ui->authView->toPlainText();
}

QStringList RequestsPage::checkResults() const
{
    QStringList out;
    for (int i = 0; i < m_ui->checksView->topLevelItemCount(); ++i)
        out << m_ui->checksView->topLevelItem(i)->text(0) + u": "_s + m_ui->checksView->topLevelItem(i)->text(1);
    return out;
}

} // namespace quarry::app
