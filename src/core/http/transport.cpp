// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/transport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Transport)
};

QString networkErrorText(QNetworkReply *reply, const QUrl &url)
{
    const QString target = url.host() + (url.port() > 0 ? u":%1"_s.arg(url.port()) : QString());
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return Tr::tr("%1 refused the connection: is the server running on that port?").arg(target);
    case QNetworkReply::HostNotFoundError:
        return Tr::tr("The host %1 was not found (DNS).").arg(url.host());
    case QNetworkReply::RemoteHostClosedError:
        return Tr::tr("%1 closed the connection before answering.").arg(target);
    case QNetworkReply::SslHandshakeFailedError:
        return Tr::tr("The TLS handshake with %1 failed: %2 (turn off TLS verification for self-signed certificates).")
            .arg(target, reply->errorString());
    default:
        return reply->errorString();
    }
}
} // namespace

Transport::Transport() : m_manager(std::make_unique<QNetworkAccessManager>())
{
    m_manager->setAutoDeleteReplies(false);
}

Transport::~Transport() = default;

Result<Response> Transport::send(const PreparedRequest &request, const CancelFlag *cancel)
{
    QNetworkRequest req(request.url);
    for (const HeaderLine &h : request.headers)
        req.setRawHeader(h.name, h.value);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     request.followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                                             : QNetworkRequest::ManualRedirectPolicy);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    const int timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : defaultTimeoutMs;

    QElapsedTimer clock;
    clock.start();
    qint64 headersAtNs = -1;
    std::unique_ptr<QNetworkReply> reply(
        request.body.isEmpty() && (request.method == "GET" || request.method == "HEAD" || request.method == "DELETE")
            ? m_manager->sendCustomRequest(req, request.method)
            : m_manager->sendCustomRequest(req, request.method, request.body));
    if (!request.verifyTls) {
        QObject::connect(reply.get(), &QNetworkReply::sslErrors, reply.get(),
                         [r = reply.get()](const QList<QSslError> &) { r->ignoreSslErrors(); });
    }
    enum class Stop { None, Timeout, Cancelled } stop = Stop::None;
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &loop, [&] {
        if (headersAtNs < 0)
            headersAtNs = clock.nsecsElapsed();
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (onProgress) {
        QObject::connect(reply.get(), &QNetworkReply::downloadProgress, &loop,
                         [this](qint64 received, qint64 total) { onProgress(received, total); });
    }
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        stop = Stop::Timeout;
        reply->abort();
    });
    timeout.start(timeoutMs);
    QTimer poll;
    if (cancel) {
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (cancel->isCancelled() && stop == Stop::None) {
                stop = Stop::Cancelled;
                reply->abort();
            }
        });
        poll.start(20);
    }
    if (!reply->isFinished() && !(cancel && cancel->isCancelled()))
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (!reply->isFinished()) {   // cancelled before the loop ran
        stop = Stop::Cancelled;
        reply->abort();
    }
    const qint64 endNs = clock.nsecsElapsed();

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (stop == Stop::Timeout)
        return Error{Error::Kind::Network, Tr::tr("No complete answer within %1 ms: the request timed out.").arg(timeoutMs),
                     request.url.toDisplayString()};
    if (stop == Stop::Cancelled)
        return Error{Error::Kind::Network, Tr::tr("The request was cancelled."), request.url.toDisplayString()};
    if (!status.isValid())
        return Error{Error::Kind::Network, networkErrorText(reply.get(), request.url), request.url.toDisplayString()};

    Response r;
    r.status = status.toInt();
    r.reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    r.httpVersion = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool() ? u"2"_s : u"1.1"_s;
    r.headers = reply->rawHeaderPairs();
    r.body = reply->readAll();
    r.url = reply->url();
    for (const auto &[name, value] : std::as_const(r.headers)) {
        if (name.compare("Set-Cookie", Qt::CaseInsensitive) == 0)
            r.cookies += QNetworkCookie::parseCookies(value);
    }
    const qint64 waitNs = headersAtNs < 0 ? endNs : headersAtNs;
    r.timings.waiting = waitNs / 1e6;
    r.timings.download = (endNs - waitNs) / 1e6;
    r.timings.total = endNs / 1e6;
    return r;
}

} // namespace quarry::http
