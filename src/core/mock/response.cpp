// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/response.h"

namespace quarry::mock {

QByteArray Response::header(QByteArrayView name) const
{
    for (const HeaderField &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void Response::setHeader(const QByteArray &name, const QByteArray &value)
{
    removeHeader(name);
    headers.append({name, value});
}

void Response::removeHeader(QByteArrayView name)
{
    headers.removeIf([name](const HeaderField &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

Response Response::json(int status, const QByteArray &body)
{
    Response r;
    r.status = status;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.body = body;
    return r;
}

} // namespace quarry::mock
