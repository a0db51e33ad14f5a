// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/faultmiddleware.h"

#include "mock/problem.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

bool FaultMiddleware::before(Exchange &ex)
{
    const FaultPolicy &policy = (ex.policyRoute && ex.policyRoute->faults) ? *ex.policyRoute->faults : m_server;
    if (!policy.enabled || (policy.errorRate <= 0 && policy.dropRate <= 0))
        return true;
    const double u = m_random->unit();
    if (u < policy.dropRate) {
        ex.note(name(), u"dropped the connection without an answer (drop rate %1%)"_s.arg(policy.dropRate * 100));
        ex.response.dropConnection = true;
        ex.response.status = 0;
        return false;
    }
    if (u < policy.dropRate + policy.errorRate) {
        ex.note(name(), u"injected %1 (error rate %2%)"_s.arg(policy.status).arg(policy.errorRate * 100));
        ex.response = Problem{policy.status, u"Injected fault"_s,
                              u"The mock server is configured to fail %1% of requests with %2, to test how clients "
                              u"cope. This is not a bug in your request."_s.arg(policy.errorRate * 100).arg(policy.status),
                              {}, {}}
                          .toResponse();
        return false;
    }
    ex.note(name(), u"no fault injected"_s);
    return true;
}

} // namespace quarry::mock
