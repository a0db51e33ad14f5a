// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/assertion.h"
#include "http/collection.h"
#include "httpstatus.h"
#include "jsonpointer.h"
#include "http/preparedrequest.h"
#include "http/requesthistory.h"
#include "http/response.h"
#include "http/runreport.h"
#include "http/tokeninspector.h"
#include "http/variablescope.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::http;

class TestHttpModel : public QObject
{
    Q_OBJECT
private slots:
    void sampleRoundTrip();
    void nestedFoldersAndInheritance();
    void invalidDocuments_data();
    void invalidDocuments();
    void variableResolution();
    void undefinedVariableNamesItAndWhere();
    void secretVariables();
    void variableLoop();
    void prepareQueryAndHeaders();
    void prepareBodies();
    void prepareErrors_data();
    void prepareErrors();
    void assertions_data();
    void assertions();
    void extraction();
    void jsonPointer_data();
    void jsonPointer();
    void jsonPointerTokens();
    void statusMeaning();
    void tokenInspector();
    void junitIsWellFormed();
    void history();

private:
    static Response jsonResponse(int status, const QByteArray &body, double ms = 12)
    {
        Response r;
        r.status = status;
        r.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"X-Request-Id", "abc"}};
        r.body = body;
        r.timings.total = ms;
        return r;
    }
    QTemporaryDir m_dir;
};

void TestHttpModel::sampleRoundTrip()
{
    const QString path = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    auto ws = workspace::Workspace::load(path);
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
    const QJsonArray stored = ws.value()->sectionArray(workspace::Section::Collections);
    auto collections = Collection::listFromJson(stored);
    QVERIFY2(collections, qPrintable(collections ? QString() : collections.error().toString()));
    QVERIFY(!collections.value().isEmpty());
    // Saving what was loaded changes nothing: the file stays diff-friendly.
    QCOMPARE(Collection::listToJson(collections.value()), stored);
    const QJsonArray envs = ws.value()->sectionArray(workspace::Section::Environments);
    QCOMPARE(Environment::listToJson(Environment::listFromJson(envs)), envs);
    QVERIFY(collections.value().first().findRequest(u"req-login"_s));
}

void TestHttpModel::nestedFoldersAndInheritance()
{
    const QByteArray json = R"({
      "id": "c1", "name": "Shop",
      "auth": {"type": "login", "id": "p-api", "name": "API", "loginRequest": "login", "tokenPointer": "/token"},
      "variables": [{"name": "page", "value": "1"}],
      "items": [
        {"type": "request", "id": "login", "name": "Log in", "method": "post", "url": "{{baseUrl}}/login"},
        {"type": "folder", "id": "f-admin", "name": "Admin",
         "auth": {"type": "bearer", "token": "{{adminToken}}"},
         "items": [
           {"type": "folder", "id": "f-deep", "name": "Deep", "items": [
             {"type": "request", "id": "r-deep", "name": "Deep one", "method": "GET", "url": "{{baseUrl}}/deep"}
           ]},
           {"type": "request", "id": "r-open", "name": "Open", "method": "GET", "url": "{{baseUrl}}/open",
            "auth": {"type": "none"}}
         ]},
        {"type": "request", "id": "r-top", "name": "Top", "method": "GET", "url": "{{baseUrl}}/top",
         "params": [{"name": "page", "value": "{{page}}"}, {"name": "off", "value": "x", "enabled": false}],
         "timeoutMs": 500, "followRedirects": false, "verifyTls": false,
         "assertions": [{"kind": "status", "op": "in", "value": [200, 201]}],
         "extract": [{"variable": "id", "from": "json", "pointer": "/id"}]}
      ]})";
    auto c = Collection::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
    const Collection &col = c.value();
    QCOMPARE(col.requests().size(), 4);
    QCOMPARE(col.requests().at(1)->id, u"r-deep"_s);   // depth-first order
    QCOMPARE(col.requestsUnder(u"f-admin"_s).size(), 2);
    QCOMPARE(col.findRequest(u"login"_s)->method, u"POST"_s);

    EffectiveAuth deep = col.effectiveAuth(u"r-deep"_s);
    QCOMPARE(deep.spec.type, AuthSpec::Type::Bearer);
    QCOMPARE(deep.source, u"folder \"Admin\""_s);
    EffectiveAuth open = col.effectiveAuth(u"r-open"_s);
    QCOMPARE(open.spec.type, AuthSpec::Type::None);
    QCOMPARE(open.source, u"request"_s);
    EffectiveAuth top = col.effectiveAuth(u"r-top"_s);
    QCOMPARE(top.spec.type, AuthSpec::Type::Login);
    QCOMPARE(top.spec.id, u"p-api"_s);
    QCOMPARE(top.source, u"collection \"Shop\""_s);

    const RequestSpec *r = col.findRequest(u"r-top"_s);
    QCOMPARE(r->timeoutMs, 500);
    QVERIFY(!r->followRedirects);
    QVERIFY(!r->verifyTls);
    QCOMPARE(r->params.size(), 2);
    QVERIFY(!r->params.at(1).enabled);
    QCOMPARE(r->assertions.size(), 1);
    QCOMPARE(r->extractions.size(), 1);

    // Round trip: JSON -> model -> JSON -> model is stable.
    const QJsonObject once = col.toJson();
    auto again = Collection::fromJson(once);
    QVERIFY(again);
    QCOMPARE(again.value().toJson(), once);
}

void TestHttpModel::invalidDocuments_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("duplicate id") << QByteArray(R"({"name":"C","items":[{"type":"request","id":"a","name":"A","url":"x"},{"type":"request","id":"a","name":"B","url":"y"}]})")
                                  << u"used twice"_s;
    QTest::newRow("unknown body mode") << QByteArray(R"({"name":"C","items":[{"type":"request","id":"a","name":"A","body":{"mode":"xml"}}]})")
                                       << u"Unknown body mode"_s;
    QTest::newRow("unknown auth") << QByteArray(R"({"name":"C","auth":{"type":"magic"},"items":[]})") << u"Unknown auth type"_s;
    QTest::newRow("login without request") << QByteArray(R"({"name":"C","auth":{"type":"login"},"items":[]})")
                                           << u"needs a login request"_s;
    QTest::newRow("bad assertion op") << QByteArray(R"({"name":"C","items":[{"type":"request","id":"a","name":"A","assertions":[{"kind":"status","op":"matches","value":1}]}]})")
                                      << u"not an operator"_s;
    QTest::newRow("bad regex") << QByteArray(R"({"name":"C","items":[{"type":"request","id":"a","name":"A","assertions":[{"kind":"json","pointer":"/a","op":"matches","value":"("}]}]})")
                               << u"not a valid regular expression"_s;
    QTest::newRow("bad pointer") << QByteArray(R"({"name":"C","items":[{"type":"request","id":"a","name":"A","extract":[{"variable":"v","pointer":"id"}]}]})")
                                 << u"not a JSON pointer"_s;
    QTest::newRow("bad tilde in pointer") << QByteArray(R"({"name":"C","items":[{"type":"request","id":"a","name":"A","assertions":[{"kind":"json","pointer":"/a~2","op":"exists"}]}]})")
                                          << u"must be ~0 (for ~) or ~1 (for /)"_s;
    QTest::newRow("item type") << QByteArray(R"({"name":"C","items":[{"type":"socket","id":"a","name":"A"}]})")
                               << u"Unknown item type"_s;
}

void TestHttpModel::invalidDocuments()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    auto c = Collection::fromJson(QJsonDocument::fromJson(json).object());
    QVERIFY(!c);
    QVERIFY2(c.error().message.contains(message), qPrintable(c.error().toString()));
    QVERIFY(c.error().where.startsWith(u"collection \"C\""_s));
}

void TestHttpModel::variableResolution()
{
    Environment env{u"e1"_s, u"Local"_s, false, {{u"host"_s, u"127.0.0.1"_s}, {u"baseUrl"_s, u"http://{{host}}:{{port}}"_s},
                                                 {u"shadow"_s, u"env"_s}, {u"off"_s, u"x"_s, false, false}}};
    Environment globals{u"g"_s, u"Globals"_s, true, {{u"port"_s, u"8080"_s}, {u"shadow"_s, u"global"_s}, {u"g"_s, u"G"_s}}};
    VariableScope scope;
    scope.setEnvironment(&env);
    scope.setGlobals(&globals);
    scope.setCollectionVariables({{u"shadow"_s, u"collection"_s}, {u"c"_s, u"C"_s}});
    QCOMPARE(scope.resolve(u"{{baseUrl}}/x"_s).value(), u"http://127.0.0.1:8080/x"_s);
    QCOMPARE(scope.resolve(u"{{shadow}}"_s).value(), u"env"_s);   // environment before collection before globals
    QCOMPARE(scope.resolve(u"{{ c }}-{{g}}"_s).value(), u"C-G"_s);
    scope.runtime().set(u"shadow"_s, u"runtime"_s);
    QCOMPARE(scope.resolve(u"{{shadow}}"_s).value(), u"runtime"_s);
    scope.setOverride(u"shadow"_s, u"cli"_s);
    QCOMPARE(scope.resolve(u"{{shadow}}"_s).value(), u"cli"_s);
    QVERIFY(!scope.resolve(u"{{off}}"_s));   // disabled variables do not exist
    QCOMPARE(scope.resolve(u"no braces"_s).value(), u"no braces"_s);
    QCOMPARE(scope.resolve(u"{{unclosed"_s).value(), u"{{unclosed"_s);
    const QString guid = scope.resolve(u"{{$guid}}"_s).value();
    QCOMPARE(guid.size(), 36);
    QVERIFY(guid != scope.resolve(u"{{$guid}}"_s).value());
    bool ok = false;
    QVERIFY(scope.resolve(u"{{$timestamp}}"_s).value().toLongLong(&ok) > 1700000000 && ok);
    QCOMPARE(scope.environmentId(), u"e1"_s);
}

void TestHttpModel::undefinedVariableNamesItAndWhere()
{
    Environment env{u"e1"_s, u"Local"_s, false, {}};
    VariableScope scope;
    scope.setEnvironment(&env);
    const auto r = scope.resolve(u"{{baseUrl}}/users"_s, u"List users, url"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().kind, Error::Kind::NotFound);
    QVERIFY2(r.error().message.contains(u"{{baseUrl}}"_s), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"\"Local\""_s), qPrintable(r.error().message));
    QCOMPARE(r.error().where, u"List users, url"_s);
}

void TestHttpModel::secretVariables()
{
    qputenv("QUARRY_TEST_HTTP_SECRET", "s3cr3t");
    qunsetenv("QUARRY_TEST_HTTP_UNSET");
    Environment env{u"e1"_s, u"Local"_s, false,
                    {{u"apiKey"_s, u"env:QUARRY_TEST_HTTP_SECRET"_s, true},
                     {u"missing"_s, u"env:QUARRY_TEST_HTTP_UNSET"_s, true},
                     {u"plain"_s, u"not-a-reference"_s, true}}};
    VariableScope scope;
    scope.setEnvironment(&env);
    QCOMPARE(scope.resolve(u"key={{apiKey}}"_s).value(), u"key=s3cr3t"_s);
    const auto missing = scope.resolve(u"{{missing}}"_s, u"here"_s);
    QVERIFY(!missing);
    QVERIFY2(missing.error().message.contains(u"QUARRY_TEST_HTTP_UNSET"_s), qPrintable(missing.error().message));
    const auto plain = scope.resolve(u"{{plain}}"_s);
    QVERIFY(!plain);
    QVERIFY(plain.error().message.contains(u"env:NAME or keychain:NAME"_s));
    // The workspace refuses to save a secret variable holding a plain value.
    auto ws = workspace::Workspace::createEmpty(u"t"_s);
    ws->setSection(workspace::Section::Environments, Environment::listToJson({env}));
    QCOMPARE(ws->plainSecrets().size(), 1);
}

void TestHttpModel::variableLoop()
{
    Environment env{u"e1"_s, u"Local"_s, false, {{u"a"_s, u"{{b}}"_s}, {u"b"_s, u"{{a}}"_s}}};
    VariableScope scope;
    scope.setEnvironment(&env);
    const auto r = scope.resolve(u"{{a}}"_s);
    QVERIFY(!r);
    QVERIFY(r.error().message.contains(u"loop"_s));
}

void TestHttpModel::prepareQueryAndHeaders()
{
    RequestSpec spec;
    spec.name = u"Search"_s;
    spec.url = u"{{base}}/search?fixed=1"_s;
    spec.params = {{u"q"_s, u"a+b & c=d"_s}, {u"skip"_s, u"x"_s, false}, {u"page"_s, u"{{page}}"_s}};
    spec.headers = {{u"Accept"_s, u"application/json"_s}, {u"X-Off"_s, u"1"_s, false}, {u"X-Key"_s, u"{{page}}"_s}};
    VariableScope scope;
    scope.setOverride(u"base"_s, u"http://127.0.0.1:9"_s);
    scope.setOverride(u"page"_s, u"2"_s);
    auto p = PreparedRequest::build(spec, scope);
    QVERIFY2(p, qPrintable(p ? QString() : p.error().toString()));
    const QByteArray encoded = p.value().url.toEncoded();
    QCOMPARE(encoded, QByteArray("http://127.0.0.1:9/search?fixed=1&q=a%2Bb%20%26%20c%3Dd&page=2"));
    QCOMPARE(p.value().header("accept"), QByteArray("application/json"));
    QVERIFY(!p.value().hasHeader("X-Off"));
    QCOMPARE(p.value().header("X-Key"), QByteArray("2"));
    QCOMPARE(p.value().headers.first().source, u"request"_s);
}

void TestHttpModel::prepareBodies()
{
    VariableScope scope;
    scope.setOverride(u"name"_s, u"Grace"_s);
    RequestSpec spec;
    spec.method = u"POST"_s;
    spec.url = u"http://127.0.0.1:9/x"_s;

    spec.body.mode = BodySpec::Mode::Json;
    spec.body.text = u"{\"name\": \"{{name}}\"}"_s;
    auto json = PreparedRequest::build(spec, scope);
    QVERIFY(json);
    QCOMPARE(json.value().body, QByteArray("{\"name\": \"Grace\"}"));
    QCOMPARE(json.value().header("Content-Type"), QByteArray("application/json"));

    spec.headers = {{u"Content-Type"_s, u"application/vnd.api+json"_s}};
    QCOMPARE(PreparedRequest::build(spec, scope).value().header("Content-Type"), QByteArray("application/vnd.api+json"));
    spec.headers.clear();

    spec.body.mode = BodySpec::Mode::FormUrlEncoded;
    spec.body.fields = {{u"user name"_s, u"{{name}} H"_s}, {u"x"_s, u"a&b=c+d"_s}, {u"off"_s, u"1"_s, false}};
    auto form = PreparedRequest::build(spec, scope);
    QVERIFY(form);
    QCOMPARE(form.value().body, QByteArray("user+name=Grace+H&x=a%26b%3Dc%2Bd"));
    QCOMPARE(form.value().header("Content-Type"), QByteArray("application/x-www-form-urlencoded"));

    QFile file(m_dir.filePath(u"pic.png"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("\x89PNG\r\n\x1a\n\0\1", 10));
    file.close();
    spec.body.mode = BodySpec::Mode::Multipart;
    KeyValue filePart{u"avatar"_s, file.fileName()};
    filePart.isFile = true;
    spec.body.fields = {{u"name"_s, u"{{name}}"_s}, filePart};
    auto multi = PreparedRequest::build(spec, scope);
    QVERIFY(multi);
    const QByteArray type = multi.value().header("Content-Type");
    QVERIFY(type.startsWith("multipart/form-data; boundary="));
    const QByteArray boundary = type.mid(type.indexOf('=') + 1);
    const QByteArray body = multi.value().body;
    QVERIFY(body.contains("--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nGrace\r\n"));
    QVERIFY(body.contains("name=\"avatar\"; filename=\"pic.png\"\r\nContent-Type: image/png\r\n\r\n"
                          + QByteArray("\x89PNG\r\n\x1a\n\0\1", 10) + "\r\n"));
    QVERIFY(body.endsWith("--" + boundary + "--\r\n"));

    spec.body.mode = BodySpec::Mode::Binary;
    spec.body.file = file.fileName();
    auto binary = PreparedRequest::build(spec, scope);
    QVERIFY(binary);
    QCOMPARE(binary.value().body.size(), 10);
    QCOMPARE(binary.value().header("Content-Type"), QByteArray("application/octet-stream"));

    spec.body.mode = BodySpec::Mode::Raw;
    spec.body.text = u"hello {{name}}"_s;
    spec.body.contentType = u"text/csv"_s;
    auto raw = PreparedRequest::build(spec, scope);
    QCOMPARE(raw.value().body, QByteArray("hello Grace"));
    QCOMPARE(raw.value().header("Content-Type"), QByteArray("text/csv"));
}

void TestHttpModel::prepareErrors_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("where");
    QTest::newRow("no scheme") << u"localhost/x"_s << int(BodySpec::Mode::None) << QString() << u"not an http://"_s << u"R, url"_s;
    QTest::newRow("ftp") << u"ftp://h/x"_s << int(BodySpec::Mode::None) << QString() << u"not an http://"_s << u"R, url"_s;
    QTest::newRow("undefined in url") << u"{{nope}}/x"_s << int(BodySpec::Mode::None) << QString() << u"{{nope}}"_s << u"R, url"_s;
    QTest::newRow("invalid json") << u"http://h/x"_s << int(BodySpec::Mode::Json) << u"{\"a\": }"_s << u"JSON body is not valid"_s
                                  << u"R, body"_s;
    QTest::newRow("json broken by a variable") << u"http://h/x"_s << int(BodySpec::Mode::Json) << u"{\"a\": {{v}}}"_s
                                               << u"JSON body is not valid"_s << u"R, body"_s;
    QTest::newRow("missing file") << u"http://h/x"_s << int(BodySpec::Mode::Binary) << QString() << u"Cannot read the file"_s
                                  << u"R, body"_s;
}

void TestHttpModel::prepareErrors()
{
    QFETCH(QString, url);
    QFETCH(int, mode);
    QFETCH(QString, text);
    QFETCH(QString, message);
    QFETCH(QString, where);
    RequestSpec spec;
    spec.name = u"R"_s;
    spec.url = url;
    spec.body.mode = BodySpec::Mode(mode);
    spec.body.text = text;
    spec.body.file = u"/nonexistent/quarry/file.bin"_s;
    VariableScope scope;
    scope.setOverride(u"v"_s, u"not json"_s);
    auto p = PreparedRequest::build(spec, scope);
    QVERIFY(!p);
    QVERIFY2(p.error().message.contains(message), qPrintable(p.error().toString()));
    QCOMPARE(p.error().where, where);
}

void TestHttpModel::assertions_data()
{
    QTest::addColumn<QByteArray>("assertion");
    QTest::addColumn<bool>("passes");
    QTest::addColumn<QString>("message");
    QTest::newRow("status equals") << QByteArray(R"({"kind":"status","op":"equals","value":201})") << true << QString();
    QTest::newRow("status equals (string)") << QByteArray(R"({"kind":"status","op":"equals","value":"201"})") << true << QString();
    QTest::newRow("status equals, wrong") << QByteArray(R"({"kind":"status","op":"equals","value":200})") << false
                                          << u"got 201 Created"_s;
    QTest::newRow("status in") << QByteArray(R"({"kind":"status","op":"in","value":[200,201]})") << true << QString();
    QTest::newRow("status not in") << QByteArray(R"({"kind":"status","op":"in","value":[400,404]})") << false << u"got 201"_s;
    QTest::newRow("header present, any case") << QByteArray(R"({"kind":"header","name":"content-type","op":"present"})") << true << QString();
    QTest::newRow("header missing") << QByteArray(R"({"kind":"header","name":"Location","op":"present"})") << false
                                    << u"no Location header"_s;
    QTest::newRow("header equals") << QByteArray(R"({"kind":"header","name":"X-Request-Id","op":"equals","value":"abc"})") << true << QString();
    QTest::newRow("header equals variable") << QByteArray(R"({"kind":"header","name":"X-Request-Id","op":"equals","value":"{{rid}}"})") << true << QString();
    QTest::newRow("header contains") << QByteArray(R"({"kind":"header","name":"Content-Type","op":"contains","value":"JSON"})") << true << QString();
    QTest::newRow("json exists") << QByteArray(R"({"kind":"json","pointer":"/user/roles/1","op":"exists"})") << true << QString();
    QTest::newRow("json missing") << QByteArray(R"({"kind":"json","pointer":"/user/age","op":"exists"})") << false
                                  << u"no \"age\""_s;
    QTest::newRow("json equals number") << QByteArray(R"({"kind":"json","pointer":"/id","op":"equals","value":7})") << true << QString();
    QTest::newRow("json equals number as text") << QByteArray(R"({"kind":"json","pointer":"/id","op":"equals","value":"7"})") << true << QString();
    QTest::newRow("json equals object") << QByteArray(R"({"kind":"json","pointer":"/user/meta","op":"equals","value":{"a":true}})") << true << QString();
    QTest::newRow("json equals wrong") << QByteArray(R"({"kind":"json","pointer":"/user/name","op":"equals","value":"Linus"})") << false
                                       << u"got \"Ada\""_s;
    QTest::newRow("json matches") << QByteArray(R"({"kind":"json","pointer":"/user/email","op":"matches","value":"^[^@]+@example\\.com$"})") << true << QString();
    QTest::newRow("json matches wrong") << QByteArray(R"({"kind":"json","pointer":"/user/name","op":"matches","value":"^L"})") << false << u"got"_s;
    QTest::newRow("time below") << QByteArray(R"({"kind":"time","op":"below","value":100})") << true << QString();
    QTest::newRow("time above") << QByteArray(R"({"kind":"time","op":"below","value":10})") << false << u"took 12.0 ms"_s;
    QTest::newRow("undefined variable fails the check") << QByteArray(R"({"kind":"header","name":"X-Request-Id","op":"equals","value":"{{nope}}"})")
                                                        << false << u"{{nope}}"_s;
}

void TestHttpModel::assertions()
{
    QFETCH(QByteArray, assertion);
    QFETCH(bool, passes);
    QFETCH(QString, message);
    auto a = Assertion::fromJson(QJsonDocument::fromJson(assertion).object());
    QVERIFY2(a, qPrintable(a ? QString() : a.error().toString()));
    QCOMPARE(a.value().toJson(), QJsonDocument::fromJson(assertion).object());
    const Response r = jsonResponse(201, R"({"id": 7, "user": {"name": "Ada", "email": "ada@example.com", "roles": ["a","b"], "meta": {"a": true}}})");
    VariableScope scope;
    scope.setOverride(u"rid"_s, u"abc"_s);
    const AssertionResult result = a.value().evaluate(r, [&](const QString &t) { return scope.resolve(t); });
    QCOMPARE(result.passed, passes);
    QVERIFY(!result.description.isEmpty());
    if (!passes)
        QVERIFY2(result.message.contains(message), qPrintable(result.message));
}

void TestHttpModel::extraction()
{
    const Response r = jsonResponse(200, R"({"token": "t.o.k", "n": 3, "list": [1, 2]})");
    Extraction e{u"tok"_s, Extraction::From::Json, u"/token"_s};
    QCOMPARE(e.extract(r).value(), u"t.o.k"_s);
    e.source = u"/n"_s;
    QCOMPARE(e.extract(r).value(), u"3"_s);
    e.source = u"/list"_s;
    QCOMPARE(e.extract(r).value(), u"[1,2]"_s);
    e.source = u"/missing"_s;
    QCOMPARE(e.extract(r).error().kind, Error::Kind::NotFound);
    Extraction h{u"rid"_s, Extraction::From::Header, u"x-request-id"_s};
    QCOMPARE(h.extract(r).value(), u"abc"_s);
    Response text = r;
    text.body = "not json";
    QVERIFY(!e.extract(text));
}

void TestHttpModel::jsonPointer_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("expected");   // empty: an error
    QTest::newRow("root") << QString() << u"{\"a/b\":1,\"list\":[{\"x\":\"y\"}],\"m~n\":2}"_s;
    QTest::newRow("escaped slash") << u"/a~1b"_s << u"1"_s;
    QTest::newRow("escaped tilde") << u"/m~0n"_s << u"2"_s;
    QTest::newRow("array index") << u"/list/0/x"_s << u"y"_s;
    QTest::newRow("index past end") << u"/list/1"_s << QString();
    QTest::newRow("leading zero") << u"/list/00"_s << QString();
    QTest::newRow("into scalar") << u"/a~1b/c"_s << QString();
    QTest::newRow("no slash") << u"a"_s << QString();
    QTest::newRow("tilde not 0 or 1") << u"/m~2n"_s << QString();
}

void TestHttpModel::jsonPointer()
{
    QFETCH(QString, pointer);
    QFETCH(QString, expected);
    const QJsonValue doc = QJsonDocument::fromJson(R"({"a/b": 1, "list": [{"x": "y"}], "m~n": 2})").object();
    const auto r = JsonPointer::resolve(doc, pointer);
    if (expected.isEmpty()) {
        QVERIFY(!r);
        QVERIFY(!r.error().message.isEmpty());
    } else {
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QCOMPARE(JsonPointer::toText(r.value()), expected);
    }
}

void TestHttpModel::jsonPointerTokens()
{
    QCOMPARE(JsonPointer::escape(u"a/b~c"_s), u"a~1b~0c"_s);
    QCOMPARE(JsonPointer::unescape(u"~01"_s), u"~1"_s);   // ~1 is replaced first
    const QStringList keys{u"a/b"_s, u"~1"_s, QString(), u"0"_s};
    QCOMPARE(JsonPointer::join(keys), u"/a~1b/~01//0"_s);
    QCOMPARE(JsonPointer::split(JsonPointer::join(keys)).value(), keys);
    QCOMPARE(JsonPointer::join({}), QString());
    QCOMPARE(JsonPointer::split(QString()).value(), QStringList());
    QCOMPARE(JsonPointer::split(u"/"_s).value(), QStringList{QString()});

    const auto noSlash = JsonPointer::split(u"token"_s);
    QVERIFY(!noSlash);
    QVERIFY2(noSlash.error().message.contains(u"starts with '/'"_s), qPrintable(noSlash.error().message));
    const auto badTilde = JsonPointer::split(u"/a~"_s);
    QVERIFY(!badTilde);
    QVERIFY2(badTilde.error().message.contains(u"position 3"_s), qPrintable(badTilde.error().message));
    // A malformed pointer is refused as such, not looked up as a key that is missing.
    QCOMPARE(JsonPointer::resolve(QJsonObject{{u"m~2n"_s, 1}}, u"/m~2n"_s).error().kind, Error::Kind::InvalidInput);

    QCOMPARE(JsonPointer::arrayIndex(u"0"_s), 0);
    QCOMPARE(JsonPointer::arrayIndex(u"12"_s), 12);
    QCOMPARE(JsonPointer::arrayIndex(u"01"_s), -1);
    QCOMPARE(JsonPointer::arrayIndex(u"-"_s), -1);
    QCOMPARE(JsonPointer::arrayIndex(u"+1"_s), -1);
    QCOMPARE(JsonPointer::arrayIndex(QString()), -1);
}

void TestHttpModel::statusMeaning()
{
    QCOMPARE(HttpStatus::reason(404), u"Not Found"_s);
    QVERIFY(HttpStatus::meaning(401).contains(u"log in"_s));
    QVERIFY(HttpStatus::meaning(403).contains(u"not allowed"_s));
    QCOMPARE(HttpStatus::reason(599), u"Server Error"_s);
    QVERIFY(!HttpStatus::meaning(299).isEmpty());
    Response r;
    r.status = 429;
    QVERIFY(r.meaning().contains(u"Retry-After"_s));
}

void TestHttpModel::tokenInspector()
{
    // {"alg":"HS256","typ":"JWT"} . {"sub":"ada","exp":2000000000,"jti":"j-1"} . signature
    const QString token = u"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZGEiLCJleHAiOjIwMDAwMDAwMDAsImp0aSI6ImotMSJ9.c2ln"_s;
    const auto claims = TokenInspector::claims(token);
    QVERIFY(claims);
    QCOMPARE(claims.value().value(u"sub"_s).toString(), u"ada"_s);
    QCOMPARE(TokenInspector::expiry(claims.value())->toSecsSinceEpoch(), 2000000000);
    QCOMPARE(TokenInspector::tokenId(token, claims.value()), u"j-1"_s);
    QVERIFY(!TokenInspector::claims(u"opaque-token"_s));
    QVERIFY(!TokenInspector::claims(u"a.!!!.c"_s));
    QCOMPARE(TokenInspector::tokenId(u"opaque"_s, {}).size(), 12);
}

void TestHttpModel::junitIsWellFormed()
{
    RunReport report;
    report.collectionName = u"C & <D>"_s;
    report.logins = 3;
    Exchange ok;
    ok.requestName = u"ok"_s;
    ok.response = jsonResponse(200, "{}");
    ok.assertions = {{true, u"status equals 200"_s, {}}};
    Exchange bad = ok;
    bad.requestName = u"bad \"one\""_s;
    bad.assertions = {{false, u"status equals 201"_s, u"got 200 OK"_s}};
    Exchange none;
    none.requestName = u"none"_s;
    none.error = Error{Error::Kind::Network, u"refused"_s, {}};
    report.exchanges = {ok, bad, none};
    QCOMPARE(report.failedRequests(), 2);
    QVERIFY(!report.passed());
    QXmlStreamReader xml(report.toJUnit());
    int testcases = 0, failures = 0, errors = 0;
    QString logins;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"testcase"_s)
            ++testcases;
        else if (xml.name() == u"failure"_s)
            ++failures;
        else if (xml.name() == u"error"_s)
            ++errors;
        else if (xml.name() == u"property"_s && xml.attributes().value(u"name"_s) == u"logins"_s)
            logins = xml.attributes().value(u"value"_s).toString();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(testcases, 3);
    QCOMPARE(failures, 1);
    QCOMPARE(errors, 1);
    QCOMPARE(logins, u"3"_s);
    const QJsonObject json = QJsonDocument::fromJson(report.toJson()).object();
    QCOMPARE(json.value(u"logins"_s).toInt(), 3);
    QCOMPARE(json.value(u"totals"_s).toObject().value(u"failedRequests"_s).toInt(), 2);
    QVERIFY(report.toText().contains(u"3 logins"_s));
}

void TestHttpModel::history()
{
    RequestHistory history(3);
    for (int i = 0; i < 5; ++i) {
        Exchange x;
        x.requestId = i % 2 ? u"odd"_s : u"even"_s;
        x.requestName = u"R%1"_s.arg(i);
        x.request.method = "GET";
        x.request.url = QUrl(u"http://h/x?access_token=secret-token&i=%1"_s.arg(i));
        x.response = jsonResponse(200 + i, "{}");
        x.auth.profileName = u"API"_s;
        history.add(HistoryEntry::fromExchange(x, u"Local"_s, u"access_token"_s));
    }
    QCOMPARE(history.entries().size(), 3);   // capped, newest first
    QCOMPARE(history.entries().first().name, u"R4"_s);
    QCOMPARE(history.entries().first().status, 204);
    QVERIFY(!history.entries().first().url.contains(u"secret-token"_s));
    QVERIFY(history.entries().first().url.contains(u"access_token=***"_s));
    QCOMPARE(history.forRequest(u"odd"_s).size(), 1);
    const QJsonArray json = history.toJson();
    const RequestHistory back = RequestHistory::fromJson(json, 3);
    QCOMPARE(back.toJson(), json);
    QCOMPARE(back.entries().at(1).environment, u"Local"_s);
    QCOMPARE(RequestHistory::fromJson(json, 2).entries().size(), 2);
}

QTEST_GUILESS_MAIN(TestHttpModel)
#include "tst_model.moc"
