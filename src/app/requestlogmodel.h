// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/logentry.h"

#include <QAbstractTableModel>

#include <deque>

namespace quarry::app {

/// The live request log as a table: newest last, at most `capacity` rows (the oldest go first).
class RequestLogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Method, Path, Status, Duration, Route, ColumnCount };
    static constexpr int EntryRole = Qt::UserRole + 1;   ///< QVariant holding the LogEntry

    explicit RequestLogModel(int capacity = 5000, QObject *parent = nullptr);

    void append(const mock::LogEntry &entry);
    void clear();
    const mock::LogEntry &entry(int row) const { return m_entries.at(size_t(row)); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    int m_capacity;
    std::deque<mock::LogEntry> m_entries;
};

} // namespace quarry::app
