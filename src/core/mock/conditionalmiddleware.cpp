// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/conditionalmiddleware.h"

#include "mock/conditionalrequest.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

void ConditionalMiddleware::after(Exchange &ex)
{
    const QByteArray &method = ex.request.method;
    if (!ex.route || (method != "GET" && method != "HEAD") || ex.response.dropConnection)
        return;
    const bool conditional = ConditionalRequest::hasPreconditions(ex.request);
    if (ex.response.status != 200) {
        // RFC 9110 §13.2.1: preconditions apply only to what would otherwise be a 2xx.
        if (conditional)
            ex.note(name(), u"preconditions ignored: the answer is %1, not 200"_s.arg(ex.response.status));
        return;
    }
    Validators current;
    current.etag = ex.response.header("ETag");
    const bool ownTag = !current.etag.isEmpty();
    if (!ownTag) {
        current.etag = ex.etag.isEmpty() ? ConditionalRequest::strongEtag(ex.response.body) : ex.etag;
        ex.response.headers.append({QByteArrayLiteral("ETag"), current.etag});
    }
    const QByteArray ownDate = ex.response.header("Last-Modified");
    current.lastModified = ownDate.isEmpty() ? ex.lastModified : ConditionalRequest::parseHttpDate(ownDate);
    if (ownDate.isEmpty() && current.lastModified)
        ex.response.headers.append({QByteArrayLiteral("Last-Modified"), ConditionalRequest::httpDate(*current.lastModified)});
    if (!conditional) {
        ex.note(name(), u"ETag %1%2%3"_s.arg(QString::fromLatin1(current.etag),
                                             ownTag ? u" (the route's own)"_s : QString(),
                                             current.lastModified ? u", Last-Modified "_s + QString::fromLatin1(ConditionalRequest::httpDate(*current.lastModified))
                                                                  : QString()));
        return;
    }
    const ConditionalRequest::Decision d = ConditionalRequest::evaluate(ex.request, &current);
    ex.note(name(), d.why);
    if (d.outcome == ConditionalRequest::Outcome::NotModified)
        ConditionalRequest::makeNotModified(ex.response);
    else if (d.outcome == ConditionalRequest::Outcome::PreconditionFailed)
        ex.response = ConditionalRequest::preconditionFailed(d, &current);
}

} // namespace quarry::mock
