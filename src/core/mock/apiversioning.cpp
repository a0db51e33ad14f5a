// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/apiversioning.h"

#include "jsontext.h"
#include "mock/conditionalrequest.h"
#include "mock/problem.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ApiVersioning)
};

/// "2026-06-01" or "2026-06-01T00:00:00Z" (no zone: UTC).
Result<std::optional<QDateTime>> dateMember(const QJsonObject &o, const QString &key, const QString &where)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return std::optional<QDateTime>();
    QDateTime t;
    if (v.isString()) {
        const QString text = v.toString().trimmed();
        t = text.size() == 10 ? QDateTime(QDate::fromString(text, Qt::ISODate), QTime(0, 0), Qt::UTC)
                              : QDateTime::fromString(text, Qt::ISODate);
        if (t.isValid() && t.timeSpec() == Qt::LocalTime)
            t.setTimeSpec(Qt::UTC);
    }
    if (!t.isValid())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("\"%1\" must be a date such as \"2026-06-01\" or \"2026-06-01T12:00:00Z\".").arg(key),
                     where + u'.' + key};
    return std::optional<QDateTime>(t.toUTC());
}

QString isoDate(const QDateTime &t)
{
    return t.time() == QTime(0, 0) ? t.date().toString(Qt::ISODate) : t.toString(Qt::ISODate);
}

QString names(const QList<ApiVersion> &versions)
{
    QStringList out;
    for (const ApiVersion &v : versions)
        out.append(v.name);
    return out.join(u", "_s);
}

} // namespace

const ApiVersion *ApiVersioning::find(const QString &name) const
{
    const QString wanted = name.trimmed();
    for (const ApiVersion &v : versions) {
        if (v.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return &v;
    }
    // "2" for "v2", "v2" for "2"
    for (const ApiVersion &v : versions) {
        const QString bare = v.name.startsWith(u'v', Qt::CaseInsensitive) ? v.name.mid(1) : v.name;
        const QString wantedBare = wanted.startsWith(u'v', Qt::CaseInsensitive) ? wanted.mid(1) : wanted;
        if (!bare.isEmpty() && bare == wantedBare)
            return &v;
    }
    return nullptr;
}

const ApiVersion *ApiVersioning::fallback() const
{
    if (versions.isEmpty())
        return nullptr;
    if (const ApiVersion *v = defaultVersion.isEmpty() ? nullptr : find(defaultVersion))
        return v;
    return &versions.last();
}

ApiVersioning::Choice ApiVersioning::choose(const Request &request) const
{
    Choice c;
    c.routePath = request.path;
    QStringList ignored;
    if (byPath) {
        for (const ApiVersion &v : versions) {
            const QString prefix = v.prefix();
            if (request.path == prefix || request.path.startsWith(prefix + u'/')) {
                c.version = &v;
                c.byPath = true;
                c.routePath = request.path.size() == prefix.size() ? u"/"_s : request.path.mid(prefix.size());
                c.why = u"%1 by the path prefix %2"_s.arg(v.name, prefix);
                break;
            }
        }
    }
    for (const QString &header : headers) {
        const QByteArray value = request.header(header.toLatin1());
        if (value.isNull())
            continue;
        const ApiVersion *v = find(QString::fromLatin1(value));
        if (!v) {
            if (c.version) {
                ignored.append(u"%1: %2 (no such version)"_s.arg(header, QString::fromLatin1(value)));
                continue;
            }
            c.status = 400;
            c.why = u"%1: %2 names no version of this API; it has %3"_s.arg(header, QString::fromLatin1(value),
                                                                             names(versions));
            return c;
        }
        if (!c.version) {
            c.version = v;
            c.why = u"%1 by the header %2: %3"_s.arg(v->name, header, QString::fromLatin1(value));
        } else if (c.version != v) {
            ignored.append(u"%1: %2"_s.arg(header, QString::fromLatin1(value)));
        }
    }
    if (!mediaType.isEmpty()) {
        const QByteArray accept = request.header("Accept");
        static const QRegularExpression vnd(u"application/vnd\\.([A-Za-z0-9._-]+?)\\.(v?[0-9][A-Za-z0-9._-]*)\\+json"_s,
                                            QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch m = vnd.match(QString::fromLatin1(accept));
        if (m.hasMatch() && m.captured(1).compare(mediaType, Qt::CaseInsensitive) == 0) {
            const ApiVersion *v = find(m.captured(2));
            if (!v && !c.version) {
                c.status = 406;
                c.why = u"Accept: %1 names no version of this API; it has %2"_s.arg(m.captured(0), names(versions));
                return c;
            }
            if (!c.version) {
                c.version = v;
                c.byMediaType = true;
                c.why = u"%1 by the media type %2"_s.arg(v->name, m.captured(0));
            } else if (c.version != v) {
                ignored.append(u"Accept: %1"_s.arg(m.captured(0)));
            }
        }
    }
    if (!c.version) {
        c.version = fallback();
        c.why = u"%1, the default: the request names no version"_s.arg(c.version->name);
    }
    if (!ignored.isEmpty())
        c.why += u" (ignored: %1)"_s.arg(ignored.join(u", "_s));
    if (c.version->deprecated) {
        c.why += u"; deprecated since %1"_s.arg(isoDate(*c.version->deprecated));
        if (c.version->sunset)
            c.why += u", sunset %1"_s.arg(isoDate(*c.version->sunset));
    }
    return c;
}

Response ApiVersioning::refusal(const Choice &choice)
{
    return Problem{choice.status, choice.status == 406 ? u"Version not acceptable"_s : u"Unknown API version"_s,
                   choice.why + u'.', {}, {}}
        .toResponse();
}

void ApiVersioning::decorate(const Choice &choice, Response &response) const
{
    const ApiVersion *v = choice.version;
    if (!v)
        return;
    if (!choice.byPath && (!headers.isEmpty() || !mediaType.isEmpty())) {
        QStringList vary = headers;
        if (!mediaType.isEmpty())
            vary.append(u"Accept"_s);
        const QByteArray existing = response.header("Vary");
        response.setHeader("Vary", (existing.isEmpty() ? QByteArray() : existing + ", ") + vary.join(u", "_s).toLatin1());
    }
    if (choice.byMediaType && response.header("Content-Type").startsWith("application/json"))
        response.setHeader("Content-Type", "application/vnd." + mediaType.toLatin1() + '.' + v->name.toLatin1() + "+json");
    if (!v->deprecated)
        return;
    // RFC 9745: a Structured Field Date, seconds since 1970.
    response.setHeader("Deprecation", '@' + QByteArray::number(v->deprecated->toSecsSinceEpoch()));
    if (v->sunset)
        response.setHeader("Sunset", ConditionalRequest::httpDate(*v->sunset));
    if (!v->link.isEmpty()) {
        QByteArray links = response.header("Link");
        const QByteArray url = v->link.toUtf8();
        for (const char *rel : {"deprecation", "sunset"}) {
            if (qstrcmp(rel, "sunset") == 0 && !v->sunset)
                continue;
            links += (links.isEmpty() ? "" : ", ") + ('<' + url + ">; rel=\"" + rel + '"');
        }
        response.setHeader("Link", links);
    }
}

Result<ApiVersioning> ApiVersioning::fromJson(const QJsonObject &o, const QString &where)
{
    ApiVersioning p;
    const QJsonValue list = o.value(u"versions"_s);
    if (!list.isUndefined() && !list.isArray())
        return Error{Error::Kind::InvalidInput, Tr::tr("\"versions\" must be an array of {\"name\": \"v1\", ...}."),
                     where + u".versions"_s};
    static const QRegularExpression validName(u"^[A-Za-z0-9][A-Za-z0-9._-]*$"_s);
    const QJsonArray array = list.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString at = u"%1.versions[%2]"_s.arg(where).arg(i);
        const QJsonObject vo = array.at(i).toObject();
        ApiVersion v;
        v.name = vo.value(u"name"_s).toString();
        if (!validName.match(v.name).hasMatch())
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("A version needs a name of letters, digits, '.', '_' or '-' (\"v1\"), used as its path prefix."),
                         at + u".name"_s};
        if (const ApiVersion *same = p.find(v.name))
            return Error{Error::Kind::InvalidInput, Tr::tr("The version \"%1\" is listed twice (as \"%2\").").arg(v.name, same->name),
                         at + u".name"_s};
        auto deprecated = dateMember(vo, u"deprecated"_s, at);
        if (!deprecated)
            return deprecated.error();
        v.deprecated = deprecated.value();
        auto sunset = dateMember(vo, u"sunset"_s, at);
        if (!sunset)
            return sunset.error();
        v.sunset = sunset.value();
        v.link = vo.value(u"link"_s).toString();
        v.extra = unknownMembers(vo, {u"name", u"deprecated", u"sunset", u"link"});
        p.versions.append(v);
    }
    p.defaultVersion = o.value(u"default"_s).toString();
    if (!p.defaultVersion.isEmpty() && !p.find(p.defaultVersion))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The default version \"%1\" is not one of the versions (%2).").arg(p.defaultVersion, names(p.versions)),
                     where + u".default"_s};
    const QJsonValue path = o.value(u"path"_s);
    if (!path.isUndefined() && !path.isBool())
        return Error{Error::Kind::InvalidInput, Tr::tr("\"path\" must be true or false."), where + u".path"_s};
    p.byPath = path.toBool(true);
    const QJsonValue headerList = o.value(u"headers"_s);
    if (!headerList.isUndefined()) {
        if (!headerList.isArray())
            return Error{Error::Kind::InvalidInput, Tr::tr("\"headers\" must be an array of header names."),
                         where + u".headers"_s};
        p.headers.clear();
        for (const QJsonValue &h : headerList.toArray()) {
            if (!h.isString() || h.toString().isEmpty())
                return Error{Error::Kind::InvalidInput, Tr::tr("\"headers\" must be an array of header names."),
                             where + u".headers"_s};
            p.headers.append(h.toString());
        }
    }
    p.mediaType = o.value(u"mediaType"_s).toString();
    p.extra = unknownMembers(o, {u"versions", u"default", u"path", u"headers", u"mediaType"});
    return p;
}

QJsonObject ApiVersioning::toJson() const
{
    const ApiVersioning defaults;
    QJsonArray list;
    for (const ApiVersion &v : versions) {
        QJsonObject vo{{u"name"_s, v.name}};
        if (v.deprecated)
            vo.insert(u"deprecated"_s, isoDate(*v.deprecated));
        if (v.sunset)
            vo.insert(u"sunset"_s, isoDate(*v.sunset));
        if (!v.link.isEmpty())
            vo.insert(u"link"_s, v.link);
        list.append(withUnknown(v.extra, vo));
    }
    QJsonObject o{{u"versions"_s, list}};
    if (!defaultVersion.isEmpty())
        o.insert(u"default"_s, defaultVersion);
    if (byPath != defaults.byPath)
        o.insert(u"path"_s, byPath);
    if (headers != defaults.headers)
        o.insert(u"headers"_s, QJsonArray::fromStringList(headers));
    if (!mediaType.isEmpty())
        o.insert(u"mediaType"_s, mediaType);
    return withUnknown(extra, o);
}

} // namespace quarry::mock
