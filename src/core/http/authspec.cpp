// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/authspec.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(AuthSpec)
};
constexpr std::pair<AuthSpec::Type, const char16_t *> TypeNames[] = {
    {AuthSpec::Type::Inherit, u"inherit"}, {AuthSpec::Type::None, u"none"}, {AuthSpec::Type::Bearer, u"bearer"},
    {AuthSpec::Type::Basic, u"basic"},     {AuthSpec::Type::Login, u"login"},   {AuthSpec::Type::OAuth2, u"oauth2"},
    {AuthSpec::Type::Signed, u"signed"},
};

void insertPlacement(const AuthSpec &a, QJsonObject &o)
{
    const AuthSpec d;
    if (a.refreshSkewSeconds >= 0)
        o.insert(u"refreshSkewSeconds"_s, a.refreshSkewSeconds);
    if (a.placement == AuthSpec::Placement::Query) {
        o.insert(u"placement"_s, u"query"_s);
        o.insert(u"queryParam"_s, a.queryParam);
    } else {
        if (a.header != d.header)
            o.insert(u"header"_s, a.header);
        if (a.scheme != d.scheme)
            o.insert(u"scheme"_s, a.scheme);
    }
}
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
        insertPlacement(*this, o);
        break;
    }
    case Type::OAuth2: {
        const AuthSpec d;
        o.insert(u"id"_s, id);
        if (!name.isEmpty())
            o.insert(u"name"_s, name);
        o.insert(u"tokenUrl"_s, tokenUrl);
        o.insert(u"grant"_s, grant);
        o.insert(u"clientId"_s, clientId);
        if (!clientSecret.isEmpty())
            o.insert(u"clientSecret"_s, clientSecret);
        if (!username.isEmpty())
            o.insert(u"username"_s, username);
        if (!password.isEmpty())
            o.insert(u"password"_s, password);
        if (!scope.isEmpty())
            o.insert(u"scope"_s, scope);
        if (clientAuth != d.clientAuth)
            o.insert(u"clientAuth"_s, clientAuth);
        insertPlacement(*this, o);
        break;
    }
    case Type::Signed:
        o.insert(u"id"_s, id);
        if (!name.isEmpty())
            o.insert(u"name"_s, name);
        o.insert(u"authProfile"_s, authProfile);
        if (!subject.isEmpty())
            o.insert(u"subject"_s, subject);
        if (!roles.isEmpty())
            o.insert(u"roles"_s, QJsonArray::fromStringList(roles));
        if (!claims.isEmpty())
            o.insert(u"claims"_s, claims);
        if (perRequest)
            o.insert(u"perRequest"_s, true);
        insertPlacement(*this, o);
        break;
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
                     Tr::tr("Unknown auth type \"%1\" (inherit, none, bearer, basic, login, oauth2, signed).").arg(type), u"auth.type"_s};
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
    a.tokenUrl = object.value(u"tokenUrl"_s).toString();
    a.grant = object.value(u"grant"_s).toString(a.grant);
    a.clientId = object.value(u"clientId"_s).toString();
    a.clientSecret = object.value(u"clientSecret"_s).toString();
    a.scope = object.value(u"scope"_s).toString();
    a.clientAuth = object.value(u"clientAuth"_s).toString(a.clientAuth);
    a.authProfile = object.value(u"authProfile"_s).toString();
    a.subject = object.value(u"subject"_s).toString();
    const QJsonArray roles = object.value(u"roles"_s).toArray();
    for (const QJsonValue &r : roles)
        a.roles.append(r.toString());
    a.claims = object.value(u"claims"_s).toObject();
    a.perRequest = object.value(u"perRequest"_s).toBool(false);
    if (a.type == Type::OAuth2) {
        if (a.tokenUrl.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("An OAuth2 profile needs a token URL."), u"auth.tokenUrl"_s};
        if (a.grant != u"client_credentials"_s && a.grant != u"password"_s)
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("The OAuth2 grant \"%1\" is not supported (client_credentials, password).").arg(a.grant),
                         u"auth.grant"_s};
        if (a.clientAuth != u"basic"_s && a.clientAuth != u"body"_s)
            return Error{Error::Kind::InvalidInput, Tr::tr("clientAuth is \"basic\" or \"body\"."), u"auth.clientAuth"_s};
        if (a.id.isEmpty())
            a.id = a.clientId + u'@' + a.tokenUrl;
    }
    if (a.type == Type::Signed) {
        if (a.authProfile.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("A signed token needs the id of one of the workspace's auth profiles."),
                         u"auth.authProfile"_s};
        if (a.id.isEmpty())
            a.id = u"signed:"_s + a.authProfile;
    }
    if (a.type == Type::Login) {
        if (a.loginRequest.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("A login profile needs a login request."), u"auth.loginRequest"_s};
        if (a.id.isEmpty())
            a.id = a.loginRequest;   // tokens are keyed by it; the login request identifies the profile well enough
    }
    return a;
}

} // namespace quarry::http
