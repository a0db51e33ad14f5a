// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "setsectioncommand.h"

#include <QJsonArray>
#include <QJsonObject>

namespace quarry::app {

using workspace::Section;
using workspace::Workspace;

namespace {
QJsonValue currentValue(const Workspace *ws, Section section)
{
    switch (section) {
    case Section::Schema:
    case Section::Mock:
        return ws->section(section);
    default:
        return ws->sectionArray(section);
    }
}
} // namespace

SetSectionCommand::SetSectionCommand(Workspace *workspace, Section section, QJsonValue after, const QString &text,
                                     const QString &mergeKey)
    : QUndoCommand(text)
    , m_workspace(workspace)
    , m_section(section)
    , m_before(currentValue(workspace, section))
    , m_after(std::move(after))
    , m_mergeKey(mergeKey)
{
}

void SetSectionCommand::undo()
{
    if (m_workspace)
        m_workspace->setSection(m_section, m_before);
}

void SetSectionCommand::redo()
{
    if (m_workspace)
        m_workspace->setSection(m_section, m_after);
}

int SetSectionCommand::id() const
{
    // Only commands that carry a merge key take part in merging.
    return m_mergeKey.isEmpty() ? -1 : 0x5153;
}

bool SetSectionCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetSectionCommand *>(other);
    if (next->m_mergeKey != m_mergeKey || next->m_section != m_section || next->m_workspace != m_workspace)
        return false;
    m_after = next->m_after;
    return true;
}

} // namespace quarry::app
