// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/request.h"
#include "mock/response.h"
#include "quarry_core_export.h"
#include "result.h"

#include <functional>
#include <memory>

namespace quarry::mock {

/// Where and how the engine listens. Times are in milliseconds.
struct QUARRY_CORE_EXPORT ServerOptions {
    QString host = QStringLiteral("127.0.0.1");   ///< an IP address or "localhost"
    quint16 port = 0;                              ///< 0: the system picks a free port
    int threads = 2;                               ///< network threads (>= 1)
    qint64 maxHeaderBytes = 16 * 1024;             ///< request line + headers; more -> 431
    int maxHeaderCount = 100;                      ///< header fields; more -> 431
    qint64 maxBodyBytes = 10 * 1024 * 1024;        ///< more -> 413, answered before reading the body
    int headerTimeoutMs = 10000;                   ///< a new connection must send its headers within this
    int bodyTimeoutMs = 30000;                     ///< the body must arrive within this after the headers
    int idleTimeoutMs = 15000;                     ///< a kept-alive connection may sit idle this long
    /// Open connections at once; a connection over the limit is answered 503 + Retry-After and
    /// closed (the notice observer hears of it, at most once a second).
    int maxConnections = 2000;
    /// Slow requests (see HttpServer::setOffload: password checks) run on this many worker threads,
    /// never on the network threads; at most `workerQueue` more wait, the rest get 503 + Retry-After.
    int workerThreads = 2;
    int workerQueue = 64;
};

/// The HTTP/1.1 engine (Boost.Beast on Asio, kept out of this header).
///
/// Requests are handed to the handler on one of the network threads, one at a time per
/// connection, so pipelined requests are answered in order. The engine itself answers what
/// never reaches the handler: 400 malformed, 413 body too large (before reading it;
/// `Expect: 100-continue` is honoured), 431 headers too large, 505 unknown HTTP version — all as
/// application/problem+json — and tells the rejection observer about them. A client too slow to
/// send its request (header/body timeouts) is answered 408 and disconnected; one idle past the
/// keep-alive timeout is disconnected. When the process runs out of descriptors (EMFILE) the
/// listener waits (10 ms, doubling to 1 s) before it accepts again instead of spinning, and
/// accepts again by itself once descriptors are free.
/// Not copyable; start()/stop() from one thread (the owner's).
class QUARRY_CORE_EXPORT HttpServer
{
public:
    /// Called on a network thread; must be thread-safe and must not throw.
    using Handler = std::function<Response(Request &request)>;
    /// Called on a network thread for requests the engine answered itself. `reason` says why.
    using RejectionObserver = std::function<void(const Request &partial, const Response &response,
                                                 const QString &reason)>;

    explicit HttpServer(Handler handler);
    ~HttpServer();   ///< stops the server
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    void setRejectionObserver(RejectionObserver observer);   ///< before start()
    /// Called on a network thread with what the engine wants the user to know that is no one
    /// request's answer (descriptors exhausted, the connection limit reached). Before start().
    using NoticeObserver = std::function<void(const QString &notice)>;
    void setNoticeObserver(NoticeObserver observer);
    /// Says, on a network thread, which requests are slow to answer (an argon2id password check):
    /// their handler runs on the worker pool so the network threads keep serving others. When the
    /// pool and its queue are full the engine answers 503 with Retry-After and tells the
    /// rejection observer. Before start(); must be thread-safe and cheap.
    using OffloadPredicate = std::function<bool(const Request &request)>;
    void setOffload(OffloadPredicate predicate);

    /// Binds and starts the network threads. Returns the bound port (the chosen one for port 0).
    /// An address in use, a bad host or a refused bind is an Error, and nothing keeps running.
    Result<quint16> start(const ServerOptions &options);
    /// Closes the listener and every connection and joins the threads. Safe to call twice and
    /// while clients are connected or requests are being delayed.
    void stop();
    bool isRunning() const;
    quint16 port() const;
    QString host() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace quarry::mock
