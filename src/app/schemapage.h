// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QAbstractProxyModel;
class QTimer;
class QUndoStack;
class QsciScintilla;
namespace Ui { class SchemaPage; }
namespace quarry::workspace { class Workspace; }

namespace quarry::app {

class DiagramEditor;

/// The schema tool: the diagram editor (cards, relations, side panel) as the main area, beside it
/// the table list, below it the DDL for the chosen dialect (highlighted, always current) and the
/// design advice with its reasons and fixes.
class SchemaPage : public QWidget
{
    Q_OBJECT
public:
    /// `outline` is a proxy over the WorkspaceTreeModel (not owned).
    explicit SchemaPage(QAbstractProxyModel *outline, QWidget *parent = nullptr);
    ~SchemaPage() override;

    void setWorkspace(workspace::Workspace *workspace);
    /// Edits go to `stack` (MainWindow's); without one the page keeps its own.
    void setUndoStack(QUndoStack *stack);
    DiagramEditor *diagramEditor() const;
    void setDialect(const QString &id);
    QString ddlText() const;
    QString ddlStatus() const;
    /// Advice rows as "rule: where" for tests and copy.
    QStringList adviceRules() const;

signals:
    void problem(const quarry::Error &error);

private:
    void regenerate();
    void scheduleRegenerate();
    void resetRoot();

    std::unique_ptr<Ui::SchemaPage> m_ui;
    QAbstractProxyModel *m_outline;
    QsciScintilla *m_ddlView;
    QTimer *m_regenerateTimer;
    QPointer<workspace::Workspace> m_workspace;
};

} // namespace quarry::app
