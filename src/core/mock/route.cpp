// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/route.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Route)
};

const QStringList KnownMethods{u"GET"_s,    u"POST"_s,    u"PUT"_s,   u"PATCH"_s, u"DELETE"_s,
                               u"HEAD"_s,   u"OPTIONS"_s, u"ANY"_s};

QString sourceName(Rule::Source s)
{
    switch (s) {
    case Rule::Source::Header: return u"header"_s;
    case Rule::Source::Query: return u"query"_s;
    case Rule::Source::Param: return u"param"_s;
    case Rule::Source::Body: return u"body"_s;
    case Rule::Source::Jwt: return u"jwt"_s;
    }
    return {};
}

QString operatorName(Rule::Operator op)
{
    switch (op) {
    case Rule::Operator::Equals: return u"equals"_s;
    case Rule::Operator::Regex: return u"regex"_s;
    case Rule::Operator::Exists: return u"exists"_s;
    }
    return {};
}

/// A JSON value as it is written in the file: true, "admin", [], {}, null.
QString jsonText(const QJsonValue &v)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

/// A route's `auth` block, checked whole: anything malformed is refused rather than read as "no
/// protection" (`"auth": true` or `"roles": "admin"` used to make the route public or drop the role check).
Result<QJsonObject> parseAuth(const QJsonValue &value, const QString &where, const QString &label)
{
    auto refuse = [&](const QString &message, const QString &at) {
        return Error{Error::Kind::InvalidInput, message, at};
    };
    if (!value.isObject() || value.toObject().isEmpty())
        return refuse(Tr::tr("%1: \"auth\" must be an object such as {\"required\": true, \"profile\": \"auth-demo\", "
                             "\"roles\": [\"admin\"]}, not %2; remove it to make the route public.")
                          .arg(label, jsonText(value)),
                      where);
    const QJsonObject auth = value.toObject();
    for (auto it = auth.begin(); it != auth.end(); ++it) {
        const QString at = where + u'.' + it.key();
        if (it.key() == u"required"_s) {
            if (!it.value().isBool())
                return refuse(Tr::tr("%1: \"required\" must be true or false, not %2.").arg(label, jsonText(it.value())), at);
        } else if (it.key() == u"profile"_s) {
            if (!it.value().isString() || it.value().toString().trimmed().isEmpty())
                return refuse(Tr::tr("%1: \"profile\" must be the id of an auth profile, not %2.")
                                  .arg(label, jsonText(it.value())),
                              at);
        } else if (it.key() == u"roles"_s) {
            const QJsonArray roles = it.value().toArray();
            if (!it.value().isArray() || roles.isEmpty())
                return refuse(Tr::tr("%1: \"roles\" must be a non-empty list of role names such as [\"admin\"], not %2; "
                                     "remove it to accept any valid token.")
                                  .arg(label, jsonText(it.value())),
                              at);
            for (qsizetype i = 0; i < roles.size(); ++i) {
                if (!roles.at(i).isString() || roles.at(i).toString().trimmed().isEmpty())
                    return refuse(Tr::tr("%1: a role must be a non-empty name, not %2.").arg(label, jsonText(roles.at(i))),
                                  at + u"[%1]"_s.arg(i));
            }
        } else {
            return refuse(Tr::tr("%1: \"auth\" knows required, profile and roles, not \"%2\".").arg(label, it.key()), at);
        }
    }
    return auth;
}

} // namespace

Result<Rule> Rule::fromJson(const QJsonObject &o, const QString &where)
{
    Rule r;
    const QString source = o.value(u"source"_s).toString(u"header"_s);
    if (source == u"header"_s)
        r.source = Source::Header;
    else if (source == u"query"_s)
        r.source = Source::Query;
    else if (source == u"param"_s || source == u"params"_s)
        r.source = Source::Param;
    else if (source == u"body"_s)
        r.source = Source::Body;
    else if (source == u"jwt"_s || source == u"claim"_s)
        r.source = Source::Jwt; // a claim of the verified token: "roles", or a JSON pointer "/org/id"
    else
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("A rule's source must be header, query, param, body or jwt, not \"%1\".").arg(source), where};
    const QString op = o.value(u"operator"_s).toString(u"equals"_s);
    if (op == u"equals"_s)
        r.op = Operator::Equals;
    else if (op == u"regex"_s)
        r.op = Operator::Regex;
    else if (op == u"exists"_s)
        r.op = Operator::Exists;
    else
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("A rule's operator must be equals, regex or exists, not \"%1\".").arg(op), where};
    r.name = o.value(u"name"_s).toString();
    if (r.name.isEmpty() && r.source != Source::Body)
        return Error{Error::Kind::InvalidInput, Tr::tr("A rule needs the name of the %1 it tests.").arg(source), where};
    if (r.source == Source::Body && !r.name.isEmpty() && !r.name.startsWith(u'/'))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("A body rule's name is a JSON pointer such as /user/email; \"%1\" does not start with /.")
                         .arg(r.name),
                     where};
    const QJsonValue v = o.value(u"value"_s);
    r.value = v.isString() ? v.toString() : v.isDouble() ? QString::number(v.toDouble()) : v.isBool() ? (v.toBool() ? u"true"_s : u"false"_s) : QString();
    if (r.op == Operator::Regex) {
        r.regex = QRegularExpression(r.value);
        if (!r.regex.isValid())
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("The rule's regular expression is invalid: %1 at offset %2.")
                             .arg(r.regex.errorString()).arg(r.regex.patternErrorOffset()),
                         where};
    }
    return r;
}

QJsonObject Rule::toJson() const
{
    QJsonObject o{{u"source"_s, sourceName(source)}, {u"name"_s, name}, {u"operator"_s, operatorName(op)}};
    if (op != Operator::Exists)
        o.insert(u"value"_s, value);
    return o;
}

Result<ResponseSpec> ResponseSpec::fromJson(const QJsonObject &o, const QString &where)
{
    ResponseSpec r;
    r.label = o.value(u"label"_s).toString();
    // "x", 200.5 or 1e308 used to be served as 200: a status is a whole number or nothing.
    const QJsonValue status = o.value(u"status"_s);
    if (!status.isUndefined()) {
        const double number = status.toDouble();
        if (!status.isDouble() || number != std::floor(number) || number < 100 || number > 599)
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("A status must be a whole number between 100 and 599, not %1.").arg(jsonText(status)),
                         where + u".status"_s};
        r.status = int(number);
    }
    const QJsonObject headers = o.value(u"headers"_s).toObject();
    for (auto it = headers.begin(); it != headers.end(); ++it)
        r.headers.append({it.key(), it.value().toString()});
    const QJsonValue body = o.value(u"body"_s);
    if (body.isString())
        r.body = body.toString();
    else if (body.isObject())
        r.body = QString::fromUtf8(QJsonDocument(body.toObject()).toJson(QJsonDocument::Indented));
    else if (body.isArray())
        r.body = QString::fromUtf8(QJsonDocument(body.toArray()).toJson(QJsonDocument::Indented));
    else if (!body.isUndefined() && !body.isNull())
        r.body = jsonText(body);
    if (!body.isString() && !body.isUndefined() && !body.isNull()) {
        bool hasType = false;
        for (const auto &h : std::as_const(r.headers))
            hasType = hasType || h.first.compare(u"content-type"_s, Qt::CaseInsensitive) == 0;
        if (!hasType)
            r.headers.append({u"Content-Type"_s, u"application/json"_s});
    }
    r.bodyIsTemplate = r.body.contains(u"{{"_s);
    r.bodyUtf8 = r.body.toUtf8();
    for (const auto &h : std::as_const(r.headers))
        r.encodedHeaders.append({h.first.toLatin1(), h.second.toUtf8()});
    const QJsonArray rules = o.value(u"rules"_s).toArray();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        auto rule = Rule::fromJson(rules.at(i).toObject(), where + u".rules[%1]"_s.arg(i));
        if (!rule)
            return rule.error();
        r.rules.append(rule.value());
    }
    r.matchAll = o.value(u"rulesMatch"_s).toString(u"all"_s) != u"any"_s;
    return r;
}

QJsonObject ResponseSpec::toJson() const
{
    QJsonObject o{{u"status"_s, status}, {u"body"_s, body}};
    if (!label.isEmpty())
        o.insert(u"label"_s, label);
    QJsonObject h;
    for (const auto &header : headers)
        h.insert(header.first, header.second);
    o.insert(u"headers"_s, h);
    if (!rules.isEmpty()) {
        QJsonArray a;
        for (const Rule &rule : rules)
            a.append(rule.toJson());
        o.insert(u"rules"_s, a);
        o.insert(u"rulesMatch"_s, matchAll ? u"all"_s : u"any"_s);
    }
    return o;
}

QStringList Route::splitPath(const QString &path)
{
    return path.split(u'/', Qt::SkipEmptyParts);
}

bool Route::matchesMethod(const QByteArray &requestMethod) const
{
    if (method == u"ANY"_s)
        return true;
    if (method.size() != requestMethod.size())
        return requestMethod == "HEAD" && method == u"GET"_s;
    for (qsizetype i = 0; i < method.size(); ++i) {
        if (method.at(i).unicode() != uchar(requestMethod.at(i)))
            return false;
    }
    return true;
}

bool Route::matchPath(const QStringList &request, QHash<QString, QString> &params, bool *item) const
{
    if (item)
        *item = false;
    qsizetype i = 0;
    for (; i < segments.size(); ++i) {
        const QString &pattern = segments.at(i);
        if (pattern == u"*"_s) {
            // A trailing wildcard takes the rest (at least nothing); one inside takes one segment.
            if (i == segments.size() - 1) {
                params.insert(u"*"_s, request.mid(i).join(u'/'));
                return true;
            }
            if (i >= request.size())
                return false;
            continue;
        }
        if (i >= request.size())
            return false;
        if (pattern.startsWith(u':'))
            params.insert(pattern.mid(1), request.at(i));
        else if (pattern != request.at(i))
            return false;
    }
    if (i == request.size())
        return true;
    if (resource && i + 1 == request.size()) {
        params.insert(u"id"_s, request.at(i));
        if (item)
            *item = true;
        return true;
    }
    return false;
}

Result<Route> Route::fromJson(const QJsonObject &o, int index)
{
    Route r;
    r.id = o.value(u"id"_s).toString();
    const QString where = r.id.isEmpty() ? u"mock.routes[%1]"_s.arg(index) : u"route %1"_s.arg(r.id);
    r.method = o.value(u"method"_s).toString(u"GET"_s).toUpper();
    if (r.method == u"*"_s)
        r.method = u"ANY"_s;
    if (!KnownMethods.contains(r.method))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Unknown method \"%1\"; use GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY.")
                         .arg(r.method),
                     where + u".method"_s};
    r.path = o.value(u"path"_s).toString();
    if (!r.path.startsWith(u'/'))
        return Error{Error::Kind::InvalidInput, Tr::tr("A route's path must start with /, like /api/users."),
                     where + u".path"_s};
    r.segments = splitPath(r.path);
    r.description = o.value(u"description"_s).toString();
    r.enabled = o.value(u"enabled"_s).toBool(true);
    const QJsonObject query = o.value(u"query"_s).toObject();
    for (auto it = query.begin(); it != query.end(); ++it)
        r.query.append({it.key(), it.value().toString()});
    const QString mode = o.value(u"responseMode"_s).toString(u"rules"_s);
    if (mode == u"rules"_s)
        r.mode = Mode::Rules;
    else if (mode == u"sequential"_s)
        r.mode = Mode::Sequential;
    else if (mode == u"random"_s)
        r.mode = Mode::Random;
    else
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("responseMode must be rules, sequential or random, not \"%1\".").arg(mode),
                     where + u".responseMode"_s};
    const QJsonArray responses = o.value(u"responses"_s).toArray();
    for (qsizetype i = 0; i < responses.size(); ++i) {
        auto spec = ResponseSpec::fromJson(responses.at(i).toObject(), where + u".responses[%1]"_s.arg(i));
        if (!spec)
            return spec.error();
        r.responses.append(spec.value());
    }
    if (o.contains(u"resource"_s)) {
        const QJsonObject res = o.value(u"resource"_s).toObject();
        ResourceSpec spec;
        spec.table = res.value(u"table"_s).toString();
        spec.database = res.value(u"database"_s).toString();
        spec.idColumn = res.value(u"idColumn"_s).toString();
        if (spec.table.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("A resource needs the name of its table."),
                         where + u".resource.table"_s};
        r.resource = spec;
    }
    if (o.contains(u"auth"_s)) {
        auto auth = parseAuth(o.value(u"auth"_s), u"mock.routes[%1].auth"_s.arg(index), r.label());
        if (!auth)
            return auth.error();
        r.auth = auth.value();
    }
    r.login = o.value(u"login"_s).toObject();
    r.oauth = o.value(u"oauth"_s).toObject();
    r.validation = o.value(u"validation"_s).toObject();
    if (o.contains(u"version"_s) && !o.value(u"version"_s).isString())
        return Error{Error::Kind::InvalidInput, Tr::tr("\"version\" names a version of mock.versioning, as a string (\"v1\")."),
                     where + u".version"_s};
    r.version = o.value(u"version"_s).toString();
    if (!r.login.isEmpty() && !r.oauth.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("A route is a login endpoint or an OAuth token endpoint, not both."),
                     where + u".oauth"_s};
    if ((!r.login.isEmpty() || !r.oauth.isEmpty()) && (r.resource || !r.responses.isEmpty()))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("A login route answers by itself: remove its responses and resource."), where + u".login"_s};
    if (!r.login.isEmpty() || !r.oauth.isEmpty()) {
        const QString key = r.login.isEmpty() ? u"oauth"_s : u"login"_s;
        const QJsonObject limits = (r.login.isEmpty() ? r.oauth : r.login).value(u"rateLimit"_s).toObject();
        for (const auto &[name, policy] : {std::pair{u"perClient"_s, &r.loginLimits.perClient},
                                           std::pair{u"perAccount"_s, &r.loginLimits.perAccount}}) {
            if (!limits.contains(name))
                continue;
            auto parsed = RateLimitPolicy::fromJson(limits.value(name).toObject(),
                                                    u"%1.%2.rateLimit.%3"_s.arg(where, key, name));
            if (!parsed)
                return parsed.error();
            *policy = parsed.value();
        }
    }
    if (o.contains(u"cors"_s)) {
        auto p = CorsPolicy::fromJson(o.value(u"cors"_s).toObject(), where + u".cors"_s);
        if (!p)
            return p.error();
        r.cors = p.value();
    }
    if (o.contains(u"rateLimit"_s)) {
        auto p = RateLimitPolicy::fromJson(o.value(u"rateLimit"_s).toObject(), where + u".rateLimit"_s);
        if (!p)
            return p.error();
        r.rateLimit = p.value();
    }
    if (o.contains(u"latency"_s)) {
        auto p = LatencyPolicy::fromJson(o.value(u"latency"_s).toObject(), where + u".latency"_s);
        if (!p)
            return p.error();
        r.latency = p.value();
    }
    if (o.contains(u"faults"_s)) {
        auto p = FaultPolicy::fromJson(o.value(u"faults"_s).toObject(), where + u".faults"_s);
        if (!p)
            return p.error();
        r.faults = p.value();
    }
    return r;
}

QJsonObject Route::toJson() const
{
    QJsonObject o{{u"id"_s, id}, {u"method"_s, method}, {u"path"_s, path}};
    if (!description.isEmpty())
        o.insert(u"description"_s, description);
    if (!enabled)
        o.insert(u"enabled"_s, false);
    if (!query.isEmpty()) {
        QJsonObject q;
        for (const auto &item : query)
            q.insert(item.first, item.second);
        o.insert(u"query"_s, q);
    }
    if (mode != Mode::Rules)
        o.insert(u"responseMode"_s, mode == Mode::Sequential ? u"sequential"_s : u"random"_s);
    if (!responses.isEmpty()) {
        QJsonArray a;
        for (const ResponseSpec &spec : responses)
            a.append(spec.toJson());
        o.insert(u"responses"_s, a);
    }
    if (resource) {
        QJsonObject res{{u"table"_s, resource->table}};
        if (!resource->database.isEmpty())
            res.insert(u"database"_s, resource->database);
        if (!resource->idColumn.isEmpty())
            res.insert(u"idColumn"_s, resource->idColumn);
        o.insert(u"resource"_s, res);
    }
    if (!auth.isEmpty())
        o.insert(u"auth"_s, auth);
    if (!login.isEmpty())
        o.insert(u"login"_s, login);
    if (!oauth.isEmpty())
        o.insert(u"oauth"_s, oauth);
    if (!validation.isEmpty())
        o.insert(u"validation"_s, validation);
    if (!version.isEmpty())
        o.insert(u"version"_s, version);
    if (cors)
        o.insert(u"cors"_s, cors->toJson());
    if (rateLimit)
        o.insert(u"rateLimit"_s, rateLimit->toJson());
    if (latency)
        o.insert(u"latency"_s, latency->toJson());
    if (faults)
        o.insert(u"faults"_s, faults->toJson());
    return o;
}

} // namespace quarry::mock
