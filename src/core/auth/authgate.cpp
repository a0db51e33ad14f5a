// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/authgate.h"

#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(AuthGate)
};

BearerOutcome misconfigured(const QString &profile, const QString &why)
{
    BearerOutcome o;
    o.status = BearerOutcome::Status::Misconfigured;
    o.httpStatus = 500;
    o.profileId = profile;
    o.description = why;
    o.where = u"route.auth"_s;
    return o;
}
} // namespace

AuthGate AuthGate::fromWorkspace(const workspace::Workspace &ws, int timeoutMs)
{
    auto profiles = AuthProfile::fromWorkspace(ws);
    if (!profiles) {
        AuthGate gate;
        gate.m_errors.insert(QString(), profiles.error());
        return gate;
    }
    return fromProfiles(profiles.value(), timeoutMs);
}

AuthGate AuthGate::fromProfiles(const QList<AuthProfile> &profiles, int timeoutMs)
{
    AuthGate gate;
    for (const AuthProfile &p : profiles) {
        gate.m_order << p.id();
        auto keys = p.resolveKeys(timeoutMs);
        if (!keys) {
            gate.m_errors.insert(p.id(), keys.error());
            continue;
        }
        auto verifier = std::make_shared<BearerVerifier>(p, keys.value().verificationKeys);
        gate.m_verifiers.insert(p.id(), verifier);
        gate.m_warnings << keys.value().warnings;
        for (const Key &k : keys.value().verificationKeys.keys()) {
            if (k.type() != Key::Type::Oct)
                gate.m_public.add(k.algorithm() ? k : k.withAlgorithm(p.algorithm()));
        }
    }
    return gate;
}

AuthGate::Decision AuthGate::check(const QJsonObject &routeAuth, QByteArrayView authorization, qint64 now) const
{
    Decision d;
    d.required = !routeAuth.isEmpty() && routeAuth.value(u"required"_s).toBool(true);
    if (routeAuth.isEmpty() || (!d.required && authorization.trimmed().isEmpty())) {
        d.outcome.status = BearerOutcome::Status::Ok;
        d.outcome.httpStatus = 200;
        d.logLine = Tr::tr("no authentication required");
        return d;
    }
    QString profile = routeAuth.value(u"profile"_s).toString();
    if (profile.isEmpty()) {
        if (m_order.size() != 1) {
            d.outcome = misconfigured(profile, m_order.isEmpty()
                                                   ? Tr::tr("The route requires a token but the workspace has no auth profile.")
                                                   : Tr::tr("The route's auth names no profile, and the workspace has several "
                                                            "(%1).").arg(m_order.join(u", "_s)));
            d.logLine = d.outcome.description;
            return d;
        }
        profile = m_order.first();
    }
    const auto verifier = m_verifiers.value(profile);
    if (!verifier) {
        d.outcome = misconfigured(profile, m_errors.contains(profile)
                                               ? Tr::tr("Auth profile \"%1\" cannot be used: %2").arg(profile, m_errors.value(profile).message)
                                               : Tr::tr("The route names the auth profile \"%1\", which does not exist.").arg(profile));
        d.logLine = d.outcome.description;
        return d;
    }
    QStringList roles;
    for (const QJsonValue &v : routeAuth.value(u"roles"_s).toArray())
        roles << v.toString();
    d.outcome = verifier->check(authorization, roles, now);
    if (d.outcome.ok()) {
        d.logLine = Tr::tr("profile %1: valid token, sub %2, roles [%3]")
                        .arg(profile, d.outcome.jwt.subject(), d.outcome.roles.join(u", "_s));
    } else if (!d.required) {
        d.logLine = Tr::tr("profile %1: optional auth, token ignored (%2: %3)")
                        .arg(profile, d.outcome.statusName(), d.outcome.description);
        d.outcome = BearerOutcome();
        d.outcome.status = BearerOutcome::Status::Ok;
        d.outcome.httpStatus = 200;
        d.outcome.profileId = profile;
    } else {
        d.logLine = Tr::tr("profile %1: %2 %3%4: %5")
                        .arg(profile)
                        .arg(d.outcome.httpStatus)
                        .arg(d.outcome.statusName(),
                             d.outcome.where.isEmpty() ? QString() : u" ["_s + d.outcome.where + u']',
                             d.outcome.description);
    }
    return d;
}

EndpointResponse AuthGate::jwksResponse() const
{
    EndpointResponse r;
    r.headers = {{"Content-Type", "application/jwk-set+json"}, {"Cache-Control", "public, max-age=300"}};
    r.body = QJsonDocument(m_public.toJwks()).toJson(QJsonDocument::Compact);
    r.note = Tr::tr("%n public key(s)", nullptr, int(m_public.keys().size()));
    return r;
}

} // namespace quarry::auth
