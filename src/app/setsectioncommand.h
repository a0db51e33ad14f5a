// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "workspace/workspace.h"

#include <QJsonValue>
#include <QPointer>
#include <QUndoCommand>

namespace quarry::app {

/// Every GUI edit of a workspace, as one undoable step: a section's JSON before and after.
/// Editors build the new section through the core model (e.g. a route edited and serialised),
/// then push this command; undo puts the old JSON back. Consecutive commands with the same
/// `mergeKey` (typing into one field) merge into one step.
class SetSectionCommand : public QUndoCommand
{
public:
    SetSectionCommand(workspace::Workspace *workspace, workspace::Section section, QJsonValue after,
                      const QString &text, const QString &mergeKey = {});

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

private:
    QPointer<workspace::Workspace> m_workspace;
    workspace::Section m_section;
    QJsonValue m_before;
    QJsonValue m_after;
    QString m_mergeKey;
};

} // namespace quarry::app
