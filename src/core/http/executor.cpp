// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/executor.h"

#include "httpstatus.h"
#include "jsonpointer.h"
#include "http/scriptstep.h"
#include "http/tokeninspector.h"
#include "auth/authprofile.h"
#include "auth/tokenissuer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTimeZone>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "quarry.http")

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Executor)
};

QString profileLabel(const AuthSpec &spec)
{
    return spec.name.isEmpty() ? spec.id : spec.name;
}

bool needsRenewal(const AuthSpec &spec, const HeldToken &held, const QDateTime &now)
{
    if (!held.expiresAt)
        return false;
    const QJsonValue iat = held.claims.value(u"iat"_s);
    const QDateTime issued = iat.isDouble() ? QDateTime::fromMSecsSinceEpoch(qint64(iat.toDouble() * 1000), Qt::UTC)
                                            : held.obtainedAt;
    const double lifetime = std::max<qint64>(0, issued.msecsTo(*held.expiresAt)) / 1000.0;
    const double skew = spec.refreshSkewSeconds >= 0 ? spec.refreshSkewSeconds : std::min(30.0, lifetime * 0.2);
    return now.msecsTo(*held.expiresAt) <= qint64(skew * 1000);
}

void describeToken(const HeldToken &held, ResolvedAuth &resolved)
{
    resolved.tokenId = held.tokenId;
    resolved.claims = held.claims;
    if (held.expiresAt)
        resolved.secondsToExpiry = QDateTime::currentDateTimeUtc().msecsTo(*held.expiresAt) / 1000.0;
}
} // namespace

Executor::Executor(Context context) : m_context(std::move(context)), m_transport(m_context.transport)
{
    if (!m_context.tokens)
        m_context.tokens = std::make_shared<TokenStore>();
    if (!m_transport) {
        m_transport = std::make_shared<Transport>();
        m_transport->defaultTimeoutMs = m_context.defaultTimeoutMs;
    }
}

Executor::~Executor() = default;

Exchange Executor::execute(const RequestSpec &written, int iteration)
{
    Exchange ex;
    ex.requestId = written.id;
    ex.requestName = written.name;
    ex.iteration = iteration;
    QElapsedTimer prepareClock;
    prepareClock.start();
    ScriptStep scripts(m_context.collection, m_context.scope, m_transport, m_context.cancel.get(), m_context.iterations);
    const bool scripted = scripts.any(written);
    std::optional<RequestSpec> changed;   // a copy only when pre-request scripts may change it
    if (scripted) {
        changed = written;
        scripts.preRequest(*changed, ex, iteration);
    }
    const RequestSpec &request = changed ? *changed : written;

    EffectiveAuth auth;
    if (m_context.collection && m_context.collection->find(request.id))
        auth = m_context.collection->effectiveAuth(request.id);
    else
        auth = {request.auth, u"request"_s};
    if (auth.spec.isInherit())
        auth.spec.type = AuthSpec::Type::None;
    // A login profile's own login and refresh requests go out without that profile's token.
    if (auth.spec.type == AuthSpec::Type::Login
        && (request.id == auth.spec.loginRequest || request.name == auth.spec.loginRequest
            || (!auth.spec.refreshRequest.isEmpty()
                && (request.id == auth.spec.refreshRequest || request.name == auth.spec.refreshRequest)))) {
        auth.spec = AuthSpec{};
        auth.spec.type = AuthSpec::Type::None;
        auth.source = Tr::tr("none: this is the profile's login request");
    }

    auto prepared = PreparedRequest::build(request, m_context.scope);
    if (!prepared) {
        ex.error = prepared.error();
        return ex;
    }
    ex.request = prepared.value();
    QElapsedTimer loginClock;
    loginClock.start();
    const qint64 beforeAuthNs = prepareClock.nsecsElapsed();
    auto token = applyAuth(auth, ex.request, ex.auth, {});
    const qint64 authNs = loginClock.nsecsElapsed();
    if (!token) {
        ex.error = token.error();
        return ex;
    }
    // The time a login took is reported by the login, not charged to this request's preparation.
    const double prepareMs = (ex.auth.loggedIn || ex.auth.refreshed) ? beforeAuthNs / 1e6
                                                                      : (beforeAuthNs + authNs) / 1e6;

    auto response = m_transport->send(ex.request, m_context.cancel.get());
    if (response && response.value().status == 401 && auth.spec.holdsTokens()) {
        // The server rejected the token (expired early, revoked): log in again once, retry once.
        auto retry = PreparedRequest::build(request, m_context.scope);
        if (retry) {
            ResolvedAuth retried;
            auto fresh = applyAuth(auth, retry.value(), retried, token.value());
            if (fresh) {
                retried.retriedAfter401 = true;
                retried.loggedIn = auth.spec.type != AuthSpec::Type::Signed;
                ex.auth = retried;
                ex.request = retry.value();
                response = m_transport->send(ex.request, m_context.cancel.get());
            } else {
                ex.error = fresh.error();
            }
        }
    }
    if (!response) {
        ex.error = response.error();
        return ex;
    }
    Response r = std::move(response).value();
    r.timings.prepare = prepareMs;
    ex.response = std::move(r);
    const QString where = request.name.isEmpty() ? request.id : request.name;
    auto checks = [&] {
        for (const Assertion &a : request.assertions)
            ex.assertions.append(a.evaluate(*ex.response, [&](const QString &text) {
                return m_context.scope.resolve(text, where + u", assertion"_s);
            }));
        runExtractions(request, *ex.response, ex);
    };
    if (scripted)
        scripts.test(request, ex, iteration, checks);
    else
        checks();
    return ex;
}

void Executor::runExtractions(const RequestSpec &request, const Response &response, Exchange &exchange)
{
    for (const Extraction &e : request.extractions) {
        auto value = e.extract(response);
        if (!value) {
            exchange.extractionErrors.append(value.error());
            continue;
        }
        m_context.scope.runtime().set(e.variable, value.value());
        exchange.extracted.append({e.variable, value.value()});
    }
}

Result<QString> Executor::applyAuth(const EffectiveAuth &auth, PreparedRequest &prepared, ResolvedAuth &resolved,
                                    const QString &staleToken)
{
    const AuthSpec &spec = auth.spec;
    resolved.type = AuthSpec::typeName(spec.type);
    resolved.inheritedFrom = auth.source;
    const QString source = u"auth: %1 from %2"_s.arg(resolved.type, auth.source);
    const QString where = (prepared.name.isEmpty() ? prepared.id : prepared.name) + u", auth"_s;
    switch (spec.type) {
    case AuthSpec::Type::Inherit:
    case AuthSpec::Type::None:
        return QString();
    case AuthSpec::Type::Basic: {
        const auto user = m_context.scope.resolve(spec.username, where);
        if (!user)
            return user.error();
        const auto password = m_context.scope.resolve(spec.password, where);
        if (!password)
            return password.error();
        prepared.setHeader("Authorization", "Basic " + (user.value() + u':' + password.value()).toUtf8().toBase64(), source);
        return QString();
    }
    case AuthSpec::Type::Bearer: {
        const auto token = m_context.scope.resolve(spec.token, where);
        if (!token)
            return token.error();
        prepared.setHeader("Authorization", "Bearer " + token.value().toUtf8(), source);
        HeldToken held;
        held.accessToken = token.value();
        if (auto claims = TokenInspector::claims(held.accessToken)) {
            held.claims = claims.value();
            held.expiresAt = TokenInspector::expiry(held.claims);
        }
        held.tokenId = TokenInspector::tokenId(held.accessToken, held.claims);
        describeToken(held, resolved);
        return token.value();
    }
    case AuthSpec::Type::Login:
    case AuthSpec::Type::OAuth2:
    case AuthSpec::Type::Signed: {
        resolved.profileId = spec.id;
        resolved.profileName = profileLabel(spec);
        auto held = ensureToken(spec, resolved, staleToken);
        if (!held)
            return held.error();
        const QString label = u"auth: %1 profile \"%2\" from %3"_s.arg(resolved.type, resolved.profileName, auth.source);
        if (spec.placement == AuthSpec::Placement::Query) {
            prepared.addQueryItem(spec.queryParam, held.value().accessToken);
        } else {
            const QString value = spec.scheme.isEmpty() ? held.value().accessToken
                                                        : spec.scheme + u' ' + held.value().accessToken;
            prepared.setHeader(spec.header.toLatin1(), value.toUtf8(), label);
        }
        describeToken(held.value(), resolved);
        return held.value().accessToken;
    }
    }
    return QString();
}

Result<HeldToken> Executor::ensureToken(const AuthSpec &spec, ResolvedAuth &resolved, const QString &staleToken)
{
    TokenStore &tokens = *m_context.tokens;
    const QString key = TokenStore::key(m_context.scope.environmentId(), spec.id);
    const auto mutex = tokens.loginMutex(key);
    QMutexLocker lock(mutex.get());

    std::optional<HeldToken> held = spec.perRequest ? std::nullopt : tokens.token(key);
    if (held && !staleToken.isEmpty() && held->accessToken == staleToken) {
        tokens.invalidate(key, staleToken);
        held.reset();
    }
    if (held && !needsRenewal(spec, *held, QDateTime::currentDateTimeUtc()))
        return *held;   // valid, or renewed by another request while this one waited for the lock
    if (held && !held->refreshToken.isEmpty()
        && (spec.type == AuthSpec::Type::OAuth2 || (spec.type == AuthSpec::Type::Login && !spec.refreshRequest.isEmpty()))) {
        auto refreshed = spec.type == AuthSpec::Type::OAuth2 ? obtainOAuthToken(spec, held->refreshToken)
                                                             : obtainToken(spec, spec.refreshRequest, held->refreshToken);
        if (refreshed) {
            HeldToken fresh = refreshed.value();
            if (fresh.refreshToken.isEmpty())
                fresh.refreshToken = held->refreshToken;
            tokens.store(key, fresh);
            tokens.countRefresh();
            resolved.refreshed = true;
            return fresh;
        }
        qCInfo(lcHttp) << "refresh failed, logging in:" << refreshed.error().toString();
    }
    if (spec.type == AuthSpec::Type::Signed) {
        auto minted = signLocally(spec);
        if (!minted)
            return minted.error();
        if (!spec.perRequest)
            tokens.store(key, minted.value());
        resolved.signedLocally = true;
        return minted;
    }
    auto fresh = spec.type == AuthSpec::Type::OAuth2 ? obtainOAuthToken(spec, {}) : obtainToken(spec, spec.loginRequest, {});
    if (!fresh)
        return fresh.error();
    tokens.store(key, fresh.value());
    tokens.countLogin();
    resolved.loggedIn = true;
    return fresh;
}

Result<HeldToken> Executor::obtainToken(const AuthSpec &spec, const QString &requestRef, const QString &refreshToken)
{
    const QString profile = profileLabel(spec);
    const RequestSpec *request = m_context.collection ? m_context.collection->findRequest(requestRef) : nullptr;
    if (!request)
        return Error{Error::Kind::NotFound,
                     Tr::tr("The login profile \"%1\" uses the request \"%2\", which is not in the collection.")
                         .arg(profile, requestRef),
                     profile};
    VariableScope scope = m_context.scope;
    if (!refreshToken.isEmpty())
        scope.setLocal(u"refreshToken"_s, refreshToken);
    auto prepared = PreparedRequest::build(*request, scope);
    if (!prepared)
        return prepared.error();
    if (request->auth.type == AuthSpec::Type::Basic || request->auth.type == AuthSpec::Type::Bearer) {
        ResolvedAuth ignored;
        if (auto a = applyAuth({request->auth, u"request"_s}, prepared.value(), ignored, {}); !a)
            return a.error();
    }
    const QString what = u"%1 %2"_s.arg(QString::fromLatin1(prepared.value().method), prepared.value().url.toDisplayString());
    auto response = m_transport->send(prepared.value(), m_context.cancel.get());
    if (!response)
        return Error{response.error().kind,
                     Tr::tr("Logging in for \"%1\" failed: %2").arg(profile, response.error().message), what};
    const Response &r = response.value();
    if (r.status < 200 || r.status > 299)
        return Error{Error::Kind::Network,
                     Tr::tr("Logging in for \"%1\" failed: the server answered %2 %3 (%4).")
                         .arg(profile)
                         .arg(r.status)
                         .arg(HttpStatus::reason(r.status), QString::fromUtf8(r.body.left(200))),
                     what};
    const auto json = r.json();
    if (!json)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The login response for \"%1\" is not JSON: %2").arg(profile, json.error().message), what};
    const auto token = JsonPointer::resolve(json.value(), spec.tokenPointer);
    if (!token || !token.value().isString() || token.value().toString().isEmpty())
        return Error{Error::Kind::NotFound,
                     Tr::tr("The login response for \"%1\" has no token string at %2.").arg(profile, spec.tokenPointer),
                     what};
    HeldToken held;
    held.accessToken = token.value().toString();
    held.obtainedAt = QDateTime::currentDateTimeUtc();
    if (!spec.refreshTokenPointer.isEmpty()) {
        if (const auto refresh = JsonPointer::resolve(json.value(), spec.refreshTokenPointer))
            held.refreshToken = JsonPointer::toText(refresh.value());
    }
    if (auto claims = TokenInspector::claims(held.accessToken)) {
        held.claims = claims.value();
        held.expiresAt = TokenInspector::expiry(held.claims);
    }
    if (!held.expiresAt && !spec.expiresInPointer.isEmpty()) {
        if (const auto expiresIn = JsonPointer::resolve(json.value(), spec.expiresInPointer)) {
            const double seconds = JsonPointer::toText(expiresIn.value()).toDouble();
            if (seconds > 0)
                held.expiresAt = held.obtainedAt.addMSecs(qint64(seconds * 1000));
        }
    }
    held.tokenId = TokenInspector::tokenId(held.accessToken, held.claims);
    Exchange ignored;
    runExtractions(*request, r, ignored);
    return held;
}

} // namespace quarry::http

namespace quarry::http {

Result<HeldToken> Executor::obtainOAuthToken(const AuthSpec &spec, const QString &refreshToken)
{
    const QString profile = profileLabel(spec);
    const VariableScope &scope = m_context.scope;
    const QString where = profile + u", auth"_s;
    auto resolve = [&](const QString &text) { return scope.resolve(text, where); };
    const auto url = resolve(spec.tokenUrl);
    if (!url)
        return url.error();
    PreparedRequest p;
    p.name = profile;
    p.method = "POST";
    p.url = QUrl(url.value());
    if (!p.url.isValid() || p.url.host().isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" is not a token URL.").arg(url.value()), where};
    const auto clientId = resolve(spec.clientId);
    if (!clientId)
        return clientId.error();
    const auto clientSecret = resolve(spec.clientSecret);
    if (!clientSecret)
        return clientSecret.error();
    QList<QPair<QString, QString>> form;
    if (!refreshToken.isEmpty()) {
        form = {{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, refreshToken}};
    } else {
        form = {{u"grant_type"_s, spec.grant}};
        if (spec.grant == u"password"_s) {
            const auto user = resolve(spec.username);
            if (!user)
                return user.error();
            const auto password = resolve(spec.password);
            if (!password)
                return password.error();
            form += {{u"username"_s, user.value()}, {u"password"_s, password.value()}};
        }
        if (!spec.scope.isEmpty()) {
            const auto scopeText = resolve(spec.scope);
            if (!scopeText)
                return scopeText.error();
            form.append({u"scope"_s, scopeText.value()});
        }
    }
    if (spec.clientAuth == u"basic"_s && !clientId.value().isEmpty()) {
        // RFC 6749 2.3.1: both parts form-urlencoded before base64.
        const QByteArray credentials = QUrl::toPercentEncoding(clientId.value()) + ':' + QUrl::toPercentEncoding(clientSecret.value());
        p.setHeader("Authorization", "Basic " + credentials.toBase64(), u"oauth2 client"_s);
    } else if (!clientId.value().isEmpty()) {
        form.append({u"client_id"_s, clientId.value()});
        if (!clientSecret.value().isEmpty())
            form.append({u"client_secret"_s, clientSecret.value()});
    }
    QByteArrayList pairs;
    for (const auto &[k, v] : std::as_const(form))
        pairs.append(QUrl::toPercentEncoding(k) + '=' + QUrl::toPercentEncoding(v));
    p.body = pairs.join('&');
    p.setHeader("Content-Type", "application/x-www-form-urlencoded", u"oauth2"_s);
    p.setHeader("Accept", "application/json", u"oauth2"_s);
    p.setHeader("User-Agent", "Quarry/" QUARRY_VERSION, u"default"_s);
    const QString what = u"POST "_s + p.url.toDisplayString();
    auto response = m_transport->send(p, m_context.cancel.get());
    if (!response)
        return Error{response.error().kind, Tr::tr("Getting a token for \"%1\" failed: %2").arg(profile, response.error().message), what};
    const Response &r = response.value();
    const auto json = r.json();
    const QJsonObject body = json ? json.value().toObject() : QJsonObject();
    if (r.status < 200 || r.status > 299) {
        const QString reason = body.contains(u"error"_s)
            ? body.value(u"error"_s).toString() + (body.contains(u"error_description"_s) ? u": "_s + body.value(u"error_description"_s).toString() : QString())
            : QString::fromUtf8(r.body.left(200));
        return Error{Error::Kind::Network,
                     Tr::tr("The token endpoint refused \"%1\" (%2 %3): %4.").arg(profile).arg(r.status).arg(HttpStatus::reason(r.status), reason),
                     what};
    }
    const QString access = body.value(u"access_token"_s).toString();
    if (access.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("The token endpoint's answer for \"%1\" has no access_token.").arg(profile), what};
    HeldToken held;
    held.accessToken = access;
    held.refreshToken = body.value(u"refresh_token"_s).toString();
    held.obtainedAt = QDateTime::currentDateTimeUtc();
    if (auto claims = TokenInspector::claims(access)) {
        held.claims = claims.value();
        held.expiresAt = TokenInspector::expiry(held.claims);
    }
    if (!held.expiresAt && body.value(u"expires_in"_s).toDouble() > 0)
        held.expiresAt = held.obtainedAt.addMSecs(qint64(body.value(u"expires_in"_s).toDouble() * 1000));
    held.tokenId = TokenInspector::tokenId(access, held.claims);
    return held;
}

Result<HeldToken> Executor::signLocally(const AuthSpec &spec)
{
    const QString where = profileLabel(spec) + u", auth"_s;
    QJsonObject profileJson;
    qsizetype index = -1;
    for (qsizetype i = 0; i < m_context.authProfiles.size(); ++i) {
        if (m_context.authProfiles.at(i).toObject().value(u"id"_s).toString() == spec.authProfile) {
            profileJson = m_context.authProfiles.at(i).toObject();
            index = i;
        }
    }
    if (index < 0)
        return Error{Error::Kind::NotFound,
                     Tr::tr("The workspace has no auth profile \"%1\" to sign tokens with.").arg(spec.authProfile), where};
    auto issuer = m_issuers.value(spec.authProfile);
    if (!issuer) {
        auto profile = auth::AuthProfile::fromJson(profileJson, u"authProfiles[%1]"_s.arg(index));
        if (!profile)
            return profile.error();
        auto made = auth::TokenIssuer::fromProfile(profile.value());
        if (!made)
            return made.error();
        issuer = std::make_shared<auth::TokenIssuer>(std::move(made).value());
        m_issuers.insert(spec.authProfile, issuer);
    }
    auth::TokenRequest request;
    const auto subject = m_context.scope.resolve(spec.subject, where);
    if (!subject)
        return subject.error();
    request.subject = subject.value();
    request.roles = spec.roles;
    request.claims = spec.claims;
    auto issued = issuer->issue(request);
    if (!issued)
        return issued.error();
    HeldToken held;
    held.accessToken = QString::fromLatin1(issued.value().token);
    held.claims = issued.value().claims;
    held.obtainedAt = QDateTime::currentDateTimeUtc();
    if (issued.value().expiresAt > 0)
        held.expiresAt = QDateTime::fromSecsSinceEpoch(issued.value().expiresAt, Qt::UTC);
    held.tokenId = issued.value().jwtId.isEmpty() ? TokenInspector::tokenId(held.accessToken, held.claims) : issued.value().jwtId;
    return held;
}

} // namespace quarry::http
