// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

class QJSEngine;

namespace quarry::script {

/// Stops a script that runs past its budget: a thread of its own calls
/// QJSEngine::setInterrupted(true) when the armed deadline passes. Time spent paused (a library
/// being compiled, pm.sendRequest waiting for a server) is not charged to the script.
class Watchdog
{
public:
    explicit Watchdog(QJSEngine *engine);
    ~Watchdog();

    void arm(int budgetMs);
    /// Returns whether the deadline passed while armed (the engine was interrupted).
    bool disarm();
    void pause();
    void resume();

private:
    using Clock = std::chrono::steady_clock;
    void loop();

    QJSEngine *m_engine;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_armed = false;
    bool m_paused = false;
    bool m_fired = false;
    bool m_stop = false;
    Clock::time_point m_deadline;
    Clock::duration m_left{};
    std::thread m_thread;
};

} // namespace quarry::script
