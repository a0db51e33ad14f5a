// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/requestspec.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RequestSpec)
};

QJsonArray rowsToJson(const QList<KeyValue> &rows)
{
    QJsonArray out;
    for (const KeyValue &kv : rows)
        out.append(kv.toJson());
    return out;
}

QList<KeyValue> rowsFromJson(const QJsonValue &value)
{
    QList<KeyValue> out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array)
        out.append(KeyValue::fromJson(v.toObject()));
    return out;
}

constexpr std::pair<BodySpec::Mode, const char16_t *> ModeNames[] = {
    {BodySpec::Mode::None, u"none"},         {BodySpec::Mode::Json, u"json"},
    {BodySpec::Mode::FormUrlEncoded, u"urlencoded"}, {BodySpec::Mode::Multipart, u"formdata"},
    {BodySpec::Mode::Raw, u"raw"},           {BodySpec::Mode::Binary, u"file"},
};
} // namespace

QJsonObject KeyValue::toJson() const
{
    QJsonObject o{{u"name"_s, name}, {u"value"_s, value}};
    if (!enabled)
        o.insert(u"enabled"_s, false);
    if (isFile)
        o.insert(u"type"_s, u"file"_s);
    if (!contentType.isEmpty())
        o.insert(u"contentType"_s, contentType);
    return o;
}

KeyValue KeyValue::fromJson(const QJsonObject &object)
{
    KeyValue kv;
    kv.name = object.value(u"name"_s).toString();
    kv.value = object.value(u"value"_s).toString();
    kv.enabled = object.value(u"enabled"_s).toBool(true);
    kv.isFile = object.value(u"type"_s).toString() == u"file"_s;
    kv.contentType = object.value(u"contentType"_s).toString();
    return kv;
}

QString BodySpec::modeName(Mode mode)
{
    for (const auto &[m, name] : ModeNames) {
        if (m == mode)
            return QString::fromUtf16(name);
    }
    return u"none"_s;
}

QJsonObject BodySpec::toJson() const
{
    QJsonObject o{{u"mode"_s, modeName(mode)}};
    if (!text.isEmpty())
        o.insert(u"text"_s, text);
    if (!fields.isEmpty())
        o.insert(u"fields"_s, rowsToJson(fields));
    if (!file.isEmpty())
        o.insert(u"file"_s, file);
    if (!contentType.isEmpty())
        o.insert(u"contentType"_s, contentType);
    return o;
}

Result<BodySpec> BodySpec::fromJson(const QJsonObject &object)
{
    BodySpec body;
    const QString mode = object.value(u"mode"_s).toString(u"none"_s);
    bool known = false;
    for (const auto &[m, name] : ModeNames) {
        if (mode == QStringView(name)) {
            body.mode = m;
            known = true;
        }
    }
    if (!known)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Unknown body mode \"%1\" (none, json, urlencoded, formdata, raw, file).").arg(mode),
                     u"body.mode"_s};
    body.text = object.value(u"text"_s).toString();
    body.fields = rowsFromJson(object.value(u"fields"_s));
    body.file = object.value(u"file"_s).toString();
    body.contentType = object.value(u"contentType"_s).toString();
    return body;
}

QJsonObject RequestSpec::toJson() const
{
    QJsonObject o{{u"type"_s, u"request"_s}, {u"id"_s, id}, {u"name"_s, name}, {u"method"_s, method}, {u"url"_s, url}};
    if (!params.isEmpty())
        o.insert(u"params"_s, rowsToJson(params));
    if (!headers.isEmpty())
        o.insert(u"headers"_s, rowsToJson(headers));
    if (body.mode != BodySpec::Mode::None)
        o.insert(u"body"_s, body.toJson());
    if (timeoutMs > 0)
        o.insert(u"timeoutMs"_s, timeoutMs);
    if (!followRedirects)
        o.insert(u"followRedirects"_s, false);
    if (!verifyTls)
        o.insert(u"verifyTls"_s, false);
    if (!auth.isInherit())
        o.insert(u"auth"_s, auth.toJson());
    if (!assertions.isEmpty()) {
        QJsonArray list;
        for (const Assertion &a : assertions)
            list.append(a.toJson());
        o.insert(u"assertions"_s, list);
    }
    if (!extractions.isEmpty()) {
        QJsonArray list;
        for (const Extraction &e : extractions)
            list.append(e.toJson());
        o.insert(u"extract"_s, list);
    }
    if (!scripts.isEmpty())
        o.insert(u"scripts"_s, scripts.toJson());
    return o;
}

Result<RequestSpec> RequestSpec::fromJson(const QJsonObject &object)
{
    RequestSpec r;
    r.id = object.value(u"id"_s).toString();
    r.name = object.value(u"name"_s).toString();
    const QString where = r.name.isEmpty() ? r.id : r.name;
    r.method = object.value(u"method"_s).toString(u"GET"_s).trimmed().toUpper();
    if (r.method.isEmpty() || r.method.contains(u' '))
        return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" is not an HTTP method.").arg(r.method), where};
    r.url = object.value(u"url"_s).toString();
    r.params = rowsFromJson(object.value(u"params"_s));
    r.headers = rowsFromJson(object.value(u"headers"_s));
    if (object.contains(u"body"_s)) {
        auto body = BodySpec::fromJson(object.value(u"body"_s).toObject());
        if (!body)
            return Error{body.error().kind, body.error().message, where};
        r.body = body.value();
    }
    r.timeoutMs = object.value(u"timeoutMs"_s).toInt(0);
    r.followRedirects = object.value(u"followRedirects"_s).toBool(true);
    r.verifyTls = object.value(u"verifyTls"_s).toBool(true);
    if (object.contains(u"auth"_s)) {
        auto auth = AuthSpec::fromJson(object.value(u"auth"_s).toObject());
        if (!auth)
            return Error{auth.error().kind, auth.error().message, where};
        r.auth = auth.value();
    }
    const QJsonArray assertions = object.value(u"assertions"_s).toArray();
    for (const QJsonValue &v : assertions) {
        auto a = Assertion::fromJson(v.toObject());
        if (!a)
            return Error{a.error().kind, a.error().message, where};
        r.assertions.append(a.value());
    }
    const QJsonArray extract = object.value(u"extract"_s).toArray();
    for (const QJsonValue &v : extract) {
        auto e = Extraction::fromJson(v.toObject());
        if (!e)
            return Error{e.error().kind, e.error().message, where};
        r.extractions.append(e.value());
    }
    auto scripts = Scripts::fromJson(object.value(u"scripts"_s));
    if (!scripts)
        return Error{scripts.error().kind, scripts.error().message, where + u", "_s + scripts.error().where};
    r.scripts = scripts.value();
    return r;
}

} // namespace quarry::http
