// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/validationmiddleware.h"

#include <QElapsedTimer>

#include <mutex>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

std::shared_ptr<const ValidationMiddleware::Entry> ValidationMiddleware::entryFor(const Route &route)
{
    {
        std::shared_lock lock(m_mutex);
        if (auto found = m_compiled.value(&route))
            return found;
    }
    auto entry = std::make_shared<Entry>();
    auto compiled = RequestValidator::compile(route.validation, route.id.isEmpty() ? route.label() : u"route "_s + route.id);
    if (compiled)
        entry->validator = compiled.value();
    else
        entry->error = compiled.error().toString();
    std::unique_lock lock(m_mutex);
    auto &slot = m_compiled[&route];
    if (!slot)
        slot = std::move(entry);
    return slot;
}

bool ValidationMiddleware::before(Exchange &ex)
{
    if (!ex.route || ex.route->validation.isEmpty())
        return true;
    QElapsedTimer timer;
    timer.start();
    const auto entry = entryFor(*ex.route);
    if (!entry->validator) {
        ex.note(name(), u"not checked: the route's schema cannot be used: %1"_s.arg(entry->error));
        return true;
    }
    if (!entry->validator->isEnabled())
        return true;
    const RequestValidator::Outcome outcome = entry->validator->check(ex.request, ex.params);
    ex.note(name(), outcome.summary, timer.nsecsElapsed() / 1000);
    if (outcome.status == 0)
        return true;
    ex.response = RequestValidator::problem(outcome, ex.route->label());
    return false;
}

} // namespace quarry::mock
