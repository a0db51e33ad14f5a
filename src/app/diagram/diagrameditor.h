// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "diagram/designpanel.h"
#include "result.h"
#include "schema/schema.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

#include <memory>

class QStringListModel;
class QUndoStack;
namespace Ui { class DiagramEditor; }
namespace quarry::workspace { class Workspace; }

namespace quarry::app {

class DiagramScene;
class DiagramView;

/// The schema designer's diagram: a toolbar (add table/column, delete, auto layout, fit, zoom,
/// export), the diagram view and the side panel. Observes the workspace's schema section and
/// redraws on every change; every edit (moving cards, adding, deleting, drawing a foreign key,
/// side-panel changes, auto layout) is one SetSectionCommand on the undo stack.
/// Tables without a saved position are laid out with Graphviz when shown; the positions are
/// saved with the next edit.
class DiagramEditor : public QWidget
{
    Q_OBJECT
public:
    explicit DiagramEditor(QWidget *parent = nullptr);
    ~DiagramEditor() override;

    void setWorkspace(workspace::Workspace *workspace);
    /// The stack edits go to (MainWindow's); without one the editor keeps its own.
    void setUndoStack(QUndoStack *stack);
    QUndoStack *undoStack() const { return m_undoStack; }

    DiagramScene *scene() const { return m_scene; }
    DiagramView *view() const;
    DesignPanel *panel() const;
    /// The last refusal or hint shown under the diagram.
    QString message() const;

    /// Adds a table at the middle of the visible area and selects it; returns its id (empty: no workspace).
    QString addTable();
    /// Adds a column to the one selected table. False (with a message) without one.
    bool addColumn(const QString &tableId = {});
    /// Deletes the selected tables and relation lines in one step.
    bool deleteSelected();
    /// Lays every table out with Graphviz (one undoable step).
    bool autoLayout();
    bool moveTables(const QHash<QString, QPointF> &positions);
    /// The same path as dragging a column row onto another, in either direction (column -> key or
    /// key -> column): refused with a message when the types do not match or neither is a key.
    bool addForeignKey(const QString &fromTableId, const QString &fromColumnId, const QString &toTableId,
                       const QString &toColumnId);
    Result<void> exportPng(const QString &path, qreal scale = 1.0);
    Result<void> exportSvg(const QString &path);
    /// Centres the view on the table and selects it.
    void revealTable(const QString &tableId);

signals:
    void problem(const quarry::Error &error);

protected:
    void showEvent(QShowEvent *event) override;

private:
    bool applyEdit(const QString &text, const DesignPanel::Edit &edit, const QString &mergeKey = {});
    void reload();
    void selectionChanged();
    void showMessage(const QString &text, bool error);
    QHash<QString, QPointF> shownPositions(const schema::Schema &schema);
    void exportInteractively(bool svg);

    std::unique_ptr<Ui::DiagramEditor> m_ui;
    DiagramScene *m_scene;
    QUndoStack *m_undoStack;
    QPointer<workspace::Workspace> m_workspace;
    schema::Schema m_schema;                  // the design as last drawn
    bool m_schemaValid = false;
    QHash<QString, QPointF> m_autoPositions;  // Graphviz places for tables without a saved one
    bool m_fitPending = true;
    QStringList m_selectAfterReload;
    QStringListModel *m_tableNames = nullptr;   // for the find box
};

} // namespace quarry::app
