// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "workspace/workspacetreemodel.h"

#include <QJsonArray>
#include <QJsonObject>

#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace quarry::workspace {

struct WorkspaceTreeModel::Node {
    QString name;
    QString detail;
    QString kind;
    QString id;
    Section section = Section::Schema;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    Node *add(QString n, QString d, QString k, QString i = {})
    {
        auto child = std::make_unique<Node>();
        child->name = std::move(n);
        child->detail = std::move(d);
        child->kind = std::move(k);
        child->id = std::move(i);
        child->section = section;
        child->parent = this;
        children.push_back(std::move(child));
        return children.back().get();
    }
    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return 0;
    }
};

namespace {

QString columnDetail(const QJsonObject &c)
{
    QString type = c.value(u"type"_s).toString();
    if (c.contains(u"length"_s))
        type += u"(%1)"_s.arg(c.value(u"length"_s).toInt());
    QStringList parts{type};
    if (c.value(u"primaryKey"_s).toBool())
        parts << u"primary key"_s;
    if (c.value(u"unique"_s).toBool())
        parts << u"unique"_s;
    if (!c.value(u"nullable"_s).toBool(true) && !c.value(u"primaryKey"_s).toBool())
        parts << u"not null"_s;
    const QJsonValue def = c.value(u"default"_s);
    if (def.isObject())
        parts << u"default "_s + def.toObject().value(u"expression"_s).toString();
    else if (!def.isUndefined() && !def.isNull())
        parts << u"default "_s + def.toVariant().toString();
    return parts.join(u' ');
}

} // namespace

void WorkspaceTreeModel::addRequestItems(Node *parent, const QJsonArray &items)
{
    for (const QJsonValue &v : items) {
        const QJsonObject item = v.toObject();
        if (item.value(u"type"_s).toString() == u"folder"_s) {
            auto *folder = parent->add(item.value(u"name"_s).toString(), {}, u"folder"_s, item.value(u"id"_s).toString());
            addRequestItems(folder, item.value(u"items"_s).toArray());
        } else {
            parent->add(item.value(u"name"_s).toString(),
                        item.value(u"method"_s).toString() + u' ' + item.value(u"url"_s).toString(), u"request"_s,
                        item.value(u"id"_s).toString());
        }
    }
}

WorkspaceTreeModel::WorkspaceTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

WorkspaceTreeModel::~WorkspaceTreeModel() = default;

void WorkspaceTreeModel::setWorkspace(Workspace *workspace)
{
    if (m_workspace)
        disconnect(m_workspace, nullptr, this, nullptr);
    m_workspace = workspace;
    if (workspace) {
        connect(workspace, &Workspace::sectionChanged, this, &WorkspaceTreeModel::rebuild);
        connect(workspace, &QObject::destroyed, this, [this] {
            m_workspace = nullptr;
            rebuild();
        });
    }
    rebuild();
}

void WorkspaceTreeModel::rebuild()
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    if (m_workspace) {
        for (Section s : {Section::Schema, Section::Mock, Section::Collections, Section::Environments,
                          Section::AuthProfiles, Section::Databases}) {
            std::unique_ptr<Node> node = buildSection(s);
            node->parent = m_root.get();
            m_root->children.push_back(std::move(node));
        }
    }
    endResetModel();
}

std::unique_ptr<WorkspaceTreeModel::Node> WorkspaceTreeModel::buildSection(Section section) const
{
    auto node = std::make_unique<Node>();
    node->kind = u"section"_s;
    node->section = section;
    switch (section) {
    case Section::Schema: {
        node->name = tr("Schema");
        const QJsonArray tables = m_workspace->section(section).value(u"tables"_s).toArray();
        node->detail = tr("%n table(s)", nullptr, int(tables.size()));
        for (const QJsonValue &t : tables) {
            const QJsonObject table = t.toObject();
            const QJsonArray columns = table.value(u"columns"_s).toArray();
            Node *tn = node->add(table.value(u"name"_s).toString(), tr("%n column(s)", nullptr, int(columns.size())),
                                 u"table"_s, table.value(u"id"_s).toString());
            for (const QJsonValue &c : columns) {
                const QJsonObject col = c.toObject();
                tn->add(col.value(u"name"_s).toString(), columnDetail(col), u"column"_s, col.value(u"id"_s).toString());
            }
            for (const QJsonValue &i : table.value(u"indexes"_s).toArray()) {
                const QJsonObject idx = i.toObject();
                QStringList cols;
                for (const QJsonValue &c : idx.value(u"columns"_s).toArray())
                    cols << c.toString();
                tn->add(idx.value(u"name"_s).toString(),
                        (idx.value(u"unique"_s).toBool() ? u"unique index on "_s : u"index on "_s) + cols.join(u", "_s),
                        u"index"_s, idx.value(u"id"_s).toString());
            }
        }
        break;
    }
    case Section::Mock: {
        node->name = tr("Mock server");
        const QJsonObject mock = m_workspace->section(section);
        const QJsonObject server = mock.value(u"server"_s).toObject();
        node->detail = u"%1:%2"_s.arg(server.value(u"host"_s).toString(u"127.0.0.1"_s))
                           .arg(server.value(u"port"_s).toInt(3000));
        for (const QJsonValue &r : mock.value(u"routes"_s).toArray()) {
            const QJsonObject route = r.toObject();
            QString detail = route.value(u"description"_s).toString();
            if (route.value(u"auth"_s).toObject().value(u"required"_s).toBool())
                detail = (detail.isEmpty() ? QString() : detail + u" · "_s) + tr("JWT required");
            node->add(route.value(u"method"_s).toString(u"ANY"_s) + u' ' + route.value(u"path"_s).toString(), detail,
                      u"route"_s, route.value(u"id"_s).toString());
        }
        break;
    }
    case Section::Collections: {
        node->name = tr("Requests");
        const QJsonArray collections = m_workspace->sectionArray(section);
        node->detail = tr("%n collection(s)", nullptr, int(collections.size()));
        for (const QJsonValue &c : collections) {
            const QJsonObject col = c.toObject();
            Node *cn = node->add(col.value(u"name"_s).toString(), {}, u"collection"_s, col.value(u"id"_s).toString());
            addRequestItems(cn, col.value(u"items"_s).toArray());
        }
        break;
    }
    case Section::Environments: {
        node->name = tr("Environments");
        for (const QJsonValue &e : m_workspace->sectionArray(section)) {
            const QJsonObject env = e.toObject();
            const QJsonArray vars = env.value(u"variables"_s).toArray();
            Node *en = node->add(env.value(u"name"_s).toString(), tr("%n variable(s)", nullptr, int(vars.size())),
                                 u"environment"_s, env.value(u"id"_s).toString());
            for (const QJsonValue &v : vars) {
                const QJsonObject var = v.toObject();
                en->add(var.value(u"name"_s).toString(), var.value(u"value"_s).toString(),
                        var.value(u"secret"_s).toBool() ? u"secret"_s : u"variable"_s);
            }
        }
        break;
    }
    case Section::AuthProfiles: {
        node->name = tr("Auth profiles");
        for (const QJsonValue &p : m_workspace->sectionArray(section)) {
            const QJsonObject profile = p.toObject();
            const QString key = profile.value(u"secret"_s).toString(profile.value(u"privateKey"_s).toString());
            node->add(profile.value(u"name"_s).toString(),
                      profile.value(u"algorithm"_s).toString() + (key.isEmpty() ? QString() : u" · key "_s + key),
                      u"authProfile"_s, profile.value(u"id"_s).toString());
        }
        break;
    }
    case Section::Databases: {
        node->name = tr("Databases");
        for (const QJsonValue &d : m_workspace->sectionArray(section)) {
            const QJsonObject db = d.toObject();
            node->add(db.value(u"name"_s).toString(), db.value(u"url"_s).toString(), u"database"_s,
                      db.value(u"id"_s).toString());
        }
        break;
    }
    }
    for (auto &child : node->children)
        child->parent = node.get();
    return node;
}

WorkspaceTreeModel::Node *WorkspaceTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex WorkspaceTreeModel::sectionIndex(Section section) const
{
    for (size_t i = 0; i < m_root->children.size(); ++i) {
        if (m_root->children[i]->section == section)
            return createIndex(int(i), 0, m_root->children[i].get());
    }
    return {};
}

QModelIndex WorkspaceTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeFor(parent);
    if (row < 0 || column < 0 || column >= 2 || size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex WorkspaceTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *n = nodeFor(child);
    if (!n->parent || n->parent == m_root.get())
        return {};
    return createIndex(n->parent->row(), 0, n->parent);
}

int WorkspaceTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int WorkspaceTreeModel::columnCount(const QModelIndex &) const
{
    return 2;
}

QVariant WorkspaceTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *n = nodeFor(index);
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == 0 ? n->name : n->detail;
    case Qt::ToolTipRole:
        return n->detail.isEmpty() ? n->name : n->name + u"\n"_s + n->detail;
    case KindRole:
        return n->kind;
    case SectionRole:
        return int(n->section);
    case IdRole:
        return n->id;
    default:
        return {};
    }
}

QVariant WorkspaceTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == 0 ? tr("Name") : tr("Details");
}

} // namespace quarry::workspace
