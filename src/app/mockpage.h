// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/route.h"
#include "result.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QUndoStack;
namespace Ui { class MockPage; }
namespace quarry::mock { class MockServer; }
namespace quarry::workspace { class Workspace; }

namespace quarry::app {

class RequestLogPanel;
class RouteEditor;

/// The mock server tool: start/stop on a port, the route list and editor (every edit undoable and
/// applied to the running server at once), and the live request log.
class MockPage : public QWidget
{
    Q_OBJECT
public:
    explicit MockPage(QUndoStack *undoStack, QWidget *parent = nullptr);
    ~MockPage() override;

    /// Follows `workspace` (not owned); stops the server when the workspace changes.
    void setWorkspace(workspace::Workspace *workspace);

    mock::MockServer *server() const { return m_server.get(); }
    RouteEditor *routeEditor() const { return m_editor; }
    RequestLogPanel *logPanel() const { return m_logPanel; }
    /// Starts on the host and port shown; errors go to problem() and the status line.
    Result<quint16> start();
    void stop();
    void selectRoute(const QString &id);
    /// Adds the document's operations as routes (one undoable step); a route with the same method
    /// and path is replaced. Errors and warnings go to problem() and logMessage().
    Result<void> importOpenApi(const QString &path);
    QString statusText() const;

signals:
    void problem(const quarry::Error &error);
    void logMessage(const QString &line);
    /// For the main window's status bar: "Mock server: http://127.0.0.1:3000" or "Mock server stopped".
    void serverStatusChanged(const QString &text);

private:
    void reloadRoutes();
    void showSelectedRoute();
    void applyRouteEdit(const mock::Route &route, const QString &field);
    void addRoute();
    void removeRoute();
    void updateServerState();
    QList<mock::Route> parsedRoutes(QList<Error> *errors = nullptr) const;
    QStringList tableNames() const;

    std::unique_ptr<Ui::MockPage> m_ui;
    QUndoStack *m_undoStack;
    QPointer<workspace::Workspace> m_workspace;
    std::unique_ptr<mock::MockServer> m_server;
    RouteEditor *m_editor;
    RequestLogPanel *m_logPanel;
    QList<mock::Route> m_routes;
    bool m_applying = false;
};

} // namespace quarry::app
