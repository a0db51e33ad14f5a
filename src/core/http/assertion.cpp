// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/assertion.h"

#include "httpstatus.h"
#include "jsonpointer.h"
#include "http/response.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Assertion)
};

constexpr std::pair<Assertion::Kind, const char16_t *> KindNames[] = {
    {Assertion::Kind::Status, u"status"}, {Assertion::Kind::Header, u"header"},
    {Assertion::Kind::Json, u"json"},     {Assertion::Kind::Time, u"time"},
};
constexpr std::pair<Assertion::Op, const char16_t *> OpNames[] = {
    {Assertion::Op::Equals, u"equals"},     {Assertion::Op::In, u"in"},       {Assertion::Op::Present, u"present"},
    {Assertion::Op::Contains, u"contains"}, {Assertion::Op::Exists, u"exists"}, {Assertion::Op::Matches, u"matches"},
    {Assertion::Op::Below, u"below"},
};

template <typename E, std::size_t N>
QString nameOf(const std::pair<E, const char16_t *> (&table)[N], E value)
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromUtf16(name);
    }
    return {};
}

template <typename E, std::size_t N>
std::optional<E> valueOf(const std::pair<E, const char16_t *> (&table)[N], const QString &name)
{
    for (const auto &[v, n] : table) {
        if (name == QStringView(n))
            return v;
    }
    return std::nullopt;
}

QString compact(const QJsonValue &v)
{
    if (v.isString())
        return u"\""_s + v.toString() + u"\""_s;
    return JsonPointer::toText(v);
}

/// Resolves {{variables}} inside string values, recursively through arrays.
Result<QJsonValue> resolveValue(const QJsonValue &v, const std::function<Result<QString>(const QString &)> &resolve)
{
    if (v.isString() && resolve) {
        auto r = resolve(v.toString());
        if (!r)
            return r.error();
        return QJsonValue(r.value());
    }
    if (v.isArray()) {
        QJsonArray out;
        const QJsonArray in = v.toArray();
        for (const QJsonValue &e : in) {
            auto r = resolveValue(e, resolve);
            if (!r)
                return r.error();
            out.append(r.value());
        }
        return QJsonValue(out);
    }
    return v;
}

/// JSON equality where a string expectation also matches the text of a number/bool ("42" == 42),
/// because values typed in a table are strings.
bool jsonEquals(const QJsonValue &actual, const QJsonValue &expected)
{
    if (actual == expected)
        return true;
    if (expected.isString() && !actual.isString() && !actual.isObject() && !actual.isArray())
        return JsonPointer::toText(actual) == expected.toString();
    if (actual.isDouble() && expected.isDouble())
        return actual.toDouble() == expected.toDouble();
    return false;
}

int toStatus(const QJsonValue &v)
{
    return v.isString() ? v.toString().toInt() : v.toInt();
}
} // namespace

Assertion Assertion::statusEquals(int status)
{
    Assertion a;
    a.kind = Kind::Status;
    a.op = Op::Equals;
    a.value = status;
    return a;
}

Assertion Assertion::jsonExists(const QString &pointer)
{
    Assertion a;
    a.kind = Kind::Json;
    a.op = Op::Exists;
    a.target = pointer;
    return a;
}

QJsonObject Assertion::toJson() const
{
    QJsonObject o{{u"kind"_s, nameOf(KindNames, kind)}, {u"op"_s, nameOf(OpNames, op)}};
    if (kind == Kind::Header)
        o.insert(u"name"_s, target);
    else if (kind == Kind::Json)
        o.insert(u"pointer"_s, target);
    if (!value.isUndefined() && !value.isNull())
        o.insert(u"value"_s, value);
    return o;
}

Result<Assertion> Assertion::fromJson(const QJsonObject &object)
{
    Assertion a;
    const auto kind = valueOf(KindNames, object.value(u"kind"_s).toString());
    if (!kind)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Unknown assertion kind \"%1\" (status, header, json, time).")
                         .arg(object.value(u"kind"_s).toString()),
                     u"assertions"_s};
    a.kind = *kind;
    const QString opName = object.value(u"op"_s).toString();
    const auto op = valueOf(OpNames, opName);
    static const QList<Op> allowed[] = {
        {Op::Equals, Op::In}, {Op::Present, Op::Equals, Op::Contains}, {Op::Exists, Op::Equals, Op::Matches}, {Op::Below}};
    if (!op || !allowed[int(a.kind)].contains(*op))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("\"%1\" is not an operator of a %2 assertion.").arg(opName, nameOf(KindNames, a.kind)),
                     u"assertions"_s};
    a.op = *op;
    a.target = object.value(a.kind == Kind::Header ? u"name"_s : u"pointer"_s).toString();
    a.value = object.value(u"value"_s);
    if (a.kind == Kind::Header && a.target.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("A header assertion needs a header name."), u"assertions"_s};
    if (a.kind == Kind::Json) {
        if (const auto tokens = JsonPointer::split(a.target); !tokens)
            return Error{Error::Kind::InvalidInput, tokens.error().message, u"assertions"_s};
    }
    if (a.op == Op::In && !a.value.isArray())
        return Error{Error::Kind::InvalidInput, Tr::tr("\"status in\" needs a list of codes."), u"assertions"_s};
    if (a.op == Op::Matches) {
        const QRegularExpression re(a.value.toString());
        if (!re.isValid())
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("The pattern \"%1\" is not a valid regular expression: %2.")
                             .arg(a.value.toString(), re.errorString()),
                         u"assertions"_s};
    }
    return a;
}

QString Assertion::description() const
{
    switch (kind) {
    case Kind::Status:
        return this->op == Op::In ? u"status in %1"_s.arg(compact(value)) : u"status equals %1"_s.arg(compact(value));
    case Kind::Header:
        return this->op == Op::Present ? u"header %1 present"_s.arg(target)
                                       : u"header %1 %2 %3"_s.arg(target, nameOf(OpNames, this->op), compact(value));
    case Kind::Json:
        return this->op == Op::Exists ? u"json %1 exists"_s.arg(target.isEmpty() ? u"(root)"_s : target)
                                      : u"json %1 %2 %3"_s.arg(target, nameOf(OpNames, this->op), compact(value));
    case Kind::Time:
        return u"response time below %1 ms"_s.arg(JsonPointer::toText(value));
    }
    return {};
}

AssertionResult Assertion::evaluate(const Response &response,
                                    const std::function<Result<QString>(const QString &)> &resolve) const
{
    AssertionResult r;
    r.description = description();
    const auto expected = resolveValue(value, resolve);
    if (!expected) {
        r.message = expected.error().message;
        return r;
    }
    const QJsonValue want = expected.value();
    switch (kind) {
    case Kind::Status: {
        if (op == Op::In) {
            const QJsonArray list = want.toArray();
            for (const QJsonValue &v : list)
                r.passed = r.passed || toStatus(v) == response.status;
        } else {
            r.passed = toStatus(want) == response.status;
        }
        if (!r.passed)
            r.message = Tr::tr("got %1 %2").arg(response.status).arg(HttpStatus::reason(response.status));
        return r;
    }
    case Kind::Header: {
        if (!response.hasHeader(target)) {
            r.message = Tr::tr("the response has no %1 header").arg(target);
            return r;
        }
        const QString got = response.header(target);
        if (op == Op::Present)
            r.passed = true;
        else if (op == Op::Equals)
            r.passed = got == want.toString();
        else
            r.passed = got.contains(want.toString(), Qt::CaseInsensitive);
        if (!r.passed)
            r.message = Tr::tr("got \"%1\"").arg(got);
        return r;
    }
    case Kind::Json: {
        const auto doc = response.json();
        if (!doc) {
            r.message = Tr::tr("the body is not JSON: %1").arg(doc.error().message);
            return r;
        }
        const auto found = JsonPointer::resolve(doc.value(), target);
        if (!found) {
            r.message = found.error().message;
            return r;
        }
        const QJsonValue got = found.value();
        if (op == Op::Exists) {
            r.passed = true;
        } else if (op == Op::Equals) {
            r.passed = jsonEquals(got, want);
        } else {
            const QRegularExpression re(want.toString());
            r.passed = re.match(JsonPointer::toText(got)).hasMatch();
        }
        if (!r.passed)
            r.message = Tr::tr("got %1").arg(compact(got).left(200));
        return r;
    }
    case Kind::Time: {
        const double limit = want.isString() ? want.toString().toDouble() : want.toDouble();
        r.passed = response.timings.total < limit;
        if (!r.passed)
            r.message = Tr::tr("took %1 ms").arg(response.timings.total, 0, 'f', 1);
        return r;
    }
    }
    return r;
}

QJsonObject Extraction::toJson() const
{
    QJsonObject o{{u"variable"_s, variable}};
    if (from == From::Header) {
        o.insert(u"from"_s, u"header"_s);
        o.insert(u"name"_s, source);
    } else {
        o.insert(u"from"_s, u"json"_s);
        o.insert(u"pointer"_s, source);
    }
    return o;
}

Result<Extraction> Extraction::fromJson(const QJsonObject &object)
{
    Extraction e;
    e.variable = object.value(u"variable"_s).toString();
    if (e.variable.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("An extraction needs a variable name."), u"extract"_s};
    const QString from = object.value(u"from"_s).toString(u"json"_s);
    if (from == u"header"_s) {
        e.from = From::Header;
        e.source = object.value(u"name"_s).toString();
    } else if (from == u"json"_s) {
        e.source = object.value(u"pointer"_s).toString();
        if (const auto tokens = JsonPointer::split(e.source); !tokens)
            return Error{Error::Kind::InvalidInput, tokens.error().message, u"extract"_s};
    } else {
        return Error{Error::Kind::InvalidInput, Tr::tr("An extraction reads from \"json\" or \"header\", not \"%1\".").arg(from),
                     u"extract"_s};
    }
    return e;
}

Result<QString> Extraction::extract(const Response &response) const
{
    if (from == From::Header) {
        if (!response.hasHeader(source))
            return Error{Error::Kind::NotFound, Tr::tr("The response has no %1 header.").arg(source), variable};
        return response.header(source);
    }
    const auto doc = response.json();
    if (!doc)
        return Error{Error::Kind::InvalidInput, Tr::tr("The body is not JSON: %1").arg(doc.error().message), variable};
    const auto found = JsonPointer::resolve(doc.value(), source);
    if (!found)
        return Error{found.error().kind, found.error().message, variable};
    return JsonPointer::toText(found.value());
}

} // namespace quarry::http
