// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/httpserver.h"

#include "mock/problem.h"
#include "mock/requestframing.h"
#include "mock/workerpool.h"

#include <QCoreApplication>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(HttpServer)
};

struct Shared {
    HttpServer::Handler handler;
    HttpServer::RejectionObserver rejected;
    HttpServer::OffloadPredicate offload;
    std::shared_ptr<WorkerPool> workers;
    ServerOptions options;
};

QByteArray toQt(beast::string_view v) { return QByteArray(v.data(), qsizetype(v.size())); }

/// One connection: read headers, maybe body, hand over, maybe wait, write; then the next request.
/// `Executor` is the io_context's own executor with one network thread, a strand with several
/// (the stream's timeout handlers must not run beside its operations); a concrete type, because
/// Asio's type-erased any_io_executor costs about 5% of a small request's CPU time.
template <class Executor>
class Session : public std::enable_shared_from_this<Session<Executor>>
{
public:
    using Stream = beast::basic_stream<tcp, Executor>;

    Session(typename Stream::socket_type &&socket, std::shared_ptr<const Shared> shared)
        : m_stream(std::move(socket)), m_delay(m_stream.get_executor()), m_shared(std::move(shared))
    {
        beast::error_code ec;
        const auto remote = m_stream.socket().remote_endpoint(ec);
        if (!ec) {
            m_clientAddress = QString::fromStdString(remote.address().to_string());
            m_clientPort = remote.port();
        }
    }

    void run()
    {
        asio::dispatch(m_stream.get_executor(), beast::bind_front_handler(&Session::readHeader, this->shared_from_this()));
    }

private:
    const ServerOptions &opts() const { return m_shared->options; }

    void readHeader()
    {
        m_parser.emplace();
        m_parser->header_limit(std::uint32_t(opts().maxHeaderBytes));
        m_parser->body_limit(std::uint64_t(opts().maxBodyBytes));
        m_stream.expires_after(std::chrono::milliseconds(m_first ? opts().headerTimeoutMs : opts().idleTimeoutMs));
        m_first = false;
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                beast::bind_front_handler(&Session::onHeader, this->shared_from_this()));
    }

    void onHeader(beast::error_code ec, std::size_t)
    {
        if (ec)
            return failRead(ec);
        const auto &req = m_parser->get();
        // Beast already refuses versions other than 1.x as malformed (400); this guards the rest.
        if (req.version() != 10 && req.version() != 11) {
            return reject(505, Tr::tr("HTTP version not supported"),
                          Tr::tr("This server speaks HTTP/1.0 and HTTP/1.1; the request said HTTP/%1.%2.")
                              .arg(req.version() / 10).arg(req.version() % 10),
                          u"unsupported HTTP version"_s);
        }
        QList<std::pair<QByteArray, QByteArray>> framing;
        for (const auto &field : req) {
            if (field.name() == http::field::content_length || field.name() == http::field::transfer_encoding)
                framing.append({toQt(field.name_string()), toQt(field.value())});
        }
        if (const FramingVerdict v = FramingVerdict::check(framing, int(req.version())); v.status != 0) {
            return reject(v.status, v.status == 501 ? Tr::tr("Transfer coding not implemented") : Tr::tr("Ambiguous message framing"),
                          v.detail, u"request framing: %1"_s.arg(v.detail));
        }
        if (!m_parser->is_done() && beast::iequals(req[http::field::expect], "100-continue")) {
            auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, req.version());
            http::async_write(m_stream, *cont,
                              [self = this->shared_from_this(), cont](beast::error_code ec, std::size_t) {
                                  if (ec)
                                      return self->close();
                                  self->readBody();
                              });
            return;
        }
        readBody();
    }

    void readBody()
    {
        if (m_parser->is_done())
            return onBody({}, 0);
        m_stream.expires_after(std::chrono::milliseconds(opts().bodyTimeoutMs));
        http::async_read(m_stream, m_buffer, *m_parser, beast::bind_front_handler(&Session::onBody, this->shared_from_this()));
    }

    void failRead(beast::error_code ec)
    {
        if (ec == http::error::header_limit) {
            return reject(431, Tr::tr("Request headers too large"),
                          Tr::tr("The request line and headers together may hold at most %1 bytes.")
                              .arg(opts().maxHeaderBytes),
                          u"headers over %1 bytes"_s.arg(opts().maxHeaderBytes));
        }
        if (ec == http::error::body_limit) {
            return reject(413, Tr::tr("Request body too large"),
                          Tr::tr("The request body may hold at most %1 bytes; this one is larger. The body was not read.")
                              .arg(opts().maxBodyBytes),
                          u"body over %1 bytes"_s.arg(opts().maxBodyBytes));
        }
        if (ec == beast::error::timeout) {
            // The stream closed the socket when its timer fired, so nothing can be sent; the
            // request log still shows a 408 for a request that had started.
            if (m_parser && m_parser->got_some() && m_shared->rejected) {
                Problem p{408, Tr::tr("Request too slow"),
                          Tr::tr("The client did not send the whole request in time; the connection was closed."), {}, {}};
                m_shared->rejected(partialRequest(), p.toResponse(), u"timed out while reading the request"_s);
            }
            return close();
        }
        // Socket errors, a clean end of stream, or a client that hung up mid-request: just close.
        const bool parseError = ec.category() == http::make_error_code(http::error::bad_method).category();
        if (!parseError || ec == http::error::end_of_stream || ec == http::error::partial_message)
            return close();
        return reject(400, Tr::tr("Malformed request"),
                      Tr::tr("The request is not valid HTTP/1.1 (%1).").arg(QString::fromStdString(ec.message())),
                      u"malformed request: %1"_s.arg(QString::fromStdString(ec.message())));
    }

    Request partialRequest() const
    {
        Request r;
        r.clientAddress = m_clientAddress;
        r.clientPort = m_clientPort;
        // The request line is stored as soon as it is parsed, so a 413 or 431 raised by a later
        // header still knows the method and target.
        if (m_parser && m_parser->got_some()) {
            const auto &req = m_parser->get();
            r.method = toQt(req.method_string());
            r.setTarget(toQt(req.target()));
            r.version = int(req.version());
        }
        return r;
    }

    void reject(int status, const QString &title, const QString &detail, const QString &reason)
    {
        Problem p;
        p.status = status;
        p.title = title;
        p.detail = detail;
        Response response = p.toResponse();
        if (m_shared->rejected)
            m_shared->rejected(partialRequest(), response, reason);
        const int version = (m_parser && m_parser->is_header_done() && m_parser->get().version() == 10) ? 10 : 11;
        write(std::move(response), version, false, true);
    }

    void onBody(beast::error_code ec, std::size_t)
    {
        if (ec)
            return failRead(ec);
        m_stream.expires_never();
        auto message = m_parser->release();
        Request request;
        request.method = toQt(message.method_string());
        request.setTarget(toQt(message.target()));
        request.version = int(message.version());
        request.clientAddress = m_clientAddress;
        request.clientPort = m_clientPort;
        request.headers.reserve(16);
        for (const auto &field : message)
            request.headers.append({toQt(field.name_string()), toQt(field.value())});
        request.body = QByteArray(message.body().data(), qsizetype(message.body().size()));
        const bool keepAlive = message.keep_alive();
        const bool head = message.method() == http::verb::head;

        if (m_shared->offload && m_shared->offload(request)) {
            // Off the network thread; the answer comes back to this connection's executor.
            auto job = [self = this->shared_from_this(), request, keepAlive, head]() mutable {
                Response response = self->m_shared->handler(request);
                asio::post(self->m_stream.get_executor(), [self, response = std::move(response), version = request.version,
                                                           keepAlive, head]() mutable {
                    self->respond(std::move(response), version, keepAlive, head);
                });
            };
            if (!m_shared->workers->tryRun(std::move(job))) {
                Problem p{503, Tr::tr("Server busy"),
                          Tr::tr("Too many password checks are waiting; try again in a second."), {}, {}};
                Response busy = p.toResponse();
                busy.setHeader("Retry-After", "1");
                if (m_shared->rejected)
                    m_shared->rejected(request, busy, u"worker queue full (%1 running, %2 waiting)"_s
                                                          .arg(opts().workerThreads).arg(opts().workerQueue));
                respond(std::move(busy), request.version, keepAlive, head);
            }
            return;
        }
        respond(m_shared->handler(request), request.version, keepAlive, head);
    }

    void respond(Response response, int version, bool keepAlive, bool head)
    {
        if (response.dropConnection)
            return close();
        if (response.delayMs > 0) {
            m_delay.expires_after(std::chrono::milliseconds(response.delayMs));
            m_delay.async_wait([self = this->shared_from_this(), response = std::move(response), version,
                                keepAlive, head](beast::error_code ec) mutable {
                if (ec)
                    return self->close();
                self->write(std::move(response), version, keepAlive && !response.closeConnection, false, head);
            });
            return;
        }
        write(std::move(response), version, keepAlive && !response.closeConnection, false, head);
    }

    void write(Response response, int version, bool keepAlive, bool linger, bool head = false)
    {
        auto res = std::make_shared<http::response<http::string_body>>();
        res->version(unsigned(version));
        res->result(unsigned(response.status));
        res->set(http::field::server, "Quarry");
        for (const HeaderField &h : std::as_const(response.headers)) {
            if (h.first.compare("content-length", Qt::CaseInsensitive) == 0
                || h.first.compare("connection", Qt::CaseInsensitive) == 0
                || h.first.compare("transfer-encoding", Qt::CaseInsensitive) == 0 || !isHttpToken(h.first))
                continue;
            // A templated header value must not be able to end the header block (response splitting).
            QByteArray value = h.second;
            if (value.contains('\r') || value.contains('\n'))
                value.replace('\r', ' ').replace('\n', ' ');
            res->insert(beast::string_view(h.first.constData(), std::size_t(h.first.size())),
                        beast::string_view(value.constData(), std::size_t(value.size())));
        }
        res->keep_alive(keepAlive);
        // RFC 9110 §6.4.1: 1xx, 204 and 304 answers have no content, whatever a route says, and
        // 1xx and 204 no Content-Length (Beast would throw on a body here).
        const int status = response.status;
        if (status < 200 || status == 204 || status == 304) {
            res->content_length(boost::none);
            res->chunked(false);
        } else {
            res->body().assign(response.body.constData(), std::size_t(response.body.size()));
            res->prepare_payload();
            if (head)
                res->body().clear();   // Content-Length stays that of the GET answer
        }
        m_stream.expires_after(std::chrono::milliseconds(std::max(opts().bodyTimeoutMs, 1000)));
        http::async_write(m_stream, *res,
                          [self = this->shared_from_this(), res, keepAlive, linger](beast::error_code ec, std::size_t) {
                              if (ec)
                                  return self->close();
                              if (linger)
                                  return self->lingeringClose();
                              if (!keepAlive)
                                  return self->shutdown();
                              self->readHeader();
                          });
    }

    void shutdown()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        close();
    }

    /// After an error answer the client may still be sending; closing at once would reset the
    /// connection and could destroy the answer in flight, so drain for a moment first.
    void lingeringClose()
    {
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        m_stream.expires_after(2s);
        drain();
    }

    void drain()
    {
        m_stream.async_read_some(asio::buffer(m_drainBuffer), [self = this->shared_from_this()](beast::error_code ec,
                                                                                          std::size_t n) {
            self->m_drained += n;
            if (ec || self->m_drained > 4 * 1024 * 1024)
                return self->close();
            self->drain();
        });
    }

    void close()
    {
        beast::error_code ec;
        m_stream.socket().close(ec);
    }

    Stream m_stream;
    beast::flat_buffer m_buffer;
    asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, Executor> m_delay;
    std::optional<http::request_parser<http::string_body>> m_parser;
    std::shared_ptr<const Shared> m_shared;
    QString m_clientAddress;
    quint16 m_clientPort = 0;
    bool m_first = true;
    std::array<char, 8192> m_drainBuffer{};
    std::size_t m_drained = 0;
};

class Listener : public std::enable_shared_from_this<Listener>
{
public:
    Listener(asio::io_context &ioc, std::shared_ptr<const Shared> shared)
        : m_ioc(ioc), m_acceptor(asio::make_strand(ioc)), m_shared(std::move(shared))
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
            if (!ec) {
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<Session<Executor>>(std::move(socket), self->m_shared)->run();
            }
            self->accept();
        });
    }

    asio::io_context &m_ioc;
    tcp::acceptor m_acceptor;
    std::shared_ptr<const Shared> m_shared;
};

} // namespace

struct HttpServer::Impl {
    Handler handler;
    RejectionObserver rejected;
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
