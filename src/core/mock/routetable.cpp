// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/routetable.h"

#include "mock/apiversioning.h"
#include "mock/fakedata.h"
#include "mock/problem.h"
#include "jsonpointer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

bool queryMatches(const Route &route, const Request &request)
{
    for (const auto &item : route.query) {
        const QString v = request.queryValue(item.first);
        if (v.isNull())
            return false;
        if (!item.second.isEmpty() && item.second != u"*"_s && v != item.second)
            return false;
    }
    return true;
}

/// A route of a version answers only requests for that version; one without a version, all.
bool inVersion(const Route &route, const Exchange &ex)
{
    return route.version.isEmpty() || (ex.version && ex.version->name == route.version);
}

} // namespace

RouteTable::RouteTable(QList<Route> routes) : m_routes(std::move(routes))
{
    for (qsizetype i = 0; i < m_routes.size(); ++i)
        m_counters.push_back(std::make_unique<std::atomic<quint64>>(0));
}

bool RouteTable::match(Exchange &ex) const
{
    const QStringList segments = Route::splitPath(ex.routePath.isNull() ? ex.request.path : ex.routePath);
    for (const Route &route : m_routes) {
        if (!route.enabled || !inVersion(route, ex))
            continue;
        QHash<QString, QString> params;
        bool item = false;
        if (!route.matchPath(segments, params, &item))
            continue;
        if (!route.matchesMethod(ex.request.method)) {
            if (route.method == u"ANY"_s || !ex.allowedMethods.contains(route.method))
                ex.allowedMethods.append(route.method);
            continue;
        }
        if (!queryMatches(route, ex.request))
            continue;
        ex.route = &route;
        ex.params = std::move(params);
        ex.resourceItem = item;
        return true;
    }
    return false;
}

const Route *RouteTable::matchPathOnly(const Exchange &ex, QHash<QString, QString> *params) const
{
    const QStringList segments = Route::splitPath(ex.routePath.isNull() ? ex.request.path : ex.routePath);
    for (const Route &route : m_routes) {
        QHash<QString, QString> p;
        if (route.enabled && inVersion(route, ex) && route.matchPath(segments, p)) {
            if (params)
                *params = std::move(p);
            return &route;
        }
    }
    return nullptr;
}

bool RouteTable::ruleHolds(const Rule &rule, const Exchange &ex, QString *seen)
{
    std::optional<QString> actual;
    QStringList elements; // a jwt rule on an array claim holds when any element does
    switch (rule.source) {
    case Rule::Source::Header: {
        const QByteArray v = ex.request.header(rule.name.toLatin1());
        if (!v.isNull())
            actual = QString::fromUtf8(v);
        break;
    }
    case Rule::Source::Query: {
        const QString v = ex.request.queryValue(rule.name);
        if (!v.isNull())
            actual = v;
        break;
    }
    case Rule::Source::Param:
        if (ex.params.contains(rule.name))
            actual = ex.params.value(rule.name);
        break;
    case Rule::Source::Body: {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(ex.request.body, &error);
        if (error.error != QJsonParseError::NoError)
            break;
        const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        if (const auto v = JsonPointer::resolve(root, rule.name))
            actual = JsonPointer::toText(v.value());
        break;
    }
    case Rule::Source::Jwt: {
        const QString pointer = rule.name.startsWith(u'/') ? rule.name : u'/' + rule.name;
        if (const auto v = JsonPointer::resolve(QJsonValue(ex.claims), pointer)) {
            if (v.value().isArray()) {
                for (const QJsonValue &item : v.value().toArray())
                    elements << JsonPointer::toText(item);
                actual = elements.join(u", "_s);
            } else {
                actual = JsonPointer::toText(v.value());
            }
        }
        break;
    }
    }
    if (seen)
        *seen = actual ? u"\"%1\""_s.arg(actual->left(80)) : u"absent"_s;
    if (!actual)
        return false;
    if (!elements.isEmpty() && rule.op != Rule::Operator::Exists) {
        return std::any_of(elements.begin(), elements.end(), [&rule](const QString &e) {
            return rule.op == Rule::Operator::Equals ? e == rule.value : rule.regex.match(e).hasMatch();
        });
    }
    switch (rule.op) {
    case Rule::Operator::Exists: return true;
    case Rule::Operator::Equals: return *actual == rule.value;
    case Rule::Operator::Regex: return rule.regex.match(*actual).hasMatch();
    }
    return false;
}

void RouteTable::answerUnmatched(Exchange &ex) const
{
    const Request &request = ex.request;
    if (!ex.allowedMethods.isEmpty()) {
        ex.response = Problem{405, u"Method not allowed"_s,
                              u"%1 %2 exists only for %3."_s.arg(QString::fromLatin1(request.method), request.path,
                                                                  ex.allowedMethods.join(u", "_s)),
                              {}, {}}
                          .toResponse();
        ex.response.setHeader("Allow", ex.allowedMethods.join(u", "_s).toLatin1());
        return;
    }
    const QStringList known = answeredRoutes();
    constexpr qsizetype Shown = 20;
    QString list = known.isEmpty() ? u"no routes yet"_s : known.mid(0, Shown).join(u", "_s);
    if (known.size() > Shown)
        list += u" and %1 more (all in \"routes\")"_s.arg(known.size() - Shown);
    ex.response = Problem{404, u"Route not found"_s,
                          u"No route matches %1 %2. This server has: %3."_s.arg(QString::fromLatin1(request.method),
                                                                               request.path, list),
                          {}, QJsonObject{{u"routes"_s, QJsonArray::fromStringList(known)}}}
                      .toResponse();
}

QStringList RouteTable::answeredRoutes() const
{
    QStringList out;
    for (const Route &r : m_routes) {
        if (!r.enabled)
            continue;
        const QString version = r.version.isEmpty() ? QString() : u" ("_s + r.version + u')';
        if (!r.resource) {
            out.append(r.label() + version);
            continue;
        }
        // A resource answers its collection and, at path/:id, its items (CrudHandler).
        const bool any = r.method == u"ANY"_s;
        const QString collection = any ? u"GET, POST"_s : r.method == u"GET"_s || r.method == u"POST"_s ? r.method : QString();
        const QString item = any ? u"GET, PUT, PATCH, DELETE"_s : r.method != u"POST"_s ? r.method : QString();
        QString path = r.path;
        while (path.endsWith(u'/'))
            path.chop(1);
        if (!collection.isEmpty())
            out.append(collection + u' ' + r.path + version);
        if (!item.isEmpty())
            out.append(item + u' ' + path + u"/:id"_s + version);
    }
    return out;
}

int RouteTable::pickResponse(const Route &route, Exchange &ex, FakeData &fake) const
{
    const qsizetype n = route.responses.size();
    if (n == 0)
        return -1;
    const qsizetype index = &route - m_routes.constData();
    if (route.mode == Route::Mode::Sequential) {
        const quint64 k = (index >= 0 && index < qsizetype(m_counters.size())) ? m_counters[index]->fetch_add(1) : 0;
        const int pick = int(k % quint64(n));
        ex.note(u"rule"_s, u"sequential mode: response %1 of %2"_s.arg(pick + 1).arg(n));
        return pick;
    }
    if (route.mode == Route::Mode::Random) {
        const int pick = int(fake.integer(0, n - 1));
        ex.note(u"rule"_s, u"random mode: response %1 of %2"_s.arg(pick + 1).arg(n));
        return pick;
    }
    int fallback = -1;
    for (qsizetype i = 0; i < n; ++i) {
        const ResponseSpec &spec = route.responses.at(i);
        if (spec.rules.isEmpty()) {
            if (fallback < 0)
                fallback = int(i);
            continue;
        }
        QStringList why;
        int held = 0;
        for (const Rule &rule : spec.rules) {
            QString seen;
            const bool ok = ruleHolds(rule, ex, &seen);
            held += ok ? 1 : 0;
            why.append(u"%1 %2 %3 %4: %5 (%6)"_s.arg(rule.toJson().value(u"source"_s).toString(), rule.name,
                                                       rule.toJson().value(u"operator"_s).toString(), rule.value,
                                                       ok ? u"holds"_s : u"fails"_s, seen));
        }
        const bool matched = spec.matchAll ? held == spec.rules.size() : held > 0;
        const QString label = spec.label.isEmpty() ? u"response %1 (%2)"_s.arg(i + 1).arg(spec.status) : spec.label;
        ex.note(u"rule"_s, u"%1: %2 — %3"_s.arg(label, matched ? u"chosen"_s : u"skipped"_s, why.join(u"; "_s)));
        if (matched)
            return int(i);
    }
    if (fallback >= 0) {
        ex.note(u"rule"_s, u"default response %1 (no rules)"_s.arg(fallback + 1));
        return fallback;
    }
    ex.note(u"rule"_s, u"no rule matched and no default response: the first response is sent"_s);
    return 0;
}

} // namespace quarry::mock
