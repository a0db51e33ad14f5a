// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/httpserver.h"

#include "rawhttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>

#include <atomic>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using quarry::mock::HttpServer;
using quarry::mock::Request;
using quarry::mock::Response;
using quarry::mock::ServerOptions;

class TestHttpServer : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void echoesRequest();
    void portZeroReportsPort();
    void portInUseIsAnError();
    void badHostIsAnError();
    void headersTooLarge();
    void tooManyHeaderFields();
    void bodyTooLargeAnsweredBeforeBody();
    void chunkedBodyTooLarge();
    void expectContinue();
    void expectContinueOverLimit();
    void malformed_data();
    void malformed();
    void http10ClosesAfterAnswer();
    void connectionCloseRespected();
    void pipelinedAnsweredInOrder();
    void slowHeadersTimeOut();
    void slowBodyTimesOut();
    void idleKeepAliveTimesOut();
    void slowClientDoesNotDisturbOthers();
    void headHasNoBody();
    void droppedConnection();
    void headerInjectionNeutralised();
    void stopWithClientsConnected();

private:
    ServerOptions options() const
    {
        ServerOptions o;
        o.port = 0;
        o.threads = 2;
        o.maxHeaderBytes = 16 * 1024;
        o.maxBodyBytes = 1024;
        o.headerTimeoutMs = 2000;
        o.bodyTimeoutMs = 2000;
        o.idleTimeoutMs = 2000;
        return o;
    }
    quint16 startServer(const ServerOptions &o);

    std::unique_ptr<HttpServer> m_server;
    std::atomic<int> m_handled{0};
    std::atomic<int> m_rejected{0};
};

void TestHttpServer::init()
{
    m_handled = 0;
    m_rejected = 0;
    m_server = std::make_unique<HttpServer>([this](Request &r) {
        ++m_handled;
        Response res;
        if (r.path == u"/slow"_s)
            res.delayMs = 300;
        if (r.path == u"/inject"_s) {
            res.headers.append({QByteArray("X-Evil"), QByteArray("a\r\nSet-Cookie: stolen=1\r\n\r\nbody")});
            res.headers.append({QByteArray("Bad Name"), QByteArray("x")});
            res.body = "ok";
            return res;
        }
        if (r.path == u"/drop"_s) {
            res.dropConnection = true;
            return res;
        }
        const QJsonObject o{{u"method"_s, QString::fromLatin1(r.method)},
                            {u"path"_s, r.path},
                            {u"page"_s, r.queryValue(u"page"_s)},
                            {u"body"_s, QString::fromUtf8(r.body)},
                            {u"client"_s, r.clientAddress},
                            {u"version"_s, r.version},
                            {u"xtest"_s, QString::fromLatin1(r.header("X-Test"))}};
        res.setHeader("Content-Type", "application/json");
        res.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        return res;
    });
    m_server->setRejectionObserver([this](const Request &, const Response &, const QString &) { ++m_rejected; });
}

void TestHttpServer::cleanup()
{
    m_server.reset();
}

quint16 TestHttpServer::startServer(const ServerOptions &o)
{
    auto port = m_server->start(o);
    if (!port)
        qWarning("%s", qPrintable(port.error().toString()));
    return port ? port.value() : 0;
}

static QJsonObject bodyJson(const RawResponse &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

void TestHttpServer::echoesRequest()
{
    const quint16 port = startServer(options());
    QVERIFY(port);
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("POST /api/users%20x?page=2&q=a+b HTTP/1.1\r\nHost: x\r\nX-Test: yes\r\nContent-Length: 5\r\n\r\nhello");
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    const QJsonObject o = bodyJson(*r);
    QCOMPARE(o.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(o.value(u"path"_s).toString(), u"/api/users x"_s);
    QCOMPARE(o.value(u"page"_s).toString(), u"2"_s);
    QCOMPARE(o.value(u"body"_s).toString(), u"hello"_s);
    QCOMPARE(o.value(u"client"_s).toString(), u"127.0.0.1"_s);
    QCOMPARE(o.value(u"xtest"_s).toString(), u"yes"_s);
    QCOMPARE(r->header("Server"), QByteArray("Quarry"));
    // keep-alive: a second request on the same connection works
    c.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto r2 = c.readResponse();
    QVERIFY(r2);
    QCOMPARE(bodyJson(*r2).value(u"path"_s).toString(), u"/again"_s);
}

void TestHttpServer::portZeroReportsPort()
{
    const quint16 port = startServer(options());
    QVERIFY(port != 0);
    QCOMPARE(m_server->port(), port);
    QVERIFY(m_server->isRunning());
}

void TestHttpServer::portInUseIsAnError()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    ServerOptions o = options();
    o.port = blocker.serverPort();
    auto result = m_server->start(o);
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(u"already in use"_s), qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(QString::number(o.port)));
    QVERIFY(!m_server->isRunning());
}

void TestHttpServer::badHostIsAnError()
{
    ServerOptions o = options();
    o.host = u"not an address"_s;
    auto result = m_server->start(o);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, quarry::Error::Kind::InvalidInput);
}

void TestHttpServer::headersTooLarge()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + QByteArray(17 * 1024, 'a') + "\r\n\r\n");
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 431);
    QCOMPARE(r->header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(bodyJson(*r).value(u"status"_s).toInt(), 431);
    QVERIFY(c.waitForClose());
    QCOMPARE(m_handled.load(), 0);
    QCOMPARE(m_rejected.load(), 1);
}

void TestHttpServer::tooManyHeaderFields()
{
    ServerOptions o = options();
    o.maxHeaderCount = 20;
    const quint16 port = startServer(o);
    auto sendWith = [port](int fields) {
        RawClient c;
        c.connectTo(port);
        QByteArray req = "GET / HTTP/1.1\r\nHost: x\r\n";
        for (int i = 1; i < fields; ++i)
            req += "X-" + QByteArray::number(i) + ": y\r\n";
        c.send(req + "\r\n");
        const auto r = c.readResponse();
        return r ? r->status : 0;
    };
    QCOMPARE(sendWith(20), 200);
    QCOMPARE(sendWith(21), 431);   // small fields, far below maxHeaderBytes
    QCOMPARE(m_rejected.load(), 1);
}

void TestHttpServer::bodyTooLargeAnsweredBeforeBody()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    // Only the headers: the 413 must come without the server waiting for the 100000 bytes.
    c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
    const auto r = c.readResponse(2000);
    QVERIFY(r);
    QCOMPARE(r->status, 413);
    QVERIFY(bodyJson(*r).value(u"detail"_s).toString().contains(u"1024"_s));
    QCOMPARE(m_handled.load(), 0);
}

void TestHttpServer::chunkedBodyTooLarge()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    QByteArray chunk = QByteArray::number(2000, 16) + "\r\n" + QByteArray(2000, 'x') + "\r\n";
    c.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + "0\r\n\r\n");
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 413);
    QCOMPARE(m_handled.load(), 0);
}

void TestHttpServer::expectContinue()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    const auto interim = c.readResponse(2000);
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    c.send("data");
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QCOMPARE(bodyJson(*r).value(u"body"_s).toString(), u"data"_s);
}

void TestHttpServer::expectContinueOverLimit()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("POST /upload HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n");
    const auto r = c.readResponse(2000);
    QVERIFY(r);
    QCOMPARE(r->status, 413);   // not 100: the client never has to send the body
}

void TestHttpServer::malformed_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << 400;
    QTest::newRow("header without colon") << QByteArray("GET / HTTP/1.1\r\nHost x\r\n\r\n") << 400;
    QTest::newRow("negative content-length") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n") << 400;
    QTest::newRow("non-numeric content-length") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n") << 400;
    QTest::newRow("two content-lengths") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
    QTest::newRow("HTTP/9.9") << QByteArray("GET / HTTP/9.9\r\nHost: x\r\n\r\n") << 400;
    QTest::newRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
    QTest::newRow("space in target") << QByteArray("GET /a b HTTP/1.1\r\nHost: x\r\n\r\n") << 400;
}

void TestHttpServer::malformed()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send(raw);
    const auto r = c.readResponse();
    QVERIFY2(r, c.buffered().constData());
    QCOMPARE(r->status, status);
    QCOMPARE(r->header("Content-Type"), QByteArray("application/problem+json"));
    QVERIFY(!bodyJson(*r).value(u"title"_s).toString().isEmpty());
    QVERIFY(c.waitForClose());
    QCOMPARE(m_handled.load(), 0);
    // the server still serves others
    RawClient ok;
    QVERIFY(ok.connectTo(port));
    ok.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto r2 = ok.readResponse();
    QVERIFY(r2);
    QCOMPARE(r2->status, 200);
}

void TestHttpServer::http10ClosesAfterAnswer()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("GET /old HTTP/1.0\r\n\r\n");
    const auto r = c.readResponse();
    QVERIFY(r);
    QVERIFY2(r->statusLine.startsWith("HTTP/1.0 200"), r->statusLine.constData());
    QCOMPARE(bodyJson(*r).value(u"version"_s).toInt(), 10);
    QVERIFY(c.waitForClose(2000));
}

void TestHttpServer::connectionCloseRespected()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->header("Connection").toLower(), QByteArray("close"));
    QVERIFY(c.waitForClose(2000));
}

void TestHttpServer::pipelinedAnsweredInOrder()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    // The first answer is delayed 300 ms on a timer; the others are instant, yet come after it.
    c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /two HTTP/1.1\r\nHost: x\r\n\r\nGET /three HTTP/1.1\r\nHost: x\r\n\r\n");
    const QStringList expected{u"/slow"_s, u"/two"_s, u"/three"_s};
    for (const QString &path : expected) {
        const auto r = c.readResponse();
        QVERIFY(r);
        QCOMPARE(bodyJson(*r).value(u"path"_s).toString(), path);
    }
}

// A client too slow to send its request is answered 408 (RFC 9110 §15.5.9) and the connection
// closed; the request log sees the 408 too.
void TestHttpServer::slowHeadersTimeOut()
{
    ServerOptions o = options();
    o.headerTimeoutMs = 300;
    const quint16 port = startServer(o);
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("GET / HTTP/1.1\r\nHost:");
    QElapsedTimer t;
    t.start();
    const auto r = c.readResponse(3000);
    QVERIFY(r);
    QCOMPARE(r->status, 408);
    QCOMPARE(r->header("Connection"), QByteArray("close"));
    QCOMPARE(r->header("Content-Type"), QByteArray("application/problem+json"));
    QVERIFY(c.waitForClose(3000));
    QVERIFY2(t.elapsed() >= 250 && t.elapsed() < 1500, qPrintable(QString::number(t.elapsed())));
    QTRY_COMPARE(m_rejected.load(), 1);
    QCOMPARE(m_handled.load(), 0);

    // A new connection that sends nothing at all gets its 408 as well.
    RawClient silent;
    QVERIFY(silent.connectTo(port));
    const auto quiet = silent.readResponse(3000);
    QVERIFY(quiet);
    QCOMPARE(quiet->status, 408);
    QVERIFY(silent.waitForClose(3000));
}

void TestHttpServer::slowBodyTimesOut()
{
    ServerOptions o = options();
    o.bodyTimeoutMs = 300;
    const quint16 port = startServer(o);
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    QElapsedTimer t;
    t.start();
    const auto r = c.readResponse(3000);
    QVERIFY(r);
    QCOMPARE(r->status, 408);
    QVERIFY(c.waitForClose(3000));
    QVERIFY(t.elapsed() < 1500);
    QTRY_COMPARE(m_rejected.load(), 1);
    QCOMPARE(m_handled.load(), 0);
}

void TestHttpServer::idleKeepAliveTimesOut()
{
    ServerOptions o = options();
    o.idleTimeoutMs = 300;
    const quint16 port = startServer(o);
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(c.readResponse());
    QElapsedTimer t;
    t.start();
    QVERIFY(c.waitForClose(3000));
    QVERIFY(t.elapsed() >= 200);
    QVERIFY(c.buffered().isEmpty());   // an idle close sends nothing
}

void TestHttpServer::slowClientDoesNotDisturbOthers()
{
    ServerOptions o = options();
    o.threads = 1;   // even with one network thread
    const quint16 port = startServer(o);
    RawClient slow;
    QVERIFY(slow.connectTo(port));
    slow.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab");
    for (int i = 0; i < 20; ++i) {
        RawClient c;
        QVERIFY(c.connectTo(port));
        c.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto r = c.readResponse(1000);
        QVERIFY(r);
        QCOMPARE(r->status, 200);
    }
}

void TestHttpServer::headHasNoBody()
{
    const quint16 port = startServer(options());
    RawClient c;
    c.m_headRequest = true;
    QVERIFY(c.connectTo(port));
    c.send("HEAD /x HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QVERIFY(r->header("Content-Length").toInt() > 0);
    QTest::qWait(200);
    c.socket().waitForReadyRead(100);
    QVERIFY(c.buffered().isEmpty());
    QCOMPARE(c.socket().bytesAvailable(), 0);
}

void TestHttpServer::droppedConnection()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n");
    QVERIFY(c.waitForClose(2000));
    QVERIFY(c.buffered().isEmpty());
}

void TestHttpServer::headerInjectionNeutralised()
{
    const quint16 port = startServer(options());
    RawClient c;
    QVERIFY(c.connectTo(port));
    c.send("GET /inject HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto r = c.readResponse();
    QVERIFY(r);
    QCOMPARE(r->status, 200);
    QVERIFY(r->header("Set-Cookie").isNull());
    QCOMPARE(r->header("X-Evil"), QByteArray("a  Set-Cookie: stolen=1    body"));
    QVERIFY(r->header("Bad Name").isNull());
    QCOMPARE(r->body, QByteArray("ok"));
}

void TestHttpServer::stopWithClientsConnected()
{
    const quint16 port = startServer(options());
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 10; ++i) {
        auto c = std::make_unique<RawClient>();
        QVERIFY(c->connectTo(port));
        if (i % 3 == 0)
            c->send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");   // answer pending on a timer
        else if (i % 3 == 1)
            c->send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nab");   // body pending
        clients.push_back(std::move(c));
    }
    QTest::qWait(50);
    QElapsedTimer t;
    t.start();
    m_server->stop();
    QVERIFY(t.elapsed() < 2000);
    QVERIFY(!m_server->isRunning());
    for (auto &c : clients)
        QVERIFY(c->waitForClose(2000));
    m_server->stop();   // twice is fine
    // and it can start again
    QVERIFY(startServer(options()));
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
