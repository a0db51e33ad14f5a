// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/middleware.h"

#include <memory>

namespace quarry::auth { class AuthGate; }

namespace quarry::mock {

/// The chain's auth step: the bearer check of auth::AuthGate for routes with an `auth` object
/// ({"required", "profile", "roles"}). 401/400/403/500 answers are problem+json carrying the
/// RFC 6750 WWW-Authenticate header; a valid token's claims go to exchange.claims ({{jwt.sub}} in
/// templates). Also answers GET /.well-known/jwks.json when no route claims that path and the
/// workspace has asymmetric profiles. The gate is immutable, so one step serves every thread.
class QUARRY_CORE_EXPORT AuthMiddleware : public Middleware
{
public:
    explicit AuthMiddleware(std::shared_ptr<const auth::AuthGate> gate);
    ~AuthMiddleware() override;
    QString name() const override { return QStringLiteral("auth"); }
    bool before(Exchange &exchange) override;

private:
    std::shared_ptr<const auth::AuthGate> m_gate;
};

} // namespace quarry::mock
