// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/preparedrequest.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMimeDatabase>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PreparedRequest)
};

QByteArray formEncode(const QString &text)
{
    return QUrl::toPercentEncoding(text).replace("%20", "+");
}

Result<QByteArray> readFile(const QString &path, const QString &where)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, Tr::tr("Cannot read the file %1: %2.").arg(path, file.errorString()), where};
    return file.readAll();
}

QByteArray quoted(const QString &text)
{
    QByteArray out = text.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\r', ' ').replace('\n', ' ');
    return '"' + out + '"';
}
} // namespace

void PreparedRequest::setHeader(const QByteArray &name, const QByteArray &value, const QString &source)
{
    for (HeaderLine &h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0) {
            h.value = value;
            h.source = source;
            return;
        }
    }
    headers.append({name, value, source});
}

QByteArray PreparedRequest::header(const QByteArray &name) const
{
    for (const HeaderLine &h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return h.value;
    }
    return {};
}

bool PreparedRequest::hasHeader(const QByteArray &name) const
{
    for (const HeaderLine &h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void PreparedRequest::addQueryItem(const QString &name, const QString &value)
{
    QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    if (!query.isEmpty())
        query += '&';
    query += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
}

Result<PreparedRequest> PreparedRequest::build(const RequestSpec &spec, const VariableScope &scope)
{
    const QString who = spec.name.isEmpty() ? spec.id : spec.name;
    auto at = [&](const QString &part) { return who + u", "_s + part; };
    PreparedRequest p;
    p.id = spec.id;
    p.name = spec.name;
    p.method = spec.method.toLatin1();
    p.timeoutMs = spec.timeoutMs;
    p.followRedirects = spec.followRedirects;
    p.verifyTls = spec.verifyTls;

    const auto urlText = scope.resolve(spec.url.trimmed(), at(u"url"_s));
    if (!urlText)
        return urlText.error();
    QUrl url(urlText.value(), QUrl::StrictMode);
    if (!url.isValid())
        url = QUrl(urlText.value(), QUrl::TolerantMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != u"http"_s && url.scheme() != u"https"_s))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("\"%1\" is not an http:// or https:// URL.").arg(urlText.value()), at(u"url"_s)};
    p.url = url;

    for (const KeyValue &param : spec.params) {
        if (!param.enabled || param.name.isEmpty())
            continue;
        const auto name = scope.resolve(param.name, at(u"query parameter %1"_s.arg(param.name)));
        if (!name)
            return name.error();
        const auto value = scope.resolve(param.value, at(u"query parameter %1"_s.arg(param.name)));
        if (!value)
            return value.error();
        p.addQueryItem(name.value(), value.value());
    }

    for (const KeyValue &h : spec.headers) {
        if (!h.enabled || h.name.isEmpty())
            continue;
        const auto value = scope.resolve(h.value, at(u"header %1"_s.arg(h.name)));
        if (!value)
            return value.error();
        if (h.name.contains(u':') || h.name.contains(u' ') || value.value().contains(u'\n'))
            return Error{Error::Kind::InvalidInput, Tr::tr("The header \"%1\" is malformed.").arg(h.name),
                         at(u"header %1"_s.arg(h.name))};
        p.setHeader(h.name.toLatin1(), value.value().toUtf8(), u"request"_s);
    }

    if (!p.hasHeader("User-Agent"))
        p.setHeader("User-Agent", "Quarry/" QUARRY_VERSION, u"default"_s);

    const BodySpec &body = spec.body;
    auto defaultType = [&](const QByteArray &type) {
        if (!p.hasHeader("Content-Type"))
            p.setHeader("Content-Type", type, u"body: %1"_s.arg(BodySpec::modeName(body.mode)));
    };
    switch (body.mode) {
    case BodySpec::Mode::None:
        break;
    case BodySpec::Mode::Json: {
        const auto text = scope.resolve(body.text, at(u"body"_s));
        if (!text)
            return text.error();
        QJsonParseError error;
        QJsonDocument::fromJson(text.value().toUtf8(), &error);
        if (error.error != QJsonParseError::NoError)
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("The JSON body is not valid after variables were filled in: %1 at character %2.")
                             .arg(error.errorString())
                             .arg(error.offset),
                         at(u"body"_s)};
        p.body = text.value().toUtf8();
        defaultType("application/json");
        break;
    }
    case BodySpec::Mode::Raw: {
        const auto text = scope.resolve(body.text, at(u"body"_s));
        if (!text)
            return text.error();
        p.body = text.value().toUtf8();
        defaultType(body.contentType.isEmpty() ? QByteArray("text/plain; charset=utf-8") : body.contentType.toLatin1());
        break;
    }
    case BodySpec::Mode::FormUrlEncoded: {
        QByteArrayList pairs;
        for (const KeyValue &f : body.fields) {
            if (!f.enabled || f.name.isEmpty())
                continue;
            const auto value = scope.resolve(f.value, at(u"form field %1"_s.arg(f.name)));
            if (!value)
                return value.error();
            pairs.append(formEncode(f.name) + '=' + formEncode(value.value()));
        }
        p.body = pairs.join('&');
        defaultType("application/x-www-form-urlencoded");
        break;
    }
    case BodySpec::Mode::Multipart: {
        const QByteArray boundary = "----QuarryFormBoundary" + QUuid::createUuid().toByteArray(QUuid::Id128);
        QByteArray out;
        static const QMimeDatabase mimes;
        for (const KeyValue &f : body.fields) {
            if (!f.enabled || f.name.isEmpty())
                continue;
            const QString where = at(u"form field %1"_s.arg(f.name));
            const auto value = scope.resolve(f.value, where);
            if (!value)
                return value.error();
            out += "--" + boundary + "\r\nContent-Disposition: form-data; name=" + quoted(f.name);
            if (f.isFile) {
                const auto data = readFile(value.value(), where);
                if (!data)
                    return data.error();
                const QString type = f.contentType.isEmpty() ? mimes.mimeTypeForFile(value.value()).name() : f.contentType;
                out += "; filename=" + quoted(QFileInfo(value.value()).fileName()) + "\r\nContent-Type: "
                     + type.toLatin1() + "\r\n\r\n" + data.value() + "\r\n";
            } else {
                if (!f.contentType.isEmpty())
                    out += "\r\nContent-Type: " + f.contentType.toLatin1();
                out += "\r\n\r\n" + value.value().toUtf8() + "\r\n";
            }
        }
        out += "--" + boundary + "--\r\n";
        p.body = out;
        // The boundary must match the body, so this Content-Type wins over one typed by the user.
        p.setHeader("Content-Type", "multipart/form-data; boundary=" + boundary, u"body: formdata"_s);
        break;
    }
    case BodySpec::Mode::Binary: {
        const auto path = scope.resolve(body.file, at(u"body"_s));
        if (!path)
            return path.error();
        const auto data = readFile(path.value(), at(u"body"_s));
        if (!data)
            return data.error();
        p.body = data.value();
        defaultType(body.contentType.isEmpty() ? QByteArray("application/octet-stream") : body.contentType.toLatin1());
        break;
    }
    }
    return p;
}

} // namespace quarry::http
