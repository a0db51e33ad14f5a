// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/templaterenderer.h"

#include "mock/exchange.h"
#include "mock/fakedata.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <kainjow/mustache.hpp>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
namespace mstch = kainjow::mustache;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(TemplateRenderer)
};

std::string s(const QString &q) { return q.toStdString(); }

mstch::data fromJson(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object: {
        mstch::data o{mstch::data::type::object};
        const QJsonObject obj = v.toObject();
        for (auto it = obj.begin(); it != obj.end(); ++it)
            o.set(s(it.key()), fromJson(it.value()));
        return o;
    }
    case QJsonValue::Array: {
        mstch::data l{mstch::data::type::list};
        const QJsonArray arr = v.toArray();
        for (const QJsonValue &item : arr)
            l.push_back(fromJson(item));
        return l;
    }
    case QJsonValue::Bool:
        return v.toBool() ? mstch::data{mstch::data::type::bool_true} : mstch::data{mstch::data::type::bool_false};
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)) && std::abs(d) < 9e15)
            return mstch::data{std::to_string(qint64(d))};
        return mstch::data{s(QString::number(d, 'g', 17))};
    }
    case QJsonValue::String:
        return mstch::data{s(v.toString())};
    default:
        return mstch::data{std::string()};
    }
}

std::pair<qint64, qint64> range(const std::string &text, qint64 lo, qint64 hi)
{
    const QStringList parts = QString::fromStdString(text).split(u',', Qt::SkipEmptyParts);
    bool ok1 = false, ok2 = false;
    if (parts.size() >= 1)
        lo = parts.at(0).trimmed().toLongLong(&ok1);
    if (parts.size() >= 2)
        hi = parts.at(1).trimmed().toLongLong(&ok2);
    else if (ok1) {
        hi = lo;
        lo = 0;
    }
    return {lo, hi};
}

/// "a,b,c" arguments of a section lambda, as numbers; missing ones keep their default.
QList<double> numbers(const std::string &text, QList<double> defaults)
{
    const QStringList parts = QString::fromStdString(text).split(u',');
    for (qsizetype i = 0; i < parts.size() && i < defaults.size(); ++i) {
        bool ok = false;
        const double v = parts.at(i).trimmed().toDouble(&ok);
        if (ok)
            defaults[i] = v;
    }
    return defaults;
}

mstch::data fakeHelpers(FakeData &fake)
{
    mstch::data f{mstch::data::type::object};
    FakeData *p = &fake;
    using Plain = QString (FakeData::*)();
    static const std::pair<const char *, Plain> plain[] = {
        {"name", &FakeData::name},          {"firstName", &FakeData::firstName},   {"lastName", &FakeData::lastName},
        {"jobTitle", &FakeData::jobTitle},  {"email", &FakeData::email},           {"userName", &FakeData::userName},
        {"url", &FakeData::url},            {"ipv4", &FakeData::ipv4},             {"uuid", &FakeData::uuid},
        {"date", &FakeData::date},          {"dateTime", &FakeData::dateTime},     {"month", &FakeData::month},
        {"weekday", &FakeData::weekday},    {"streetAddress", &FakeData::streetAddress}, {"city", &FakeData::city},
        {"postcode", &FakeData::postcode},  {"zip", &FakeData::postcode},          {"state", &FakeData::state},
        {"country", &FakeData::country},    {"phone", &FakeData::phone},           {"company", &FakeData::company},
        {"catchPhrase", &FakeData::catchPhrase}, {"productName", &FakeData::productName},
        {"department", &FakeData::department}, {"word", &FakeData::word},
    };
    for (const auto &[key, method] : plain)
        f.set(key, mstch::lambda{[p, method = method](const std::string &) { return s((p->*method)()); }});
    f.set("bool", mstch::lambda{[p](const std::string &) { return std::string(p->boolean() ? "true" : "false"); }});
    f.set("int", mstch::lambda{[p](const std::string &text) {
              const auto [lo, hi] = range(text, 0, 1000);
              return std::to_string(p->integer(lo, hi));
          }});
    f.set("float", mstch::lambda{[p](const std::string &text) {
              const QList<double> a = numbers(text, {0, 1000, 2});
              return s(QString::number(p->number(a[0], a[1], int(a[2])), 'f', std::clamp(int(a[2]), 0, 6)));
          }});
    f.set("price", mstch::lambda{[p](const std::string &text) {
              const QList<double> a = numbers(text, {1, 1000});
              return s(p->price(a[0], a[1]));
          }});
    f.set("image", mstch::lambda{[p](const std::string &text) {
              const QList<double> a = numbers(text, {640, 480});
              return s(p->imageUrl(int(a[0]), int(a[1])));
          }});
    f.set("lorem", mstch::lambda{[p](const std::string &text) {
              bool ok = false;
              const int words = QString::fromStdString(text).trimmed().toInt(&ok);
              return s(p->lorem(ok ? words : 8));
          }});
    f.set("paragraph", mstch::lambda{[p](const std::string &text) {
              bool ok = false;
              const int sentences = QString::fromStdString(text).trimmed().toInt(&ok);
              return s(p->paragraph(ok ? sentences : 3));
          }});
    return f;
}

} // namespace

std::string TemplateRenderer::escapeJson(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += c;
            }
        }
    }
    return out;
}

Result<QString> TemplateRenderer::render(const QString &templateText, const Exchange &ex, FakeData &fake)
{
    auto expanded = expandRepeats(templateText, fake);
    if (!expanded)
        return expanded.error();
    mstch::mustache tmpl{s(expanded.value())};
    if (!tmpl.is_valid())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The response template is invalid: %1.").arg(QString::fromStdString(tmpl.error_message())),
                     {}};
    tmpl.set_custom_escape(&TemplateRenderer::escapeJson);

    mstch::data ctx{mstch::data::type::object};
    mstch::data params{mstch::data::type::object};
    for (auto it = ex.params.begin(); it != ex.params.end(); ++it)
        params.set(s(it.key()), s(it.value()));
    ctx.set("params", params);
    mstch::data query{mstch::data::type::object};
    for (const auto &item : ex.request.query)
        query.set(s(item.first), s(item.second));
    ctx.set("query", query);
    mstch::data headers{mstch::data::type::object};
    for (const HeaderField &h : ex.request.headers)
        headers.set(h.first.toLower().toStdString(), h.second.toStdString());
    ctx.set("headers", headers);
    QJsonParseError error{};
    const QJsonDocument body = QJsonDocument::fromJson(ex.request.body, &error);
    if (error.error == QJsonParseError::NoError)
        ctx.set("body", body.isObject() ? fromJson(body.object()) : fromJson(body.array()));
    // Claims as the token has them, except that a list of plain values also reads as text, so
    // {{jwt.roles}} gives "admin, user" ({{#jwt.roles_list}}…{{/jwt.roles_list}} iterates).
    QJsonObject claims = ex.claims;
    for (auto it = ex.claims.begin(); it != ex.claims.end(); ++it) {
        if (!it.value().isArray())
            continue;
        QStringList items;
        bool plain = true;
        for (const QJsonValue &item : it.value().toArray()) {
            plain = plain && !item.isArray() && !item.isObject();
            items << item.toVariant().toString();
        }
        if (plain) {
            claims.insert(it.key(), items.join(u", "_s));
            claims.insert(it.key() + u"_list"_s, it.value());
        }
    }
    ctx.set("jwt", fromJson(claims));
    mstch::data request{mstch::data::type::object};
    request.set("method", ex.request.method.toStdString());
    request.set("path", s(ex.request.path));
    ctx.set("request", request);
    ctx.set("fake", fakeHelpers(fake));

    const std::string out = tmpl.render(ctx);
    if (!tmpl.is_valid())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The response template failed: %1.").arg(QString::fromStdString(tmpl.error_message())), {}};
    return QString::fromStdString(out);
}

Result<QString> TemplateRenderer::expandRepeats(const QString &text, FakeData &fake)
{
    static const QString open = u"{{#repeat"_s, close = u"{{/repeat}}"_s;
    if (!text.contains(open))
        return text;
    static const QRegularExpression header(u"^\\{\\{#repeat\\s+(\\d+)(?:\\s+(\\d+))?(?:\\s+comma=(true|false))?\\s*\\}\\}"_s);
    static const QRegularExpression index(u"\\{\\{\\s*@index\\s*\\}\\}"_s);
    QString out = text;
    // The innermost block first: the last opening before the first closing.
    for (qsizetype end = out.indexOf(close); end >= 0; end = out.indexOf(close)) {
        const qsizetype start = out.lastIndexOf(open, end);
        if (start < 0)
            return Error{Error::Kind::InvalidInput, Tr::tr("A {{/repeat}} closes no {{#repeat N}} block."), {}};
        const QRegularExpressionMatch m = header.match(QStringView(out).mid(start, end - start));
        if (!m.hasMatch())
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("A repeat block starts {{#repeat N}}, {{#repeat MIN MAX}} or {{#repeat N comma=false}}."), {}};
        qint64 count = m.captured(1).toLongLong();
        if (!m.captured(2).isEmpty())
            count = fake.integer(count, m.captured(2).toLongLong());
        if (count > MaxRepeat)
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("{{#repeat %1}} asks for more than %2 copies.").arg(count).arg(MaxRepeat), {}};
        const bool comma = m.captured(3) != u"false"_s;
        const QString body = out.mid(start + m.capturedLength(), end - start - m.capturedLength());
        if (qint64(out.size()) + count * (body.size() + 1) > MaxExpandedChars)
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("The template's repeat blocks make more than %1 characters.").arg(MaxExpandedChars), {}};
        QString items;
        for (qint64 i = 0; i < count; ++i) {
            if (i > 0 && comma)
                items += u',';
            QString copy = body;
            copy.replace(index, QString::number(i));
            items += copy;
        }
        out.replace(start, end + close.size() - start, items);
    }
    if (out.contains(open))
        return Error{Error::Kind::InvalidInput, Tr::tr("A {{#repeat N}} block is not closed by {{/repeat}}."), {}};
    return out;
}

} // namespace quarry::mock
