// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QIdentityProxyModel>

namespace quarry::app {

/// The core's WorkspaceTreeModel dressed for display: an icon per kind of object, details in a
/// quieter colour. Everything else passes through.
class OutlineModel : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    /// The icon for a WorkspaceTreeModel kind ("table", "route", ...), or for a section.
    static QIcon iconForKind(const QString &kind, int section = -1);
};

} // namespace quarry::app
