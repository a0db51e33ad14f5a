// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/templatedresponse.h"

#include "mock/problem.h"
#include "mock/templaterenderer.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

void TemplatedResponse::answer(Exchange &ex, const ResponseSpec *spec, FakeData &fake, const Validators &validators)
{
    if (!spec) {
        ex.response = Problem{501, u"No response defined"_s,
                              u"%1 has no response yet: add one to the route."_s.arg(ex.route->label()), {}, {}}
                          .toResponse();
        return;
    }
    Response r;
    r.status = spec->status;
    r.headers = spec->encodedHeaders;
    for (qsizetype h = 0; h < spec->headers.size(); ++h) {
        const QString &value = spec->headers.at(h).second;
        if (value.contains(u"{{"_s)) {
            auto rendered = TemplateRenderer::render(value, ex, fake);
            if (rendered)
                r.headers[h].second = rendered.value().toUtf8();
        }
    }
    if (spec->bodyIsTemplate) {
        auto rendered = TemplateRenderer::render(spec->body, ex, fake);
        if (!rendered) {
            ex.response = Problem{500, u"Template error"_s,
                                  u"The response template of %1 could not be rendered: %2"_s.arg(ex.route->label(),
                                                                                                  rendered.error().message),
                                  {}, {}}
                              .toResponse();
            return;
        }
        r.body = rendered.value().toUtf8();
    } else {
        r.body = spec->bodyUtf8;
        ex.etag = validators.etag;
        ex.lastModified = validators.lastModified;
    }
    ex.response = std::move(r);
}

} // namespace quarry::mock
