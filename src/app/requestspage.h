// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/exchange.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QAbstractProxyModel;
namespace Ui { class RequestsPage; }
namespace quarry::http { class Client; }
namespace quarry::workspace { class Workspace; }

namespace quarry::app {

/// The request tester: pick a request of a collection and an environment, send it (auth obtained
/// and attached by itself, off the GUI thread), and read the response: status with its meaning,
/// timing, body, headers, the auth that was used and why, and the request's checks.
class RequestsPage : public QWidget
{
    Q_OBJECT
public:
    explicit RequestsPage(QAbstractProxyModel *outline, QWidget *parent = nullptr);
    ~RequestsPage() override;

    void setWorkspace(workspace::Workspace *workspace);
    /// Selects a request by id in the collection tree; false if there is none.
    bool selectRequest(const QString &requestId);
    void selectEnvironment(const QString &name);
    /// Sends the selected request; finished() follows.
    void send();
    /// Overrides a variable for every send (like `quarry run --var`), e.g. baseUrl for a test server.
    void setVariableOverride(const QString &name, const QString &value);
    QString statusText() const;
    QString bodyText() const;
    QString authText() const;
    QStringList checkResults() const;

signals:
    void exchangeFinished(const quarry::http::Exchange &exchange);

private:
    void showSelected();
    void showExchange(const http::Exchange &exchange);
    void reloadEnvironments();
    void resetRoot();
    QModelIndex findRequest(const QModelIndex &parent, const QString &id) const;

    std::unique_ptr<Ui::RequestsPage> m_ui;
    QAbstractProxyModel *m_outline;
    http::Client *m_client;
    QPointer<workspace::Workspace> m_workspace;
    QString m_collectionId;
    QString m_requestId;
    quint64 m_pending = 0;
    QHash<QString, QString> m_overrides;
};

} // namespace quarry::app
