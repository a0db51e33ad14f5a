// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/loginendpoint.h"

#include <QCoreApplication>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(LoginEndpoint)
};

EndpointResponse problem(int status, const QString &title, const QString &detail)
{
    EndpointResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "application/problem+json"}, {"Cache-Control", "no-store"}};
    r.body = QJsonDocument(QJsonObject{{u"type"_s, u"about:blank"_s}, {u"title"_s, title}, {u"status"_s, status},
                                       {u"detail"_s, detail}})
                 .toJson(QJsonDocument::Compact);
    r.note = detail;
    return r;
}
} // namespace

LoginEndpoint::LoginEndpoint(TokenIssuer issuer, LoginService login)
    : m_issuer(std::move(issuer)), m_login(std::move(login))
{
}

TokenRequest LoginEndpoint::tokenRequestFor(const LoginUser &user, qint64 now)
{
    TokenRequest request;
    request.subject = user.id.isEmpty() ? user.email : user.id;
    request.roles = user.roles;
    request.claims = user.claims;
    if (!user.email.isEmpty() && !request.claims.contains(u"email"_s))
        request.claims.insert(u"email"_s, user.email);
    request.now = now;
    return request;
}

EndpointResponse LoginEndpoint::handle(const QByteArray &body, qint64 now, const Admission &admit) const
{
    if (body.size() > MaxBodyBytes)
        return problem(413, Tr::tr("Payload Too Large"),
                       Tr::tr("A login body may hold at most %1 bytes.").arg(MaxBodyBytes));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return problem(400, Tr::tr("Bad Request"),
                       Tr::tr("Send a JSON object {\"email\": \"…\", \"password\": \"…\"} with Content-Type: "
                              "application/json."));
    const QJsonObject o = doc.object();
    if (!o.value(u"email"_s).isString() || !o.value(u"password"_s).isString())
        return problem(400, Tr::tr("Bad Request"), Tr::tr("Both \"email\" and \"password\" must be strings."));
    if (o.value(u"password"_s).toString().toUtf8().size() > PasswordHasher::MaxPasswordBytes)
        return problem(400, Tr::tr("Bad Request"),
                       Tr::tr("The password is longer than %1 bytes.").arg(PasswordHasher::MaxPasswordBytes));
    if (admit) {
        if (auto refused = admit(o.value(u"email"_s).toString().trimmed().toLower()))
            return *refused;
    }
    auto user = m_login.authenticate(o.value(u"email"_s).toString(), o.value(u"password"_s).toString());
    if (!user) {
        if (user.error().kind == Error::Kind::Internal)
            return problem(500, Tr::tr("Internal Server Error"), user.error().message);
        if (user.error().where == u"credentials"_s) {
            EndpointResponse r = problem(401, Tr::tr("Unauthorized"), user.error().message);
            r.note = Tr::tr("login failed for %1").arg(o.value(u"email"_s).toString().left(100));
            return r;
        }
        return problem(400, Tr::tr("Bad Request"), user.error().message);
    }
    auto issued = m_issuer.issue(tokenRequestFor(user.value(), now));
    if (!issued)
        return problem(500, Tr::tr("Internal Server Error"), issued.error().message);
    EndpointResponse r;
    r.headers = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}, {"Pragma", "no-cache"}};
    r.body = QJsonDocument(QJsonObject{{u"token"_s, QString::fromLatin1(issued.value().token)},
                                       {u"tokenType"_s, u"Bearer"_s},
                                       {u"expiresIn"_s, issued.value().expiresIn}})
                 .toJson(QJsonDocument::Compact);
    r.note = Tr::tr("token issued to %1 (profile %2, jti %3)")
                 .arg(user.value().email, m_issuer.profile().id(), issued.value().jwtId);
    return r;
}

} // namespace quarry::auth
