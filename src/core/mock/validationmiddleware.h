// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/middleware.h"
#include "mock/requestvalidator.h"

#include <QHash>

#include <memory>
#include <shared_mutex>

namespace quarry::mock {

class RouteTable;

/// The "validate" step: a route with a `validation` object (see RequestValidator) gets its
/// request checked before the handler runs, and a request that breaks it is answered 400, 415 or
/// 422 with the violations. Schemas are compiled on a route's first request and kept for as long
/// as the route table (a route edit builds a new step). A schema that cannot be compiled is noted
/// in the log and the request goes on unchecked.
class QUARRY_CORE_EXPORT ValidationMiddleware : public Middleware
{
public:
    QString name() const override { return QStringLiteral("validate"); }
    bool before(Exchange &exchange) override;

private:
    struct Entry {
        std::optional<RequestValidator> validator;
        QString error;
    };
    std::shared_ptr<const Entry> entryFor(const Route &route);

    std::shared_mutex m_mutex;
    QHash<const Route *, std::shared_ptr<const Entry>> m_compiled;
};

} // namespace quarry::mock
