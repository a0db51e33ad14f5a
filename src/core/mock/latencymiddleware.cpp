// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/latencymiddleware.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

bool LatencyMiddleware::before(Exchange &ex)
{
    const LatencyPolicy &policy = (ex.policyRoute && ex.policyRoute->latency) ? *ex.policyRoute->latency : m_server;
    if (!policy.enabled || policy.maxMs <= 0)
        return true;
    const int ms = policy.minMs == policy.maxMs ? policy.minMs : int(m_random->integer(policy.minMs, policy.maxMs));
    ex.delayMs += ms;
    ex.note(name(), policy.minMs == policy.maxMs ? u"+%1 ms (fixed)"_s.arg(ms)
                                                 : u"+%1 ms (random in %2..%3 ms)"_s.arg(ms).arg(policy.minMs).arg(policy.maxMs));
    return true;
}

} // namespace quarry::mock
