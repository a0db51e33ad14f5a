// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "workspace/workspace.h"

#include <QAbstractItemModel>
#include <QPointer>

#include <memory>

namespace quarry::workspace {

/// A read-only outline of a workspace for tree views: one top-level row per section, its
/// objects below (tables and columns, routes, collections with folders and requests, ...).
/// Column 0 is the name, column 1 a short detail ("varchar(255) not null", "GET /api/users").
/// Secret values are never exposed: they show as their reference. Rebuilt on sectionChanged.
class QUARRY_CORE_EXPORT WorkspaceTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        KindRole = Qt::UserRole + 1, ///< QString: "section", "table", "column", "index", "route", ...
        SectionRole,                 ///< int: the Section the row belongs to
        IdRole,                      ///< QString: the object's stable id, if it has one
    };

    explicit WorkspaceTreeModel(QObject *parent = nullptr);
    ~WorkspaceTreeModel() override;

    /// Not owned; the model follows its changes until it is destroyed or replaced.
    void setWorkspace(Workspace *workspace);
    Workspace *workspace() const { return m_workspace; }

    /// The top-level row of a section.
    QModelIndex sectionIndex(Section section) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    void rebuild();
    std::unique_ptr<Node> buildSection(Section section) const;
    static void addRequestItems(Node *parent, const QJsonArray &items);
    Node *nodeFor(const QModelIndex &index) const;

    QPointer<Workspace> m_workspace;
    std::unique_ptr<Node> m_root;
};

} // namespace quarry::workspace
