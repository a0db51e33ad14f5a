// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/exchange.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

QJsonObject ResolvedAuth::toJson() const
{
    QJsonObject o{{u"type"_s, type}};
    if (!inheritedFrom.isEmpty())
        o.insert(u"from"_s, inheritedFrom);
    if (!profileId.isEmpty())
        o.insert(u"profile"_s, profileId);
    if (!profileName.isEmpty())
        o.insert(u"profileName"_s, profileName);
    if (!tokenId.isEmpty())
        o.insert(u"tokenId"_s, tokenId);
    if (secondsToExpiry)
        o.insert(u"secondsToExpiry"_s, qRound(*secondsToExpiry * 1000) / 1000.0);
    if (loggedIn)
        o.insert(u"loggedIn"_s, true);
    if (refreshed)
        o.insert(u"refreshed"_s, true);
    if (retriedAfter401)
        o.insert(u"retriedAfter401"_s, true);
    if (signedLocally)
        o.insert(u"signedLocally"_s, true);
    return o;
}

bool Exchange::passed() const
{
    return response && !error && failedAssertions() == 0 && extractionErrors.isEmpty();
}

int Exchange::failedAssertions() const
{
    int failed = 0;
    for (const AssertionResult &a : assertions)
        failed += a.passed ? 0 : 1;
    return failed;
}

} // namespace quarry::http
