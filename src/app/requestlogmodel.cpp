// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "requestlogmodel.h"

#include <QColor>
#include <QFont>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

RequestLogModel::RequestLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(capacity)
{
}

void RequestLogModel::append(const mock::LogEntry &entry)
{
    if (int(m_entries.size()) >= m_capacity) {
        beginRemoveRows({}, 0, 0);
        m_entries.pop_front();
        endRemoveRows();
    }
    const int row = int(m_entries.size());
    beginInsertRows({}, row, row);
    m_entries.push_back(entry);
    endInsertRows();
}

void RequestLogModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int RequestLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RequestLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RequestLogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const mock::LogEntry &e = m_entries.at(size_t(index.row()));
    if (role == EntryRole)
        return QVariant::fromValue(e);
    if (role == Qt::DisplayRole && !e.notice.isEmpty()) {
        switch (index.column()) {
        case Time: return e.time.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
        case Method: return tr("NOTE");
        case Path: return e.notice;
        default: return QString();
        }
    }
    if (role == Qt::ToolTipRole && !e.notice.isEmpty())
        return e.notice;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return e.time.toLocalTime().toString(u"HH:mm:ss.zzz"_s);
        case Method: return e.method;
        case Path: return e.target;
        case Status: return e.status ? QString::number(e.status) : tr("dropped");
        case Duration: return QLocale().toString(e.durationMicros / 1000.0, 'f', 2);
        case Route: return e.routeLabel.isEmpty() ? tr("(no route)") : e.routeLabel;
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Duration || index.column() == Status))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (e.status == 0 || e.status >= 500)
            return QColor(0xc9, 0x2a, 0x2a);
        if (e.status >= 400)
            return QColor(0xb3, 0x5c, 0x00);
        if (e.status >= 200 && e.status < 300)
            return QColor(0x2b, 0x8a, 0x3e);
    }
    if (role == Qt::FontRole && index.column() == Status) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    return {};
}

QVariant RequestLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Method: return tr("Method");
    case Path: return tr("Path");
    case Status: return tr("Status");
    case Duration: return tr("ms");
    case Route: return tr("Route");
    }
    return {};
}

} // namespace quarry::app
