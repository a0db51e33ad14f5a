// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/requestlog.h"

#include <QMetaObject>
#include <QTimer>

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
        auto shared = std::make_shared<const LogEntry>(std::move(entry));
        std::lock_guard lock(m_mutex);
        m_ring.push_back(shared);
        while (qsizetype(m_ring.size()) > m_capacity)
            m_ring.pop_front();
        m_pending.push_back(std::move(shared));
        while (qsizetype(m_pending.size()) > m_capacity) {
            m_pending.pop_front();
            ++m_dropped;
        }
        if (!m_flushScheduled) {
            m_flushScheduled = true;
            schedule = true;
        }
    }
    // Waking the receiving thread for every request would make it compete with the network
    // threads for the CPU; entries are delivered in batches at most every FlushIntervalMs instead.
    if (schedule) {
        QMetaObject::invokeMethod(
            this, [this] { QTimer::singleShot(FlushIntervalMs, this, &RequestLog::flush); }, Qt::QueuedConnection);
    }
}

void RequestLog::flush()
{
    std::deque<std::shared_ptr<const LogEntry>> batch;
    {
        std::lock_guard lock(m_mutex);
        batch.swap(m_pending);
        m_flushScheduled = false;
    }
    for (const auto &e : batch)
        emit entryAdded(*e);
}

QList<LogEntry> RequestLog::entries() const
{
    std::lock_guard lock(m_mutex);
    QList<LogEntry> list;
    list.reserve(qsizetype(m_ring.size()));
    for (const auto &e : m_ring)
        list.append(*e);
    return list;
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
