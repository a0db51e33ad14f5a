// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/route.h"

#include <QWidget>

#include <memory>

namespace Ui { class RouteEditor; }

namespace quarry::app {

/// Edits one mock route: method, path, description, CRUD resource, auth requirement, how a
/// response is chosen, and the responses (status, headers, body template). Every change is
/// announced with routeEdited(); the owner turns it into an undoable workspace edit.
class RouteEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RouteEditor(QWidget *parent = nullptr);
    ~RouteEditor() override;

    /// Shows `route`; `tables` are the schema's tables a resource can bind to. Emits nothing.
    void setRoute(const mock::Route &route, const QStringList &tables);
    /// Nothing selected: the editor is empty and disabled.
    void clearRoute();
    const mock::Route &route() const { return m_route; }
    QString routeId() const { return m_route.id; }

signals:
    /// `field` names what changed ("path", "body"...), so that typing merges into one undo step.
    void routeEdited(const quarry::mock::Route &route, const QString &field);

private:
    void showResponse(int index);
    void updateBodyStatus();
    void updateResponseItem(int index);
    void emitEdited(const QString &field);
    mock::ResponseSpec *currentResponse();

    std::unique_ptr<Ui::RouteEditor> m_ui;
    mock::Route m_route;
    bool m_loading = false;
};

} // namespace quarry::app
