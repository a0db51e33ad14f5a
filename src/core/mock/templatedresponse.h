// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/conditionalrequest.h"
#include "mock/exchange.h"
#include "quarry_core_export.h"

namespace quarry::mock {

class FakeData;

/// Answers a route from one of its responses: status, headers and body, the templated ones
/// rendered (Mustache with fake data and the request); a template that fails is a 500 naming it.
class QUARRY_CORE_EXPORT TemplatedResponse
{
public:
    /// `spec` null: the route has no response (501). `validators`: a static body's, handed on to
    /// the conditional step (unused for a templated body, whose ETag is that of what it rendered).
    static void answer(Exchange &exchange, const ResponseSpec *spec, FakeData &fake, const Validators &validators);
};

} // namespace quarry::mock
