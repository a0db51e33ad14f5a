// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/environment.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class QUndoStack;
namespace Ui { class EnvironmentsDialog; }
namespace quarry::workspace { class Workspace; }

namespace quarry::app {

/// The Requests page's Edit… beside the environment: the global scope and each environment with
/// its variables (name, value, secret, enabled). A secret variable holds a reference (env:NAME,
/// keychain:NAME); a plain value in a secret row is kept but named as an error here, and the
/// workspace refuses to save it. Every edit is one undoable workspace change.
class EnvironmentsDialog : public QDialog
{
    Q_OBJECT
public:
    EnvironmentsDialog(QUndoStack *undoStack, QWidget *parent = nullptr);
    ~EnvironmentsDialog() override;

    void setWorkspace(workspace::Workspace *workspace);
    /// Shows the environment with this name (the globals when there is none).
    void selectEnvironment(const QString &name);
    /// Row 0 is the global scope, then the environments in file order.
    void selectRow(int row);
    QString problemText() const;

    // As the widgets do it (tests drive these through the real table).
    void addEnvironment(const QString &name);
    void addVariable(const QString &name, const QString &value, bool secret);

private:
    void reload();
    void showCurrent();
    void commitTable();
    void commit(const QList<http::Environment> &list, const QString &text, const QString &mergeKey = {});
    void updateProblems();
    QList<http::Environment> environments() const;
    /// Index into environments() of the list row; -1 for a global scope not in the file yet.
    int environmentIndex(int row, const QList<http::Environment> &list) const;

    std::unique_ptr<Ui::EnvironmentsDialog> m_ui;
    QUndoStack *m_undoStack;
    QPointer<workspace::Workspace> m_workspace;
    bool m_loading = false;
};

} // namespace quarry::app
