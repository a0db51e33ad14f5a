// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/assertion.h"
#include "http/preparedrequest.h"
#include "http/response.h"
#include "result.h"
#include "script/scripttypes.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

#include <optional>

namespace quarry::http {

/// The auth a sent request ended up with, for the "resolved auth" view and the run report.
struct QUARRY_CORE_EXPORT ResolvedAuth {
    QString type;              ///< "none", "bearer", "basic", "login", "oauth2", "signed"
    QString profileId;         ///< login
    QString profileName;       ///< login
    QString inheritedFrom;     ///< "request", "folder \"Admin\"", "collection \"Users API\""
    QString tokenId;           ///< jti or a hash prefix; never the token
    QJsonObject claims;        ///< decoded, unverified
    std::optional<double> secondsToExpiry;   ///< at the time of sending
    bool loggedIn = false;     ///< this request triggered a login
    bool refreshed = false;    ///< this request triggered a refresh
    bool retriedAfter401 = false;
    bool signedLocally = false;  ///< a `signed` profile minted the token for this request

    QJsonObject toJson() const;
};

/// One request as sent and answered (or not), with its checks. What the GUI shows and the
/// runner reports.
struct QUARRY_CORE_EXPORT Exchange {
    QString requestId;
    QString requestName;
    int iteration = 0;
    PreparedRequest request;             ///< as sent (the last attempt)
    std::optional<Response> response;
    std::optional<Error> error;          ///< no response, or the request could not be prepared
    ResolvedAuth auth;
    /// The checks in the order they ran: the collection's and folders' test scripts' pm.test
    /// results, the request's declarative checks, its own script's results (and a failed entry
    /// for each script that could not run or threw).
    QList<AssertionResult> assertions;
    QList<script::ConsoleLine> console;         ///< what the scripts logged
    /// postman.setNextRequest(name) was called: the request to jump to, or empty to stop.
    std::optional<QString> nextRequest;
    QList<QPair<QString, QString>> extracted;   ///< variable, value
    QList<Error> extractionErrors;

    /// A response came, every assertion passed and every extraction found its value.
    bool passed() const;
    int failedAssertions() const;
};

} // namespace quarry::http

Q_DECLARE_METATYPE(quarry::http::Exchange)
