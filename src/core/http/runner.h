// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/cancelflag.h"
#include "http/collection.h"
#include "http/environment.h"
#include "http/runreport.h"
#include "http/tokenstore.h"
#include "result.h"

#include <QJsonArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <memory>

namespace quarry::http {

struct QUARRY_CORE_EXPORT RunOptions {
    QString environment;                          ///< id or name; empty: none
    QList<QPair<QString, QString>> variables;     ///< overrides (--var)
    QString folder;                               ///< id or name: run only this folder
    int iterations = 1;
    /// Iterations in flight at once; each iteration sends its requests in order.
    int concurrency = 1;
    int defaultTimeoutMs = 30000;
    /// Keep sending the collection again until this many ms have passed (0: iterations decide).
    int durationMs = 0;
    /// The workspace's `authProfiles` section, for requests whose auth is `signed`.
    QJsonArray authProfiles;
};

/// Runs a collection's requests with their checks. run() blocks the calling thread (the CLI's
/// main thread, or a GUI worker thread) while `concurrency` worker threads send; `progress` is
/// called from those workers, serialised, after each request.
class QUARRY_CORE_EXPORT Runner
{
public:
    Runner(Collection collection, QList<Environment> environments, RunOptions options);

    /// Errors only for setup problems (unknown environment or folder); failed checks are in the report.
    Result<RunReport> run(const std::function<void(const Exchange &)> &progress = {},
                          std::shared_ptr<CancelFlag> cancel = {});
    /// Tokens survive between runs of the same Runner (and can be shared with a Client).
    void setTokenStore(std::shared_ptr<TokenStore> tokens) { m_tokens = std::move(tokens); }

private:
    Collection m_collection;
    QList<Environment> m_environments;
    RunOptions m_options;
    std::shared_ptr<TokenStore> m_tokens;
};

} // namespace quarry::http
