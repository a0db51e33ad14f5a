// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// Request smuggling over real sockets (RFC 9112 §6): a request whose framing is ambiguous is
// answered 400 (501 for a coding the server does not decode) and the connection is closed, so the
// bytes sent as its body never run as a second request: no row appears in the CRUD table.

#include "rawhttp.h"

#include "mock/mockconfig.h"
#include "mock/mockserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;

namespace {

const char *Schema = R"({"tables": [{"name": "notes", "columns": [
    {"name": "id", "type": "serial", "primaryKey": true, "nullable": false},
    {"name": "text", "type": "text", "nullable": true}]}]})";
const char *Mock = R"({"routes": [{"id": "notes", "method": "ANY", "path": "/api/notes", "resource": {"table": "notes"}}]})";

/// The request an attacker hides in the body: on success it would create a row.
const QByteArray Smuggled = "POST /api/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            "Content-Length: 15\r\n\r\n{\"text\":\"evil\"}";

QByteArray head(const QByteArray &framing)
{
    return "POST /api/notes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + framing + "\r\n";
}

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

} // namespace

class TestSmuggling : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void ambiguousFramingClosesTheConnection_data();
    void ambiguousFramingClosesTheConnection();
    void plainChunkedStillWorks();

private:
    int rowCount();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockServer> m_server;
    quint16 m_port = 0;
};

void TestSmuggling::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<MockServer>();
    auto config = MockConfig::fromJson(QJsonDocument::fromJson(Mock).object(), QJsonDocument::fromJson(Schema).object(), {},
                                       m_dir->path());
    QVERIFY(config);
    const auto applied = m_server->configure(config.value());
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toString()));
    ServerOptions o;
    o.port = 0;
    o.threads = 2;
    const auto port = m_server->start(o);
    QVERIFY(port);
    m_port = port.value();
}

void TestSmuggling::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

int TestSmuggling::rowCount()
{
    RawClient c;
    if (!c.connectTo(m_port))
        return -1;
    c.send("GET /api/notes HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto r = c.readResponse();
    if (!r || r->status != 200)
        return -1;
    return int(QJsonDocument::fromJson(r->body).array().size());
}

void TestSmuggling::ambiguousFramingClosesTheConnection_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("status");
    // CL.TE: a front end that trusts Content-Length forwards all of it; chunked ends at "0".
    QTest::newRow("CL.TE") << head("Content-Length: " + QByteArray::number(5 + Smuggled.size())
                                   + "\r\nTransfer-Encoding: chunked\r\n")
                                  + "0\r\n\r\n" + Smuggled
                           << 400;
    // TE.CL: a front end that trusts chunked forwards the chunk; Content-Length ends early.
    QTest::newRow("TE.CL") << head("Transfer-Encoding: chunked\r\nContent-Length: 4\r\n") + chunk(Smuggled) + "0\r\n\r\n"
                           << 400;
    QTest::newRow("TE (not chunked) with CL")
        << head("Transfer-Encoding: gzip\r\nContent-Length: " + QByteArray::number(Smuggled.size()) + "\r\n") + Smuggled << 400;
    // TE.TE: codings a lenient parser reads as "no body" or as Content-Length framing.
    const QList<std::pair<const char *, QByteArray>> obfuscated = {
        {"chunked, chunked", "Transfer-Encoding: chunked, chunked\r\n"},
        {"chunked, gzip", "Transfer-Encoding: chunked, gzip\r\n"},
        {"identity", "Transfer-Encoding: identity\r\n"},
        {"xchunked", "Transfer-Encoding: xchunked\r\n"},
        {"chunk", "Transfer-Encoding: chunk\r\n"},
        {"empty", "Transfer-Encoding: \r\n"},
        {"chunked then empty element", "Transfer-Encoding: chunked,\r\n"},
        {"quoted chunked", "Transfer-Encoding: \"chunked\"\r\n"},
        {"chunked with a parameter", "Transfer-Encoding: chunked;q=1\r\n"},
        {"two fields, chunked first", "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n"},
        {"two fields, chunked twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"},
        {"space before the colon", "Transfer-Encoding : chunked\r\n"},
        // Whitespace around a value is not part of it (RFC 9110 §5.5): these are chunked, and the
        // smuggled request is then a malformed chunk.
        {"leading space in the value", "Transfer-Encoding:  chunked\r\n"},
        {"tab before the value", "Transfer-Encoding:\tchunked\r\n"},
        {"value on a folded line", "Transfer-Encoding:\r\n chunked\r\n"},
    };
    for (const auto &[name, framing] : obfuscated) {
        QTest::newRow(name) << head(framing) + Smuggled << 400;
        QTest::newRow(qPrintable(name + u" with CL"_s))
            << head(framing + "Content-Length: " + QByteArray::number(Smuggled.size()) + "\r\n") + Smuggled << 400;
    }
    // A coding the server does not decode: 501, and still closed.
    QTest::newRow("gzip, chunked") << head("Transfer-Encoding: gzip, chunked\r\n") + chunk(Smuggled) + "0\r\n\r\n" << 501;
    QTest::newRow("two fields, gzip then chunked")
        << head("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n") + chunk(Smuggled) + "0\r\n\r\n" << 501;
    QTest::newRow("HTTP/1.0 with chunked")
        << QByteArray("POST /api/notes HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n") + chunk("{}") + "0\r\n\r\n"
               + Smuggled
        << 400;
    // Content-Length: equal duplicates are refused too, not only conflicting ones.
    QTest::newRow("CL twice, equal") << head("Content-Length: 2\r\nContent-Length: 2\r\n") + "{}" + Smuggled << 400;
    QTest::newRow("CL list, equal") << head("Content-Length: 2, 2\r\n") + "{}" + Smuggled << 400;
    QTest::newRow("CL twice, conflicting") << head("Content-Length: 2\r\nContent-Length: 0\r\n") + "{}" + Smuggled << 400;
}

void TestSmuggling::ambiguousFramingClosesTheConnection()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, status);
    RawClient c;
    QVERIFY(c.connectTo(m_port));
    c.send(raw);
    const auto r = c.readResponse();
    QVERIFY2(r, c.buffered().constData());
    QCOMPARE(r->status, status);
    if (r->statusLine.startsWith("HTTP/1.1"))
        QCOMPARE(r->header("Connection").toLower(), QByteArray("close"));
    QVERIFY(c.waitForClose());
    QVERIFY2(!c.readResponse(200), "a second response came back on the connection");
    QCOMPARE(rowCount(), 0);
}

void TestSmuggling::plainChunkedStillWorks()
{
    RawClient c;
    QVERIFY(c.connectTo(m_port));
    const QByteArray body = R"({"text":"fine"})";
    c.send(head("Transfer-Encoding: chunked\r\n") + chunk(body.left(5)) + chunk(body.mid(5)) + "0\r\n\r\n");
    const auto r = c.readResponse();
    QVERIFY2(r, c.buffered().constData());
    QCOMPARE(r->status, 201);
    // Case and whitespace around the coding are allowed (RFC 9110 §5.6.1), and the connection stays open.
    c.send(head("transfer-encoding:   CHUNKED  \r\n") + chunk(body) + "0\r\n\r\n");
    const auto again = c.readResponse();
    QVERIFY2(again, c.buffered().constData());
    QCOMPARE(again->status, 201);
    QCOMPARE(rowCount(), 2);
}

QTEST_GUILESS_MAIN(TestSmuggling)
#include "tst_smuggling.moc"
