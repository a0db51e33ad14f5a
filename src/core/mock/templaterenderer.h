// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QString>

namespace quarry::mock {

struct Exchange;
class FakeData;

/// Renders response templates (kainjow Mustache) against a request.
///
/// Names: {{params.id}}, {{query.page}}, {{headers.x-request-id}} (lower-case names),
/// {{body.email}} / {{body.user.name}} (the JSON request body), {{jwt.sub}} (claims set by the
/// auth step), {{request.method}}, {{request.path}}, and fake data: {{fake.name}},
/// {{fake.firstName}}, {{fake.lastName}}, {{fake.email}}, {{fake.uuid}}, {{fake.date}},
/// {{fake.lorem}}, {{fake.bool}}, {{fake.int}} (0..1000), with arguments as sections:
/// {{#fake.int}}1,100{{/fake.int}}, {{#fake.lorem}}5{{/fake.lorem}} (words).
/// {{x}} escapes for a JSON string (quotes, backslashes, control characters); {{{x}}} inserts raw.
class QUARRY_CORE_EXPORT TemplateRenderer
{
public:
    /// Thread-safe; `fake` must outlive the call.
    static Result<QString> render(const QString &templateText, const Exchange &exchange, FakeData &fake);
    /// The JSON-string escape used for {{x}}.
    static std::string escapeJson(const std::string &text);
};

} // namespace quarry::mock
