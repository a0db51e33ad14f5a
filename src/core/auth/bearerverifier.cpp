// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/bearerverifier.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(BearerVerifier)
};

/// RFC 6750 section 3: error_description is %x20-21 / %x23-5B / %x5D-7E (no quote, no backslash).
QByteArray quotable(const QString &text)
{
    QByteArray out;
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'"')
            out += '\'';
        else if (u >= 0x20 && u <= 0x7e && u != u'\\')
            out += char(u);
        else if (u == u'…')
            out += "...";
        else
            out += '?';
    }
    return out.left(300);
}

QByteArray challenge(const QString &realm, const char *error = nullptr, const QString &description = {},
                     const QString &scope = {})
{
    QByteArray v = "Bearer realm=\"" + quotable(realm) + '"';
    if (error)
        v += QByteArray(", error=\"") + error + '"';
    if (!description.isEmpty())
        v += ", error_description=\"" + quotable(description) + '"';
    if (!scope.isEmpty())
        v += ", scope=\"" + quotable(scope) + '"';
    return v;
}
} // namespace

QString BearerOutcome::statusName() const
{
    switch (status) {
    case Status::Ok: return u"ok"_s;
    case Status::Missing: return u"missing"_s;
    case Status::InvalidRequest: return u"invalid_request"_s;
    case Status::InvalidToken: return u"invalid_token"_s;
    case Status::Expired: return u"expired"_s;
    case Status::InsufficientScope: return u"insufficient_scope"_s;
    case Status::Misconfigured: return u"misconfigured"_s;
    }
    return {};
}

BearerVerifier::BearerVerifier(AuthProfile profile, KeySet keys, QString realm)
    : m_profile(profile), m_verifier(std::move(keys), profile.verifyOptions()), m_realm(std::move(realm))
{
}

Result<BearerVerifier> BearerVerifier::fromProfile(const AuthProfile &profile, int timeoutMs)
{
    auto keys = profile.resolveKeys(timeoutMs);
    if (!keys)
        return keys.error();
    BearerVerifier v(profile, keys.value().verificationKeys);
    v.m_warnings = keys.value().warnings;
    return v;
}

BearerOutcome BearerVerifier::check(QByteArrayView authorization, const QStringList &requiredRoles, qint64 now) const
{
    BearerOutcome out;
    out.profileId = m_profile.id();
    const QByteArrayView header = authorization.trimmed();
    // RFC 7235: the scheme is case-insensitive. Another scheme (Basic) means "no bearer credentials".
    const bool bearer = header.size() >= 6 && QByteArrayView(header.first(6)).compare("Bearer", Qt::CaseInsensitive) == 0
        && (header.size() == 6 || header[6] == ' ');
    if (!bearer) {
        out.status = BearerOutcome::Status::Missing;
        out.httpStatus = 401;
        out.description = header.isEmpty() ? Tr::tr("No Authorization header: this route needs a bearer token.")
                                           : Tr::tr("The Authorization header does not carry a bearer token.");
        out.where = u"authorization"_s;
        out.wwwAuthenticate = challenge(m_realm);
        return out;
    }
    const QByteArrayView token = header.sliced(6).trimmed();
    if (token.isEmpty() || token.contains(' ') || token.contains(',')) {
        out.status = BearerOutcome::Status::InvalidRequest;
        out.httpStatus = 400;
        out.description = token.isEmpty() ? Tr::tr("The Authorization header says Bearer but carries no token.")
                                          : Tr::tr("The Authorization header carries more than one token.");
        out.where = u"authorization"_s;
        out.wwwAuthenticate = challenge(m_realm, "invalid_request", out.description);
        return out;
    }

    Result<Jwt> verified = [&] {
        if (now == 0)
            return m_verifier.verify(token);
        VerifyOptions options = m_verifier.options();
        options.now = now;
        return JwtVerifier(m_verifier.keys(), options).verify(token);
    }();
    if (!verified) {
        const Error &e = verified.error();
        const bool expired = e.where == u"claims.exp"_s || e.where == u"claims.nbf"_s;
        out.status = expired ? BearerOutcome::Status::Expired : BearerOutcome::Status::InvalidToken;
        out.httpStatus = 401;
        out.description = e.message;
        out.where = e.where;
        out.wwwAuthenticate = challenge(m_realm, "invalid_token", e.message);
        return out;
    }
    out.jwt = verified.value();
    out.roles = out.jwt.stringList(m_profile.rolesClaim());
    if (!requiredRoles.isEmpty()) {
        bool has = false;
        for (const QString &r : requiredRoles)
            has = has || out.roles.contains(r);
        if (!has) {
            out.status = BearerOutcome::Status::InsufficientScope;
            out.httpStatus = 403;
            out.description = out.roles.isEmpty()
                ? Tr::tr("The token has no roles (claim \"%1\"); this route needs %2.")
                      .arg(m_profile.rolesClaim(), requiredRoles.join(u" or "_s))
                : Tr::tr("The token's roles (%1) do not include %2.")
                      .arg(out.roles.join(u", "_s), requiredRoles.join(u" or "_s));
            out.where = u"claims."_s + m_profile.rolesClaim();
            out.wwwAuthenticate = challenge(m_realm, "insufficient_scope", out.description, requiredRoles.join(u' '));
            return out;
        }
    }
    out.status = BearerOutcome::Status::Ok;
    out.httpStatus = 200;
    return out;
}

} // namespace quarry::auth
