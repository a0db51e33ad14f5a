// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// libFuzzer target over the token parser and verifier (and the JWK/PEM key readers, which take
// the same kind of untrusted input). Built by fuzz/run.sh with clang -fsanitize=fuzzer,address,undefined.
// The first input byte picks what the rest is fed to; any crash, leak or sanitizer report is a bug.
#include "auth/base64url.h"
#include "auth/jws.h"
#include "auth/jwt.h"
#include "auth/jwtverifier.h"
#include "auth/key.h"
#include "auth/keyset.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

using namespace quarry::auth;

namespace {
struct Keys {
    KeySet set;
    VerifyOptions all;
    VerifyOptions strict;
    Keys()
    {
        // Fixed keys so the fuzzer can reach the signature and claims checks of HS256 tokens it
        // learns from the corpus (signed with this secret).
        set.add(Key::fromSecret("fuzz-secret-fuzz-secret-fuzz-secret-fuzz-secret-fuzz-secret-64b", QStringLiteral("hs")).value());
        set.add(Key::generate(Algorithm::RS256, QStringLiteral("rs")).value().publicKey());
        set.add(Key::generate(Algorithm::ES256, QStringLiteral("es")).value().publicKey());
        set.add(Key::generate(Algorithm::ES384, QStringLiteral("es384")).value().publicKey());
        set.add(Key::generate(Algorithm::EdDSA, QStringLiteral("ed")).value().publicKey());
        all.algorithms = Algorithms::all();
        all.now = 1800000000;
        strict = all;
        strict.issuer = QStringLiteral("quarry-demo");
        strict.audiences = {QStringLiteral("quarry-workshop")};
        strict.requireExpiry = true;
        strict.leewaySeconds = 30;
        strict.maxAgeSeconds = 86400;
    }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Keys keys;
    if (size == 0)
        return 0;
    const QByteArray rest(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 5) {
    case 0:
    case 1: {
        const auto verified = JwtVerifier(keys.set, data[0] % 2 ? keys.strict : keys.all).verify(rest);
        if (verified) {
            // Anything that verifies must decode to the same claims.
            if (Jwt::decode(rest).value().claims() != verified.value().claims())
                abort();
        } else if (verified.error().message.isEmpty()) {
            abort(); // every rejection must say why
        }
        break;
    }
    case 2: {
        const auto jws = Jws::parse(rest);
        if (jws) {
            (void)jws.value().algorithmName();
            (void)Jwt::decode(rest);
        }
        const auto decoded = Base64Url::decode(rest);
        if (decoded && Base64Url::encode(decoded.value()) != rest)
            abort(); // strict decoding: one encoding per value
        break;
    }
    case 3: {
        const QJsonDocument doc = QJsonDocument::fromJson(rest);
        if (doc.isObject()) {
            (void)Key::fromJwk(doc.object());
            (void)KeySet::fromJwks(doc.object());
        }
        break;
    }
    case 4:
        (void)Key::fromPem(rest);
        (void)Key::fromSecret(rest);
        break;
    }
    return 0;
}
