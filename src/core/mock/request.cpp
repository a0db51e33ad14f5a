// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/request.h"

#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

QByteArray Request::header(QByteArrayView name) const
{
    for (const HeaderField &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.isNull() ? QByteArray("") : h.second;
    }
    return {};
}

QString Request::queryValue(const QString &name) const
{
    for (const auto &item : query) {
        if (item.first == name)
            return item.second.isNull() ? QString(u""_s) : item.second;
    }
    return {};
}

void Request::setTarget(const QByteArray &rawTarget)
{
    target = rawTarget;
    const qsizetype q = rawTarget.indexOf('?');
    const QByteArray rawPath = q < 0 ? rawTarget : rawTarget.left(q);
    path = QUrl::fromPercentEncoding(rawPath);
    query.clear();
    if (q >= 0) {
        QByteArray rawQuery = rawTarget.mid(q + 1);
        rawQuery.replace('+', "%20");   // HTML forms encode spaces as '+'
        const QUrlQuery parsed(QString::fromUtf8(rawQuery));
        const auto items = parsed.queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            query.append({item.first, item.second});
    }
}

} // namespace quarry::mock
