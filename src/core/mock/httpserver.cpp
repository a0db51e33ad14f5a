// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/httpserver.h"

#include "mock/httpsession_p.h"

#include <boost/asio/write.hpp>

#include <thread>
#include <vector>

namespace quarry::mock {

namespace {

using namespace engine;

class Listener : public std::enable_shared_from_this<Listener>
{
public:
    Listener(asio::io_context &ioc, std::shared_ptr<const Shared> shared)
        : m_ioc(ioc), m_acceptor(asio::make_strand(ioc)), m_backoff(m_acceptor.get_executor()), m_shared(std::move(shared))
    {
    }

    Result<quint16> open(const tcp::endpoint &endpoint)
    {
        beast::error_code ec;
        const QString where = u"%1:%2"_s.arg(QString::fromStdString(endpoint.address().to_string()))
                                  .arg(endpoint.port());
        m_acceptor.open(endpoint.protocol(), ec);
        if (!ec)
            m_acceptor.set_option(asio::socket_base::reuse_address(true), ec);
        if (!ec)
            m_acceptor.bind(endpoint, ec);
        if (ec == asio::error::address_in_use) {
            return Error{Error::Kind::Network,
                         Tr::tr("Port %1 on %2 is already in use by another program; stop it, choose another port, "
                                "or use port 0 to let the system pick a free one.")
                             .arg(endpoint.port()).arg(QString::fromStdString(endpoint.address().to_string())),
                         where};
        }
        if (ec == asio::error::access_denied) {
            return Error{Error::Kind::Network,
                         Tr::tr("Not allowed to listen on port %1; ports below 1024 need administrator rights.")
                             .arg(endpoint.port()),
                         where};
        }
        if (!ec)
            m_acceptor.listen(asio::socket_base::max_listen_connections, ec);
        if (ec) {
            return Error{Error::Kind::Network,
                         Tr::tr("Cannot listen on %1: %2.").arg(where, QString::fromStdString(ec.message())), where};
        }
        return quint16(m_acceptor.local_endpoint().port());
    }

    void run() { accept(); }

private:
    void accept()
    {
        // With one network thread every handler already runs in order; a strand would only add
        // a lock and a queue per operation.
        if (m_shared->options.threads == 1)
            acceptOn<asio::io_context::executor_type>(m_ioc.get_executor());
        else
            acceptOn<asio::strand<asio::io_context::executor_type>>(asio::make_strand(m_ioc));
    }

    template <class Executor>
    void acceptOn(const Executor &executor)
    {
        using Socket = typename Session<Executor>::Stream::socket_type;
        m_acceptor.async_accept(executor, [self = shared_from_this()](beast::error_code ec, Socket socket) {
            if (ec == asio::error::operation_aborted || !self->m_acceptor.is_open())
                return;
            if (ec)
                return self->backOff(ec);
            if (self->m_backoffMs > 0) {
                self->m_backoffMs = 0;
                self->tell(Tr::tr("Accepting connections again."));
            }
            if (self->m_shared->connections.load(std::memory_order_relaxed) >= self->m_shared->options.maxConnections) {
                self->refuse(std::move(socket));
            } else {
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<Session<Executor>>(std::move(socket), self->m_shared)->run();
            }
            self->accept();
        });
    }

    /// Out of descriptors (EMFILE, ENFILE) or memory: accepting again at once fails again at once
    /// and would spin a network thread at full CPU. The pending connections wait in the backlog.
    void backOff(const beast::error_code &ec)
    {
        const bool first = m_backoffMs == 0;
        m_backoffMs = first ? 10 : std::min(m_backoffMs * 2, 1000);
        if (first) {
            tell(Tr::tr("Cannot accept connections: %1. Waiting for connections to close; trying again every second at most.")
                     .arg(QString::fromStdString(ec.message())));
        }
        m_backoff.expires_after(std::chrono::milliseconds(m_backoffMs));
        m_backoff.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec)
                self->accept();
        });
    }

    template <class Socket>
    void refuse(Socket socket)
    {
        static const std::string answer = [] {
            const QByteArray body = Problem{503, u"Too many connections"_s,
                                            u"The server holds as many connections as it allows; try again in a second."_s,
                                            {}, {}}
                                        .toJson();
            return ("HTTP/1.1 503 Service Unavailable\r\nServer: Quarry\r\nContent-Type: application/problem+json\r\n"
                    "Retry-After: 1\r\nConnection: close\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n" + body)
                .toStdString();
        }();
        const auto now = std::chrono::steady_clock::now();
        if (now - m_lastLimitNotice > 1s) {
            m_lastLimitNotice = now;
            tell(Tr::tr("Connection limit reached: %1 connections are open (mock.server.limits.maxConnections); "
                        "new ones are answered 503 until some close.")
                     .arg(m_shared->options.maxConnections));
        }
        auto s = std::make_shared<Socket>(std::move(socket));
        asio::async_write(*s, asio::buffer(answer), [s](beast::error_code, std::size_t) {
            beast::error_code ignored;
            s->shutdown(tcp::socket::shutdown_both, ignored);
            s->close(ignored);
        });
    }

    void tell(const QString &notice)
    {
        if (m_shared->notice)
            m_shared->notice(notice);
    }

    asio::io_context &m_ioc;
    tcp::acceptor m_acceptor;
    asio::steady_timer m_backoff;
    int m_backoffMs = 0;   ///< the last wait after a failed accept; 0: accepting
    std::chrono::steady_clock::time_point m_lastLimitNotice;
    std::shared_ptr<const Shared> m_shared;
};

} // namespace

struct HttpServer::Impl {
    Handler handler;
    RejectionObserver rejected;
    NoticeObserver notice;
    OffloadPredicate offload;
    std::shared_ptr<WorkerPool> workers;
    std::unique_ptr<asio::io_context> ioc;
    std::shared_ptr<Listener> listener;
    std::vector<std::thread> threads;
    std::atomic<bool> running{false};
    quint16 port = 0;
    QString host;
};

HttpServer::HttpServer(Handler handler) : d(std::make_unique<Impl>())
{
    d->handler = std::move(handler);
}

HttpServer::~HttpServer()
{
    stop();
}

void HttpServer::setRejectionObserver(RejectionObserver observer)
{
    d->rejected = std::move(observer);
}

void HttpServer::setNoticeObserver(NoticeObserver observer)
{
    d->notice = std::move(observer);
}

void HttpServer::setOffload(OffloadPredicate predicate)
{
    d->offload = std::move(predicate);
}

Result<quint16> HttpServer::start(const ServerOptions &options)
{
    if (d->running)
        return Error{Error::Kind::InvalidInput, Tr::tr("The server is already running on port %1.").arg(d->port), {}};
    QString host = options.host.trimmed();
    if (host.isEmpty() || host == u"localhost"_s)
        host = u"127.0.0.1"_s;
    beast::error_code ec;
    const auto address = asio::ip::make_address(host.toStdString(), ec);
    if (ec) {
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("\"%1\" is not an IP address to listen on; use 127.0.0.1, 0.0.0.0 or ::1.").arg(options.host),
                     u"host"_s};
    }
    auto shared = std::make_shared<Shared>();
    shared->handler = d->handler;
    shared->rejected = d->rejected;
    shared->notice = d->notice;
    shared->options = options;
    shared->options.threads = std::max(1, options.threads);
    shared->options.workerThreads = std::max(1, options.workerThreads);
    shared->options.workerQueue = std::max(0, options.workerQueue);
    shared->offload = d->offload;
    d->workers = std::make_shared<WorkerPool>(shared->options.workerThreads, shared->options.workerQueue);
    shared->workers = d->workers;

    d->ioc = std::make_unique<asio::io_context>(shared->options.threads);
    d->listener = std::make_shared<Listener>(*d->ioc, shared);
    auto bound = d->listener->open(tcp::endpoint(address, options.port));
    if (!bound) {
        d->listener.reset();
        d->ioc.reset();
        return bound.error();
    }
    d->port = bound.value();
    d->host = host;
    d->listener->run();
    d->running = true;
    for (int i = 0; i < shared->options.threads; ++i)
        d->threads.emplace_back([ioc = d->ioc.get()] { ioc->run(); });
    return d->port;
}

void HttpServer::stop()
{
    if (!d->running)
        return;
    d->ioc->stop();
    for (auto &t : d->threads)
        t.join();
    d->threads.clear();
    // Running jobs post their answers to the stopped io_context, which destroys them below.
    d->workers->stop();
    d->listener.reset();
    // Destroying the io_context destroys the pending handlers, which own the sessions: every
    // connection is closed here, after the threads are gone, so nothing races with it.
    d->ioc.reset();
    d->running = false;
}

bool HttpServer::isRunning() const
{
    return d->running;
}

quint16 HttpServer::port() const
{
    return d->port;
}

QString HttpServer::host() const
{
    return d->host;
}

} // namespace quarry::mock
