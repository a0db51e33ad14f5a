// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

// One connection of HttpServer (Boost.Beast): included by httpserver.cpp alone, so that Beast's
// compile time is paid once.

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

namespace quarry::mock::engine {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using namespace Qt::Literals::StringLiterals;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(HttpServer)
};

struct Shared {
    HttpServer::Handler handler;
    HttpServer::RejectionObserver rejected;
    HttpServer::OffloadPredicate offload;
    HttpServer::NoticeObserver notice;
    std::shared_ptr<WorkerPool> workers;
    ServerOptions options;
    mutable std::atomic<int> connections{0};   ///< open sessions
};

inline QByteArray toQt(beast::string_view v) { return QByteArray(v.data(), qsizetype(v.size())); }

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
        : m_stream(std::move(socket)), m_delay(m_stream.get_executor()), m_readTimer(m_stream.get_executor()),
          m_shared(std::move(shared))
    {
        m_shared->connections.fetch_add(1, std::memory_order_relaxed);
        beast::error_code ec;
        const auto remote = m_stream.socket().remote_endpoint(ec);
        if (!ec) {
            m_clientAddress = QString::fromStdString(remote.address().to_string());
            m_clientPort = remote.port();
        }
    }

    ~Session() { m_shared->connections.fetch_sub(1, std::memory_order_relaxed); }

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
        m_idle = !m_first;
        armReadTimer(m_first ? opts().headerTimeoutMs : opts().idleTimeoutMs);
        m_first = false;
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                beast::bind_front_handler(&Session::onHeader, this->shared_from_this()));
    }

    /// The stream's own timeout closes the socket, which leaves no way to answer; this timer
    /// cancels the read instead, so a client too slow to send its request gets a 408.
    void armReadTimer(int ms)
    {
        m_stream.expires_never();
        m_timedOut = false;
        m_readTimer.expires_after(std::chrono::milliseconds(ms));
        m_readTimer.async_wait([self = this->shared_from_this()](beast::error_code ec) {
            if (ec)
                return;
            self->m_timedOut = true;
            beast::error_code ignored;
            self->m_stream.socket().cancel(ignored);
        });
    }

    void onHeader(beast::error_code ec, std::size_t)
    {
        m_readTimer.cancel();
        if (ec)
            return failRead(ec);
        const auto &req = m_parser->get();
        const auto fields = std::size_t(std::distance(req.begin(), req.end()));
        if (fields > std::size_t(opts().maxHeaderCount)) {
            return reject(431, Tr::tr("Too many header fields"),
                          Tr::tr("A request may carry at most %1 header fields; this one has %2.")
                              .arg(opts().maxHeaderCount).arg(fields),
                          u"%1 header fields, more than %2"_s.arg(fields).arg(opts().maxHeaderCount));
        }
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
        m_idle = false;
        armReadTimer(opts().bodyTimeoutMs);
        http::async_read(m_stream, m_buffer, *m_parser, beast::bind_front_handler(&Session::onBody, this->shared_from_this()));
    }

    void failRead(beast::error_code ec)
    {
        if (m_timedOut)
            ec = beast::error::timeout;
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
            // An idle kept-alive connection is closed without a word (the client may be sending a
            // new request at this moment); a request that started, or a new connection that sent
            // nothing, is answered 408 and closed (RFC 9110 §15.5.9).
            if (m_idle && m_buffer.size() == 0 && !(m_parser && m_parser->got_some()))
                return close();
            return reject(408, Tr::tr("Request too slow"),
                          Tr::tr("The client did not send the whole request within %1 ms; the connection is closed.")
                              .arg(m_parser && m_parser->is_header_done() ? opts().bodyTimeoutMs : opts().headerTimeoutMs),
                          u"timed out while reading the request"_s);
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
        m_readTimer.cancel();
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
        // The timers' handlers own the session too: cancel them, so that it (and its place under
        // the connection limit) goes now, not when a timer would have fired.
        m_readTimer.cancel();
        m_delay.cancel();
        beast::error_code ec;
        m_stream.socket().close(ec);
    }

    Stream m_stream;
    beast::flat_buffer m_buffer;
    asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, Executor> m_delay;
    std::optional<http::request_parser<http::string_body>> m_parser;
    asio::basic_waitable_timer<std::chrono::steady_clock, asio::wait_traits<std::chrono::steady_clock>, Executor> m_readTimer;
    std::shared_ptr<const Shared> m_shared;
    QString m_clientAddress;
    quint16 m_clientPort = 0;
    bool m_first = true;
    bool m_idle = false;       ///< waiting for the next request on a kept-alive connection
    bool m_timedOut = false;   ///< the read timer cancelled the read
    std::array<char, 8192> m_drainBuffer{};
    std::size_t m_drained = 0;
};


} // namespace quarry::mock::engine
