// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/exchange.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace Ui { class ResponseView; }

namespace quarry::app {

/// What ResponseView shows around the body: the status row (status coloured by class with its
/// meaning, time, size, progress while a response arrives) and the Headers, Cookies, Auth and
/// Checks tabs. It fills the widgets of the view's form and reads them back for the accessors;
/// ResponseView owns it and forwards to it. Texts keep the ResponseView translation context.
class ResponseDetails
{
    Q_DECLARE_TR_FUNCTIONS(quarry::app::ResponseView)
public:
    explicit ResponseDetails(Ui::ResponseView &ui) : m_ui(ui) {}

    void clear();
    void setInProgress(bool inProgress);
    void setProgress(qint64 received, qint64 total);
    /// Status, time, size, headers and cookies of a response that came.
    void showResponse(const http::Response &response);
    /// "No response" with the exchange's error, if any.
    void showNoResponse(const http::Exchange &exchange);
    void showAuth(const http::Exchange &exchange);
    void showChecks(const http::Exchange &exchange);

    QString statusText() const;
    QString meaningText() const;
    QString timeText() const;
    QString timeToolTip() const;
    QString sizeText() const;
    QStringList headerRows() const;
    QList<QStringList> cookieRows() const;
    QString authText() const;
    QStringList checkResults() const;

private:
    Ui::ResponseView &m_ui;
};

} // namespace quarry::app
