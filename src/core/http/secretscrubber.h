// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/collection.h"
#include "http/environment.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace quarry::http {

/// A secret an import moved out of what it writes.
struct QUARRY_CORE_EXPORT MovedSecret {
    QString envName;    ///< "SHOP_API_LOGIN_PASSWORD": the environment variable the user must set
    QString variable;   ///< "login_password": the secret variable ({{login_password}}) that now stands in its place
    QString where;      ///< "request \"Login\", body field password"
};

/// Takes the secret values out of imported requests, so an import never writes one to the
/// workspace file (README: "Secrets are never stored in the file"). Each value becomes a secret
/// variable holding `env:NAME`, and the request refers to it as {{variable}}:
/// - auth: the bearer token, the Basic and OAuth 2 passwords, the OAuth 2 client secret;
/// - headers Authorization and Proxy-Authorization (the scheme is kept: "Bearer {{var}}"), Cookie,
///   and any header, query parameter, form field or JSON body member whose name says password,
///   secret, token, api key, access key, private key, credential, session or signature;
/// - the password of a URL's user information;
/// - collection and environment variables marked secret or named like the above.
/// Values that already are {{variables}} or references (env:, keychain:) stay. NAME is derived
/// from the collection (or environment) name and the variable name, so importing the same file
/// again gives the same names; one value used in several places becomes one variable.
class QUARRY_CORE_EXPORT SecretScrubber
{
public:
    /// Every request, folder and the collection itself; adds the secret variables to `collection.variables`.
    static QList<MovedSecret> scrub(Collection &collection);
    /// One request that joins `collection` (whose name gives NAME's prefix and whose variables receive
    /// the new ones): `quarry import curl`.
    static QList<MovedSecret> scrub(RequestSpec &request, Collection &collection);
    /// The environment's variables: secret ones hold `env:NAME` afterwards.
    static QList<MovedSecret> scrub(Environment &environment);

    /// One line per variable to set: "export SHOP_API_TOKEN=…   (request \"Me\", header Authorization)".
    static QStringList instructions(const QList<MovedSecret> &secrets);
    /// Whether a header, parameter, field or variable of this name holds a secret.
    static bool isSecretName(const QString &name);
};

} // namespace quarry::http
