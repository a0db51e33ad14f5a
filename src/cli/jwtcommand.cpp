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

QString usage()
{
    return u"Usage: quarry jwt COMMAND [OPTIONS]\n"
           u"\n"
           u"  sign     [KEY] [--alg A] [--sub S] [--role R]... [--claim NAME=VALUE]... [--claims JSON]\n"
           u"           [--lifetime SECONDS] [--iss I] [--aud A] [--kid K] [--json]\n"
           u"           print a signed token (claims default from the profile: iss, aud, iat, exp, jti)\n"
           u"  verify   TOKEN|- [KEY] [--alg A]... [--iss I] [--aud A] [--leeway SECONDS] [--require-exp]\n"
           u"           print the verified claims; exit 1 with the reason when the token is invalid\n"
           u"  decode   TOKEN|-    print header and claims as JSON, without verifying\n"
           u"  keygen   --alg RS256|RS384|RS512|PS256|ES256|ES384|EdDSA [--kid K] [--jwks]\n"
           u"           print a new private key (PKCS#8 PEM) and its public key (or the public JWKS)\n"
           u"  jwks     KEY        print the public JWKS of a profile or key file\n"
           u"  hash-password      read a password on stdin, print its argon2id hash\n"
           u"\n"
           u"KEY is one of:\n"
           u"  --workspace FILE --profile ID   an auth profile of a workspace\n"
           u"  --secret-env NAME               an HMAC secret in an environment variable (HS256 by default)\n"
           u"  --key-file FILE                 a PEM key or certificate, a JWK or a JWKS\n"
           u"\n"
           u"--claim values are JSON when they parse as JSON (5, true, [\"a\"]), strings otherwise.\n"_s;
}

struct Options {
    QStringList positional;
    QMultiHash<QString, QString> values;
    QSet<QString> flags;
    QString error;

    QString value(const QString &name) const { return values.value(name); }
    QStringList all(const QString &name) const
    {
        QStringList v = values.values(name);
        std::reverse(v.begin(), v.end()); // QMultiHash returns the newest first
        return v;
    }
    bool has(const QString &name) const { return values.contains(name) || flags.contains(name); }
};

Options parse(const QStringList &args)
{
    static const QSet<QString> flagNames = {u"--json"_s, u"--require-exp"_s, u"--jwks"_s, u"--stdin"_s};
    static const QSet<QString> valueNames = {u"--workspace"_s, u"--profile"_s, u"--secret-env"_s, u"--key-file"_s,
                                             u"--alg"_s,       u"--sub"_s,     u"--role"_s,       u"--claim"_s,
                                             u"--claims"_s,    u"--lifetime"_s, u"--iss"_s,       u"--aud"_s,
                                             u"--kid"_s,       u"--leeway"_s};
    Options o;
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString a = args.at(i);
        QString inlineValue;
        bool hasInline = false;
        if (a.startsWith(u"--"_s) && a.contains(u'=')) {
            inlineValue = a.mid(a.indexOf(u'=') + 1);
            a = a.left(a.indexOf(u'='));
            hasInline = true;
        }
        if (flagNames.contains(a)) {
            o.flags.insert(a);
        } else if (valueNames.contains(a)) {
            if (hasInline) {
                o.values.insert(a, inlineValue);
            } else if (i + 1 < args.size()) {
                o.values.insert(a, args.at(++i));
            } else {
                o.error = u"%1 needs a value."_s.arg(a);
                return o;
            }
        } else if (a.startsWith(u"--"_s)) {
            o.error = u"Unknown option %1."_s.arg(a);
            return o;
        } else {
            o.positional << args.at(i);
        }
    }
    return o;
}

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

Result<KeySource> keySource(const Options &o)
{
    const int given = int(o.has(u"--workspace"_s) || o.has(u"--profile"_s)) + int(o.has(u"--secret-env"_s))
        + int(o.has(u"--key-file"_s));
    if (given == 0)
        return Error{Error::Kind::InvalidInput,
                     u"Name a key: --workspace W --profile ID, --secret-env NAME or --key-file FILE."_s, {}};
    if (given > 1)
        return Error{Error::Kind::InvalidInput, u"Give only one of --profile, --secret-env and --key-file."_s, {}};
    KeySource s;
    if (o.has(u"--workspace"_s) || o.has(u"--profile"_s)) {
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
    if (o.has(u"--secret-env"_s)) {
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

int sign(const Options &o, Io &io)
{
    if (!o.positional.isEmpty())
        return usageError(io, u"sign takes no positional arguments (got \"%1\")."_s.arg(o.positional.first()));
    auto source = keySource(o);
    if (!source)
        return fail(io, source.error(), source.error().kind == Error::Kind::InvalidInput ? UsageError : Failure);
    for (const QString &w : source.value().warnings)
        io.err << "warning: " << w << '\n';
    if (source.value().signingKey.isNull())
        return fail(io, Error{Error::Kind::InvalidInput, u"This key can only verify: signing needs a private key."_s, {}});

    QJsonObject claims;
    if (o.has(u"--claims"_s)) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(o.value(u"--claims"_s).toUtf8(), &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return usageError(io, u"--claims must be a JSON object."_s);
        claims = doc.object();
    }
    for (const QString &c : o.all(u"--claim"_s)) {
        const qsizetype eq = c.indexOf(u'=');
        if (eq <= 0)
            return usageError(io, u"--claim takes NAME=VALUE (got \"%1\")."_s.arg(c));
        claims.insert(c.left(eq), claimValue(c.mid(eq + 1)));
    }
    if (o.has(u"--iss"_s))
        claims.insert(u"iss"_s, o.value(u"--iss"_s));
    if (o.has(u"--aud"_s))
        claims.insert(u"aud"_s, o.value(u"--aud"_s));
    qint64 lifetime = 0;
    if (o.has(u"--lifetime"_s)) {
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
        if (o.has(u"--alg"_s)) {
            auto named = Algorithms::fromName(o.value(u"--alg"_s));
            if (!named)
                return usageError(io, named.error().message);
            alg = named.value();
        }
        QJsonObject json{{u"id"_s, u"cli"_s}, {u"algorithm"_s, Algorithms::name(*alg)},
                         {u"lifetimeSeconds"_s, lifetime > 0 ? lifetime : 3600}};
        json.insert(Algorithms::family(*alg) == KeyFamily::Hmac ? u"secret"_s : u"privateKey"_s, u"env:UNUSED"_s);
        profile = AuthProfile::fromJson(json).value();
    } else if (o.has(u"--alg"_s) && o.value(u"--alg"_s) != Algorithms::name(profile->algorithm())) {
        return usageError(io, u"Profile \"%1\" signs with %2; --alg cannot change that."_s.arg(
                                  profile->id(), Algorithms::name(profile->algorithm())));
    }
    if (o.has(u"--kid"_s))
        key = key.withKid(o.value(u"--kid"_s));
    const TokenIssuer issuer(*profile, key);
    TokenRequest request;
    request.subject = o.value(u"--sub"_s);
    request.roles = o.all(u"--role"_s);
    request.claims = claims;
    request.lifetimeSeconds = lifetime;
    auto issued = issuer.issue(request);
    if (!issued)
        return fail(io, issued.error());
    if (o.has(u"--json"_s)) {
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

int verify(const Options &o, Io &io)
{
    auto token = tokenArgument(o.positional);
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
    if (o.has(u"--alg"_s)) {
        options.algorithms.clear();
        for (const QString &name : o.all(u"--alg"_s)) {
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
    if (o.has(u"--iss"_s))
        options.issuer = o.value(u"--iss"_s);
    if (o.has(u"--aud"_s))
        options.audiences = o.all(u"--aud"_s);
    if (o.has(u"--leeway"_s))
        options.leewaySeconds = o.value(u"--leeway"_s).toLongLong();
    if (o.has(u"--require-exp"_s))
        options.requireExpiry = true;

    auto r = JwtVerifier(source.value().verificationKeys, options).verify(token.value());
    if (!r) {
        io.err << "invalid token: " << r.error().message;
        if (!r.error().where.isEmpty())
            io.err << " [" << r.error().where << ']';
        io.err << '\n';
        return Failure;
    }
    if (o.has(u"--json"_s))
        printJson(io, QJsonObject{{u"valid"_s, true}, {u"header"_s, r.value().header()}, {u"claims"_s, r.value().claims()}});
    else
        printJson(io, r.value().claims());
    return Success;
}

int decode(const Options &o, Io &io)
{
    auto token = tokenArgument(o.positional);
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

int keygen(const Options &o, Io &io)
{
    if (!o.has(u"--alg"_s))
        return usageError(io, u"keygen needs --alg (RS256, PS256, ES256, ES384, EdDSA, ...)."_s);
    auto alg = Algorithms::fromName(o.value(u"--alg"_s));
    if (!alg)
        return usageError(io, alg.error().message);
    if (Algorithms::family(alg.value()) == KeyFamily::Hmac)
        return usageError(io, u"%1 uses a shared secret, not a key pair; any 32+ random bytes will do (openssl rand "
                              u"-base64 48)."_s.arg(o.value(u"--alg"_s)));
    auto key = Key::generate(alg.value(), o.value(u"--kid"_s));
    if (!key)
        return fail(io, key.error());
    if (o.has(u"--jwks"_s)) {
        printJson(io, KeySet({key.value()}).toJwks());
        io.err << "The private key is not printed with --jwks; run keygen without it to get the PEM.\n";
        return Success;
    }
    io.out << key.value().toPem(true).value() << key.value().toPem(false).value();
    io.err << "kid: " << key.value().kid() << '\n';
    return Success;
}

int jwks(const Options &o, Io &io)
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

int hashPassword(const Options &, Io &io)
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

int runJwt(const QStringList &args, Io &io)
{
    if (args.isEmpty() || args.first() == u"--help"_s || args.first() == u"-h"_s || args.first() == u"help"_s) {
        (args.isEmpty() ? io.err : io.out) << usage();
        return args.isEmpty() ? UsageError : Success;
    }
    const QString command = args.first();
    const Options o = parse(args.mid(1));
    if (!o.error.isEmpty())
        return usageError(io, o.error);
    if (command == u"sign"_s)
        return sign(o, io);
    if (command == u"verify"_s)
        return verify(o, io);
    if (command == u"decode"_s)
        return decode(o, io);
    if (command == u"keygen"_s)
        return keygen(o, io);
    if (command == u"jwks"_s)
        return jwks(o, io);
    if (command == u"hash-password"_s)
        return hashPassword(o, io);
    return usageError(io, u"Unknown jwt command \"%1\" (sign, verify, decode, keygen, jwks, hash-password)."_s.arg(command));
}

} // namespace quarry::cli
