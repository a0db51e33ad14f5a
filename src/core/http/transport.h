// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/cancelflag.h"
#include "http/preparedrequest.h"
#include "http/response.h"
#include "result.h"

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace quarry::http {

/// Sends prepared requests through a QNetworkAccessManager it owns (connections and cookies are
/// kept between sends). Thread affinity: create and use it on one worker thread; send() blocks that
/// thread in a local event loop, so never use it on the GUI thread (Client does the threading).
class QUARRY_CORE_EXPORT Transport
{
public:
    Transport();
    ~Transport();
    Transport(const Transport &) = delete;
    Transport &operator=(const Transport &) = delete;

    /// Any HTTP status is a Response (a 500 too); an Error is returned only when no response came:
    /// refused connection, DNS failure, TLS failure, timeout (`timeoutMs`, else `defaultTimeoutMs`)
    /// or cancellation through `cancel`.
    Result<Response> send(const PreparedRequest &request, const CancelFlag *cancel = nullptr);

    int defaultTimeoutMs = 30000;
    /// Called on the transport's thread while a response body arrives: bytes so far and the total
    /// announced by Content-Length (-1 when unknown). Used by Client to report download progress.
    std::function<void(qint64 received, qint64 total)> onProgress;

private:
    std::unique_ptr<QNetworkAccessManager> m_manager;
};

} // namespace quarry::http
