// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/workerpool.h"

namespace quarry::mock {

WorkerPool::WorkerPool(int threads, int queue) : m_capacity(threads + queue)
{
    m_pool.setMaxThreadCount(threads);
}

WorkerPool::~WorkerPool()
{
    stop();
}

bool WorkerPool::tryRun(std::function<void()> job)
{
    if (m_pending.fetch_add(1) >= m_capacity) {
        m_pending.fetch_sub(1);
        return false;
    }
    m_pool.start([this, job = std::move(job)] {
        job();
        m_pending.fetch_sub(1);
    });
    return true;
}

void WorkerPool::stop()
{
    m_pool.clear();
    m_pool.waitForDone();
}

} // namespace quarry::mock
