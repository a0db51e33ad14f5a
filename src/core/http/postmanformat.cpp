// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/postmanformat.h"

#include "http/postmanscripts.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PostmanFormat)
};

QString js(const QString &text)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString jsValue(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

QString compactJson(const QJsonValue &v)
{
    return v.isArray() ? QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact))
                       : QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

/// String values may hold {{variables}}: they are resolved by Postman at run time.
QString expectedJs(const QJsonValue &v)
{
    if (v.isString())
        return u"pm.variables.replaceIn(%1)"_s.arg(js(v.toString()));
    if (v.isArray()) {
        QStringList parts;
        const QJsonArray a = v.toArray();
        for (const QJsonValue &e : a)
            parts.append(expectedJs(e));
        return u"["_s + parts.join(u", "_s) + u"]"_s;
    }
    return jsValue(v);
}

const char *const Helpers = R"JS(const quarryPointer = (doc, pointer) => {
  if (pointer === "") return { found: true, value: doc };
  let cur = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object" || !(key in cur)) return { found: false };
    cur = cur[key];
  }
  return { found: true, value: cur };
};
const quarryText = (v) => typeof v === "string" ? v : JSON.stringify(v);
const quarryEquals = (actual, expected) => JSON.stringify(actual) === JSON.stringify(expected)
  || (typeof expected === "string" && actual !== null && typeof actual !== "object" && String(actual) === expected);
)JS";

QStringList testScript(const RequestSpec &r)
{
    QStringList lines;
    if (r.assertions.isEmpty() && r.extractions.isEmpty())
        return lines;
    lines += QString::fromUtf8(Helpers).split(u'\n');
    lines.removeAll(QString());
    QJsonArray assertions;
    for (const Assertion &a : r.assertions) {
        assertions.append(a.toJson());
        const QString name = js(a.description());
        const QString want = expectedJs(a.value);
        QString body;
        switch (a.kind) {
        case Assertion::Kind::Status:
            body = a.op == Assertion::Op::In ? u"pm.expect(%1.map(Number)).to.include(pm.response.code)"_s.arg(want)
                                             : u"pm.expect(pm.response.code).to.eql(Number(%1))"_s.arg(want);
            break;
        case Assertion::Kind::Header:
            if (a.op == Assertion::Op::Present)
                body = u"pm.response.to.have.header(%1)"_s.arg(js(a.target));
            else if (a.op == Assertion::Op::Equals)
                body = u"pm.expect(pm.response.headers.get(%1)).to.eql(%2)"_s.arg(js(a.target), want);
            else
                body = u"pm.expect((pm.response.headers.get(%1) || \"\").toLowerCase()).to.include(String(%2).toLowerCase())"_s
                           .arg(js(a.target), want);
            break;
        case Assertion::Kind::Json: {
            const QString at = u"quarryPointer(pm.response.json(), %1)"_s.arg(js(a.target));
            if (a.op == Assertion::Op::Exists)
                body = u"pm.expect(%1.found).to.be.true"_s.arg(at);
            else if (a.op == Assertion::Op::Equals)
                body = u"const r = %1; pm.expect(r.found && quarryEquals(r.value, %2)).to.be.true"_s.arg(at, want);
            else
                body = u"const r = %1; pm.expect(r.found && new RegExp(%2).test(quarryText(r.value))).to.be.true"_s.arg(at, want);
            break;
        }
        case Assertion::Kind::Time:
            body = u"pm.expect(pm.response.responseTime).to.be.below(Number(%1))"_s.arg(want);
            break;
        }
        lines.append(u"pm.test(%1, () => { %2; });"_s.arg(name, body));
    }
    QJsonArray extract;
    for (const Extraction &e : r.extractions) {
        extract.append(e.toJson());
        if (e.from == Extraction::From::Header)
            lines.append(u"if (pm.response.headers.has(%1)) pm.collectionVariables.set(%2, pm.response.headers.get(%1));"_s.arg(
                js(e.source), js(e.variable)));
        else
            lines.append(u"{ const r = quarryPointer(pm.response.json(), %1); if (r.found) pm.collectionVariables.set(%2, quarryText(r.value)); }"_s
                             .arg(js(e.source), js(e.variable)));
    }
    if (!assertions.isEmpty())
        lines.append(PostmanScripts::AssertionsMarker + compactJson(assertions));
    if (!extract.isEmpty())
        lines.append(PostmanScripts::ExtractMarker + compactJson(extract));
    return lines;
}

QString tokenVariable(const AuthSpec &spec)
{
    return u"quarry.token."_s + spec.id;
}

QJsonObject postmanBody(const BodySpec &body)
{
    switch (body.mode) {
    case BodySpec::Mode::None:
        return {};
    case BodySpec::Mode::Json:
        return {{u"mode"_s, u"raw"_s}, {u"raw"_s, body.text},
                {u"options"_s, QJsonObject{{u"raw"_s, QJsonObject{{u"language"_s, u"json"_s}}}}}};
    case BodySpec::Mode::Raw:
        return {{u"mode"_s, u"raw"_s}, {u"raw"_s, body.text}};
    case BodySpec::Mode::FormUrlEncoded:
    case BodySpec::Mode::Multipart: {
        const bool form = body.mode == BodySpec::Mode::Multipart;
        QJsonArray rows;
        for (const KeyValue &f : body.fields) {
            QJsonObject row{{u"key"_s, f.name}};
            if (f.isFile) {
                row.insert(u"type"_s, u"file"_s);
                row.insert(u"src"_s, f.value);
            } else {
                row.insert(u"value"_s, f.value);
                if (form)
                    row.insert(u"type"_s, u"text"_s);
            }
            if (!f.enabled)
                row.insert(u"disabled"_s, true);
            rows.append(row);
        }
        return {{u"mode"_s, form ? u"formdata"_s : u"urlencoded"_s}, {form ? u"formdata"_s : u"urlencoded"_s, rows}};
    }
    case BodySpec::Mode::Binary:
        return {{u"mode"_s, u"file"_s}, {u"file"_s, QJsonObject{{u"src"_s, body.file}}}};
    }
    return {};
}

QJsonArray postmanHeaders(const QList<KeyValue> &headers)
{
    QJsonArray out;
    for (const KeyValue &h : headers) {
        QJsonObject o{{u"key"_s, h.name}, {u"value"_s, h.value}};
        if (!h.enabled)
            o.insert(u"disabled"_s, true);
        out.append(o);
    }
    return out;
}

QJsonObject postmanUrl(const RequestSpec &r)
{
    QString raw = r.url;
    QJsonArray query;
    QStringList enabled;
    for (const KeyValue &p : r.params) {
        QJsonObject q{{u"key"_s, p.name}, {u"value"_s, p.value}};
        if (!p.enabled)
            q.insert(u"disabled"_s, true);
        else
            enabled.append(p.name + u'=' + p.value);
        query.append(q);
    }
    if (!enabled.isEmpty())
        raw += (raw.contains(u'?') ? u"&"_s : u"?"_s) + enabled.join(u'&');
    QJsonObject url{{u"raw"_s, raw}};
    // newman builds the URL from protocol/host/port/path/query, not from raw: split it like Postman does.
    QString rest = r.url.section(u'?', 0, 0);
    const qsizetype scheme = rest.indexOf(u"://"_s);
    if (scheme >= 0) {
        url.insert(u"protocol"_s, rest.left(scheme));
        rest = rest.mid(scheme + 3);
    }
    QStringList segments = rest.split(u'/');
    QString host = segments.takeFirst();
    const qsizetype colon = host.lastIndexOf(u':');
    if (colon > 0 && !host.mid(colon + 1).contains(u'}')) {
        url.insert(u"port"_s, host.mid(colon + 1));
        host.truncate(colon);
    }
    url.insert(u"host"_s, QJsonArray::fromStringList(host.split(u'.')));
    if (!segments.isEmpty())
        url.insert(u"path"_s, QJsonArray::fromStringList(segments));
    QJsonArray existing;
    const QString inlineQuery = r.url.section(u'?', 1);
    if (!inlineQuery.isEmpty()) {
        const QStringList pairs = inlineQuery.split(u'&', Qt::SkipEmptyParts);
        for (const QString &p : pairs)
            existing.append(QJsonObject{{u"key"_s, p.section(u'=', 0, 0)}, {u"value"_s, p.section(u'=', 1)}});
    }
    for (const QJsonValue &q : std::as_const(query))
        existing.append(q);
    if (!existing.isEmpty())
        url.insert(u"query"_s, existing);
    return url;
}

/// Pre-request script of a request whose effective auth is a login profile: log in with
/// pm.sendRequest when no token is held or it is about to expire.
QStringList loginScript(const AuthSpec &spec, const Collection &collection)
{
    const RequestSpec *login = collection.findRequest(spec.loginRequest);
    if (!login)
        return {};
    QJsonObject request{{u"url"_s, login->url}, {u"method"_s, login->method}};
    QJsonArray header;
    for (const KeyValue &h : login->headers) {
        if (h.enabled)
            header.append(QJsonObject{{u"key"_s, h.name}, {u"value"_s, h.value}});
    }
    if (login->body.mode == BodySpec::Mode::Json)
        header.append(QJsonObject{{u"key"_s, u"Content-Type"_s}, {u"value"_s, u"application/json"_s}});
    request.insert(u"header"_s, header);
    if (login->body.mode == BodySpec::Mode::Json || login->body.mode == BodySpec::Mode::Raw)
        request.insert(u"body"_s, QJsonObject{{u"mode"_s, u"raw"_s}, {u"raw"_s, login->body.text}});
    else if (login->body.mode == BodySpec::Mode::FormUrlEncoded)
        request.insert(u"body"_s, postmanBody(login->body));
    const QString var = tokenVariable(spec);
    QStringList s;
    s << u"// Quarry login profile \"%1\": log in when no unexpired token is held."_s.arg(spec.name.isEmpty() ? spec.id : spec.name)
      << u"(() => {"_s
      << u"  const tokenVar = %1, renewVar = %2;"_s.arg(js(var), js(var + u".renewAt"_s))
      << u"  const token = pm.collectionVariables.get(tokenVar);"_s
      << u"  const renewAt = Number(pm.collectionVariables.get(renewVar) || 0);"_s
      << u"  if (token && (renewAt === 0 || Date.now() < renewAt)) return;"_s
      << u"  const resolve = (v) => typeof v === \"string\" ? pm.variables.replaceIn(v)"_s
      << u"    : Array.isArray(v) ? v.map(resolve) : v && typeof v === \"object\""_s
      << u"    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)])) : v;"_s
      << u"  const at = (doc, p) => p.slice(1).split(\"/\").reduce((c, k) => c == null ? c : c[k.replace(/~1/g, \"/\").replace(/~0/g, \"~\")], doc);"_s
      << u"  pm.sendRequest(resolve(%1), (err, res) => {"_s.arg(compactJson(request))
      << u"    if (err || res.code < 200 || res.code > 299) { console.error(\"Quarry login failed\", err || res.code); return; }"_s
      << u"    const body = res.json();"_s
      << u"    const tok = at(body, %1);"_s.arg(js(spec.tokenPointer))
      << u"    pm.collectionVariables.set(tokenVar, tok);"_s
      << u"    let exp = 0, iat = Date.now() / 1000;"_s
      << u"    try { const c = JSON.parse(atob(tok.split(\".\")[1].replace(/-/g, \"+\").replace(/_/g, \"/\"))); exp = c.exp || 0; iat = c.iat || iat; } catch (e) {}"_s;
    if (!spec.expiresInPointer.isEmpty())
        s << u"    if (!exp && at(body, %1)) exp = Date.now() / 1000 + Number(at(body, %1));"_s.arg(js(spec.expiresInPointer));
    const QString skew = spec.refreshSkewSeconds >= 0 ? QString::number(spec.refreshSkewSeconds)
                                                      : u"Math.min(30, (exp - iat) * 0.2)"_s;
    s << u"    pm.collectionVariables.set(renewVar, exp ? String((exp - %1) * 1000) : \"0\");"_s.arg(skew)
      << u"  });"_s
      << u"})();"_s;
    return s;
}

/// Pre-request script of a request whose effective auth is an OAuth2 profile: a token request
/// with pm.sendRequest when no unexpired token is held (newman fetches no OAuth2 token by itself).
QStringList oauthScript(const AuthSpec &spec)
{
    QJsonArray form{QJsonObject{{u"key"_s, u"grant_type"_s}, {u"value"_s, spec.grant}}};
    if (spec.grant == u"password"_s) {
        form.append(QJsonObject{{u"key"_s, u"username"_s}, {u"value"_s, spec.username}});
        form.append(QJsonObject{{u"key"_s, u"password"_s}, {u"value"_s, spec.password}});
    }
    if (!spec.scope.isEmpty())
        form.append(QJsonObject{{u"key"_s, u"scope"_s}, {u"value"_s, spec.scope}});
    QJsonArray header{QJsonObject{{u"key"_s, u"Accept"_s}, {u"value"_s, u"application/json"_s}}};
    if (spec.clientAuth == u"body"_s) {
        form.append(QJsonObject{{u"key"_s, u"client_id"_s}, {u"value"_s, spec.clientId}});
        form.append(QJsonObject{{u"key"_s, u"client_secret"_s}, {u"value"_s, spec.clientSecret}});
    }
    const QJsonObject request{{u"url"_s, spec.tokenUrl}, {u"method"_s, u"POST"_s}, {u"header"_s, header},
                              {u"body"_s, QJsonObject{{u"mode"_s, u"urlencoded"_s}, {u"urlencoded"_s, form}}}};
    const QString var = tokenVariable(spec);
    QStringList s;
    s << u"// Quarry login profile \"%1\" (OAuth2 %2 grant): get a token when none is held."_s.arg(
             spec.name.isEmpty() ? spec.id : spec.name, spec.grant)
      << u"(() => {"_s
      << u"  const tokenVar = %1, renewVar = %2;"_s.arg(js(var), js(var + u".renewAt"_s))
      << u"  const renewAt = Number(pm.collectionVariables.get(renewVar) || 0);"_s
      << u"  if (pm.collectionVariables.get(tokenVar) && (renewAt === 0 || Date.now() < renewAt)) return;"_s
      << u"  const resolve = (v) => typeof v === \"string\" ? pm.variables.replaceIn(v)"_s
      << u"    : Array.isArray(v) ? v.map(resolve) : v && typeof v === \"object\""_s
      << u"    ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)])) : v;"_s
      << u"  const request = resolve(%1);"_s.arg(compactJson(request));
    if (spec.clientAuth != u"body"_s)
        s << u"  request.header.push({ key: \"Authorization\", value: \"Basic \" + btoa(encodeURIComponent(resolve(%1)) + \":\" + encodeURIComponent(resolve(%2))) });"_s
                 .arg(js(spec.clientId), js(spec.clientSecret));
    s << u"  pm.sendRequest(request, (err, res) => {"_s
      << u"    if (err || res.code !== 200) { console.error(\"Quarry OAuth2 token request failed\", err || res.code); return; }"_s
      << u"    const body = res.json();"_s
      << u"    pm.collectionVariables.set(tokenVar, body.access_token);"_s
      << u"    const lifetime = Number(body.expires_in || 0);"_s
      << u"    pm.collectionVariables.set(renewVar, lifetime ? String(Date.now() + lifetime * 800) : \"0\");"_s
      << u"  });"_s
      << u"})();"_s;
    return s;
}

QJsonObject postmanAuth(const AuthSpec &spec)
{
    switch (spec.type) {
    case AuthSpec::Type::Inherit:
        return {};
    case AuthSpec::Type::None:
        return {{u"type"_s, u"noauth"_s}};
    case AuthSpec::Type::Bearer:
        return {{u"type"_s, u"bearer"_s},
                {u"bearer"_s, QJsonArray{QJsonObject{{u"key"_s, u"token"_s}, {u"value"_s, spec.token}, {u"type"_s, u"string"_s}}}}};
    case AuthSpec::Type::Basic:
        return {{u"type"_s, u"basic"_s},
                {u"basic"_s, QJsonArray{QJsonObject{{u"key"_s, u"username"_s}, {u"value"_s, spec.username}, {u"type"_s, u"string"_s}},
                                        QJsonObject{{u"key"_s, u"password"_s}, {u"value"_s, spec.password}, {u"type"_s, u"string"_s}}}}};
    case AuthSpec::Type::Signed:   // Postman cannot mint tokens with the workspace's keys
        return {{u"type"_s, u"noauth"_s}};
    case AuthSpec::Type::Login:
    case AuthSpec::Type::OAuth2: {
        const QString token = u"{{"_s + tokenVariable(spec) + u"}}"_s;
        if (spec.placement == AuthSpec::Placement::Header && spec.header.compare(u"Authorization"_s, Qt::CaseInsensitive) == 0
            && spec.scheme == u"Bearer"_s)
            return {{u"type"_s, u"bearer"_s},
                    {u"bearer"_s, QJsonArray{QJsonObject{{u"key"_s, u"token"_s}, {u"value"_s, token}, {u"type"_s, u"string"_s}}}}};
        const bool query = spec.placement == AuthSpec::Placement::Query;
        const QString value = query || spec.scheme.isEmpty() ? token : spec.scheme + u' ' + token;
        return {{u"type"_s, u"apikey"_s},
                {u"apikey"_s, QJsonArray{QJsonObject{{u"key"_s, u"key"_s}, {u"value"_s, query ? spec.queryParam : spec.header}},
                                         QJsonObject{{u"key"_s, u"value"_s}, {u"value"_s, value}},
                                         QJsonObject{{u"key"_s, u"in"_s}, {u"value"_s, query ? u"query"_s : u"header"_s}}}}};
    }
    }
    return {};
}

QJsonArray exportItems(const QList<CollectionItem> &items, const Collection &collection)
{
    QJsonArray out;
    for (const CollectionItem &item : items) {
        if (item.type == CollectionItem::Type::Folder) {
            QJsonObject folder{{u"id"_s, item.folderId}, {u"name"_s, item.folderName},
                               {u"item"_s, exportItems(item.items, collection)}};
            if (item.folderAuth.type != AuthSpec::Type::Login && !item.folderAuth.isInherit())
                folder.insert(u"auth"_s, postmanAuth(item.folderAuth));
            if (!item.folderAuth.isInherit())
                folder.insert(u"description"_s, PostmanScripts::AuthMarker + compactJson(item.folderAuth.toJson()));
            QJsonArray folderEvents;
            PostmanScripts::append(folderEvents, item.folderScripts);
            if (!folderEvents.isEmpty())
                folder.insert(u"event"_s, folderEvents);
            out.append(folder);
            continue;
        }
        const RequestSpec &r = item.request;
        QJsonObject request{{u"method"_s, r.method}, {u"url"_s, postmanUrl(r)}, {u"header"_s, postmanHeaders(r.headers)}};
        const QJsonObject body = postmanBody(r.body);
        if (!body.isEmpty())
            request.insert(u"body"_s, body);
        QJsonArray events;
        EffectiveAuth effective = collection.effectiveAuth(r.id);
        const bool isLoginItself = effective.spec.type == AuthSpec::Type::Login
            && (effective.spec.loginRequest == r.id || effective.spec.loginRequest == r.name
                || (!effective.spec.refreshRequest.isEmpty() && (effective.spec.refreshRequest == r.id || effective.spec.refreshRequest == r.name)));
        if (isLoginItself) {
            request.insert(u"auth"_s, QJsonObject{{u"type"_s, u"noauth"_s}});
        } else if (effective.spec.type == AuthSpec::Type::Login || effective.spec.type == AuthSpec::Type::OAuth2) {
            request.insert(u"auth"_s, postmanAuth(effective.spec));
            const QStringList script = effective.spec.type == AuthSpec::Type::Login ? loginScript(effective.spec, collection)
                                                                                     : oauthScript(effective.spec);
            events.append(QJsonObject{{u"listen"_s, u"prerequest"_s},
                                      {u"script"_s, QJsonObject{{u"type"_s, u"text/javascript"_s},
                                                                {u"exec"_s, QJsonArray::fromStringList(script)}}}});
        } else if (effective.spec.type == AuthSpec::Type::Signed) {
            request.insert(u"auth"_s, postmanAuth(effective.spec));
        } else if (!r.auth.isInherit()) {
            request.insert(u"auth"_s, postmanAuth(r.auth));
        }
        // Always written, so that an import knows "inherit" from the auth Postman needs spelled out.
        request.insert(u"description"_s, PostmanScripts::AuthMarker + compactJson(r.auth.toJson()));
        const QStringList tests = testScript(r);
        if (!tests.isEmpty())
            events.append(QJsonObject{{u"listen"_s, u"test"_s},
                                      {u"script"_s, QJsonObject{{u"type"_s, u"text/javascript"_s}, {u"exec"_s, QJsonArray::fromStringList(tests)}}}});
        PostmanScripts::append(events, r.scripts);
        QJsonObject o{{u"id"_s, r.id}, {u"name"_s, r.name}, {u"request"_s, request}};
        if (!events.isEmpty())
            o.insert(u"event"_s, events);
        out.append(o);
    }
    return out;
}

} // namespace

QJsonObject PostmanFormat::exportCollection(const Collection &collection)
{
    QJsonObject info{{u"_postman_id"_s, collection.id}, {u"name"_s, collection.name},
                     {u"schema"_s, QString::fromLatin1(SchemaUrl)}};
    if (!collection.auth.isInherit())
        info.insert(u"description"_s, PostmanScripts::AuthMarker + compactJson(collection.auth.toJson()));
    QJsonObject out{{u"info"_s, info}, {u"item"_s, exportItems(collection.items, collection)}};
    if (collection.auth.type != AuthSpec::Type::Login && !collection.auth.isInherit())
        out.insert(u"auth"_s, postmanAuth(collection.auth));
    QJsonArray variables;
    for (const Variable &v : collection.variables) {
        if (v.enabled)
            variables.append(QJsonObject{{u"key"_s, v.name}, {u"value"_s, v.secret ? QString() : v.value}});
    }
    if (!variables.isEmpty())
        out.insert(u"variable"_s, variables);
    QJsonArray events;
    PostmanScripts::append(events, collection.scripts);
    if (!events.isEmpty())
        out.insert(u"event"_s, events);
    return out;
}

QJsonObject PostmanFormat::exportEnvironment(const Environment &environment)
{
    QJsonArray values;
    for (const Variable &v : environment.variables) {
        // A secret's value lives outside the workspace; newman gets it with --env-var NAME=VALUE.
        values.append(QJsonObject{{u"key"_s, v.name}, {u"value"_s, v.secret ? QString() : v.value},
                                  {u"type"_s, v.secret ? u"secret"_s : u"default"_s}, {u"enabled"_s, v.enabled}});
    }
    return {{u"id"_s, environment.id}, {u"name"_s, environment.name}, {u"values"_s, values},
            {u"_postman_variable_scope"_s, environment.global ? u"globals"_s : u"environment"_s}};
}

} // namespace quarry::http
