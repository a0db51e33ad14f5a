// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/authspec.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(AuthSpec)
};
constexpr std::pair<AuthSpec::Type, const char16_t *> TypeNames[] = {
    {AuthSpec::Type::Inherit, u"inherit"}, {AuthSpec::Type::None, u"none"}, {AuthSpec::Type::Bearer, u"bearer"},
    {AuthSpec::Type::Basic, u"basic"},     {AuthSpec::Type::Login, u"login"},
};
} // namespace

QString AuthSpec::typeName(Type type)
{
    for (const auto &[t, name] : TypeNames) {
        if (t == type)
            return QString::fromUtf16(name);
    }
    return u"inherit"_s;
}

QJsonObject AuthSpec::toJson() const
{
    QJsonObject o{{u"type"_s, typeName(type)}};
    switch (type) {
    case Type::Inherit:
    case Type::None:
        break;
    case Type::Bearer:
        o.insert(u"token"_s, token);
        break;
    case Type::Basic:
        o.insert(u"username"_s, username);
        o.insert(u"password"_s, password);
        break;
    case Type::Login: {
        const AuthSpec d;
        o.insert(u"id"_s, id);
        if (!name.isEmpty())
            o.insert(u"name"_s, name);
        o.insert(u"loginRequest"_s, loginRequest);
        o.insert(u"tokenPointer"_s, tokenPointer);
        if (!refreshTokenPointer.isEmpty())
            o.insert(u"refreshTokenPointer"_s, refreshTokenPointer);
        if (!expiresInPointer.isEmpty())
            o.insert(u"expiresInPointer"_s, expiresInPointer);
        if (!refreshRequest.isEmpty())
            o.insert(u"refreshRequest"_s, refreshRequest);
        if (refreshSkewSeconds >= 0)
            o.insert(u"refreshSkewSeconds"_s, refreshSkewSeconds);
        if (placement == Placement::Query) {
            o.insert(u"placement"_s, u"query"_s);
            o.insert(u"queryParam"_s, queryParam);
        } else {
            if (header != d.header)
                o.insert(u"header"_s, header);
            if (scheme != d.scheme)
                o.insert(u"scheme"_s, scheme);
        }
        break;
    }
    }
    return o;
}

Result<AuthSpec> AuthSpec::fromJson(const QJsonObject &object)
{
    AuthSpec a;
    const QString type = object.value(u"type"_s).toString(u"inherit"_s);
    bool known = false;
    for (const auto &[t, name] : TypeNames) {
        if (type == QStringView(name)) {
            a.type = t;
            known = true;
        }
    }
    if (!known)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Unknown auth type \"%1\" (inherit, none, bearer, basic, login).").arg(type), u"auth.type"_s};
    a.id = object.value(u"id"_s).toString();
    a.name = object.value(u"name"_s).toString();
    a.token = object.value(u"token"_s).toString();
    a.username = object.value(u"username"_s).toString();
    a.password = object.value(u"password"_s).toString();
    a.loginRequest = object.value(u"loginRequest"_s).toString();
    a.tokenPointer = object.value(u"tokenPointer"_s).toString(a.tokenPointer);
    a.refreshTokenPointer = object.value(u"refreshTokenPointer"_s).toString();
    a.expiresInPointer = object.value(u"expiresInPointer"_s).toString();
    a.refreshRequest = object.value(u"refreshRequest"_s).toString();
    a.refreshSkewSeconds = object.value(u"refreshSkewSeconds"_s).toInt(-1);
    a.placement = object.value(u"placement"_s).toString() == u"query"_s ? Placement::Query : Placement::Header;
    a.header = object.value(u"header"_s).toString(a.header);
    a.scheme = object.value(u"scheme"_s).toString(a.scheme);
    a.queryParam = object.value(u"queryParam"_s).toString(a.queryParam);
    if (a.type == Type::Login) {
        if (a.loginRequest.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("A login profile needs a login request."), u"auth.loginRequest"_s};
        if (a.id.isEmpty())
            a.id = a.loginRequest;   // tokens are keyed by it; the login request identifies the profile well enough
    }
    return a;
}

} // namespace quarry::http
