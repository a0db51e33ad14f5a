// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/collection.h"
#include "http/exchange.h"
#include "http/tokenstore.h"
#include "http/variablescope.h"

#include <QJsonArray>
#include <QObject>

#include <memory>

namespace quarry::http {

/// The GUI's sender: runs each request (with auth, assertions and extraction, like the runner)
/// on a worker thread it owns and reports back through finished(), queued to the Client's thread.
/// Requests are sent one after the other; cancel() aborts one, queued or in flight.
/// Tokens live in tokens() for as long as the Client, per environment and profile.
class QUARRY_CORE_EXPORT Client : public QObject
{
    Q_OBJECT
public:
    explicit Client(QObject *parent = nullptr);
    ~Client() override;

    /// Queues the request `requestId` of `collection` (copied) with the variables of `scope`;
    /// returns the id finished() will carry.
    quint64 send(const Collection &collection, const QString &requestId, const VariableScope &scope);
    void cancel(quint64 id);
    /// The workspace's `authProfiles` section, for `signed` auth; used by later send() calls.
    void setAuthProfiles(const QJsonArray &profiles);
    std::shared_ptr<TokenStore> tokens() const { return m_tokens; }

signals:
    void finished(quint64 id, const quarry::http::Exchange &exchange);
    /// A response body is arriving for `id`: bytes so far, and the Content-Length (-1 if unknown).
    /// At most about every 50 ms, plus once when the body is complete; not for bodies under 64 KiB.
    void progress(quint64 id, qint64 received, qint64 total);

private:
    struct Private;
    std::unique_ptr<Private> d;
    std::shared_ptr<TokenStore> m_tokens;
    QJsonArray m_authProfiles;
};

} // namespace quarry::http
