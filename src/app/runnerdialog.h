// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/runreport.h"
#include "result.h"

#include <QDialog>
#include <QPointer>

#include <memory>
#include <optional>

class QThread;
namespace Ui { class RunnerDialog; }
namespace quarry::http { class CancelFlag; }
namespace quarry::workspace { class Workspace; }

namespace quarry::app {

/// Runs one collection of the workspace with the core's http::Runner, as `quarry run` does
/// (environment, iterations, concurrency, --var overrides), on a thread of its own: a progress
/// bar, one table row per request sent (status, time, checks passed/failed, logins), the checks
/// of the selected row with why a failed one failed, Cancel, and the report as JSON or JUnit.
class RunnerDialog : public QDialog
{
    Q_OBJECT
public:
    enum class ReportFormat { Json, JUnit };

    /// `workspace` is not owned; the collection is read when a run starts.
    RunnerDialog(workspace::Workspace *workspace, const QString &collectionId, QWidget *parent = nullptr);
    ~RunnerDialog() override;   ///< cancels a run in flight and waits for it

    /// By name; false if the workspace has no such environment.
    bool setEnvironment(const QString &name);
    void setIterations(int iterations);
    void setConcurrency(int concurrency);
    /// Adds a `name=value` line to the variables box.
    void setVariableOverride(const QString &name, const QString &value);

    /// Starts a run; false (with the reason in summaryText()) when it cannot start.
    bool start();
    void cancel();
    bool isRunning() const { return m_running; }

    /// The last finished run's report, if any.
    const std::optional<http::RunReport> &report() const { return m_report; }
    /// Writes the last report; an error message, or an empty string on success.
    QString exportReport(const QString &path, ReportFormat format) const;

    int rowCount() const;
    QStringList rowTexts(int row) const;
    void selectRow(int row);
    QString detailText() const;
    QString summaryText() const;
    int progressValue() const;
    int progressMaximum() const;

signals:
    void runFinished();

private:
    void addRow(const http::Exchange &exchange);
    void finish(const Result<http::RunReport> &result);
    void showDetail();
    void exportWithDialog(ReportFormat format);
    void reloadEnvironments();

    std::unique_ptr<Ui::RunnerDialog> m_ui;
    QPointer<workspace::Workspace> m_workspace;
    QString m_collectionId;
    QList<http::Exchange> m_rows;
    std::optional<http::RunReport> m_report;
    std::shared_ptr<http::CancelFlag> m_cancel;
    std::unique_ptr<QThread> m_thread;
    bool m_running = false;
};

} // namespace quarry::app
