// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/exchange.h"
#include "quarry_core_export.h"

#include <QString>

namespace quarry::mock {

/// One step of the mock server's middleware chain. The chain runs, in order:
///   route match → cors → auth → rateLimit → latency → faults → validate → conditional → handler (rules / resource)
/// and then after() of every step that ran, in reverse order.
///
/// before() is called on a network thread, concurrently for different requests: implementations
/// must be thread-safe, must not block for long (no sleeping: latency is a Response::delayMs the
/// engine waits for on a timer) and must not throw. A step that answers sets exchange.response and
/// returns false: later steps and the handler are skipped, but after() still runs for the steps
/// before it (so CORS headers reach a 401 or 429). Every step records what it decided with
/// exchange.note(name(), ...) so the request log can show why a request got its status.
///
/// To add a step (the auth step of issue #4): implement this interface and hand it to
/// MockServer::setStep(MockServer::Slot::Auth, step); the route's `auth` object is in
/// exchange.route->auth, and verified claims go into exchange.claims for templates ({{jwt.sub}}).
class QUARRY_CORE_EXPORT Middleware
{
public:
    virtual ~Middleware() = default;
    /// Short name for the lifecycle log: "cors", "auth", "rateLimit".
    virtual QString name() const = 0;
    /// Returns true to continue, false when this step answered (exchange.response is final).
    virtual bool before(Exchange &exchange) = 0;
    /// Runs after the handler or a later step answered; may add headers.
    virtual void after(Exchange &exchange) {}
};

} // namespace quarry::mock
