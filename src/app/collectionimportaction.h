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

/// File > Import Requests… and File > Export Collection/Environment as Postman…: the GUI side of
/// `quarry import postman|har|openapi --as requests` and `quarry export postman`. The format of
/// an imported file is told by its content (http::RequestImport); the collection or environment
/// it holds is added to the workspace as one undoable step (an entry with the same id is
/// replaced). A file that cannot be read changes nothing and is reported with its line and column
/// through problem(); what the importer dropped (Postman scripts, ...) comes with imported().
class CollectionImportAction : public QObject
{
    Q_OBJECT
public:
    /// `workspace` returns the current workspace (it changes when another one is opened).
    CollectionImportAction(QUndoStack *undoStack, std::function<workspace::Workspace *()> workspace, QWidget *parent);

    QAction *importAction() const { return m_importAction; }
    QAction *exportAction() const { return m_exportAction; }
    QAction *exportEnvironmentAction() const { return m_exportEnvironmentAction; }

    /// Imports `path` without asking (what the import action does after its file dialog).
    /// Returns false, after emitting problem(), when nothing was imported.
    bool importFile(const QString &path);
    /// Writes the collection with id or name `collection` as Postman v2.1 JSON to `path`.
    /// Returns false, after emitting problem(), when nothing was written.
    bool exportCollection(const QString &collection, const QString &path);
    /// Writes the environment with id or name `environment` as a Postman environment to `path`;
    /// secret variables are written empty (listed in exported()'s notes).
    bool exportEnvironment(const QString &environment, const QString &path);

signals:
    /// Nothing was imported (`exporting` false) or written (`exporting` true), because of `error`.
    void problem(const quarry::Error &error, bool exporting);
    /// After a successful import: the summary for the status bar and the importer's warnings.
    void imported(const QString &summary, const QStringList &warnings);
    /// After a successful export.
    void exported(const QString &summary, const QStringList &notes);

private:
    void chooseAndExport(bool environment);

    QAction *m_importAction;
    QAction *m_exportAction;
    QAction *m_exportEnvironmentAction;
    QUndoStack *m_undoStack;
    std::function<workspace::Workspace *()> m_workspace;
    QWidget *m_parent;
};

} // namespace quarry::app
