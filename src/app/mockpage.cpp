// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mockpage.h"
#include "ui_mockpage.h"

#include "requestlogmodel.h"
#include "requestlogpanel.h"
#include "routeeditor.h"
#include "setsectioncommand.h"

#include "mock/mockserver.h"
#include "openapi/openapidocument.h"
#include "openapi/openapiimporter.h"
#include "workspace/workspace.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QIcon>
#include <QJsonArray>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QUndoStack>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

using workspace::Section;

MockPage::MockPage(QUndoStack *undoStack, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::MockPage>())
    , m_undoStack(undoStack)
    , m_server(std::make_unique<mock::MockServer>())
{
    m_ui->setupUi(this);
    // On a small screen the editor scrolls rather than forcing the window taller than the screen.
    auto *editorScroll = new QScrollArea(m_ui->routesSplitter);
    editorScroll->setWidgetResizable(true);
    editorScroll->setFrameShape(QFrame::NoFrame);
    m_editor = new RouteEditor(editorScroll);
    editorScroll->setWidget(m_editor);
    m_logPanel = new RequestLogPanel(m_ui->verticalSplitter);
    m_logPanel->setLog(m_server->requestLog());
    m_ui->routesSplitter->setSizes({260, 800});
    m_ui->verticalSplitter->setSizes({480, 200});

    connect(m_ui->startStopButton, &QPushButton::clicked, this, [this] {
        if (m_server->isRunning())
            stop();
        else
            (void)start();
    });
    connect(m_ui->routesList, &QListWidget::currentRowChanged, this, &MockPage::showSelectedRoute);
    connect(m_ui->addRouteButton, &QPushButton::clicked, this, &MockPage::addRoute);
    connect(m_ui->removeRouteButton, &QPushButton::clicked, this, &MockPage::removeRoute);
    connect(m_ui->importOpenApiButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import OpenAPI"), QString(),
                                                          tr("OpenAPI documents (*.yaml *.yml *.json);;All files (*)"));
        if (!path.isEmpty())
            (void)importOpenApi(path);
    });
    connect(m_editor, &RouteEditor::routeEdited, this, &MockPage::applyRouteEdit);
    connect(m_server.get(), &mock::MockServer::configurationFailed, this, [this](const QString &message) {
        emit problem(Error{Error::Kind::InvalidInput, message, tr("mock server")});
    });
    connect(m_server.get(), &mock::MockServer::started, this, &MockPage::updateServerState);
    connect(m_server.get(), &mock::MockServer::stopped, this, &MockPage::updateServerState);
    updateServerState();
}

MockPage::~MockPage()
{
    m_server->stop();
}

void MockPage::setWorkspace(workspace::Workspace *workspace)
{
    stop();
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    m_server->watch(workspace);
    if (workspace) {
        connect(workspace, &workspace::Workspace::sectionChanged, this, [this](Section section) {
            if (section == Section::Mock || section == Section::Schema || section == Section::AuthProfiles)
                reloadRoutes();
        });
        const QJsonObject server = workspace->section(Section::Mock).value(u"server"_s).toObject();
        m_ui->hostCombo->setCurrentText(server.value(u"host"_s).toString(u"127.0.0.1"_s));
        m_ui->portSpin->setValue(server.value(u"port"_s).toInt(3000));
    }
    m_logPanel->model()->clear();
    reloadRoutes();
}

QList<mock::Route> MockPage::parsedRoutes(QList<Error> *errors) const
{
    QList<mock::Route> routes;
    if (!m_workspace)
        return routes;
    const QJsonArray array = m_workspace->section(Section::Mock).value(u"routes"_s).toArray();
    for (int i = 0; i < array.size(); ++i) {
        auto route = mock::Route::fromJson(array.at(i).toObject(), i);
        if (route)
            routes.append(std::move(route).value());
        else if (errors)
            errors->append(route.error());
    }
    return routes;
}

QStringList MockPage::tableNames() const
{
    QStringList names;
    if (!m_workspace)
        return names;
    for (const QJsonValue &t : m_workspace->section(Section::Schema).value(u"tables"_s).toArray())
        names << t.toObject().value(u"name"_s).toString();
    return names;
}

void MockPage::reloadRoutes()
{
    QList<Error> errors;
    m_routes = parsedRoutes(&errors);
    if (m_workspace)
        errors << mock::MockConfig::profileProblems(m_routes, *m_workspace);
    for (const Error &e : errors)
        emit problem(e);
    const QString selected = m_editor->routeId();
    {
        const QSignalBlocker blocker(m_ui->routesList);
        m_ui->routesList->clear();
        for (const mock::Route &route : m_routes) {
            auto *item = new QListWidgetItem(QIcon(u":/icons/route.svg"_s), route.label(), m_ui->routesList);
            item->setData(Qt::UserRole, route.id);
            QStringList notes;
            if (!route.description.isEmpty())
                notes << route.description;
            if (route.resource)
                notes << tr("CRUD on %1").arg(route.resource->table);
            if (route.requiresAuth())
                notes << tr("JWT required");
            item->setToolTip(notes.join(u" · "_s));
            if (!route.enabled)
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        }
    }
    if (m_applying)
        return; // the editor already shows what it just changed
    selectRoute(selected);
    if (m_ui->routesList->currentRow() < 0 && !m_routes.isEmpty())
        m_ui->routesList->setCurrentRow(0);
    showSelectedRoute();
}

void MockPage::selectRoute(const QString &id)
{
    for (int row = 0; row < m_ui->routesList->count(); ++row) {
        if (m_ui->routesList->item(row)->data(Qt::UserRole).toString() == id) {
            m_ui->routesList->setCurrentRow(row);
            return;
        }
    }
}

void MockPage::showSelectedRoute()
{
    const int row = m_ui->routesList->currentRow();
    m_ui->removeRouteButton->setEnabled(row >= 0);
    if (row < 0 || row >= m_routes.size()) {
        m_editor->clearRoute();
        return;
    }
    m_editor->setRoute(m_routes.at(row), tableNames());
}

void MockPage::applyRouteEdit(const mock::Route &route, const QString &field)
{
    if (!m_workspace)
        return;
    QJsonObject mockSection = m_workspace->section(Section::Mock);
    QJsonArray routes = mockSection.value(u"routes"_s).toArray();
    for (int i = 0; i < routes.size(); ++i) {
        if (routes.at(i).toObject().value(u"id"_s).toString() == route.id) {
            routes[i] = route.toJson();
            break;
        }
    }
    mockSection.insert(u"routes"_s, routes);
    QScopedValueRollback applying(m_applying, true);
    m_undoStack->push(new SetSectionCommand(m_workspace, Section::Mock, mockSection,
                                            tr("Edit %1 of %2").arg(field, route.label()), route.id + u'/' + field));
    const int row = m_ui->routesList->currentRow();
    if (QListWidgetItem *item = m_ui->routesList->item(row))
        item->setText(route.label());
}

void MockPage::addRoute()
{
    if (!m_workspace)
        return;
    mock::Route route;
    route.id = u"route-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
    route.method = u"GET"_s;
    QString path = u"/api/new"_s;
    for (int n = 2; std::any_of(m_routes.begin(), m_routes.end(), [&](const mock::Route &r) { return r.path == path; }); ++n)
        path = u"/api/new%1"_s.arg(n);
    route.path = path;
    mock::ResponseSpec response;
    response.status = 200;
    response.headers = {{u"Content-Type"_s, u"application/json"_s}};
    response.body = u"{ \"ok\": true }"_s;
    route.responses.append(response);
    QJsonObject mockSection = m_workspace->section(Section::Mock);
    QJsonArray routes = mockSection.value(u"routes"_s).toArray();
    routes.append(route.toJson());
    mockSection.insert(u"routes"_s, routes);
    m_undoStack->push(new SetSectionCommand(m_workspace, Section::Mock, mockSection, tr("Add route %1").arg(path)));
    selectRoute(route.id);
}

void MockPage::removeRoute()
{
    const int row = m_ui->routesList->currentRow();
    if (!m_workspace || row < 0 || row >= m_routes.size())
        return;
    const QString id = m_routes.at(row).id;
    QJsonObject mockSection = m_workspace->section(Section::Mock);
    QJsonArray routes = mockSection.value(u"routes"_s).toArray();
    for (int i = 0; i < routes.size(); ++i) {
        if (routes.at(i).toObject().value(u"id"_s).toString() == id) {
            routes.removeAt(i);
            break;
        }
    }
    mockSection.insert(u"routes"_s, routes);
    m_undoStack->push(new SetSectionCommand(m_workspace, Section::Mock, mockSection,
                                            tr("Remove route %1").arg(m_routes.at(row).label())));
}

Result<void> MockPage::importOpenApi(const QString &path)
{
    if (!m_workspace)
        return Error{Error::Kind::InvalidInput, tr("No workspace is open."), {}};
    const auto document = openapi::OpenApiDocument::load(path);
    if (!document) {
        emit problem(document.error());
        return document.error();
    }
    const auto imported = openapi::OpenApiImporter::importRoutes(document.value());
    if (!imported) {
        emit problem(imported.error());
        return imported.error();
    }
    QJsonObject mockSection = m_workspace->section(Section::Mock);
    const openapi::OpenApiMerge merged =
        openapi::OpenApiImporter::mergeRoutes(mockSection.value(u"routes"_s).toArray(), imported.value().routes);
    mockSection.insert(u"routes"_s, merged.routes);
    m_undoStack->push(new SetSectionCommand(m_workspace, Section::Mock, mockSection,
                                            tr("Import OpenAPI %1").arg(QFileInfo(path).fileName())));
    emit logMessage(tr("Imported %1: %n route(s) added", nullptr, int(merged.added.size())).arg(QFileInfo(path).fileName())
                    + tr(", %n replaced", nullptr, int(merged.replaced.size())));
    for (const QString &warning : imported.value().warnings)
        emit problem(Error{Error::Kind::InvalidInput, warning, QFileInfo(path).fileName()});
    return {};
}

Result<quint16> MockPage::start()
{
    if (!m_workspace)
        return Error{Error::Kind::InvalidInput, tr("No workspace is open."), {}};
    if (auto configured = m_server->configureFromWorkspace(*m_workspace); !configured) {
        emit problem(configured.error());
        m_ui->statusLabel->setText(tr("Not started: %1").arg(configured.error().message));
        return configured.error();
    }
    mock::ServerOptions options = m_server->config().server;
    options.host = m_ui->hostCombo->currentText().trimmed();
    options.port = quint16(m_ui->portSpin->value());
    auto started = m_server->start(options);
    if (!started) {
        emit problem(started.error());
        m_ui->statusLabel->setText(tr("Not started: %1").arg(started.error().message));
        emit logMessage(tr("The mock server did not start: %1").arg(started.error().toString()));
        return started.error();
    }
    emit logMessage(tr("Mock server listening on %1").arg(m_server->url()));
    updateServerState();
    return started;
}

void MockPage::stop()
{
    if (!m_server->isRunning())
        return;
    m_server->stop();
    emit logMessage(tr("Mock server stopped"));
    updateServerState();
}

QString MockPage::statusText() const
{
    return m_ui->statusLabel->text();
}

void MockPage::updateServerState()
{
    const bool running = m_server->isRunning();
    m_ui->startStopButton->setText(running ? tr("Stop") : tr("Start"));
    m_ui->hostCombo->setEnabled(!running);
    m_ui->portSpin->setEnabled(!running);
    if (running) {
        const QString url = m_server->url();
        m_ui->statusLabel->setText(tr("● Listening on <a href=\"%1\">%1</a> — route edits apply at once").arg(url));
        emit serverStatusChanged(tr("Mock server: %1").arg(url));
    } else {
        m_ui->statusLabel->setText(tr("Stopped"));
        emit serverStatusChanged(tr("Mock server stopped"));
    }
}

} // namespace quarry::app
