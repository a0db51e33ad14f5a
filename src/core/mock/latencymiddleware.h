// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/fakedata.h"
#include "mock/middleware.h"
#include "mock/policies.h"

#include <memory>

namespace quarry::mock {

/// Adds a fixed or random delay before the answer. The engine waits on an Asio timer, so a
/// delayed request never holds a network thread.
class QUARRY_CORE_EXPORT LatencyMiddleware : public Middleware
{
public:
    LatencyMiddleware(LatencyPolicy serverPolicy, std::shared_ptr<FakeData> random)
        : m_server(serverPolicy), m_random(std::move(random)) {}
    QString name() const override { return QStringLiteral("latency"); }
    bool before(Exchange &exchange) override;

private:
    LatencyPolicy m_server;
    std::shared_ptr<FakeData> m_random;
};

} // namespace quarry::mock
