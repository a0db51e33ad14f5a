// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QThreadPool>

#include <atomic>
#include <functional>

namespace quarry::mock {

/// A bounded pool for slow request handlers (password checks): `threads` run, `queue` more wait,
/// and tryRun() refuses the rest so the caller can answer 503 at once. Thread-safe.
class WorkerPool
{
public:
    WorkerPool(int threads, int queue);
    ~WorkerPool();   ///< stop()
    bool tryRun(std::function<void()> job);
    /// Drops the jobs that have not started and waits for the running ones.
    void stop();

private:
    QThreadPool m_pool;
    std::atomic<int> m_pending{0};
    const int m_capacity;
};

} // namespace quarry::mock
