// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/harformat.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(HarFormat)
};

bool skippedHeader(const QString &name)
{
    static const QStringList computed{u"content-length"_s, u"host"_s, u"connection"_s};
    return name.startsWith(u':') || computed.contains(name.toLower());
}
} // namespace

Result<Collection> HarFormat::importHar(const QJsonObject &har, const QString &collectionName, QStringList *warnings)
{
    const QJsonObject log = har.value(u"log"_s).toObject();
    if (!log.contains(u"entries"_s))
        return Error{Error::Kind::InvalidInput, Tr::tr("This is not a HAR file (no log.entries)."), {}};
    Collection c;
    c.id = u"col-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    c.name = collectionName;
    const QJsonArray entries = log.value(u"entries"_s).toArray();
    int n = 0;
    for (const QJsonValue &v : entries) {
        const QJsonObject entry = v.toObject();
        const QJsonObject req = entry.value(u"request"_s).toObject();
        const QUrl url(req.value(u"url"_s).toString());
        if (url.scheme() != u"http"_s && url.scheme() != u"https"_s) {
            if (warnings)
                warnings->append(Tr::tr("Entry %1 (%2) is not an http(s) request and was skipped.").arg(n + 1).arg(url.toString().left(80)));
            ++n;
            continue;
        }
        ++n;
        CollectionItem item;
        RequestSpec &r = item.request;
        r.id = u"req-har-%1"_s.arg(n);
        r.method = req.value(u"method"_s).toString(u"GET"_s).toUpper();
        QUrl base = url;
        base.setQuery(QString());
        base.setFragment(QString());
        r.url = base.toString();
        r.name = r.method + u' ' + url.path();
        const QJsonArray query = req.value(u"queryString"_s).toArray();
        for (const QJsonValue &q : query)
            r.params.append(KeyValue{q.toObject().value(u"name"_s).toString(), q.toObject().value(u"value"_s).toString(), true, false, {}});
        const QJsonArray headers = req.value(u"headers"_s).toArray();
        for (const QJsonValue &h : headers) {
            const QString name = h.toObject().value(u"name"_s).toString();
            if (!skippedHeader(name))
                r.headers.append(KeyValue{name, h.toObject().value(u"value"_s).toString(), true, false, {}});
        }
        const QJsonObject post = req.value(u"postData"_s).toObject();
        if (!post.isEmpty()) {
            const QString mime = post.value(u"mimeType"_s).toString().toLower();
            const QJsonArray params = post.value(u"params"_s).toArray();
            if (mime.startsWith(u"multipart/form-data"_s) || (mime.startsWith(u"application/x-www-form-urlencoded"_s) && !params.isEmpty())) {
                const bool multipart = mime.startsWith(u"multipart"_s);
                r.body.mode = multipart ? BodySpec::Mode::Multipart : BodySpec::Mode::FormUrlEncoded;
                for (const QJsonValue &p : params) {
                    const QJsonObject o = p.toObject();
                    KeyValue kv{o.value(u"name"_s).toString(), o.value(u"value"_s).toString(), true, false,
                                o.value(u"contentType"_s).toString()};
                    if (multipart && o.contains(u"fileName"_s)) {
                        kv.isFile = true;
                        kv.value = o.value(u"fileName"_s).toString();
                        if (warnings)
                            warnings->append(Tr::tr("%1: the file \"%2\" of the form is not in the HAR; point the field at it.")
                                                 .arg(r.name, kv.value));
                    }
                    r.body.fields.append(kv);
                }
                // The boundary or form type is recomputed from the fields.
                r.headers.removeIf([](const KeyValue &h) { return h.name.compare(u"Content-Type"_s, Qt::CaseInsensitive) == 0; });
            } else {
                r.body.text = post.value(u"text"_s).toString();
                QJsonParseError error;
                QJsonDocument::fromJson(r.body.text.toUtf8(), &error);
                r.body.mode = mime.contains(u"json"_s) && error.error == QJsonParseError::NoError ? BodySpec::Mode::Json
                                                                                                 : BodySpec::Mode::Raw;
                if (r.body.mode == BodySpec::Mode::Raw)
                    r.body.contentType = post.value(u"mimeType"_s).toString();
            }
        }
        const int status = entry.value(u"response"_s).toObject().value(u"status"_s).toInt();
        if (status > 0)
            r.assertions.append(Assertion::statusEquals(status));
        c.items.append(item);
    }
    if (c.items.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("The HAR file holds no http(s) request."), {}};
    return c;
}

} // namespace quarry::http
