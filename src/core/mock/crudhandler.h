// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/exchange.h"
#include "mock/resourcestore.h"
#include "quarry_core_export.h"

namespace quarry::mock {

/// Answers a resource route from its table, json-server style:
///   GET    /res        list; filters ?col=v (repeat for IN), col_gt, col_gte, col_lt, col_lte, col_ne,
///                      col_like (substring, or a LIKE pattern with %); _sort=a,-b  _order=asc|desc;
///                      _page, _limit (page size 10 when only _page) -> X-Total-Count, Link
///   GET    /res/:id    one row, 404 if missing
///   POST   /res        201 + Location + the stored row (RETURNING *)
///   PUT    /res/:id    replaces the row (absent nullable columns become NULL)
///   PATCH  /res/:id    updates the given columns
///   DELETE /res/:id    204
/// 400 for invalid JSON, unknown columns and values of the wrong type; 409 for a unique violation.
/// Every statement binds its values and quotes its identifiers; each write is one statement and so
/// one transaction. SQL and its timing go to the exchange's lifecycle ("sql" steps).
class QUARRY_CORE_EXPORT CrudHandler
{
public:
    static void handle(Exchange &exchange, ResourceStore &store, const ResourceSpec &resource);
};

} // namespace quarry::mock
