// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/middleware.h"

namespace quarry::mock {

/// The "conditional" step, last in the chain: a GET or HEAD answered 200 gets a strong ETag (the
/// hash of its body, unless the route sets its own) and a Last-Modified when the handler knows one
/// (a static body: when the route last changed; a CRUD row or list: its updated-at column), and
/// its If-None-Match / If-Modified-Since / If-Match / If-Unmodified-Since are evaluated (RFC 9110
/// §13.2.2) into a 304 or a 412. Writes are checked by the CRUD handler, which reads the row in
/// the write's transaction. Each decision is noted for the request log.
class QUARRY_CORE_EXPORT ConditionalMiddleware : public Middleware
{
public:
    QString name() const override { return QStringLiteral("conditional"); }
    bool before(Exchange &) override { return true; }
    void after(Exchange &exchange) override;
};

} // namespace quarry::mock
