// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/logentry.h"
#include "quarry_core_export.h"

#include <QObject>

#include <deque>
#include <memory>
#include <mutex>

namespace quarry::mock {

/// The live request log: a ring buffer of the last `capacity()` entries, fed from the network
/// threads, announced in the log's own thread (the GUI's or the CLI's) through queued signals,
/// in batches at most FlushIntervalMs apart.
///
/// post() is thread-safe and never blocks on the receiver; while the receiving thread is busy,
/// pending entries are coalesced and at most `capacity()` of them wait (older ones are counted in
/// droppedCount() and skipped), so memory stays bounded under any load.
class QUARRY_CORE_EXPORT RequestLog : public QObject
{
    Q_OBJECT
public:
    /// How long an entry may wait before entryAdded announces it.
    static constexpr int FlushIntervalMs = 25;

    explicit RequestLog(qsizetype capacity = 1000, QObject *parent = nullptr);
    ~RequestLog() override;

    /// Thread-safe.
    void post(LogEntry entry);
    /// A copy of the buffered entries, oldest first. Thread-safe.
    QList<LogEntry> entries() const;
    qsizetype capacity() const { return m_capacity; }
    /// Entries that never reached entryAdded because the receiver fell behind. Thread-safe.
    quint64 droppedCount() const;
    /// Empties the buffer (not the pending queue). Thread-safe.
    void clear();

signals:
    /// In this object's thread, in request order.
    void entryAdded(const quarry::mock::LogEntry &entry);
    void cleared();

private:
    void flush();

    const qsizetype m_capacity;
    mutable std::mutex m_mutex;
    // The ring and the pending queue share each entry.
    std::deque<std::shared_ptr<const LogEntry>> m_ring;
    std::deque<std::shared_ptr<const LogEntry>> m_pending;
    bool m_flushScheduled = false;
    quint64 m_dropped = 0;
};

} // namespace quarry::mock
