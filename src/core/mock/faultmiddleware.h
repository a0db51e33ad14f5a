// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/fakedata.h"
#include "mock/middleware.h"
#include "mock/policies.h"

#include <memory>

namespace quarry::mock {

/// Injects failures: a share of requests gets a 5xx problem, another share a connection closed
/// without an answer. Draws come from the server's seeded generator, so a run can be replayed.
class QUARRY_CORE_EXPORT FaultMiddleware : public Middleware
{
public:
    FaultMiddleware(FaultPolicy serverPolicy, std::shared_ptr<FakeData> random)
        : m_server(serverPolicy), m_random(std::move(random)) {}
    QString name() const override { return QStringLiteral("faults"); }
    bool before(Exchange &exchange) override;

private:
    FaultPolicy m_server;
    std::shared_ptr<FakeData> m_random;
};

} // namespace quarry::mock
