// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"
#include "schema/queryadvisor.h"

#include <QDialog>

#include <atomic>
#include <memory>
#include <optional>

class QThread;
namespace Ui { class QueryAdviceDialog; }
namespace quarry::workspace { class Workspace; }

namespace quarry::app {

/// Tools > Index advice from queries…: `quarry advise --queries` with a window. The user pastes or
/// opens a workload, picks one of the workspace's databases (or types a URL, or plans against the
/// design alone), and runs schema::adviseWorkload() on a thread of its own (progress, Cancel).
/// One row per statement (line, query, result, saving, suggested index); the selected row shows
/// the statement, its plan before and after, the costs and the CREATE INDEX. Read-only: it
/// changes neither the workspace nor the database.
class QueryAdviceDialog : public QDialog
{
    Q_OBJECT
public:
    /// `workspace` is not owned; its design and databases are read when a run starts.
    explicit QueryAdviceDialog(workspace::Workspace *workspace, QWidget *parent = nullptr);
    ~QueryAdviceDialog() override;   ///< cancels a run in flight and waits for it

    void setQueries(const QString &sql);
    /// Reads a queries file into the editor; false (with the reason in summaryText()) if unreadable.
    bool openQueriesFile(const QString &path);
    /// Selects the workspace database with this URL, or types the URL; "" = the design alone.
    void setDatabaseUrl(const QString &url);
    QString databaseUrl() const;
    QStringList databaseChoices() const;

    /// Starts a run; false (with the reason in summaryText()) when it cannot start.
    bool start();
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

    const std::optional<schema::WorkloadAdvice> &result() const { return m_result; }
    int rowCount() const;
    QStringList rowTexts(int row) const;
    void selectRow(int row);
    QString detailText() const;
    QString summaryText() const;
    /// Every suggested CREATE INDEX, one per line with ";" (what Copy puts on the clipboard).
    QString createIndexText() const;

signals:
    void runFinished();

private:
    void browse();
    void finishRun(const Result<schema::WorkloadAdvice> &result);
    void showProgress(int done, int total);
    void showDetail();
    void setRunning(bool running);

    std::unique_ptr<Ui::QueryAdviceDialog> m_ui;
    workspace::Workspace *m_workspace = nullptr;
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::optional<schema::WorkloadAdvice> m_result;
};

} // namespace quarry::app
