// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/exchange.h"
#include "mock/route.h"
#include "quarry_core_export.h"

#include <atomic>
#include <memory>
#include <vector>

namespace quarry::mock {

class FakeData;

/// An immutable set of routes as the server answers them, plus each route's sequential counter.
/// The server swaps whole tables when routes are edited, so a request sees one consistent table.
class QUARRY_CORE_EXPORT RouteTable
{
public:
    explicit RouteTable(QList<Route> routes);

    const QList<Route> &routes() const { return m_routes; }

    /// Finds the first enabled route (in order) matching method, path and query; sets
    /// exchange.route, params and resourceItem. Without a match, fills allowedMethods with the
    /// methods of routes whose path matches (for 405 and CORS preflight) and returns false.
    bool match(Exchange &exchange) const;
    /// The first enabled route whose path matches, whatever its method (for CORS preflight).
    const Route *matchPathOnly(const Exchange &exchange, QHash<QString, QString> *params = nullptr) const;

    /// The answer when match() found no route: 405 with Allow when the path has routes for other
    /// methods, else 404 naming the routes this server answers (answeredRoutes(), also as the
    /// problem's "routes" member).
    void answerUnmatched(Exchange &exchange) const;
    /// What the enabled routes answer, in order: "GET /hello", and for a resource its collection
    /// and item forms ("GET, POST /api/users", "GET, PUT, PATCH, DELETE /api/users/:id").
    QStringList answeredRoutes() const;

    /// Which of the route's responses to send, by its mode; -1 when it has none. Notes the decision
    /// ("rule" step) in the exchange.
    int pickResponse(const Route &route, Exchange &exchange, FakeData &fake) const;
    /// Whether one rule holds for the request.
    static bool ruleHolds(const Rule &rule, const Exchange &exchange, QString *seen = nullptr);

private:
    QList<Route> m_routes;
    std::vector<std::unique_ptr<std::atomic<quint64>>> m_counters;
};

} // namespace quarry::mock
