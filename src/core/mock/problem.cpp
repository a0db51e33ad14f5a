// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/problem.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

QByteArray Problem::toJson() const
{
    QJsonObject o = extra;
    QString t = type;
    if (t.isEmpty()) {
        QString slug = title.toLower();
        for (QChar &c : slug) {
            if (!c.isLetterOrNumber())
                c = u'-';
        }
        t = u"https://quarry.invalid/problems/"_s + slug;
    }
    o.insert(u"type"_s, t);
    o.insert(u"title"_s, title.isEmpty() ? reasonPhrase(status) : title);
    o.insert(u"status"_s, status);
    if (!detail.isEmpty())
        o.insert(u"detail"_s, detail);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Response Problem::toResponse() const
{
    Response r;
    r.status = status;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/problem+json")});
    r.body = toJson();
    return r;
}

QString Problem::reasonPhrase(int status)
{
    switch (status) {
    case 100: return u"Continue"_s;
    case 200: return u"OK"_s;
    case 201: return u"Created"_s;
    case 204: return u"No Content"_s;
    case 400: return u"Bad Request"_s;
    case 401: return u"Unauthorized"_s;
    case 403: return u"Forbidden"_s;
    case 404: return u"Not Found"_s;
    case 405: return u"Method Not Allowed"_s;
    case 408: return u"Request Timeout"_s;
    case 409: return u"Conflict"_s;
    case 413: return u"Content Too Large"_s;
    case 415: return u"Unsupported Media Type"_s;
    case 422: return u"Unprocessable Content"_s;
    case 429: return u"Too Many Requests"_s;
    case 431: return u"Request Header Fields Too Large"_s;
    case 500: return u"Internal Server Error"_s;
    case 501: return u"Not Implemented"_s;
    case 502: return u"Bad Gateway"_s;
    case 503: return u"Service Unavailable"_s;
    case 505: return u"HTTP Version Not Supported"_s;
    default: return u"Unknown Status"_s;
    }
}

} // namespace quarry::mock
