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
/// More fake data, from FakeData's locale: {{fake.jobTitle}}, {{fake.streetAddress}}, {{fake.city}},
/// {{fake.postcode}} ({{fake.zip}}), {{fake.state}}, {{fake.country}}, {{fake.phone}},
/// {{fake.company}}, {{fake.catchPhrase}}, {{fake.productName}}, {{fake.department}},
/// {{fake.userName}}, {{fake.url}}, {{fake.ipv4}}, {{fake.dateTime}}, {{fake.month}},
/// {{fake.weekday}}, {{fake.word}}, and with arguments {{#fake.float}}0,10,3{{/fake.float}}
/// (min, max, decimals), {{#fake.price}}5,50{{/fake.price}}, {{#fake.image}}200,200{{/fake.image}}
/// (an image URL of that size), {{#fake.paragraph}}2{{/fake.paragraph}} (sentences).
/// {{#repeat 20}}...{{/repeat}} writes its body 20 times with commas between (a JSON array's
/// items); {{#repeat 5 10}} a random number of times in that range, `comma=false` without commas,
/// {{@index}} is the copy's number from 0. Blocks nest.
/// {{x}} escapes for a JSON string (quotes, backslashes, control characters); {{{x}}} inserts raw.
class QUARRY_CORE_EXPORT TemplateRenderer
{
public:
    /// Thread-safe; `fake` must outlive the call.
    static Result<QString> render(const QString &templateText, const Exchange &exchange, FakeData &fake);
    /// Expands the {{#repeat}} blocks of a template (before Mustache sees it).
    static Result<QString> expandRepeats(const QString &templateText, FakeData &fake);
    static constexpr qint64 MaxRepeat = 10000;
    static constexpr qint64 MaxExpandedChars = 8 * 1024 * 1024;
    /// The JSON-string escape used for {{x}}.
    static std::string escapeJson(const std::string &text);
};

} // namespace quarry::mock
