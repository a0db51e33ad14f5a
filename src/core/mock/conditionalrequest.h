// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/request.h"
#include "mock/response.h"
#include "quarry_core_export.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace quarry::mock {

/// What identifies the current representation of a resource (RFC 9110 §8.8).
struct QUARRY_CORE_EXPORT Validators {
    QByteArray etag;                         ///< a strong entity tag, quotes included: "\"Jx3...\""
    std::optional<QDateTime> lastModified;   ///< UTC, whole seconds
};

/// Conditional requests (RFC 9110 §13): entity tags, HTTP dates and the order in which
/// If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since are evaluated.
/// Pure functions, thread-safe.
class QUARRY_CORE_EXPORT ConditionalRequest
{
public:
    enum class Outcome {
        Proceed,              ///< answer as if the request had no preconditions
        NotModified,          ///< 304 (GET/HEAD whose cached copy is current)
        PreconditionFailed,   ///< 412
    };
    struct Decision {
        Outcome outcome = Outcome::Proceed;
        /// What was compared and why it led to the outcome, for the request log; empty when the
        /// request had no precondition headers.
        QString why;
    };

    /// A strong entity tag of these bytes: a hash of the representation, so the same bytes always
    /// get the same tag, across restarts too.
    static QByteArray strongEtag(QByteArrayView representation);
    /// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
    static QByteArray httpDate(const QDateTime &time);
    /// IMF-fixdate, the obsolete RFC 850 form and asctime (RFC 9110 §5.6.7); nullopt if none fits.
    static std::optional<QDateTime> parseHttpDate(QByteArrayView text);
    /// A stored date or time (ISO 8601, SQLite's "2026-12-05 10:00:00", PostgreSQL's text forms,
    /// seconds or milliseconds since 1970), as UTC whole seconds; a time without a zone is UTC.
    static std::optional<QDateTime> parseStoredTime(const QJsonValue &value);
    /// Whether the request carries any of the four precondition headers.
    static bool hasPreconditions(const Request &request);
    /// Evaluates the request's preconditions against the current representation (null when the
    /// resource has none) in RFC 9110 §13.2.2's order.
    static Decision evaluate(const Request &request, const Validators *current);
    /// The 412 answer as application/problem+json naming the failed precondition.
    static Response preconditionFailed(const Decision &decision, const Validators *current);
    /// Turns a 200 into its 304: no body, and of the representation's headers only those a cache
    /// needs to update its copy (ETag, Last-Modified, Cache-Control, Expires, Vary, Content-Location).
    static void makeNotModified(Response &response);
};

} // namespace quarry::mock
