// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "command.h"

namespace quarry::cli {

/// `quarry jwt sign|verify|decode|keygen|jwks|hash-password ...` — see jwtUsage() for the options.
///
/// Keys come from a workspace profile (`--workspace W --profile ID`), an environment variable
/// holding an HMAC secret (`--secret-env NAME`) or a PEM/JWK/JWKS file (`--key-file F`). `verify`
/// exits 1 with the reason on stderr for an invalid token; `decode` prints header and claims as
/// JSON without verifying. Usage errors exit 2.
int runJwt(const QStringList &args, Io &io);
/// The option tables of sign, verify, decode, keygen, jwks and hash-password.
const QList<OptionTable> &jwtOptions();

} // namespace quarry::cli
