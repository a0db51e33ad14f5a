// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/exchange.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace quarry::http {

/// The outcome of a collection run, and its cli/json/junit renderings.
struct QUARRY_CORE_EXPORT RunReport {
    QString collectionName;
    QString environmentName;
    int iterations = 1;
    int concurrency = 1;
    QDateTime startedAt;
    double durationMs = 0;
    int logins = 0;
    int refreshes = 0;
    bool cancelled = false;
    QList<Exchange> exchanges;   ///< by iteration, then collection order

    int requests() const { return int(exchanges.size()); }
    int failedRequests() const;
    int assertionCount() const;
    int failedAssertions() const;
    bool passed() const { return !cancelled && failedRequests() == 0; }
    double requestsPerSecond() const;

    /// Human-readable: one line per request with its checks, then totals (logins included).
    QString toText() const;
    /// {collection, environment, iterations, concurrency, startedAt, durationMs, logins, refreshes,
    ///  passed, totals:{requests, failedRequests, assertions, failedAssertions, requestsPerSecond},
    ///  exchanges:[{iteration, id, name, method, url, status, reason, meaning, timeMs, size, error,
    ///  auth:{...}, assertions:[{description, passed, message, script?, scriptError?, skipped?}],
    ///  console?:[{level, text, script}], extracted:{}}]}
    QByteArray toJson() const;
    /// JUnit XML: one <testsuite> per iteration, one <testcase> per request, a <failure> per
    /// failed check, an <error> when no response came; properties carry logins and refreshes.
    QByteArray toJUnit() const;
    /// Several runs (one per collection) in one JUnit document.
    static QByteArray toJUnit(const QList<RunReport> &reports);
};

} // namespace quarry::http
