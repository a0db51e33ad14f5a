// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/cancelflag.h"
#include "http/collection.h"
#include "http/exchange.h"
#include "http/tokenstore.h"
#include "http/transport.h"
#include "http/variablescope.h"

#include <QHash>
#include <QJsonArray>

#include <memory>

namespace quarry::auth {
class TokenIssuer;
}

namespace quarry::http {

/// Sends requests of one collection the way a user expects: variables resolved, auth inherited
/// and attached (logging in, refreshing and retrying once after a 401 for login profiles),
/// assertions checked and variables extracted into the scope's runtime store.
/// Thread affinity: like Transport, used on the one worker thread that created it; blocking.
class QUARRY_CORE_EXPORT Executor
{
public:
    struct Context {
        const Collection *collection = nullptr;   ///< not owned; must outlive the executor
        VariableScope scope;
        std::shared_ptr<TokenStore> tokens;       ///< shared between executors of a run
        std::shared_ptr<CancelFlag> cancel;       ///< optional
        int defaultTimeoutMs = 30000;
        /// Optional: reuse a transport (connections, cookies) of the same thread; else one is created.
        std::shared_ptr<Transport> transport;
        /// The workspace's `authProfiles` section, for `signed` auth (tokens minted locally).
        QJsonArray authProfiles;
        int iterations = 1;                       ///< for scripts' pm.info.iterationCount
    };

    explicit Executor(Context context);
    ~Executor();

    /// Never fails as a call: problems are in Exchange::error and the assertion results.
    /// Runs the pre-request scripts of the collection, its folders and the request before
    /// preparing it, and their test scripts after the declarative checks and extractions.
    Exchange execute(const RequestSpec &request, int iteration = 0);

    VariableScope &scope() { return m_context.scope; }
    TokenStore &tokens() { return *m_context.tokens; }

private:
    /// Attaches the auth; returns the token it attached (empty for none/basic).
    Result<QString> applyAuth(const EffectiveAuth &auth, PreparedRequest &prepared, ResolvedAuth &resolved,
                           const QString &staleToken);
    Result<HeldToken> ensureToken(const AuthSpec &spec, ResolvedAuth &resolved, const QString &staleToken);
    Result<HeldToken> obtainToken(const AuthSpec &spec, const QString &requestRef, const QString &refreshToken);
    Result<HeldToken> obtainOAuthToken(const AuthSpec &spec, const QString &refreshToken);
    Result<HeldToken> signLocally(const AuthSpec &spec);
    void runExtractions(const RequestSpec &request, const Response &response, Exchange &exchange);

    Context m_context;
    std::shared_ptr<Transport> m_transport;
    QHash<QString, std::shared_ptr<auth::TokenIssuer>> m_issuers;   // by auth profile id
};

} // namespace quarry::http
