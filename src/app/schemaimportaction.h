// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"

#include <QObject>
#include <QStringList>

#include <functional>

class QAction;
class QUndoStack;
class QWidget;

namespace quarry::workspace { class Workspace; }

namespace quarry::app {

/// File > Import SQL/DBML into Schema…: asks for a file (PostgreSQL or SQLite DDL, a SQLite
/// database, DBML), reads it through schema::SchemaImport and merges it into the workspace's
/// design as one undoable step. A file that does not parse changes nothing and is reported with
/// its line and column through problem(); the importer's notes go to notes().
class SchemaImportAction : public QObject
{
    Q_OBJECT
public:
    /// `workspace` returns the current workspace (it changes when another one is opened).
    SchemaImportAction(QUndoStack *undoStack, std::function<workspace::Workspace *()> workspace, QWidget *parent);

    QAction *action() const { return m_action; }
    /// Imports `path` without asking (what the action does after its file dialog). Returns
    /// false, after emitting problem(), when nothing was imported.
    bool importFile(const QString &path);

signals:
    void problem(const quarry::Error &error);
    /// After a successful import: the summary for the status bar and the importer's notes.
    void imported(const QString &summary, const QStringList &notes);

private:
    QAction *m_action;
    QUndoStack *m_undoStack;
    std::function<workspace::Workspace *()> m_workspace;
    QWidget *m_parent;
};

} // namespace quarry::app
