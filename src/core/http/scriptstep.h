// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/collection.h"
#include "http/exchange.h"
#include "http/transport.h"
#include "http/variablescope.h"
#include "script/scripthost.h"

#include <functional>
#include <memory>

namespace quarry::http {

/// A request's scripts around its sending, in Postman's order: the collection's, each folder's
/// from the outermost, then the request's own pre-request scripts; the same order for tests.
/// Scripts run in the calling thread's warm script::Sandbox against the executor's scope, so
/// what pm.environment.set() writes is seen by later requests of the run.
/// Thread affinity: the executor's worker thread.
class ScriptStep
{
public:
    ScriptStep(const Collection *collection, VariableScope &scope, std::shared_ptr<Transport> transport,
               CancelFlag *cancel, int iterations = 1);

    /// Whether the request, its folders or its collection have any script.
    bool any(const RequestSpec &request) const;
    /// Runs the pre-request scripts; `request` carries their changes to url, method, headers, body.
    void preRequest(RequestSpec &request, Exchange &exchange, int iteration);
    /// Runs the test scripts on the exchange's response; results are appended to its assertions.
    /// `requestChecks` (the request's declarative checks) runs after the collection's and folders'
    /// scripts, before the request's own: the order newman gives a Postman export of the request.
    void test(const RequestSpec &request, Exchange &exchange, int iteration, const std::function<void()> &requestChecks);

    /// Postman's view of a request as written, and back.
    static script::ScriptRequest toScript(const RequestSpec &request);
    static void apply(const script::ScriptRequest &script, RequestSpec &request);
    static script::ScriptResponse scriptResponse(const Response &response);

private:
    struct Source {
        QString label;
        QString text;
        bool request = false;   ///< the request's own, not its collection's or a folder's
    };
    QList<Source> sources(const RequestSpec &request, bool test) const;
    void record(const script::ScriptOutcome &outcome, const QString &label, Exchange &exchange) const;
    /// A test script when `response` is given, else a pre-request script (which may change `request`).
    void runOne(const Source &source, script::ScriptRequest *request, const script::ScriptResponse *response,
                script::ScriptHost &host, int iteration, Exchange &exchange) const;

    const Collection *m_collection;
    VariableScope &m_scope;
    std::shared_ptr<Transport> m_transport;
    CancelFlag *m_cancel;
    int m_iterations;
};

} // namespace quarry::http
