// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/problem.h"

#include "httpstatus.h"

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
    o.insert(u"title"_s, title.isEmpty() ? HttpStatus::reason(status) : title);
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

} // namespace quarry::mock
