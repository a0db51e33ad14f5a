// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jwtcommand.h"

#include "auth/authprofile.h"
#include "auth/jwt.h"
#include "auth/jwtverifier.h"
#include "auth/key.h"
#include "auth/keyset.h"
#include "auth/passwordhasher.h"
#include "auth/tokenissuer.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

using namespace quarry::auth;

QList<Option> keyOptions()
{
    return {{.name = u"--workspace"_s, .value = u"FILE"_s, .help = u"the workspace of an auth profile (with --profile)"_s},
            {.name = u"--profile"_s, .value = u"ID"_s, .help = u"an auth profile of that workspace"_s},
            {.name = u"--secret-env"_s, .value = u"NAME"_s,
             .help = u"an HMAC secret in an environment variable (HS256 by default)"_s},
            {.name = u"--key-file"_s, .value = u"FILE"_s, .help = u"a PEM key or certificate, a JWK or a JWKS"_s}};
}

const Operand token{.name = u"TOKEN|-"_s, .missing = u"Give the token as an argument, or - to read it from stdin."_s};

void printJson(Io &io, const QJsonValue &v)
{
    const QJsonDocument doc = v.isArray() ? QJsonDocument(v.toArray()) : QJsonDocument(v.toObject());
    io.out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

int fail(Io &io, const Error &e, int code = Failure)
{
    io.err << "quarry jwt: " << e.toString() << '\n';
    return code;
}

int usageError(Io &io, const QString &message)
{
    io.err << "quarry jwt: " << message << "\nTry quarry jwt --help.\n";
    return UsageError;
}

/// A key file: a PEM, a JWK or a JWKS is far below this; /dev/zero or a wrong path must not exhaust memory.
constexpr qint64 MaxKeyFileBytes = 1024 * 1024;

Result<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, u"Cannot read %1: %2."_s.arg(path, f.errorString()), path};
    QByteArray bytes = f.read(MaxKeyFileBytes + 1);
    if (bytes.size() > MaxKeyFileBytes)
        return Error{Error::Kind::InvalidInput,
                     u"%1 is larger than %2 bytes; a key file holds a PEM key or certificate, a JWK or a JWKS."_s
                         .arg(path).arg(MaxKeyFileBytes),
                     path};
    return bytes;
}

/// The token argument, or stdin for "-".
Result<QByteArray> tokenArgument(const QStringList &positional)
{
    if (positional.isEmpty())
        return Error{Error::Kind::InvalidInput, u"Give the token as an argument, or - to read it from stdin."_s, {}};
    if (positional.first() != u"-"_s)
        return positional.first().toUtf8().trimmed();
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return Error{Error::Kind::Io, u"Cannot read stdin."_s, {}};
    return in.read(Jws::MaxTokenBytes + 2).trimmed();
}

/// Everything a KEY option set resolves to.
struct KeySource {
    std::optional<AuthProfile> profile;
    Key signingKey;
    KeySet verificationKeys;
    QStringList warnings;
};

std::optional<Algorithm> impliedAlgorithm(const Key &key)
{
    if (key.algorithm())
        return key.algorithm();
    switch (key.type()) {
    case Key::Type::Oct: return Algorithm::HS256;
    case Key::Type::Rsa: return Algorithm::RS256;
    case Key::Type::Ec: return key.curve() == u"P-384"_s ? Algorithm::ES384 : Algorithm::ES256;
    case Key::Type::Okp: return Algorithm::EdDSA;
    }
    return std::nullopt;
}

Result<KeySource> keySource(const Arguments &o)
{
    const int given = int(o.isSet(u"--workspace"_s) || o.isSet(u"--profile"_s)) + int(o.isSet(u"--secret-env"_s))
        + int(o.isSet(u"--key-file"_s));
    if (given == 0)
        return Error{Error::Kind::InvalidInput,
                     u"Name a key: --workspace W --profile ID, --secret-env NAME or --key-file FILE."_s, {}};
    if (given > 1)
        return Error{Error::Kind::InvalidInput, u"Give only one of --profile, --secret-env and --key-file."_s, {}};
    KeySource s;
    if (o.isSet(u"--workspace"_s) || o.isSet(u"--profile"_s)) {
        if (o.value(u"--workspace"_s).isEmpty() || o.value(u"--profile"_s).isEmpty())
            return Error{Error::Kind::InvalidInput, u"--workspace and --profile go together."_s, {}};
        auto ws = workspace::Workspace::load(o.value(u"--workspace"_s));
        if (!ws)
            return ws.error();
        auto profile = AuthProfile::find(*ws.value(), o.value(u"--profile"_s));
        if (!profile)
            return profile.error();
        auto keys = profile.value().resolveKeys();
        if (!keys)
            return keys.error();
        s.profile = profile.value();
        s.signingKey = keys.value().signingKey;
        s.verificationKeys = keys.value().verificationKeys;
        s.warnings = keys.value().warnings;
        return s;
    }
    if (o.isSet(u"--secret-env"_s)) {
        const QString name = o.value(u"--secret-env"_s);
        if (!qEnvironmentVariableIsSet(name.toUtf8().constData()))
            return Error{Error::Kind::NotFound, u"The environment variable %1 is not set."_s.arg(name), name};
        auto key = Key::fromSecret(qgetenv(name.toUtf8().constData()), o.value(u"--kid"_s));
        if (!key)
            return key.error();
        s.signingKey = key.value();
        s.verificationKeys.add(key.value());
        return s;
    }
    const QString path = o.value(u"--key-file"_s);
    auto bytes = readFile(path);
    if (!bytes)
        return bytes.error();
    const QByteArray text = bytes.value().trimmed();
    if (text.startsWith('{')) {
        QJsonParseError pe;
        const QJsonObject json = QJsonDocument::fromJson(text, &pe).object();
        if (pe.error != QJsonParseError::NoError)
            return Error{Error::Kind::InvalidInput, u"%1 is not valid JSON: %2."_s.arg(path, pe.errorString()), path};
        if (json.contains(u"keys"_s)) {
            auto set = KeySet::fromJwks(json);
            if (!set)
                return set.error();
            s.verificationKeys = set.value();
            return s;
        }
        auto key = Key::fromJwk(json);
        if (!key)
            return Error{key.error().kind, key.error().message, path};
        s.signingKey = key.value();
    } else {
        auto key = Key::fromPem(text, o.value(u"--kid"_s));
        if (!key)
            return Error{key.error().kind, key.error().message, path};
        s.signingKey = key.value();
    }
    if (!o.value(u"--kid"_s).isEmpty())
        s.signingKey = s.signingKey.withKid(o.value(u"--kid"_s));
    s.verificationKeys.add(s.signingKey.publicKey());
    if (!s.signingKey.hasPrivate())
        s.signingKey = Key();
    return s;
}

QJsonValue claimValue(const QString &text)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(u"[%1]"_s.arg(text).toUtf8(), &pe);
    if (pe.error == QJsonParseError::NoError && doc.array().size() == 1)
        return doc.array().first();
    return text;
}

int sign(const Arguments &o, Io &io)
{
    auto source = keySource(o);
    if (!source)
        return fail(io, source.error(), source.error().kind == Error::Kind::InvalidInput ? UsageError : Failure);
    for (const QString &w : source.value().warnings)
        io.err << "warning: " << w << '\n';
    if (source.value().signingKey.isNull())
        return fail(io, Error{Error::Kind::InvalidInput, u"This key can only verify: signing needs a private key."_s, {}});

    QJsonObject claims;
    if (o.isSet(u"--claims"_s)) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(o.value(u"--claims"_s).toUtf8(), &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return usageError(io, u"--claims must be a JSON object."_s);
        claims = doc.object();
    }
    for (const QString &c : o.values(u"--claim"_s)) {
        const qsizetype eq = c.indexOf(u'=');
        if (eq <= 0)
            return usageError(io, u"--claim takes NAME=VALUE (got \"%1\")."_s.arg(c));
        claims.insert(c.left(eq), claimValue(c.mid(eq + 1)));
    }
    if (o.isSet(u"--iss"_s))
        claims.insert(u"iss"_s, o.value(u"--iss"_s));
    if (o.isSet(u"--aud"_s))
        claims.insert(u"aud"_s, o.value(u"--aud"_s));
    qint64 lifetime = 0;
    if (o.isSet(u"--lifetime"_s)) {
        bool ok = false;
        lifetime = o.value(u"--lifetime"_s).toLongLong(&ok);
        if (!ok || lifetime <= 0)
            return usageError(io, u"--lifetime takes a positive number of seconds."_s);
    }

    std::optional<AuthProfile> profile = source.value().profile;
    Key key = source.value().signingKey;
    if (!profile) {
        // No profile: an ad-hoc one around the key, so the claims are built the same way.
        std::optional<Algorithm> alg = impliedAlgorithm(key);
        if (o.isSet(u"--alg"_s)) {
            auto named = Algorithms::fromName(o.value(u"--alg"_s));
            if (!named)
                return usageError(io, named.error().message);
            alg = named.value();
        }
        QJsonObject json{{u"id"_s, u"cli"_s}, {u"algorithm"_s, Algorithms::name(*alg)},
                         {u"lifetimeSeconds"_s, lifetime > 0 ? lifetime : 3600}};
        json.insert(Algorithms::family(*alg) == KeyFamily::Hmac ? u"secret"_s : u"privateKey"_s, u"env:UNUSED"_s);
        profile = AuthProfile::fromJson(json).value();
    } else if (o.isSet(u"--alg"_s) && o.value(u"--alg"_s) != Algorithms::name(profile->algorithm())) {
        return usageError(io, u"Profile \"%1\" signs with %2; --alg cannot change that."_s.arg(
                                  profile->id(), Algorithms::name(profile->algorithm())));
    }
    if (o.isSet(u"--kid"_s))
        key = key.withKid(o.value(u"--kid"_s));
    const TokenIssuer issuer(*profile, key);
    TokenRequest request;
    request.subject = o.value(u"--sub"_s);
    request.roles = o.values(u"--role"_s);
    request.claims = claims;
    request.lifetimeSeconds = lifetime;
    auto issued = issuer.issue(request);
    if (!issued)
        return fail(io, issued.error());
    if (o.isSet(u"--json"_s)) {
        printJson(io, QJsonObject{{u"token"_s, QString::fromLatin1(issued.value().token)},
                                  {u"header"_s, issued.value().header},
                                  {u"claims"_s, issued.value().claims},
                                  {u"expiresAt"_s, issued.value().expiresAt},
                                  {u"expiresIn"_s, issued.value().expiresIn}});
    } else {
        io.out << issued.value().token << '\n';
    }
    return Success;
}

int verify(const Arguments &o, Io &io)
{
    auto token = tokenArgument(o.operands());
    if (!token)
        return usageError(io, token.error().message);
    auto source = keySource(o);
    if (!source)
        return fail(io, source.error(), source.error().kind == Error::Kind::InvalidInput ? UsageError : Failure);
    for (const QString &w : source.value().warnings)
        io.err << "warning: " << w << '\n';
    VerifyOptions options;
    if (source.value().profile)
        options = source.value().profile->verifyOptions();
    if (o.isSet(u"--alg"_s)) {
        options.algorithms.clear();
        for (const QString &name : o.values(u"--alg"_s)) {
            auto alg = Algorithms::fromName(name);
            if (!alg)
                return usageError(io, alg.error().message);
            options.algorithms << alg.value();
        }
    } else if (!source.value().profile) {
        // Without a profile, accept the algorithms the keys imply — never "any algorithm".
        for (const Key &k : source.value().verificationKeys.keys()) {
            if (auto alg = impliedAlgorithm(k); alg && !options.algorithms.contains(*alg))
                options.algorithms << *alg;
        }
    }
    if (o.isSet(u"--iss"_s))
        options.issuer = o.value(u"--iss"_s);
    if (o.isSet(u"--aud"_s))
        options.audiences = o.values(u"--aud"_s);
    if (o.isSet(u"--leeway"_s))
        options.leewaySeconds = o.value(u"--leeway"_s).toLongLong();
    if (o.isSet(u"--require-exp"_s))
        options.requireExpiry = true;

    auto r = JwtVerifier(source.value().verificationKeys, options).verify(token.value());
    if (!r) {
        io.err << "invalid token: " << r.error().message;
        if (!r.error().where.isEmpty())
            io.err << " [" << r.error().where << ']';
        io.err << '\n';
        return Failure;
    }
    if (o.isSet(u"--json"_s))
        printJson(io, QJsonObject{{u"valid"_s, true}, {u"header"_s, r.value().header()}, {u"claims"_s, r.value().claims()}});
    else
        printJson(io, r.value().claims());
    return Success;
}

int decode(const Arguments &o, Io &io)
{
    auto token = tokenArgument(o.operands());
    if (!token)
        return usageError(io, token.error().message);
    auto jwt = Jwt::decode(token.value());
    if (!jwt)
        return fail(io, jwt.error());
    QJsonObject out{{u"header"_s, jwt.value().header()}, {u"claims"_s, jwt.value().claims()}};
    if (auto exp = jwt.value().expiresAt()) {
        const qint64 left = *exp - QDateTime::currentSecsSinceEpoch();
        out.insert(u"expiresAt"_s, QDateTime::fromSecsSinceEpoch(*exp, Qt::UTC).toString(Qt::ISODate));
        out.insert(u"expired"_s, left <= 0);
    }
    printJson(io, out);
    return Success;
}

int keygen(const Arguments &o, Io &io)
{
    auto alg = Algorithms::fromName(o.value(u"--alg"_s));
    if (!alg)
        return usageError(io, alg.error().message);
    if (Algorithms::family(alg.value()) == KeyFamily::Hmac)
        return usageError(io, u"%1 uses a shared secret, not a key pair; any 32+ random bytes will do (openssl rand "
                              u"-base64 48)."_s.arg(o.value(u"--alg"_s)));
    auto key = Key::generate(alg.value(), o.value(u"--kid"_s));
    if (!key)
        return fail(io, key.error());
    if (o.isSet(u"--jwks"_s)) {
        printJson(io, KeySet({key.value()}).toJwks());
        io.err << "The private key is not printed with --jwks; run keygen without it to get the PEM.\n";
        return Success;
    }
    io.out << key.value().toPem(true).value() << key.value().toPem(false).value();
    io.err << "kid: " << key.value().kid() << '\n';
    return Success;
}

int jwks(const Arguments &o, Io &io)
{
    auto source = keySource(o);
    if (!source)
        return fail(io, source.error(), source.error().kind == Error::Kind::InvalidInput ? UsageError : Failure);
    const QJsonObject set = source.value().verificationKeys.toJwks();
    if (set.value(u"keys"_s).toArray().isEmpty())
        return fail(io, Error{Error::Kind::InvalidInput, u"No public keys to publish (an HMAC secret never is)."_s, {}});
    printJson(io, set);
    return Success;
}

int hashPassword(const Arguments &, Io &io)
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return fail(io, Error{Error::Kind::Io, u"Cannot read stdin."_s, {}});
    QByteArray line = in.readLine(PasswordHasher::MaxPasswordBytes + 2);
    if (line.endsWith('\n'))
        line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return usageError(io, u"Give the password on stdin (echo -n 'quarry-demo' | quarry jwt hash-password)."_s);
    auto hash = PasswordHasher().hash(QString::fromUtf8(line));
    if (!hash)
        return fail(io, hash.error());
    io.out << hash.value() << '\n';
    return Success;
}

} // namespace

const QList<OptionTable> &jwtOptions()
{
    static const QList<OptionTable> tables = [] {
        OptionTable sign{
            .command = u"jwt sign"_s,
            .summary = u"Print a signed token (claims default from the profile: iss, aud, iat, exp, jti)."_s,
            .options = keyOptions(),
            .details = u"--claim values are JSON when they parse as JSON (5, true, [\"a\"]), strings otherwise.\n"_s,
        };
        sign.options << Option{.name = u"--alg"_s, .value = u"A"_s, .help = u"the algorithm (default: the key's)"_s}
                     << Option{.name = u"--sub"_s, .value = u"S"_s, .help = u"the subject"_s}
                     << Option{.name = u"--role"_s, .value = u"R"_s, .help = u"a role"_s, .use = Option::Repeatable}
                     << Option{.name = u"--claim"_s, .value = u"NAME=VALUE"_s, .help = u"a claim"_s, .use = Option::Repeatable}
                     << Option{.name = u"--claims"_s, .value = u"JSON"_s, .help = u"claims as a JSON object"_s}
                     << Option{.name = u"--lifetime"_s, .value = u"SECONDS"_s, .help = u"how long the token is valid"_s}
                     << Option{.name = u"--iss"_s, .value = u"I"_s, .help = u"the issuer"_s}
                     << Option{.name = u"--aud"_s, .value = u"A"_s, .help = u"the audience"_s}
                     << Option{.name = u"--kid"_s, .value = u"K"_s, .help = u"the key id in the header"_s}
                     << Option{.name = u"--json"_s, .help = u"print the token with its header and claims as JSON"_s};
        OptionTable verify{
            .command = u"jwt verify"_s,
            .summary = u"Print the verified claims; exit 1 with the reason when the token is invalid."_s,
            .operands = {token},
            .options = keyOptions(),
        };
        verify.options << Option{.name = u"--alg"_s, .value = u"A"_s, .help = u"an algorithm to accept"_s,
                                 .use = Option::Repeatable}
                       << Option{.name = u"--iss"_s, .value = u"I"_s, .help = u"the issuer to require"_s}
                       << Option{.name = u"--aud"_s, .value = u"A"_s, .help = u"an audience to accept"_s,
                                 .use = Option::Repeatable}
                       << Option{.name = u"--leeway"_s, .value = u"SECONDS"_s, .help = u"clock skew to allow"_s}
                       << Option{.name = u"--require-exp"_s, .help = u"refuse a token without exp"_s}
                       << Option{.name = u"--kid"_s, .value = u"K"_s, .help = u"the key id of a key file's key"_s}
                       << Option{.name = u"--json"_s, .help = u"print header and claims as JSON"_s};
        OptionTable decode{
            .command = u"jwt decode"_s,
            .summary = u"Print header and claims as JSON, without verifying."_s,
            .operands = {token},
        };
        OptionTable keygen{
            .command = u"jwt keygen"_s,
            .summary = u"Print a new private key (PKCS#8 PEM) and its public key (or the public JWKS)."_s,
            .options = {{.name = u"--alg"_s, .value = u"RS256|RS384|RS512|PS256|ES256|ES384|EdDSA"_s,
                         .help = u"the key's algorithm"_s, .use = Option::Required},
                        {.name = u"--kid"_s, .value = u"K"_s, .help = u"the key id"_s},
                        {.name = u"--jwks"_s, .help = u"print the public JWKS instead of the PEMs"_s}},
        };
        OptionTable jwks{
            .command = u"jwt jwks"_s,
            .summary = u"Print the public JWKS of a profile or key file."_s,
            .options = keyOptions(),
        };
        jwks.options << Option{.name = u"--kid"_s, .value = u"K"_s, .help = u"the key id of a key file's key"_s};
        OptionTable hash{
            .command = u"jwt hash-password"_s,
            .summary = u"Read a password on stdin, print its argon2id hash."_s,
        };
        return QList<OptionTable>{sign, verify, decode, keygen, jwks, hash};
    }();
    return tables;
}

int runJwt(const QStringList &args, Io &io)
{
    using Run = int (*)(const Arguments &, Io &);
    static const QHash<QString, Run> runs{{u"sign"_s, sign},     {u"verify"_s, verify}, {u"decode"_s, decode},
                                          {u"keygen"_s, keygen}, {u"jwks"_s, jwks},     {u"hash-password"_s, hashPassword}};
    const QString kind = args.value(0);
    const OptionTable *table = tableForKind(jwtOptions(), kind);
    if (!table || !runs.contains(kind))
        return usageError(io, u"unknown jwt command \"%1\"."_s.arg(kind));
    int exit = Success;
    const auto parsed = parseCommandLine(*table, args.mid(1), io, &exit);
    if (!parsed)
        return exit;
    return runs.value(kind)(*parsed, io);
}

} // namespace quarry::cli
