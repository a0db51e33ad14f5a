// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/middleware.h"
#include "mock/policies.h"

namespace quarry::mock {

/// Cross-origin resource sharing: answers preflight OPTIONS requests itself (204 when allowed,
/// 403 problem when not), adds Access-Control-* headers to the answers of allowed origins, and
/// for a disallowed origin adds none and notes why (so the browser's block is explained).
class QUARRY_CORE_EXPORT CorsMiddleware : public Middleware
{
public:
    explicit CorsMiddleware(CorsPolicy serverPolicy) : m_server(std::move(serverPolicy)) {}
    QString name() const override { return QStringLiteral("cors"); }
    bool before(Exchange &exchange) override;

private:
    CorsPolicy m_server;
};

} // namespace quarry::mock
