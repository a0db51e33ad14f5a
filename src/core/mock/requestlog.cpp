// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/requestlog.h"

#include <QMetaObject>

namespace quarry::mock {

RequestLog::RequestLog(qsizetype capacity, QObject *parent) : QObject(parent), m_capacity(std::max<qsizetype>(1, capacity))
{
    qRegisterMetaType<quarry::mock::LogEntry>();
}

RequestLog::~RequestLog() = default;

void RequestLog::post(LogEntry entry)
{
    bool schedule = false;
    {
        std::lock_guard lock(m_mutex);
        m_ring.push_back(entry);
        while (qsizetype(m_ring.size()) > m_capacity)
            m_ring.pop_front();
        m_pending.push_back(std::move(entry));
        while (qsizetype(m_pending.size()) > m_capacity) {
            m_pending.pop_front();
            ++m_dropped;
        }
        if (!m_flushScheduled) {
            m_flushScheduled = true;
            schedule = true;
        }
    }
    if (schedule)
        QMetaObject::invokeMethod(this, &RequestLog::flush, Qt::QueuedConnection);
}

void RequestLog::flush()
{
    std::deque<LogEntry> batch;
    {
        std::lock_guard lock(m_mutex);
        batch.swap(m_pending);
        m_flushScheduled = false;
    }
    for (const LogEntry &e : batch)
        emit entryAdded(e);
}

QList<LogEntry> RequestLog::entries() const
{
    std::lock_guard lock(m_mutex);
    return QList<LogEntry>(m_ring.begin(), m_ring.end());
}

quint64 RequestLog::droppedCount() const
{
    std::lock_guard lock(m_mutex);
    return m_dropped;
}

void RequestLog::clear()
{
    {
        std::lock_guard lock(m_mutex);
        m_ring.clear();
    }
    emit cleared();
}

} // namespace quarry::mock
