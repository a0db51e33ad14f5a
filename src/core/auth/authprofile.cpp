// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "auth/authprofile.h"

#include "workspace/secretref.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::auth {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(AuthProfile)
};

using workspace::SecretRef;

QString at(const QString &where, const QString &field)
{
    return where.isEmpty() ? field : where + u'.' + field;
}

Error invalid(const QString &message, const QString &where)
{
    return Error{Error::Kind::InvalidInput, message, where};
}

/// A PEM or a JWK (JSON text) to a Key.
Result<Key> keyFromText(const QByteArray &text, const QString &kid, const QString &where)
{
    const QByteArray trimmed = text.trimmed();
    Result<Key> key = trimmed.startsWith('{') ? Key::fromJwk(QJsonDocument::fromJson(trimmed).object())
                                              : Key::fromPem(trimmed, kid);
    if (!key)
        return invalid(key.error().message, where);
    if (!kid.isEmpty())
        return key.value().withKid(kid);
    return key;
}
} // namespace

Result<AuthProfile> AuthProfile::fromJson(const QJsonObject &json, const QString &where)
{
    AuthProfile p;
    p.m_json = json;
    p.m_where = where;
    p.m_id = json.value(u"id"_s).toString();
    if (p.m_id.isEmpty())
        return invalid(Tr::tr("An auth profile needs an \"id\"."), at(where, u"id"_s));
    p.m_name = json.value(u"name"_s).toString(p.m_id);

    auto alg = Algorithms::fromName(json.value(u"algorithm"_s).toString(u"HS256"_s));
    if (!alg)
        return invalid(alg.error().message, at(where, u"algorithm"_s));
    p.m_algorithm = alg.value();
    if (json.contains(u"allowedAlgorithms"_s)) {
        for (const QJsonValue &v : json.value(u"allowedAlgorithms"_s).toArray()) {
            auto a = Algorithms::fromName(v.toString());
            if (!a)
                return invalid(a.error().message, at(where, u"allowedAlgorithms"_s));
            if (!p.m_allowed.contains(a.value()))
                p.m_allowed << a.value();
        }
        if (p.m_allowed.isEmpty())
            return invalid(Tr::tr("\"allowedAlgorithms\" is empty: no token could ever verify."),
                           at(where, u"allowedAlgorithms"_s));
    } else {
        p.m_allowed = {p.m_algorithm};
    }
    // One family per profile: mixing HS with asymmetric algorithms is how key confusion starts.
    for (Algorithm a : std::as_const(p.m_allowed)) {
        if (Algorithms::family(a) == KeyFamily::Hmac && Algorithms::family(p.m_algorithm) != KeyFamily::Hmac)
            return invalid(Tr::tr("%1 cannot be allowed in a %2 profile: an HMAC algorithm next to public keys invites "
                                  "the key-confusion attack.").arg(Algorithms::name(a), Algorithms::name(p.m_algorithm)),
                           at(where, u"allowedAlgorithms"_s));
    }

    p.m_issuer = json.value(u"issuer"_s).toString();
    const QJsonValue aud = json.value(u"audience"_s);
    if (aud.isString() && !aud.toString().isEmpty())
        p.m_audiences = {aud.toString()};
    else
        for (const QJsonValue &v : aud.toArray())
            p.m_audiences << v.toString();
    p.m_lifetime = json.value(u"lifetimeSeconds"_s).toInteger(3600);
    if (p.m_lifetime <= 0)
        return invalid(Tr::tr("\"lifetimeSeconds\" must be positive."), at(where, u"lifetimeSeconds"_s));
    p.m_leeway = json.value(u"leewaySeconds"_s).toInteger(0);
    if (p.m_leeway < 0)
        return invalid(Tr::tr("\"leewaySeconds\" cannot be negative."), at(where, u"leewaySeconds"_s));
    p.m_requireExpiry = json.value(u"requireExpiry"_s).toBool(true);
    p.m_rolesClaim = json.value(u"rolesClaim"_s).toString(u"roles"_s);
    p.m_secret = json.value(u"secret"_s).toString();
    p.m_privateKey = json.value(u"privateKey"_s).toString();
    p.m_publicKey = json.value(u"publicKey"_s).toString();
    p.m_jwks = json.value(u"jwks"_s).toObject();
    p.m_kid = json.value(u"kid"_s).toString();
    p.m_demoFallback = json.value(u"demoFallback"_s).toBool(false);
    p.m_ephemeralKey = json.value(u"ephemeralKey"_s).toBool(false);
    p.m_clientId = json.value(u"clientId"_s).toString();
    p.m_clientSecret = json.value(u"clientSecret"_s).toString();
    for (const QJsonValue &v : json.value(u"clientRoles"_s).toArray())
        p.m_clientRoles << v.toString();
    p.m_refreshLifetime = json.value(u"refreshTokenLifetimeSeconds"_s).toInteger(86400);
    if (p.m_refreshLifetime <= 0)
        return invalid(Tr::tr("\"refreshTokenLifetimeSeconds\" must be positive."),
                       at(where, u"refreshTokenLifetimeSeconds"_s));

    for (const auto &[field, value] : {std::pair{u"secret"_s, p.m_secret}, std::pair{u"privateKey"_s, p.m_privateKey},
                                       std::pair{u"clientSecret"_s, p.m_clientSecret}}) {
        if (!value.isEmpty() && !SecretRef::isReference(value))
            return invalid(Tr::tr("\"%1\" must be a reference (env:NAME or keychain:NAME), never the key itself.")
                               .arg(field),
                           at(where, field));
    }
    if (Algorithms::family(p.m_algorithm) == KeyFamily::Hmac) {
        if (p.m_secret.isEmpty() && !p.m_demoFallback)
            return invalid(Tr::tr("An %1 profile needs a \"secret\" reference (env:NAME or keychain:NAME).")
                               .arg(Algorithms::name(p.m_algorithm)),
                           at(where, u"secret"_s));
    } else if (p.m_privateKey.isEmpty() && p.m_publicKey.isEmpty() && p.m_jwks.isEmpty() && !p.m_ephemeralKey) {
        return invalid(Tr::tr("A %1 profile needs a \"privateKey\" reference (to sign) or a \"publicKey\"/\"jwks\" "
                              "(to verify), or \"ephemeralKey\": true. Quarry can generate a key pair for it.")
                           .arg(Algorithms::name(p.m_algorithm)),
                       at(where, u"privateKey"_s));
    }
    return p;
}

Result<QList<AuthProfile>> AuthProfile::fromWorkspace(const workspace::Workspace &ws)
{
    QList<AuthProfile> out;
    QSet<QString> ids;
    const QJsonArray array = ws.sectionArray(workspace::Section::AuthProfiles);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = u"authProfiles[%1]"_s.arg(i);
        auto p = fromJson(array.at(i).toObject(), where);
        if (!p)
            return p.error();
        if (ids.contains(p.value().id()))
            return invalid(Tr::tr("Two auth profiles have the id \"%1\".").arg(p.value().id()), at(where, u"id"_s));
        ids.insert(p.value().id());
        out << p.value();
    }
    return out;
}

Result<AuthProfile> AuthProfile::find(const workspace::Workspace &ws, const QString &id)
{
    auto all = fromWorkspace(ws);
    if (!all)
        return all.error();
    QStringList ids;
    for (const AuthProfile &p : all.value()) {
        if (p.id() == id)
            return p;
        ids << p.id();
    }
    return Error{Error::Kind::NotFound,
                 ids.isEmpty() ? Tr::tr("The workspace has no auth profiles; \"%1\" is not there.").arg(id)
                               : Tr::tr("No auth profile \"%1\" (there are: %2).").arg(id, ids.join(u", "_s)),
                 u"authProfiles"_s};
}

QJsonObject AuthProfile::toJson() const
{
    QJsonObject o = m_json;
    o[u"id"_s] = m_id;
    o[u"name"_s] = m_name;
    o[u"algorithm"_s] = Algorithms::name(m_algorithm);
    if (m_allowed != QList<Algorithm>{m_algorithm})
        o[u"allowedAlgorithms"_s] = QJsonArray::fromStringList(Algorithms::names(m_allowed));
    if (!m_issuer.isEmpty())
        o[u"issuer"_s] = m_issuer;
    if (m_audiences.size() == 1)
        o[u"audience"_s] = m_audiences.first();
    else if (!m_audiences.isEmpty())
        o[u"audience"_s] = QJsonArray::fromStringList(m_audiences);
    o[u"lifetimeSeconds"_s] = m_lifetime;
    o[u"rolesClaim"_s] = m_rolesClaim;
    auto setOrRemove = [&o](const QString &key, const QString &value) {
        if (value.isEmpty())
            o.remove(key);
        else
            o[key] = value;
    };
    setOrRemove(u"secret"_s, m_secret);
    setOrRemove(u"privateKey"_s, m_privateKey);
    setOrRemove(u"publicKey"_s, m_publicKey);
    setOrRemove(u"kid"_s, m_kid);
    return o;
}

VerifyOptions AuthProfile::verifyOptions() const
{
    VerifyOptions o;
    o.algorithms = m_allowed;
    o.issuer = m_issuer;
    o.audiences = m_audiences;
    o.leewaySeconds = m_leeway;
    o.requireExpiry = m_requireExpiry;
    return o;
}

Result<ProfileKeys> AuthProfile::resolveKeys(int timeoutMs) const
{
    ProfileKeys keys;
    if (Algorithms::family(m_algorithm) == KeyFamily::Hmac) {
        QByteArray secret;
        Result<SecretRef> ref = m_secret.isEmpty()
            ? Result<SecretRef>(Error{Error::Kind::NotFound, Tr::tr("No secret reference."), {}})
            : SecretRef::parse(m_secret);
        Result<QString> value = ref ? ref.value().resolve(timeoutMs) : Result<QString>(ref.error());
        if (value && !value.value().isEmpty()) {
            secret = value.value().toUtf8();
        } else if (m_demoFallback && (!ref || ref.value().kind() == SecretRef::Kind::Environment)) {
            secret = QByteArray(DemoSecret);
            keys.usesDemoSecret = true;
            keys.warnings << Tr::tr("%1 is not set: profile \"%2\" signs with Quarry's public workshop secret. Anyone can "
                                    "forge these tokens; set %1 for anything but a workshop.")
                                 .arg(ref ? ref.value().name() : u"The secret"_s, m_id);
        } else {
            const Error e = value ? Error{Error::Kind::InvalidInput, Tr::tr("The secret is empty."), {}} : value.error();
            return Error{e.kind, Tr::tr("Cannot get the secret of auth profile \"%1\": %2").arg(m_id, e.message),
                         at(m_where, u"secret"_s)};
        }
        auto key = Key::fromSecret(secret, m_kid);
        if (!key)
            return invalid(key.error().message, at(m_where, u"secret"_s));
        if (auto usable = key.value().checkUsableFor(m_algorithm, true); !usable)
            return invalid(usable.error().message, at(m_where, u"secret"_s));
        keys.signingKey = key.value();
        keys.verificationKeys.add(key.value());
        return keys;
    }

    QSet<QString> seen;
    auto addVerification = [&](const Key &k) {
        if (!seen.contains(k.thumbprint())) {
            seen.insert(k.thumbprint());
            keys.verificationKeys.add(k.publicKey());
        }
    };
    if (m_privateKey.isEmpty() && m_ephemeralKey) {
        // One key per profile id and algorithm for the life of the process, so the issuer and the
        // verifiers built separately from this profile agree.
        static QMutex mutex;
        static QHash<QString, Key> generated;
        QMutexLocker lock(&mutex);
        const QString cacheKey = m_id + u'/' + Algorithms::name(m_algorithm) + u'/' + m_kid;
        if (!generated.contains(cacheKey)) {
            auto key = Key::generate(m_algorithm, m_kid);
            if (!key)
                return Error{key.error().kind, key.error().message, at(m_where, u"ephemeralKey"_s)};
            generated.insert(cacheKey, key.value());
        }
        keys.signingKey = generated.value(cacheKey);
        addVerification(keys.signingKey);
        keys.warnings << Tr::tr("Profile \"%1\" signs with an ephemeral %2 key generated at start-up: its tokens stop "
                                "verifying when Quarry restarts.").arg(m_id, Algorithms::name(m_algorithm));
    }
    if (!m_privateKey.isEmpty()) {
        auto ref = SecretRef::parse(m_privateKey);
        if (!ref)
            return invalid(ref.error().message, at(m_where, u"privateKey"_s));
        auto text = ref.value().resolve(timeoutMs);
        if (!text)
            return Error{text.error().kind,
                         Tr::tr("Cannot get the private key of auth profile \"%1\": %2 (Quarry can generate one: quarry "
                                "jwt keygen --alg %3).")
                             .arg(m_id, text.error().message, Algorithms::name(m_algorithm)),
                         at(m_where, u"privateKey"_s)};
        auto key = keyFromText(text.value().toUtf8(), m_kid, at(m_where, u"privateKey"_s));
        if (!key)
            return key.error();
        Key k = key.value().kid().isEmpty() ? key.value().withKid(key.value().thumbprint()) : key.value();
        if (auto usable = k.checkUsableFor(m_algorithm, true); !usable)
            return invalid(usable.error().message, at(m_where, u"privateKey"_s));
        keys.signingKey = k;
        addVerification(k);
    }
    if (!m_publicKey.isEmpty()) {
        QString text = m_publicKey;
        if (SecretRef::isReference(m_publicKey)) {
            auto resolved = SecretRef::parse(m_publicKey).value().resolve(timeoutMs);
            if (!resolved)
                return Error{resolved.error().kind, resolved.error().message, at(m_where, u"publicKey"_s)};
            text = resolved.value();
        }
        auto key = keyFromText(text.toUtf8(), m_kid, at(m_where, u"publicKey"_s));
        if (!key)
            return key.error();
        const Key k = key.value().kid().isEmpty() ? key.value().withKid(key.value().thumbprint()) : key.value();
        if (keys.signingKey.isNull() || k.thumbprint() == keys.signingKey.thumbprint())
            addVerification(keys.signingKey.isNull() ? k : keys.signingKey);
        else
            return invalid(Tr::tr("The profile's public key does not belong to its private key."),
                           at(m_where, u"publicKey"_s));
    }
    if (!m_jwks.isEmpty()) {
        auto set = KeySet::fromJwks(m_jwks);
        if (!set)
            return invalid(set.error().message, at(m_where, u"jwks."_s + set.error().where));
        for (const Key &k : set.value().keys())
            addVerification(k);
    }
    return keys;
}

Result<Key> AuthProfile::generateKeyPair(int timeoutMs)
{
    if (Algorithms::family(m_algorithm) == KeyFamily::Hmac)
        return invalid(Tr::tr("An %1 profile uses a shared secret, not a key pair.").arg(Algorithms::name(m_algorithm)),
                       at(m_where, u"algorithm"_s));
    auto key = Key::generate(m_algorithm, m_kid);
    if (!key)
        return key.error();
    if (!m_privateKey.isEmpty()) {
        auto ref = SecretRef::parse(m_privateKey);
        if (ref && ref.value().kind() == SecretRef::Kind::Keychain) {
            auto stored = ref.value().store(QString::fromLatin1(key.value().toPem(true).value()), timeoutMs);
            if (!stored)
                return Error{stored.error().kind, stored.error().message, at(m_where, u"privateKey"_s)};
        }
    }
    m_kid = key.value().kid();
    m_publicKey = QString::fromLatin1(key.value().toPem(false).value());
    return key;
}

} // namespace quarry::auth
