// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "script/watchdog.h"

#include <QJSEngine>

namespace quarry::script {

Watchdog::Watchdog(QJSEngine *engine) : m_engine(engine), m_thread([this] { loop(); }) {}

Watchdog::~Watchdog()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void Watchdog::arm(int budgetMs)
{
    {
        std::lock_guard lock(m_mutex);
        m_armed = true;
        m_paused = false;
        m_fired = false;
        m_deadline = Clock::now() + std::chrono::milliseconds(budgetMs);
    }
    m_wake.notify_one();
}

bool Watchdog::disarm()
{
    std::lock_guard lock(m_mutex);
    m_armed = false;
    return m_fired;
}

void Watchdog::pause()
{
    std::lock_guard lock(m_mutex);
    if (!m_armed || m_paused)
        return;
    m_paused = true;
    m_left = m_deadline - Clock::now();
}

void Watchdog::resume()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_armed || !m_paused)
            return;
        m_paused = false;
        m_deadline = Clock::now() + m_left;
    }
    m_wake.notify_one();
}

void Watchdog::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        if (!m_armed || m_paused) {
            m_wake.wait(lock);
            continue;
        }
        if (Clock::now() >= m_deadline) {
            m_engine->setInterrupted(true);
            m_fired = true;
            m_armed = false;
            continue;
        }
        m_wake.wait_until(lock, m_deadline);
    }
}

} // namespace quarry::script
