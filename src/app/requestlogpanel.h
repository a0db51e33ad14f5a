// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QSortFilterProxyModel;
namespace Ui { class RequestLogPanel; }
namespace quarry::mock {
class RequestLog;
struct LogEntry;
} // namespace quarry::mock

namespace quarry::app {

class RequestLogModel;

/// The mock server's live request log: a filterable table and, for the selected request, how it
/// was decided (CORS, auth, rate limit, rule, handler, SQL with timings), headers and bodies.
class RequestLogPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RequestLogPanel(QWidget *parent = nullptr);
    ~RequestLogPanel() override;

    /// Follows `log` (not owned); entries already in it are shown first.
    void setLog(mock::RequestLog *log);
    RequestLogModel *model() const { return m_model; }
    int visibleCount() const;
    void setFilter(const QString &text);
    void selectRow(int visibleRow);
    QString detailText() const;

    /// The detail pane's text for one entry (exposed for tests and "copy").
    static QString describe(const mock::LogEntry &entry);

private:
    void showSelected();
    void updateCount();

    std::unique_ptr<Ui::RequestLogPanel> m_ui;
    RequestLogModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QPointer<mock::RequestLog> m_log;
};

} // namespace quarry::app
