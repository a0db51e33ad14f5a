// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/exchange.h"

#include <QString>

namespace quarry::mock {

class RateLimitState;

/// The login route's rate limit (Route::loginLimits) per client address (`account` null) or per
/// submitted account name, known or not, in `state`'s token buckets. False with a 429 problem and
/// Retry-After in ex.response when over it. Thread-safe.
bool admitLogin(RateLimitState &state, Exchange &ex, const QString *account);

} // namespace quarry::mock
