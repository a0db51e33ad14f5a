// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QNetworkCookie>
#include <QPair>
#include <QString>
#include <QUrl>

#include <memory>

namespace quarry::http {

/// Where the time of one exchange went, in milliseconds. Qt 6.4 exposes no DNS/connect/TLS
/// split, so the phases are the ones QNetworkReply lets us observe: `waiting` runs from handing
/// the request to Qt until the response headers arrived (connect + TLS + server time),
/// `download` from then until the last byte.
struct QUARRY_CORE_EXPORT Timings {
    double prepare = 0;    ///< variables, auth (a login it triggered is not included)
    double waiting = 0;
    double download = 0;
    double total = 0;      ///< waiting + download
};

/// A received response. Value type; copying shares nothing mutable.
struct QUARRY_CORE_EXPORT Response {
    int status = 0;
    QString reason;                                   ///< as the server sent it
    QString httpVersion;                              ///< "1.1", "2"
    QList<QPair<QByteArray, QByteArray>> headers;     ///< in arrival order, names as sent
    QList<QNetworkCookie> cookies;                    ///< from Set-Cookie
    QByteArray body;
    QUrl url;                                         ///< after redirects
    Timings timings;

    /// One line explaining the status for learners ("The server found no resource at this URL.").
    QString meaning() const;
    /// The first header of that name (case-insensitive), or a null string.
    QString header(const QString &name) const;
    bool hasHeader(const QString &name) const;
    /// The Content-Type's media type, lower-cased and without parameters ("image/png"); empty if none.
    QString contentType() const;
    /// Bytes on the wire as far as Qt shows them: status line, headers and body.
    qint64 size() const;
    /// True when the Content-Type says JSON (application/json, *+json) or the body parses as JSON.
    bool isJson() const;
    /// The parsed body; an error (with "offset N") when it is not JSON. Parsed once, then cached.
    Result<QJsonValue> json() const;
    /// The body as indented JSON when it is JSON, else as UTF-8 text.
    QString prettyBody() const;

private:
    mutable std::shared_ptr<const Result<QJsonValue>> m_json;
};

} // namespace quarry::http
