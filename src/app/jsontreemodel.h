// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QAbstractItemModel>
#include <QJsonValue>

#include <memory>
#include <vector>

namespace quarry::app {

/// A read-only tree over a JSON value that the core already parsed (http::Response::json()):
/// columns key, value, type. Nodes are created only when a view asks for them, and a container's
/// children arrive in batches of batchSize() through canFetchMore()/fetchMore(), so showing a
/// 100 MB document costs one node per visible row, not millions up front.
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role { PointerRole = Qt::UserRole + 1, JsonRole };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    /// Shows `root` as one top-level row named "(root)" holding the document's members.
    void setJson(const QJsonValue &root);
    void clear();
    QJsonValue json() const;

    /// The RFC 6901 pointer of a node ("/users/0/email"; "" for the root).
    QString pointer(const QModelIndex &index) const;
    /// A scalar as its text (strings unquoted); an object or array as compact JSON.
    QString valueText(const QModelIndex &index) const;
    /// The index of a pointer, fetching the containers on its way; invalid if it leads nowhere.
    QModelIndex indexOfPointer(const QString &pointer);

    /// Children fetched per fetchMore() (default 500).
    int batchSize() const { return m_batchSize; }
    void setBatchSize(int size) { m_batchSize = std::max(1, size); }
    /// Nodes created so far (for tests: laziness is observable).
    qsizetype createdNodes() const { return m_created; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node;
    Node *nodeOf(const QModelIndex &index) const;
    static qsizetype childCount(const QJsonValue &value);

    std::unique_ptr<Node> m_root;   // invisible; its one child is the "(root)" row
    int m_batchSize = 500;
    qsizetype m_created = 0;
    bool m_fetching = false;
};

} // namespace quarry::app
