// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/response.h"

#include "httpstatus.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Response)
};
} // namespace

QString Response::meaning() const
{
    return HttpStatus::meaning(status);
}

QString Response::header(const QString &name) const
{
    const QByteArray key = name.toLatin1();
    for (const auto &[n, v] : headers) {
        if (n.compare(key, Qt::CaseInsensitive) == 0)
            return QString::fromUtf8(v);
    }
    return {};
}

bool Response::hasHeader(const QString &name) const
{
    const QByteArray key = name.toLatin1();
    for (const auto &[n, v] : headers) {
        if (n.compare(key, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QString Response::contentType() const
{
    return header(u"Content-Type"_s).section(u';', 0, 0).trimmed().toLower();
}

qint64 Response::size() const
{
    qint64 total = 15 + reason.size();
    for (const auto &[n, v] : headers)
        total += n.size() + v.size() + 4;
    return total + 2 + body.size();
}

bool Response::isJson() const
{
    const QString type = contentType();
    if (type == u"application/json"_s || type.endsWith(u"+json"_s))
        return true;
    if (!type.isEmpty() && !type.startsWith(u"text/plain"_s))
        return false;
    return json().ok();
}

Result<QJsonValue> Response::json() const
{
    if (!m_json) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error != QJsonParseError::NoError)
            m_json = std::make_shared<const Result<QJsonValue>>(
                Error{Error::Kind::InvalidInput, error.errorString(), Tr::tr("offset %1").arg(error.offset)});
        else if (doc.isArray())
            m_json = std::make_shared<const Result<QJsonValue>>(QJsonValue(doc.array()));
        else
            m_json = std::make_shared<const Result<QJsonValue>>(QJsonValue(doc.object()));
    }
    return *m_json;
}

QString Response::prettyBody() const
{
    const auto doc = json();
    if (doc) {
        const QJsonValue v = doc.value();
        return QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented)
                                             : QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented));
    }
    return QString::fromUtf8(body);
}

} // namespace quarry::http
