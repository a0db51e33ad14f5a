// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jsontreemodel.h"

#include "jsonpointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

struct JsonTreeModel::Node {
    Node *parent = nullptr;
    int row = 0;
    QString key;        // member name, or the array index as text
    bool isIndex = false;
    QJsonValue value;
    std::vector<std::unique_ptr<Node>> children;   // the first children.size() are fetched
};

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object: return u"object"_s;
    case QJsonValue::Array: return u"array"_s;
    case QJsonValue::String: return u"string"_s;
    case QJsonValue::Double: return u"number"_s;
    case QJsonValue::Bool: return u"boolean"_s;
    case QJsonValue::Null: return u"null"_s;
    default: return u"undefined"_s;
    }
}

QString numberText(double d)
{
    // Integers as integers (ids, counts); the rest with the shortest exact representation.
    if (d == qint64(d) && std::abs(d) < 1e15)
        return QString::number(qint64(d));
    return QString::number(d, 'g', QLocale::FloatingPointShortest);
}

QString compactJson(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return {};
}

} // namespace

JsonTreeModel::JsonTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setJson(const QJsonValue &root)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    auto top = std::make_unique<Node>();
    top->parent = m_root.get();
    top->key = tr("(root)");
    top->value = root;
    m_root->children.push_back(std::move(top));
    m_created = 1;
    endResetModel();
}

void JsonTreeModel::clear()
{
    beginResetModel();
    m_root.reset();
    m_created = 0;
    endResetModel();
}

QJsonValue JsonTreeModel::json() const
{
    return m_root ? m_root->children.front()->value : QJsonValue(QJsonValue::Undefined);
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

qsizetype JsonTreeModel::childCount(const QJsonValue &value)
{
    if (value.isObject())
        return value.toObject().size();
    if (value.isArray())
        return value.toArray().size();
    return 0;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (!p || row < 0 || column < 0 || column >= ColumnCount || size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    const Node *n = nodeOf(child);
    if (!child.isValid() || !n || n->parent == m_root.get())
        return {};
    return createIndex(n->parent->row, 0, n->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const Node *n = nodeOf(parent);
    return n ? int(n->children.size()) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    const Node *n = nodeOf(parent);
    if (!n)
        return false;
    if (!parent.isValid())
        return !n->children.empty();
    return parent.column() == 0 && childCount(n->value) > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *n = nodeOf(parent);
    if (!parent.isValid() || !n || parent.column() > 0 || m_fetching)
        return false;
    return qsizetype(n->children.size()) < childCount(n->value);
}

void JsonTreeModel::fetchMore(const QModelIndex &parent)
{
    Node *n = nodeOf(parent);
    // Views (and QAbstractItemModelTester) may ask again from their rowsAboutToBeInserted handlers.
    if (!parent.isValid() || !n || m_fetching)
        return;
    const qsizetype first = qsizetype(n->children.size());
    const qsizetype last = std::min(childCount(n->value), first + m_batchSize) - 1;
    if (last < first)
        return;
    std::vector<std::unique_ptr<Node>> batch;
    batch.reserve(size_t(last - first + 1));
    if (n->value.isObject()) {
        const QJsonObject object = n->value.toObject();
        auto it = object.constBegin() + first;
        for (qsizetype i = first; i <= last; ++i, ++it) {
            auto child = std::make_unique<Node>();
            child->parent = n;
            child->row = int(i);
            child->key = it.key();
            child->value = it.value();
            batch.push_back(std::move(child));
        }
    } else {
        const QJsonArray array = n->value.toArray();
        for (qsizetype i = first; i <= last; ++i) {
            auto child = std::make_unique<Node>();
            child->parent = n;
            child->row = int(i);
            child->key = QString::number(i);
            child->isIndex = true;
            child->value = array.at(i);
            batch.push_back(std::move(child));
        }
    }
    m_fetching = true;
    beginInsertRows(parent, int(first), int(last));
    for (auto &child : batch)
        n->children.push_back(std::move(child));
    m_created += last - first + 1;
    endInsertRows();
    m_fetching = false;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *n = nodeOf(index);
    if (!index.isValid() || !n)
        return {};
    const QJsonValue &v = n->value;
    if (role == PointerRole)
        return pointer(index);
    if (role == JsonRole)
        return QVariant::fromValue(v);
    if (role == Qt::ToolTipRole && index.column() == ValueColumn && v.isString())
        return v.toString().left(2000);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case KeyColumn:
        return n->isIndex ? u"[%1]"_s.arg(n->key) : n->key;
    case ValueColumn:
        switch (v.type()) {
        case QJsonValue::Object: {
            const qsizetype n = childCount(v);
            return n == 1 ? tr("{1 key}") : tr("{%1 keys}").arg(QLocale().toString(n));
        }
        case QJsonValue::Array: {
            const qsizetype n = childCount(v);
            return n == 1 ? tr("[1 item]") : tr("[%1 items]").arg(QLocale().toString(n));
        }
        case QJsonValue::String: {
            const QString s = v.toString();
            // Long strings are cut for the row; the tooltip and "Copy value" keep them whole.
            return u'"' + (s.size() > 300 ? s.left(300) + u'…' : s) + u'"';
        }
        default: return valueText(index);
        }
    case TypeColumn:
        return typeName(v);
    }
    return {};
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case ValueColumn: return tr("Value");
    case TypeColumn: return tr("Type");
    }
    return {};
}

QString JsonTreeModel::pointer(const QModelIndex &index) const
{
    QStringList tokens;
    for (const Node *n = nodeOf(index); index.isValid() && n && n->parent && n->parent != m_root.get(); n = n->parent)
        tokens.prepend(n->key);
    return JsonPointer::join(tokens);
}

QString JsonTreeModel::valueText(const QModelIndex &index) const
{
    const Node *n = nodeOf(index);
    if (!index.isValid() || !n)
        return {};
    const QJsonValue &v = n->value;
    switch (v.type()) {
    case QJsonValue::String: return v.toString();
    case QJsonValue::Double: return numberText(v.toDouble());
    case QJsonValue::Bool: return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Null: return u"null"_s;
    case QJsonValue::Object:
    case QJsonValue::Array: return compactJson(v);
    default: return {};
    }
}

QModelIndex JsonTreeModel::indexOfPointer(const QString &pointerText)
{
    if (!m_root)
        return {};
    QModelIndex current = index(0, 0);
    const auto tokens = JsonPointer::split(pointerText);
    if (!tokens)
        return {};
    for (const QString &token : tokens.value()) {
        const Node *n = nodeOf(current);
        int row = -1;
        if (n->value.isArray()) {
            const qsizetype index = JsonPointer::arrayIndex(token);
            if (index < 0 || index >= childCount(n->value))
                return {};
            row = int(index);
        } else if (n->value.isObject()) {
            const QJsonObject object = n->value.toObject();
            const auto it = object.constFind(token);
            if (it == object.constEnd())
                return {};
            row = int(it - object.constBegin());
        } else {
            return {};
        }
        while (rowCount(current) <= row && canFetchMore(current))
            fetchMore(current);
        current = index(row, 0, current);
    }
    return current;
}

} // namespace quarry::app
