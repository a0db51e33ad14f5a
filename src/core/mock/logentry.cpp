// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/logentry.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

QJsonObject headersJson(const QList<HeaderField> &headers)
{
    QJsonObject o;
    for (const HeaderField &h : headers)
        o.insert(QString::fromLatin1(h.first), QString::fromUtf8(h.second));
    return o;
}

} // namespace

QJsonObject LogEntry::toJson(bool withBodies) const
{
    if (!notice.isEmpty())
        return QJsonObject{{u"id"_s, qint64(id)}, {u"time"_s, time.toString(Qt::ISODateWithMs)}, {u"notice"_s, notice}};
    QJsonObject o{{u"id"_s, qint64(id)},
                  {u"time"_s, time.toString(Qt::ISODateWithMs)},
                  {u"method"_s, method},
                  {u"path"_s, path},
                  {u"target"_s, target},
                  {u"status"_s, status},
                  {u"durationMs"_s, double(durationMicros) / 1000.0},
                  {u"route"_s, routeLabel.isEmpty() ? QJsonValue() : QJsonValue(routeLabel)},
                  {u"routeId"_s, routeId.isEmpty() ? QJsonValue() : QJsonValue(routeId)},
                  {u"client"_s, client},
                  {u"responseBytes"_s, responseBytes}};
    QJsonArray s;
    for (const LifecycleStep &step : steps) {
        QJsonObject js{{u"step"_s, step.step}, {u"message"_s, step.message}};
        if (step.micros >= 0)
            js.insert(u"durationMs"_s, double(step.micros) / 1000.0);
        s.append(js);
    }
    o.insert(u"steps"_s, s);
    if (withBodies) {
        o.insert(u"requestHeaders"_s, headersJson(requestHeaders));
        o.insert(u"responseHeaders"_s, headersJson(responseHeaders));
        o.insert(u"requestBody"_s, QString::fromUtf8(requestBody));
        o.insert(u"responseBody"_s, QString::fromUtf8(responseBody));
    }
    return o;
}

} // namespace quarry::mock
