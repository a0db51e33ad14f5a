// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "testserver.h"

#include "http/client.h"
#include "http/collection.h"
#include "http/executor.h"
#include "http/transport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::http;

/// Sends real requests to tests/core/http/server.js (Express) and checks what arrived there.
class TestHttpClient : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void echoQueryHeadersAndJson();
    void formAndMultipart();
    void binaryBody();
    void statusIsAResponseWithMeaning();
    void redirects();
    void cookies();
    void timeout();
    void refused();
    void assertionsAndExtractionAgainstServer();
    void clientRunsOffTheCallingThread();
    void clientCancels();

private:
    Exchange send(const RequestSpec &spec);
    RequestSpec request(const QString &method, const QString &path);
    QJsonObject echoed(const Exchange &ex);
    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<Executor> m_executor;
    Collection m_collection;
};

void TestHttpClient::initTestCase()
{
    QVERIFY2(m_server.start(QFINDTESTDATA("server.js")), qPrintable(m_server.error()));
    Executor::Context context;
    context.scope.setOverride(u"baseUrl"_s, m_server.baseUrl());
    context.defaultTimeoutMs = 10000;
    m_executor = std::make_unique<Executor>(std::move(context));
}

RequestSpec TestHttpClient::request(const QString &method, const QString &path)
{
    RequestSpec spec;
    spec.id = u"r"_s;
    spec.name = method + u' ' + path;
    spec.method = method;
    spec.url = u"{{baseUrl}}"_s + path;
    return spec;
}

Exchange TestHttpClient::send(const RequestSpec &spec)
{
    return m_executor->execute(spec);
}

QJsonObject TestHttpClient::echoed(const Exchange &ex)
{
    if (!ex.response)
        return {};
    return ex.response->json().ok() ? ex.response->json().value().toObject() : QJsonObject();
}

void TestHttpClient::echoQueryHeadersAndJson()
{
    RequestSpec spec = request(u"PATCH"_s, u"/echo"_s);
    spec.params = {{u"q"_s, u"a+b c&d"_s}, {u"n"_s, u"{{n}}"_s}};
    spec.headers = {{u"X-Trace"_s, u"t-{{n}}"_s}};
    spec.body.mode = BodySpec::Mode::Json;
    spec.body.text = u"{\"n\": {{n}}, \"word\": \"ünïcode\"}"_s;
    m_executor->scope().setOverride(u"n"_s, u"42"_s);
    const Exchange ex = send(spec);
    QVERIFY2(ex.response, qPrintable(ex.error ? ex.error->toString() : QString()));
    QCOMPARE(ex.response->status, 200);
    const QJsonObject e = echoed(ex);
    QCOMPARE(e.value(u"method"_s).toString(), u"PATCH"_s);
    QCOMPARE(e.value(u"query"_s).toObject().value(u"q"_s).toString(), u"a+b c&d"_s);
    QCOMPARE(e.value(u"query"_s).toObject().value(u"n"_s).toString(), u"42"_s);
    const QJsonObject headers = e.value(u"headers"_s).toObject();
    QCOMPARE(headers.value(u"x-trace"_s).toString(), u"t-42"_s);
    QCOMPARE(headers.value(u"content-type"_s).toString(), u"application/json"_s);
    QVERIFY(headers.value(u"user-agent"_s).toString().startsWith(u"Quarry/"_s));
    QCOMPARE(e.value(u"body"_s).toString(), u"{\"n\": 42, \"word\": \"ünïcode\"}"_s);
    QCOMPARE(ex.response->header(u"x-echo"_s), u"yes"_s);
    QVERIFY(ex.response->isJson());
    QVERIFY(ex.response->timings.total > 0);
    QVERIFY(ex.response->timings.waiting > 0);
    QVERIFY(ex.response->timings.total >= ex.response->timings.waiting);
    QVERIFY(ex.response->size() > ex.response->body.size());
    QVERIFY(ex.response->prettyBody().contains(u"\n    \"method\": \"PATCH\""_s));
}

void TestHttpClient::formAndMultipart()
{
    RequestSpec spec = request(u"POST"_s, u"/echo"_s);
    spec.body.mode = BodySpec::Mode::FormUrlEncoded;
    spec.body.fields = {{u"a b"_s, u"1&2"_s}, {u"c"_s, u"+"_s}};
    Exchange ex = send(spec);
    QCOMPARE(echoed(ex).value(u"body"_s).toString(), u"a+b=1%262&c=%2B"_s);

    QFile file(m_dir.filePath(u"notes.txt"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("file contents\n");
    file.close();
    spec.body.mode = BodySpec::Mode::Multipart;
    KeyValue part{u"upload"_s, file.fileName()};
    part.isFile = true;
    spec.body.fields = {{u"title"_s, u"Notes"_s}, part};
    ex = send(spec);
    const QJsonObject e = echoed(ex);
    QVERIFY(e.value(u"headers"_s).toObject().value(u"content-type"_s).toString().startsWith(u"multipart/form-data; boundary="_s));
    const QString body = e.value(u"body"_s).toString();
    QVERIFY(body.contains(u"name=\"title\"\r\n\r\nNotes\r\n"_s));
    QVERIFY(body.contains(u"filename=\"notes.txt\"\r\nContent-Type: text/plain\r\n\r\nfile contents\n\r\n"_s));
}

void TestHttpClient::binaryBody()
{
    QByteArray bytes;
    for (int i = 0; i < 70000; ++i)
        bytes.append(char(i * 7));
    QFile file(m_dir.filePath(u"blob.bin"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    RequestSpec spec = request(u"PUT"_s, u"/echo"_s);
    spec.body.mode = BodySpec::Mode::Binary;
    spec.body.file = file.fileName();
    const Exchange ex = send(spec);
    QCOMPARE(QByteArray::fromBase64(echoed(ex).value(u"bodyBase64"_s).toString().toLatin1()), bytes);
}

void TestHttpClient::statusIsAResponseWithMeaning()
{
    const Exchange ex = send(request(u"GET"_s, u"/status/404"_s));
    QVERIFY(ex.response);
    QVERIFY(!ex.error);
    QCOMPARE(ex.response->status, 404);
    QCOMPARE(ex.response->reason, u"Not Found"_s);
    QVERIFY(ex.response->meaning().contains(u"no resource at this URL"_s));
    QCOMPARE(send(request(u"GET"_s, u"/status/503"_s)).response->status, 503);
}

void TestHttpClient::redirects()
{
    RequestSpec spec = request(u"GET"_s, u"/redirect"_s);
    Exchange ex = send(spec);
    QCOMPARE(ex.response->status, 200);
    QCOMPARE(echoed(ex).value(u"query"_s).toObject().value(u"redirected"_s).toString(), u"1"_s);
    QVERIFY(ex.response->url.toString().endsWith(u"/echo?redirected=1"_s));
    spec.followRedirects = false;
    ex = send(spec);
    QCOMPARE(ex.response->status, 302);
    QCOMPARE(ex.response->header(u"Location"_s), u"/echo?redirected=1"_s);
}

void TestHttpClient::cookies()
{
    Exchange ex = send(request(u"GET"_s, u"/cookie"_s));
    QCOMPARE(ex.response->cookies.size(), 2);
    QCOMPARE(ex.response->cookies.at(0).name(), QByteArray("session"));
    QCOMPARE(ex.response->cookies.at(0).value(), QByteArray("abc123"));
    QVERIFY(ex.response->cookies.at(0).isHttpOnly());
    // The transport keeps a cookie jar, like a browser: the next request sends them back.
    ex = send(request(u"GET"_s, u"/cookie"_s));
    const QString sent = echoed(ex).value(u"cookies"_s).toString();
    QVERIFY2(sent.contains(u"session=abc123"_s) && sent.contains(u"theme=dark"_s), qPrintable(sent));
}

void TestHttpClient::timeout()
{
    RequestSpec spec = request(u"GET"_s, u"/slow?ms=3000"_s);
    spec.timeoutMs = 300;
    QElapsedTimer clock;
    clock.start();
    const Exchange ex = send(spec);
    QVERIFY(clock.elapsed() < 2000);
    QVERIFY(!ex.response);
    QVERIFY(ex.error);
    QVERIFY2(ex.error->message.contains(u"timed out"_s), qPrintable(ex.error->message));
}

void TestHttpClient::refused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();   // nothing listens there now
    RequestSpec spec;
    spec.name = u"dead"_s;
    spec.url = u"http://127.0.0.1:%1/x"_s.arg(port);
    const Exchange ex = send(spec);
    QVERIFY(!ex.response);
    QVERIFY2(ex.error->message.contains(u"refused"_s), qPrintable(ex.error->message));
    QVERIFY(!ex.passed());
}

void TestHttpClient::assertionsAndExtractionAgainstServer()
{
    RequestSpec create = request(u"POST"_s, u"/users"_s);
    create.body.mode = BodySpec::Mode::Json;
    create.body.text = u"{\"email\": \"grace@example.com\"}"_s;
    create.assertions = {Assertion::statusEquals(201), Assertion::jsonExists(u"/id"_s)};
    create.extractions = {{u"userId"_s, Extraction::From::Json, u"/id"_s},
                          {u"userUrl"_s, Extraction::From::Header, u"Location"_s}};
    Exchange ex = send(create);
    QVERIFY(ex.passed());
    QCOMPARE(ex.extracted.size(), 2);
    RequestSpec get = request(u"GET"_s, u"{{userUrl}}"_s);
    get.url = u"{{baseUrl}}{{userUrl}}"_s;
    auto idCheck = Assertion::fromJson(QJsonObject{{u"kind"_s, u"json"_s}, {u"pointer"_s, u"/id"_s},
                                                   {u"op"_s, u"equals"_s}, {u"value"_s, u"{{userId}}"_s}});
    get.assertions = {idCheck.value()};
    ex = send(get);
    QVERIFY2(ex.passed(), qPrintable(ex.assertions.value(0).message));
    // A failing check makes the exchange fail and says why.
    create.assertions = {Assertion::statusEquals(200)};
    ex = send(create);
    QVERIFY(!ex.passed());
    QCOMPARE(ex.assertions.first().message, u"got 201 Created"_s);
}

void TestHttpClient::clientRunsOffTheCallingThread()
{
    Collection c;
    c.name = u"C"_s;
    CollectionItem item;
    item.request = request(u"GET"_s, u"/echo"_s);
    item.request.id = u"echo"_s;
    c.items = {item};
    VariableScope scope;
    scope.setOverride(u"baseUrl"_s, m_server.baseUrl());
    Client client;
    QSignalSpy spy(&client, &Client::finished);
    const quint64 id = client.send(c, u"echo"_s, scope);
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.first().at(0).toULongLong(), id);
    const Exchange ex = spy.first().at(1).value<Exchange>();
    QCOMPARE(ex.response->status, 200);
    // finished() is delivered on the client's thread (the GUI thread in the app).
    const quint64 missing = client.send(c, u"no-such-request"_s, scope);
    QVERIFY(spy.wait(10000));
    QCOMPARE(spy.at(1).at(0).toULongLong(), missing);
    QVERIFY(spy.at(1).at(1).value<Exchange>().error->message.contains(u"no-such-request"_s));
}

void TestHttpClient::clientCancels()
{
    Collection c;
    c.name = u"C"_s;
    CollectionItem item;
    item.request = request(u"GET"_s, u"/slow?ms=5000"_s);
    item.request.id = u"slow"_s;
    c.items = {item};
    VariableScope scope;
    scope.setOverride(u"baseUrl"_s, m_server.baseUrl());
    Client client;
    QSignalSpy spy(&client, &Client::finished);
    QElapsedTimer clock;
    clock.start();
    const quint64 id = client.send(c, u"slow"_s, scope);
    QTest::qWait(300);
    client.cancel(id);
    QVERIFY(spy.wait(5000));
    QVERIFY2(clock.elapsed() < 2500, "cancel must abort the request in flight");
    const Exchange ex = spy.first().at(1).value<Exchange>();
    QVERIFY(!ex.response);
    QVERIFY(ex.error->message.contains(u"cancelled"_s));
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_client.moc"
