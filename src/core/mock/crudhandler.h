// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/exchange.h"
#include "mock/resourcestore.h"
#include "quarry_core_export.h"

namespace quarry::schema { class Schema; }

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
/// Refused writes follow WriteError's contract: 400 for a body that is not JSON, unknown columns
/// and values of the wrong type; 422 for NOT NULL and CHECK; 409 for UNIQUE and foreign keys (a
/// missing parent, or rows that still refer to a deleted one), naming columns and constraints.
/// Reads carry validators for the conditional step (ETag of the body; Last-Modified from an
/// updated-at column, see CrudValues); a write with If-Match, If-Unmodified-Since or If-None-Match
/// reads its row in the write's own transaction and answers 412 when the precondition fails.
/// Every statement binds its values and quotes its identifiers with the store's dialect; each write
/// is one statement and so one transaction. SQL and its timing go to the exchange's lifecycle
/// ("sql" steps). A table the store lacks is looked for again (at most once a second) before the
/// 500 that names what is missing.
class QUARRY_CORE_EXPORT CrudHandler
{
public:
    /// `design` is the workspace's schema as served (it tells constraints and foreign keys).
    static void handle(Exchange &exchange, ResourceStore &store, const ResourceSpec &resource, const schema::Schema &design);
};

} // namespace quarry::mock
