// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QTreeView;
class QUndoStack;
namespace Ui { class MainWindow; }
namespace quarry::workspace {
class RecoveryStore;
class Workspace;
class WorkspaceTreeModel;
} // namespace quarry::workspace

namespace quarry::app {

class JwtToolsDialog;
class LogDock;
class MockPage;
class OutlineModel;
class RequestsPage;
class SchemaPage;
class ProblemsDock;
class SectionPage;

/// The window: workspace tree on the left, one page per tool in the middle, Problems and Log
/// below. Owns the open workspace; pages and docks observe it.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Page { Mock, Schema, Database, Requests };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Loads `path` and makes it the open workspace. On failure the current workspace stays open,
    /// the file is not touched, and the error is in the Problems dock (and returned).
    Result<void> openWorkspace(const QString &path);
    /// Replaces the open workspace without asking (callers ask first, see maybeSave()).
    void setWorkspace(std::unique_ptr<workspace::Workspace> workspace);
    workspace::Workspace *workspace() const { return m_workspace.get(); }
    workspace::RecoveryStore *recoveryStore() const { return m_recovery.get(); }
    /// The open workspace's edit history; emptied when another workspace is opened.
    QUndoStack *undoStack() const { return m_undoStack; }

    /// Saves to the workspace's file, or asks for one. False if the user cancelled or it failed.
    bool save();
    bool saveAs(const QString &path);

    /// If a previous session crashed with unsaved changes, asks whether to restore them.
    /// Returns true if a workspace was restored.
    bool offerRecovery();
    /// Opens the sample workspace, copied on first use to a writable place.
    Result<void> openSample();

    void showPage(Page page);
    Page currentPage() const;
    /// The read-only preview of a tool that has no editor yet (null for the Mock page).
    SectionPage *page(Page page) const;
    MockPage *mockPage() const { return m_mockPage; }
    SchemaPage *schemaPage() const { return m_schemaPage; }
    RequestsPage *requestsPage() const { return m_requestsPage; }
    /// Tools ▸ JWT, created on first use; shows the inspector or the minter.
    JwtToolsDialog *jwtTools(bool minter = false);
    QStringList recentFiles() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    static constexpr const char *FileFilter = QT_TRANSLATE_NOOP("MainWindow", "Quarry workspaces (*.quarry);;All files (*)");
    void setupActions();
    void setupDocks();
    void setupPages();
    bool maybeSave();
    void newWorkspace();
    void openFromDialog();
    void addRecentFile(const QString &path);
    void rebuildRecentMenu();
    void updateTitle();
    void reportPluginProblems();
    void reportError(const quarry::Error &error, const QString &source);
    void activateOutlineItem(const QModelIndex &index);

    std::unique_ptr<Ui::MainWindow> m_ui;
    std::unique_ptr<workspace::Workspace> m_workspace;
    std::unique_ptr<workspace::RecoveryStore> m_recovery;
    workspace::WorkspaceTreeModel *m_tree = nullptr;   // owned by this (QObject parent)
    OutlineModel *m_outline = nullptr;
    QTreeView *m_outlineView = nullptr;
    ProblemsDock *m_problems = nullptr;
    LogDock *m_log = nullptr;
    QLabel *m_pathLabel = nullptr;
    QUndoStack *m_undoStack = nullptr;
    bool m_historyUnsaved = false;     // sends were logged since the file was last read or written
    bool m_cleanStackIsSaved = true;   // whether the undo stack's clean state matches the file on disk
    QList<QWidget *> m_pages;
    MockPage *m_mockPage = nullptr;
    SchemaPage *m_schemaPage = nullptr;
    RequestsPage *m_requestsPage = nullptr;
    JwtToolsDialog *m_jwtTools = nullptr;
    QLabel *m_serverLabel = nullptr;
};

} // namespace quarry::app
