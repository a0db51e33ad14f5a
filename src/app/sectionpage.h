// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "workspace/workspace.h"

#include <QWidget>

#include <memory>

class QAbstractProxyModel;
class QTreeView;
namespace Ui { class SectionPage; }

namespace quarry::app {

/// A read-only view of one or more workspace sections, side by side, for tools whose editors
/// have not landed yet. It shows what the workspace holds and says plainly what it cannot do.
class SectionPage : public QWidget
{
    Q_OBJECT
public:
    struct Part {
        workspace::Section section;
        QString heading;
    };

    /// `outline` is a proxy over a WorkspaceTreeModel (not owned; it outlives the page).
    SectionPage(const QString &title, const QString &description, const QString &notice,
                const QList<Part> &parts, QAbstractProxyModel *outline, QWidget *parent = nullptr);
    ~SectionPage() override;

    QTreeView *view(workspace::Section section) const;

private:
    void resetRoots();

    std::unique_ptr<Ui::SectionPage> m_ui;
    QAbstractProxyModel *m_outline;
    QList<QPair<workspace::Section, QTreeView *>> m_views;
};

} // namespace quarry::app
