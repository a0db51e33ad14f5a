// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/oauthtokenendpoint.h"

#include "auth/loginendpoint.h"
#include "workspace/secretref.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

#include <openssl/crypto.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OAuthTokenEndpoint)
};

EndpointResponse json(int status, const QJsonObject &body, const QString &note)
{
    EndpointResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "application/json;charset=UTF-8"}, {"Cache-Control", "no-store"},
                 {"Pragma", "no-cache"}};
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.note = note;
    return r;
}

EndpointResponse oauthError(const char *code, const QString &description, int status = 400)
{
    return json(status, {{u"error"_s, QString::fromLatin1(code)}, {u"error_description"_s, description}},
                QString::fromLatin1(code) + u": "_s + description);
}

/// RFC 6749 appendix B: client id and secret are form-urlencoded before Basic encoding.
QString formDecode(const QByteArray &text)
{
    QByteArray t = text;
    t.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(t));
}

bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}
} // namespace

OAuthTokenEndpoint::OAuthTokenEndpoint(TokenIssuer issuer, Client client, std::optional<LoginService> users,
                                       std::shared_ptr<RefreshTokenStore> store, qint64 refreshLifetimeSeconds)
    : m_issuer(std::move(issuer)),
      m_client(std::move(client)),
      m_users(std::move(users)),
      m_store(store ? std::move(store) : std::make_shared<RefreshTokenStore>()),
      m_refreshLifetime(refreshLifetimeSeconds)
{
}

Result<OAuthTokenEndpoint> OAuthTokenEndpoint::fromProfile(const AuthProfile &profile, std::optional<LoginService> users,
                                                           std::shared_ptr<RefreshTokenStore> store)
{
    if (profile.clientId().isEmpty())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Auth profile \"%1\" has no \"clientId\", so it has no OAuth2 token endpoint.").arg(profile.id()),
                     u"clientId"_s};
    Client client{profile.clientId(), {}, profile.clientRoles()};
    if (!profile.clientSecretRef().isEmpty()) {
        auto ref = workspace::SecretRef::parse(profile.clientSecretRef());
        if (!ref)
            return Error{ref.error().kind, ref.error().message, u"clientSecret"_s};
        auto secret = ref.value().resolve();
        if (!secret)
            return Error{secret.error().kind, secret.error().message, u"clientSecret"_s};
        client.secret = secret.value().toUtf8();
    }
    auto issuer = TokenIssuer::fromProfile(profile);
    if (!issuer)
        return issuer.error();
    return OAuthTokenEndpoint(issuer.value(), client, std::move(users), std::move(store),
                              profile.refreshTokenLifetimeSeconds());
}

EndpointResponse OAuthTokenEndpoint::handle(const QByteArray &body, const QByteArray &contentType,
                                            const QByteArray &authorization, qint64 now) const
{
    if (now == 0)
        now = QDateTime::currentSecsSinceEpoch();
    if (!contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded"))
        return oauthError("invalid_request",
                          Tr::tr("The token endpoint takes Content-Type: application/x-www-form-urlencoded."));
    // Parse the form; a parameter given twice is an error (RFC 6749 section 3.2).
    QHash<QString, QString> form;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QString name = formDecode(eq < 0 ? pair : pair.left(eq));
        const QString value = eq < 0 ? QString() : formDecode(pair.mid(eq + 1));
        if (form.contains(name))
            return oauthError("invalid_request", Tr::tr("The parameter \"%1\" is given more than once.").arg(name));
        form.insert(name, value);
    }

    // Client authentication: HTTP Basic, or client_id (+ client_secret) in the body, not both.
    QString clientId;
    QByteArray clientSecret;
    const bool basic = authorization.trimmed().toLower().startsWith("basic ");
    if (basic) {
        if (form.contains(u"client_secret"_s))
            return oauthError("invalid_request", Tr::tr("Use one client authentication method, not Basic and the body."));
        const QByteArray decoded = QByteArray::fromBase64(authorization.trimmed().mid(6).trimmed());
        const qsizetype colon = decoded.indexOf(':');
        if (colon < 0)
            return oauthError("invalid_request", Tr::tr("The Basic credentials are not client_id:client_secret."));
        clientId = formDecode(decoded.left(colon));
        clientSecret = formDecode(decoded.mid(colon + 1)).toUtf8();
    } else {
        clientId = form.value(u"client_id"_s);
        clientSecret = form.value(u"client_secret"_s).toUtf8();
    }
    auto invalidClient = [&](const QString &why) {
        EndpointResponse r = oauthError("invalid_client", why, basic ? 401 : 400);
        if (basic)
            r.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Basic realm=\"quarry\"")));
        return r;
    };
    if (clientId.isEmpty())
        return invalidClient(Tr::tr("No client_id: authenticate the client with HTTP Basic or client_id."));
    if (clientId != m_client.id || (!m_client.secret.isEmpty() && !sameSecret(clientSecret, m_client.secret)))
        return invalidClient(Tr::tr("Unknown client or wrong client secret."));

    const QString grant = form.value(u"grant_type"_s);
    if (grant.isEmpty())
        return oauthError("invalid_request", Tr::tr("The grant_type parameter is missing."));

    TokenRequest request;
    request.now = now;
    std::optional<RefreshGrant> refreshGrant;
    QByteArray rotatedRefreshToken;
    if (grant == u"client_credentials"_s) {
        if (m_client.secret.isEmpty())
            return oauthError("unauthorized_client",
                              Tr::tr("A public client (no secret) cannot use the client_credentials grant."));
        request.subject = m_client.id;
        request.roles = m_client.roles;
        request.claims.insert(u"client_id"_s, m_client.id);
    } else if (grant == u"password"_s) {
        if (!m_users)
            return oauthError("unsupported_grant_type", Tr::tr("This token endpoint has no users for the password grant."));
        if (!form.contains(u"username"_s) || !form.contains(u"password"_s))
            return oauthError("invalid_request", Tr::tr("The password grant needs username and password."));
        auto user = m_users->authenticate(form.value(u"username"_s), form.value(u"password"_s));
        if (!user)
            return user.error().kind == Error::Kind::Internal
                ? oauthError("server_error", user.error().message, 500)
                : oauthError("invalid_grant", Tr::tr("Invalid username or password."));
        request = LoginEndpoint::tokenRequestFor(user.value(), now);
        request.claims.insert(u"client_id"_s, m_client.id);
        refreshGrant = RefreshGrant{request.subject, request.roles, request.claims, m_client.id, now + m_refreshLifetime};
    } else if (grant == u"refresh_token"_s) {
        const QByteArray token = form.value(u"refresh_token"_s).toUtf8();
        if (token.isEmpty())
            return oauthError("invalid_request", Tr::tr("The refresh_token parameter is missing."));
        auto rotated = m_store->rotate(token, m_client.id, now, m_refreshLifetime);
        if (!rotated)
            return oauthError("invalid_grant", rotated.error().message);
        request.subject = rotated.value().grant.subject;
        request.roles = rotated.value().grant.roles;
        request.claims = rotated.value().grant.claims;
        rotatedRefreshToken = rotated.value().token;
    } else {
        return oauthError("unsupported_grant_type",
                          Tr::tr("The grant type \"%1\" is not supported (client_credentials, password, refresh_token).")
                              .arg(grant.left(60)));
    }

    // scope: a space-separated subset of the roles the grant carries (RFC 6749 section 3.3).
    if (form.contains(u"scope"_s)) {
        const QStringList asked = form.value(u"scope"_s).split(u' ', Qt::SkipEmptyParts);
        for (const QString &s : asked) {
            if (!request.roles.contains(s))
                return oauthError("invalid_scope", Tr::tr("The scope \"%1\" is not granted to this client or user.").arg(s.left(60)));
        }
        request.roles = asked;
    }
    if (!request.roles.isEmpty())
        request.claims.insert(u"scope"_s, request.roles.join(u' '));

    auto issued = m_issuer.issue(request);
    if (!issued)
        return oauthError("server_error", issued.error().message, 500);
    QJsonObject out{{u"access_token"_s, QString::fromLatin1(issued.value().token)},
                    {u"token_type"_s, u"Bearer"_s},
                    {u"expires_in"_s, issued.value().expiresIn}};
    if (!request.roles.isEmpty())
        out.insert(u"scope"_s, request.roles.join(u' '));
    if (refreshGrant)
        out.insert(u"refresh_token"_s, QString::fromLatin1(m_store->issue(*refreshGrant, now)));
    else if (!rotatedRefreshToken.isEmpty())
        out.insert(u"refresh_token"_s, QString::fromLatin1(rotatedRefreshToken));
    return json(200, out, Tr::tr("%1 grant: token issued to %2").arg(grant, request.subject));
}

} // namespace quarry::auth
