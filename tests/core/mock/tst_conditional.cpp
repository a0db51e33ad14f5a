// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// Conditional requests (RFC 9110 §13) against a served workspace, over real sockets and with curl.
#include "mock/conditionalrequest.h"
#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/requestlog.h"

#include "rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;

namespace {

const char *Schema = R"({"tables": [
  {"name": "notes", "columns": [
    {"name": "id", "type": "serial", "primaryKey": true, "nullable": false},
    {"name": "text", "type": "text", "nullable": false},
    {"name": "updated_at", "type": "timestamp", "nullable": true}]},
  {"name": "tags", "columns": [
    {"name": "id", "type": "serial", "primaryKey": true, "nullable": false},
    {"name": "label", "type": "text"}]}
]})";

const char *Mock = R"({"routes": [
  {"id": "hello", "method": "GET", "path": "/hello", "responses": [{"status": 200, "body": {"hello": "world"}}]},
  {"id": "tagged", "method": "GET", "path": "/tagged", "responses": [{"status": 200, "headers": {"ETag": "W/\u0022v7\u0022"}, "body": "x"}]},
  {"id": "fake", "method": "GET", "path": "/fake", "responses": [{"status": 200, "body": "{{fake.uuid}}"}]},
  {"id": "empty", "method": "GET", "path": "/empty", "responses": [{"status": 204, "body": "not sent"}]},
  {"id": "notes", "method": "ANY", "path": "/api/notes", "resource": {"table": "notes"}},
  {"id": "tags", "method": "ANY", "path": "/api/tags", "resource": {"table": "tags"}}
]})";

QJsonObject obj(const char *json) { return QJsonDocument::fromJson(QByteArray(json)).object(); }

} // namespace

class TestConditional : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void httpDates_data();
    void httpDates();
    void staticRouteEtagAndLastModified();
    void curlRevalidatesWithEtagAndDate();
    void templatedBodyGetsTheTagOfWhatItRendered();
    void routesOwnEtagIsKept();
    void crudItemRevalidation();
    void ifMatchGuardsWrites();
    void ifUnmodifiedSinceGuardsWrites();
    void listEtagFollowsTheRows();
    void concurrentIfMatchWritesOneWins();
    void bodilessStatusesSendNoBody();

private:
    RawResponse send(const QByteArray &method, const QByteArray &target, const QList<QByteArray> &headers = {},
                     const QByteArray &body = {})
    {
        RawClient c;
        if (!c.connectTo(m_port))
            return {};
        QByteArray req = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
        for (const QByteArray &h : headers)
            req += h + "\r\n";
        if (!body.isEmpty())
            req += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        req += "\r\n" + body;
        c.m_headRequest = method == "HEAD";
        c.send(req);
        return c.readResponse().value_or(RawResponse{});
    }
    /// The "conditional" note of the last logged request to `target` (logged before it is answered).
    QString lastNote(const QString &target) const { return findNote(target); }
    QString findNote(const QString &target) const
    {
        const QList<LogEntry> entries = m_server->requestLog()->entries();
        for (auto e = entries.crbegin(); e != entries.crend(); ++e) {
            if (e->target != target)
                continue;
            for (const LifecycleStep &s : e->steps) {
                if (s.step == u"conditional"_s)
                    return s.message;
            }
        }
        return {};
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockServer> m_server;
    quint16 m_port = 0;
};

void TestConditional::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<MockServer>();
    QJsonArray dbs{QJsonObject{{u"id"_s, u"db"_s}, {u"url"_s, u"sqlite:test.db"_s}}};
    auto config = MockConfig::fromJson(obj(Mock), obj(Schema), dbs, m_dir->path());
    QVERIFY(config);
    const auto applied = m_server->configure(config.value());
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toString()));
    ServerOptions o;
    o.threads = 4;
    auto port = m_server->start(o);
    QVERIFY(port);
    m_port = port.value();
}

void TestConditional::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestConditional::httpDates_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("iso");   // empty: not a date
    QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << u"1994-11-06T08:49:37Z"_s;
    QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << u"1994-11-06T08:49:37Z"_s;
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << u"1994-11-06T08:49:37Z"_s;
    QTest::newRow("not GMT") << QByteArray("Sun, 06 Nov 1994 08:49:37 CET") << QString();
    QTest::newRow("no month") << QByteArray("Sun, 06 Foo 1994 08:49:37 GMT") << QString();
    QTest::newRow("hour 25") << QByteArray("Sun, 06 Nov 1994 25:49:37 GMT") << QString();
    QTest::newRow("garbage") << QByteArray("yesterday") << QString();
}

void TestConditional::httpDates()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, iso);
    const auto parsed = ConditionalRequest::parseHttpDate(text);
    if (iso.isEmpty()) {
        QVERIFY(!parsed);
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(parsed->toString(Qt::ISODate), iso);
    QCOMPARE(ConditionalRequest::httpDate(*parsed), QByteArray("Sun, 06 Nov 1994 08:49:37 GMT"));
}

void TestConditional::staticRouteEtagAndLastModified()
{
    const RawResponse first = send("GET", "/hello");
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("ETag");
    QVERIFY2(etag.startsWith('"') && etag.endsWith('"') && etag.size() > 20, etag.constData());   // strong, not W/
    QCOMPARE(etag, ConditionalRequest::strongEtag(first.body));
    const QByteArray lastModified = first.header("Last-Modified");
    QVERIFY2(ConditionalRequest::parseHttpDate(lastModified), lastModified.constData());
    QVERIFY(lastNote(u"/hello"_s).startsWith(u"ETag "_s + QString::fromLatin1(etag)));

    const RawResponse same = send("GET", "/hello", {"If-None-Match: " + etag});
    QCOMPARE(same.status, 304);
    QVERIFY(same.body.isEmpty());
    QCOMPARE(same.header("ETag"), etag);
    QCOMPARE(same.header("Content-Type"), QByteArray());
    QVERIFY2(lastNote(u"/hello"_s).contains(u"matches the current ETag"_s), qPrintable(lastNote(u"/hello"_s)));

    QCOMPARE(send("GET", "/hello", {"If-None-Match: \"other\", W/" + etag}).status, 304);   // weak comparison
    QCOMPARE(send("GET", "/hello", {"If-None-Match: *"}).status, 304);
    QCOMPARE(send("HEAD", "/hello", {"If-None-Match: " + etag}).status, 304);
    const RawResponse changed = send("GET", "/hello", {"If-None-Match: \"stale\""});
    QCOMPARE(changed.status, 200);
    QCOMPARE(changed.body, first.body);
    QVERIFY(lastNote(u"/hello"_s).contains(u"does not match"_s));

    QCOMPARE(send("GET", "/hello", {"If-Modified-Since: " + lastModified}).status, 304);
    QCOMPARE(send("GET", "/hello", {"If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT"}).status, 200);
    QCOMPARE(send("GET", "/hello", {"If-Modified-Since: not a date"}).status, 200);
    QVERIFY(lastNote(u"/hello"_s).contains(u"not an HTTP date"_s));
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    QCOMPARE(send("GET", "/hello", {"If-None-Match: \"stale\"", "If-Modified-Since: " + lastModified}).status, 200);
    QVERIFY(lastNote(u"/hello"_s).contains(u"If-None-Match takes precedence"_s));
    // A failed If-Match on a GET is a 412 too.
    const RawResponse failed = send("GET", "/hello", {"If-Match: \"stale\""});
    QCOMPARE(failed.status, 412);
    QCOMPARE(failed.header("Content-Type"), QByteArray("application/problem+json"));

    // Editing another route keeps this one's validators.
    auto config = m_server->config();
    config.routes.removeIf([](const Route &r) { return r.id == u"fake"_s; });
    QVERIFY(m_server->configure(config));
    const RawResponse after = send("GET", "/hello");
    QCOMPARE(after.header("ETag"), etag);
    QCOMPARE(after.header("Last-Modified"), lastModified);
}

void TestConditional::curlRevalidatesWithEtagAndDate()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    const QString url = u"http://127.0.0.1:%1/hello"_s.arg(m_port);
    const QString etagFile = m_dir->filePath(u"etag.txt"_s);
    auto run = [&](const QStringList &args) {
        QProcess p;
        p.start(curl, QStringList{u"-s"_s, u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{http_code}"_s} + args + QStringList{url});
        p.waitForFinished(10000);
        return QString::fromLatin1(p.readAllStandardOutput());
    };
    QCOMPARE(run({u"--etag-save"_s, etagFile}), u"200"_s);
    QCOMPARE(run({u"--etag-compare"_s, etagFile}), u"304"_s);
    // curl -z sends the file's modification time as If-Modified-Since.
    QFile stamp(m_dir->filePath(u"stamp"_s));
    QVERIFY(stamp.open(QIODevice::WriteOnly));
    stamp.close();
    QCOMPARE(run({u"-z"_s, stamp.fileName()}), u"304"_s);
    QCOMPARE(run({u"-z"_s, u"1 Jan 2000"_s}), u"200"_s);
}

void TestConditional::templatedBodyGetsTheTagOfWhatItRendered()
{
    const RawResponse a = send("GET", "/fake");
    const RawResponse b = send("GET", "/fake");
    QCOMPARE(a.status, 200);
    QVERIFY(a.body != b.body);
    QCOMPARE(a.header("ETag"), ConditionalRequest::strongEtag(a.body));
    QCOMPARE(b.header("ETag"), ConditionalRequest::strongEtag(b.body));
    QCOMPARE(a.header("Last-Modified"), QByteArray());   // a fresh body every time has no date
    QCOMPARE(send("GET", "/fake", {"If-None-Match: " + a.header("ETag")}).status, 200);
}

void TestConditional::routesOwnEtagIsKept()
{
    const RawResponse r = send("GET", "/tagged");
    QCOMPARE(r.header("ETag"), QByteArray("W/\"v7\""));
    QCOMPARE(send("GET", "/tagged", {"If-None-Match: \"v7\""}).status, 304);   // weak comparison
    QCOMPARE(send("GET", "/tagged", {"If-Match: \"v7\""}).status, 412);        // strong comparison: a weak tag never matches
}

void TestConditional::crudItemRevalidation()
{
    const RawResponse created = send("POST", "/api/notes", {}, R"({"text": "first"})");
    QCOMPARE(created.status, 201);
    const QJsonObject row = QJsonDocument::fromJson(created.body).object();
    QVERIFY2(!row.value(u"updated_at"_s).toString().isEmpty(), created.body.constData());   // stamped by the server
    const QByteArray target = "/api/notes/" + QByteArray::number(row.value(u"id"_s).toInt());
    const RawResponse got = send("GET", target);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.header("ETag"), created.header("ETag"));   // the same representation
    QCOMPARE(got.header("ETag"), ConditionalRequest::strongEtag(got.body));
    const auto updated = ConditionalRequest::parseStoredTime(row.value(u"updated_at"_s));
    QVERIFY(updated);
    QCOMPARE(got.header("Last-Modified"), ConditionalRequest::httpDate(*updated));

    QCOMPARE(send("GET", target, {"If-None-Match: " + got.header("ETag")}).status, 304);
    QCOMPARE(send("GET", target, {"If-Modified-Since: " + got.header("Last-Modified")}).status, 304);
    // A table without an updated-at column: an ETag, no Last-Modified.
    QCOMPARE(send("POST", "/api/tags", {}, R"({"label": "a"})").status, 201);
    const RawResponse tag = send("GET", "/api/tags/1");
    QVERIFY(!tag.header("ETag").isEmpty());
    QCOMPARE(tag.header("Last-Modified"), QByteArray());
    QCOMPARE(send("GET", "/api/tags/1", {"If-Modified-Since: Sun, 06 Nov 2095 08:49:37 GMT"}).status, 200);
    QVERIFY(lastNote(u"/api/tags/1"_s).contains(u"no modification date"_s));
    // A 404 ignores preconditions.
    QCOMPARE(send("GET", "/api/notes/999", {"If-None-Match: *"}).status, 404);
}

void TestConditional::ifMatchGuardsWrites()
{
    const RawResponse created = send("POST", "/api/notes", {}, R"({"text": "v1"})");
    const QByteArray v1 = created.header("ETag");
    const RawResponse put = send("PUT", "/api/notes/1", {"If-Match: " + v1}, R"({"text": "v2"})");
    QCOMPARE(put.status, 200);
    const QByteArray v2 = put.header("ETag");
    QVERIFY(v2 != v1);
    QCOMPARE(v2, ConditionalRequest::strongEtag(put.body));
    QVERIFY2(lastNote(u"/api/notes/1"_s).contains(u"If-Match"_s), qPrintable(findNote(u"/api/notes/1"_s)));

    // A client that still holds v1 loses: 412, and the row keeps v2.
    const RawResponse stale = send("PATCH", "/api/notes/1", {"If-Match: " + v1}, R"({"text": "lost update"})");
    QCOMPARE(stale.status, 412);
    QCOMPARE(stale.header("Content-Type"), QByteArray("application/problem+json"));
    const QJsonObject problem = QJsonDocument::fromJson(stale.body).object();
    QCOMPARE(problem.value(u"status"_s).toInt(), 412);
    QCOMPARE(problem.value(u"etag"_s).toString(), QString::fromLatin1(v2));
    QVERIFY(problem.value(u"detail"_s).toString().contains(QString::fromLatin1(v1)));
    QCOMPARE(stale.header("ETag"), v2);
    QVERIFY2(lastNote(u"/api/notes/1"_s).contains(u"→ 412"_s), qPrintable(findNote(u"/api/notes/1"_s)));
    QCOMPARE(QJsonDocument::fromJson(send("GET", "/api/notes/1").body).object().value(u"text"_s).toString(), u"v2"_s);

    QCOMPARE(send("DELETE", "/api/notes/1", {"If-Match: " + v1}).status, 412);
    QCOMPARE(send("DELETE", "/api/notes/1", {"If-Match: W/" + v2}).status, 412);   // If-Match compares strongly
    QCOMPARE(send("PUT", "/api/notes/1", {"If-None-Match: *"}, R"({"text": "create only"})").status, 412);
    QCOMPARE(send("PUT", "/api/notes/2", {"If-Match: *"}, R"({"text": "no such row"})").status, 412);
    QCOMPARE(send("DELETE", "/api/notes/1", {"If-Match: " + v2}).status, 204);
    QCOMPARE(send("GET", "/api/notes/1").status, 404);
    // A body the server refuses is refused before the preconditions are looked at.
    QCOMPARE(send("POST", "/api/notes", {}, R"({"text": "again"})").status, 201);
    QCOMPARE(send("PATCH", "/api/notes/2", {"If-Match: \"x\""}, "not json").status, 400);
}

void TestConditional::ifUnmodifiedSinceGuardsWrites()
{
    const RawResponse created = send("POST", "/api/notes", {}, R"({"text": "v1", "updated_at": "2026-01-02 03:04:05"})");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Last-Modified"), QByteArray("Fri, 02 Jan 2026 03:04:05 GMT"));
    QCOMPARE(send("PATCH", "/api/notes/1", {"If-Unmodified-Since: Thu, 01 Jan 2026 00:00:00 GMT"}, R"({"text": "v2"})").status,
             412);
    QVERIFY(lastNote(u"/api/notes/1"_s).contains(u"but the resource was modified Fri, 02 Jan 2026 03:04:05 GMT"_s));
    const RawResponse ok = send("PATCH", "/api/notes/1", {"If-Unmodified-Since: Fri, 02 Jan 2026 03:04:05 GMT"},
                                R"({"text": "v2"})");
    QCOMPARE(ok.status, 200);
    // The write moved updated_at to now, so the old date no longer holds.
    QVERIFY(ok.header("Last-Modified") != created.header("Last-Modified"));
    QCOMPARE(send("PATCH", "/api/notes/1", {"If-Unmodified-Since: Fri, 02 Jan 2026 03:04:05 GMT"}, R"({"text": "v3"})").status,
             412);
}

void TestConditional::listEtagFollowsTheRows()
{
    QCOMPARE(send("POST", "/api/notes", {}, R"({"text": "a"})").status, 201);
    const RawResponse list = send("GET", "/api/notes");
    QCOMPARE(list.status, 200);
    const QByteArray etag = list.header("ETag");
    QVERIFY(!list.header("Last-Modified").isEmpty());
    QCOMPARE(send("GET", "/api/notes", {"If-None-Match: " + etag}).status, 304);
    QCOMPARE(send("GET", "/api/notes?text=a", {"If-None-Match: " + etag}).status, 304);   // the same rows
    QCOMPARE(send("POST", "/api/notes", {}, R"({"text": "b"})").status, 201);
    const RawResponse longer = send("GET", "/api/notes", {"If-None-Match: " + etag});
    QCOMPARE(longer.status, 200);
    QCOMPARE(QJsonDocument::fromJson(longer.body).array().size(), 2);
    // A deletion dates the list even though no row carries its time.
    const QByteArray dated = longer.header("Last-Modified");
    QCOMPARE(send("DELETE", "/api/notes/2").status, 204);
    const RawResponse shorter = send("GET", "/api/notes");
    QVERIFY(ConditionalRequest::parseHttpDate(shorter.header("Last-Modified"))
            >= ConditionalRequest::parseHttpDate(dated));
}

void TestConditional::concurrentIfMatchWritesOneWins()
{
    const RawResponse created = send("POST", "/api/notes", {}, R"({"text": "start"})");
    const QByteArray etag = created.header("ETag");
    std::atomic<int> won{0}, refused{0}, other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            const RawResponse r = send("PUT", "/api/notes/1", {"If-Match: " + etag},
                                       "{\"text\": \"writer " + QByteArray::number(t) + "\"}");
            (r.status == 200 ? won : r.status == 412 ? refused : other)++;
        });
    }
    for (auto &t : threads)
        t.join();
    QCOMPARE(other.load(), 0);
    QCOMPARE(won.load(), 1);
    QCOMPARE(refused.load(), 7);
}

void TestConditional::bodilessStatusesSendNoBody()
{
    // A 204 route with a body: the body is not sent, no Content-Length, and the server lives on.
    RawClient c;
    QVERIFY(c.connectTo(m_port));
    c.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto empty = c.readResponse();
    QVERIFY(empty);
    QCOMPARE(empty->status, 204);
    QCOMPARE(empty->header("Content-Length"), QByteArray());
    const auto next = c.readResponse();
    QVERIFY(next);
    QCOMPARE(next->status, 200);   // nothing of "not sent" was read as the next answer
    QCOMPARE(QJsonDocument::fromJson(next->body).object().value(u"hello"_s).toString(), u"world"_s);
    RawClient d;
    QVERIFY(d.connectTo(m_port));
    d.send("GET /hello HTTP/1.1\r\nHost: x\r\nIf-None-Match: *\r\n\r\n");
    const auto notModified = d.readResponse();
    QVERIFY(notModified);
    QCOMPARE(notModified->status, 304);
    QCOMPARE(notModified->header("Content-Length"), QByteArray());
}

QTEST_GUILESS_MAIN(TestConditional)
#include "tst_conditional.moc"
