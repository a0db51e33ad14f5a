// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "script/sandbox.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::script;

namespace {
/// Variables in plain maps, and a pm.sendRequest that answers without a network.
class MapHost : public ScriptHost
{
public:
    QHash<QString, QString> scopes[5];
    QList<ScriptRequest> sent;

    std::optional<QString> variable(Scope scope, const QString &name) const override
    {
        const int s = int(scope);
        if (scopes[s].contains(name))
            return scopes[s].value(name);
        if (scope == Scope::Variables) {
            for (int i = 1; i < 4; ++i)
                if (scopes[i].contains(name))
                    return scopes[i].value(name);
        }
        return std::nullopt;
    }
    void setVariable(Scope scope, const QString &name, const QString &value) override { scopes[int(scope)].insert(name, value); }
    void unsetVariable(Scope scope, const QString &name) override { scopes[int(scope)].remove(name); }
    QHash<QString, QString> variables(Scope scope) const override { return scopes[int(scope)]; }
    QString replaceIn(const QString &text) const override
    {
        QString out = text;
        for (auto it = scopes[1].constBegin(); it != scopes[1].constEnd(); ++it)
            out.replace(u"{{"_s + it.key() + u"}}"_s, it.value());
        return out;
    }
    Result<ScriptResponse> sendRequest(const ScriptRequest &request) override
    {
        sent.append(request);
        if (request.url.contains(u"unreachable"_s))
            return Error{Error::Kind::Network, u"Connection refused"_s, {}};
        ScriptResponse r;
        r.code = 201;
        r.status = u"Created"_s;
        r.body = R"({"echo":")" + request.url.toUtf8() + R"(","method":")" + request.method.toUtf8() + "\"}";
        return r;
    }
};
} // namespace

/// The script sandbox alone: the pm API and chai on a response, what a pre-request script changes,
/// polyfills, the libraries, and every way a script can fail (syntax, unsupported, budget, throw).
class TestSandbox : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void testsOnAResponse();
    void chaiChainsCollectionsUse_data();
    void chaiChainsCollectionsUse();
    void preRequestChangesTheRequest();
    void variablesInEveryScope();
    void librariesAndPolyfills();
    void sendRequestThroughTheHost();
    void timersPromisesAndDone();
    void legacyGlobalsAndNextRequest();
    void unsupportedSyntaxIsNamedWithItsLine_data();
    void unsupportedSyntaxIsNamedWithItsLine();
    void unsupportedCallsFailByName_data();
    void unsupportedCallsFailByName();
    void endlessLoopIsStoppedAndTheNextScriptRuns();
    void noFileSystemOrProcess();
    void warmEngineIsFast();
    void oneSandboxPerThread();

private:
    ScriptOutcome test(const QString &source);
    ScriptOutcome pre(const QString &source);
    static QStringList names(const ScriptOutcome &o, bool passed);

    std::unique_ptr<Sandbox> m_sandbox;
    MapHost m_host;
    ScriptRequest m_request;
    ScriptResponse m_response;
};

void TestSandbox::init()
{
    if (!m_sandbox)
        m_sandbox = std::make_unique<Sandbox>();
    m_sandbox->setBudgetMs(2000);
    m_host = MapHost();
    m_host.scopes[int(ScriptHost::Scope::Environment)] = {{u"baseUrl"_s, u"http://api.test"_s}};
    m_request = ScriptRequest();
    m_request.name = u"Get user"_s;
    m_request.id = u"req-get-user"_s;
    m_request.url = u"{{baseUrl}}/users/7?expand=1"_s;
    m_request.headers = {{u"Accept"_s, u"application/json"_s, false}};
    m_response = ScriptResponse();
    m_response.code = 200;
    m_response.status = u"OK"_s;
    m_response.headers = {{u"Content-Type"_s, u"application/json; charset=utf-8"_s}, {u"X-Request-Id"_s, u"abc"_s}};
    m_response.body = R"({"id":7,"name":"Ada","roles":["admin","dev"],"address":{"city":"London"},"score":4.5})";
    m_response.responseTime = 12.5;
}

ScriptOutcome TestSandbox::test(const QString &source)
{
    ScriptRun run;
    run.event = ScriptRun::Event::Test;
    run.source = source;
    run.label = u"request \"Get user\" test"_s;
    run.request = &m_request;
    run.response = &m_response;
    run.host = &m_host;
    return m_sandbox->run(run);
}

ScriptOutcome TestSandbox::pre(const QString &source)
{
    ScriptRun run;
    run.event = ScriptRun::Event::PreRequest;
    run.source = source;
    run.label = u"request \"Get user\" pre-request"_s;
    run.request = &m_request;
    run.host = &m_host;
    return m_sandbox->run(run);
}

QStringList TestSandbox::names(const ScriptOutcome &o, bool passed)
{
    QStringList out;
    for (const TestResult &t : o.tests) {
        if (t.passed == passed)
            out.append(t.name);
    }
    return out;
}

void TestSandbox::testsOnAResponse()
{
    const ScriptOutcome o = test(uR"JS(
pm.test("status 200", function () { pm.response.to.have.status(200); });
pm.test("status 404", function () { pm.response.to.have.status(404); });
pm.test("reason", () => pm.expect(pm.response.status).to.equal("OK"));
pm.test("json", () => pm.expect(pm.response.json().name).to.equal("Ada"));
pm.test("text", () => pm.expect(pm.response.text()).to.include('"id":7'));
pm.test("header", () => { pm.response.to.have.header("content-type"); pm.expect(pm.response.headers.get("X-REQUEST-ID")).to.eql("abc"); });
pm.test("time", () => pm.expect(pm.response.responseTime).to.be.below(100));
pm.test("code", () => pm.expect(pm.response.code).to.be.oneOf([200, 201]));
pm.test("ok", () => { pm.response.to.be.ok; pm.response.to.be.success; pm.response.to.be.json; pm.response.to.not.be.notFound; });
pm.test("json body", () => { pm.response.to.have.jsonBody("address.city", "London"); pm.response.to.have.jsonBody("roles"); });
pm.test.skip("skipped");
)JS"_s);
    QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
    QCOMPARE(names(o, true), (QStringList{u"status 200"_s, u"reason"_s, u"json"_s, u"text"_s, u"header"_s, u"time"_s, u"code"_s,
                                          u"ok"_s, u"json body"_s, u"skipped"_s}));
    QCOMPARE(names(o, false), QStringList{u"status 404"_s});
    QCOMPARE(o.tests.at(1).error, u"AssertionError: expected response to have status code 404 but got 200"_s);
    QVERIFY(o.tests.last().skipped);
    QCOMPARE(o.tests.first().script, u"request \"Get user\" test"_s);
}

void TestSandbox::chaiChainsCollectionsUse_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("passes");
    const QString json = u"pm.response.json()"_s;
    QTest::newRow("equal") << u"pm.expect(1).to.equal(1)"_s << true;
    QTest::newRow("equal fails") << u"pm.expect(1).to.equal(2)"_s << false;
    QTest::newRow("eql deep") << (u"pm.expect("_s + json + u".address).to.eql({city: 'London'})"_s) << true;
    QTest::newRow("include string") << u"pm.expect('abcdef').to.include('cd')"_s << true;
    QTest::newRow("include array") << (u"pm.expect("_s + json + u".roles).to.include('dev')"_s) << true;
    QTest::newRow("have.property value") << (u"pm.expect("_s + json + u").to.have.property('name', 'Ada')"_s) << true;
    QTest::newRow("have.property missing") << (u"pm.expect("_s + json + u").to.have.property('email')"_s) << false;
    QTest::newRow("be.a") << u"pm.expect([]).to.be.an('array')"_s << true;
    QTest::newRow("be.a fails") << u"pm.expect('1').to.be.a('number')"_s << false;
    QTest::newRow("above below") << (u"pm.expect("_s + json + u".score).to.be.above(4).and.below(5)"_s) << true;
    QTest::newRow("match") << u"pm.expect('2024-01-02').to.match(/^\\d{4}-\\d{2}-\\d{2}$/)"_s << true;
    QTest::newRow("lengthOf") << (u"pm.expect("_s + json + u".roles).to.have.lengthOf(2)"_s) << true;
    QTest::newRow("oneOf fails") << u"pm.expect(3).to.be.oneOf([1, 2])"_s << false;
    QTest::newRow("not") << u"pm.expect(null).to.not.be.undefined"_s << true;
    QTest::newRow("not fails") << u"pm.expect('x').to.not.be.a('string')"_s << false;
    QTest::newRow("expect response status") << u"pm.expect(pm.response).to.have.status(200)"_s << true;
    QTest::newRow("keys") << (u"pm.expect("_s + json + u").to.include.all.keys('id', 'name')"_s) << true;
    QTest::newRow("empty") << u"pm.expect([]).to.be.empty"_s << true;
    QTest::newRow("deep include") << (u"pm.expect([{a: 1}, {b: 2}]).to.deep.include({b: 2})"_s) << true;
    QTest::newRow("within") << u"pm.expect(5).to.be.within(1, 10)"_s << true;
    QTest::newRow("true") << u"pm.expect(pm.response.code === 200).to.be.true"_s << true;
}

void TestSandbox::chaiChainsCollectionsUse()
{
    QFETCH(QString, expression);
    QFETCH(bool, passes);
    const ScriptOutcome o = test(u"pm.test('t', function () { "_s + expression + u"; });"_s);
    QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
    QCOMPARE(o.tests.size(), 1);
    QVERIFY2(o.tests.first().passed == passes, qPrintable(o.tests.first().error));
    if (!passes)
        QVERIFY2(o.tests.first().error.startsWith(u"AssertionError: expected"_s), qPrintable(o.tests.first().error));
}

void TestSandbox::preRequestChangesTheRequest()
{
    const ScriptOutcome o = pre(uR"JS(
pm.request.headers.add({key: "X-Signature", value: "sig"});
pm.request.headers.upsert({key: "Accept", value: "text/plain"});
pm.request.headers.remove("X-Missing");
pm.request.url.query.add("page=2");
pm.request.method = "post";
pm.request.body.update(JSON.stringify({ts: 1}));
console.log(pm.request.url.toString(), pm.request.url.getPath(), pm.info.eventName, pm.info.requestName);
)JS"_s);
    QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
    QCOMPARE(m_request.method, u"POST"_s);
    QCOMPARE(m_request.url, u"{{baseUrl}}/users/7?expand=1&page=2"_s);
    QCOMPARE(m_request.headers.size(), 2);
    QCOMPARE(m_request.headers.at(0).value, u"text/plain"_s);
    QCOMPARE(m_request.headers.at(1).key, u"X-Signature"_s);
    QCOMPARE(m_request.bodyMode, u"raw"_s);
    QCOMPARE(m_request.raw, u"{\"ts\":1}"_s);
    QCOMPARE(o.console.size(), 1);
    QCOMPARE(o.console.first().text, u"{{baseUrl}}/users/7?expand=1&page=2 /users/7 prerequest Get user"_s);

    // url assigned as a string, query removed
    const ScriptOutcome second = pre(u"pm.request.url = 'http://other/x?a=1&b=2'; pm.request.url.query.remove('a');"_s);
    QVERIFY2(!second.error, qPrintable(second.error->toString()));
    QCOMPARE(m_request.url, u"http://other/x?b=2"_s);
}

void TestSandbox::variablesInEveryScope()
{
    m_host.scopes[int(ScriptHost::Scope::Collection)] = {{u"c"_s, u"col"_s}};
    m_host.scopes[int(ScriptHost::Scope::Globals)] = {{u"g"_s, u"glob"_s}};
    const ScriptOutcome o = test(uR"JS(
pm.environment.set("userId", pm.response.json().id);
pm.collectionVariables.set("token", "t1");
pm.globals.unset("g");
pm.variables.set("local", {a: 1});
pm.test("get", () => {
  pm.expect(pm.environment.get("userId")).to.equal(7);
  pm.expect(pm.collectionVariables.get("c")).to.equal("col");
  pm.expect(pm.globals.has("g")).to.be.false;
  pm.expect(pm.variables.get("baseUrl")).to.equal("http://api.test");
  pm.expect(pm.variables.get("local")).to.eql({a: 1});   // the type it was set with, as in Postman
  pm.expect(pm.environment.get("nope")).to.be.undefined;
  pm.expect(pm.environment.replaceIn("{{baseUrl}}/x {{unknown}}")).to.equal("http://api.test/x {{unknown}}");
  pm.expect(pm.environment.toObject()).to.have.property("baseUrl");
  pm.expect(pm.iterationData.toObject()).to.eql({});
});
)JS"_s);
    QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
    QCOMPARE(names(o, true), QStringList{u"get"_s});
    QCOMPARE(m_host.scopes[int(ScriptHost::Scope::Environment)].value(u"userId"_s), u"7"_s);   // text in the scope
    QCOMPARE(m_host.scopes[int(ScriptHost::Scope::Variables)].value(u"local"_s), u"{\"a\":1}"_s);
    QCOMPARE(m_host.scopes[int(ScriptHost::Scope::Collection)].value(u"token"_s), u"t1"_s);
    QVERIFY(!m_host.scopes[int(ScriptHost::Scope::Globals)].contains(u"g"_s));
    const ScriptOutcome readOnly = test(u"pm.iterationData.set('a', 1);"_s);
    QVERIFY(readOnly.error);
    QVERIFY2(readOnly.error->message.contains(u"pm.iterationData.set is not supported"_s), qPrintable(readOnly.error->message));
}

void TestSandbox::librariesAndPolyfills()
{
    const ScriptOutcome o = test(uR"JS(
// _ and CryptoJS are the sandbox's own (a top-level const of those names is newman's SyntaxError too).
var _ = require('lodash');
const moment = require('moment');
var CryptoJS = require('crypto-js');
pm.test("lodash", () => pm.expect(_.map(_.filter([1, 2, 3, 4], n => n % 2 === 0), n => n * 10)).to.eql([20, 40]));
pm.test("moment", () => pm.expect(moment.utc("2024-02-28").add(1, "day").format("YYYY-MM-DD")).to.equal("2024-02-29"));
pm.test("sha256", () => pm.expect(CryptoJS.SHA256("abc").toString()).to.equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
pm.test("sha1 md5 sha512", () => {
  pm.expect(CryptoJS.SHA1("abc").toString(CryptoJS.enc.Hex)).to.equal("a9993e364706816aba3e25717850c26c9cd0d89d");
  pm.expect(CryptoJS.MD5("abc").toString()).to.equal("900150983cd24fb0d6963f7d28e17f72");
  pm.expect(CryptoJS.SHA512("").toString().substr(0, 16)).to.equal("cf83e1357eefb8bd");
});
pm.test("hmac base64", () => pm.expect(CryptoJS.HmacSHA256("The quick brown fox jumps over the lazy dog", "key").toString(CryptoJS.enc.Base64)).to.equal("97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg="));
pm.test("encoders", () => {
  pm.expect(CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse("héllo"))).to.equal("aMOpbGxv");
  pm.expect(CryptoJS.enc.Base64.parse("aMOpbGxv").toString(CryptoJS.enc.Utf8)).to.equal("héllo");
  pm.expect(CryptoJS.enc.Hex.parse("414243").toString(CryptoJS.enc.Latin1)).to.equal("ABC");
});
pm.test("atob btoa", () => { pm.expect(btoa("user:pass")).to.equal("dXNlcjpwYXNz"); pm.expect(atob("dXNlcjpwYXNz")).to.equal("user:pass"); });
pm.test("flat flatMap fromEntries", () => {
  pm.expect([1, [2, [3]]].flat()).to.eql([1, 2, [3]]);
  pm.expect([1, 2].flatMap(x => [x, x])).to.eql([1, 1, 2, 2]);
  pm.expect(Object.fromEntries([["a", 1]])).to.eql({a: 1});
  pm.expect("a-b-c".replaceAll("-", "+")).to.equal("a+b+c");
});
pm.test("preloaded globals", () => pm.expect(_.isEqual(CryptoJS.MD5("x").toString(), require("crypto-js").MD5("x").toString())).to.be.true);
)JS"_s);
    QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
    QCOMPARE(names(o, false), QStringList{});
    QCOMPARE(o.tests.size(), 9);
}

void TestSandbox::sendRequestThroughTheHost()
{
    const ScriptOutcome o = pre(uR"JS(
pm.sendRequest({url: "http://api.test/login", method: "POST", header: {"Content-Type": "application/json"},
                body: {mode: "raw", raw: JSON.stringify({user: "ada"})}}, function (err, res) {
  pm.test("callback", () => { pm.expect(err).to.be.null; pm.expect(res.code).to.equal(201); pm.expect(res.json().method).to.equal("POST"); });
  pm.environment.set("token", res.json().echo);
});
pm.sendRequest("http://unreachable/x", (err, res) => pm.test("error", () => { pm.expect(err.message).to.include("refused"); pm.expect(res.code).to.be.undefined; }));
pm.sendRequest("http://api.test/p").then(res => pm.test("promise form", () => pm.expect(res.status).to.equal("Created")));
)JS"_s);
    QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
    QCOMPARE(names(o, true), (QStringList{u"callback"_s, u"error"_s, u"promise form"_s}));
    QCOMPARE(m_host.sent.size(), 3);
    QCOMPARE(m_host.sent.first().method, u"POST"_s);
    QCOMPARE(m_host.sent.first().raw, u"{\"user\":\"ada\"}"_s);
    QCOMPARE(m_host.sent.first().headers.first().key, u"Content-Type"_s);
    QCOMPARE(m_host.scopes[int(ScriptHost::Scope::Environment)].value(u"token"_s), u"http://api.test/login"_s);
}

void TestSandbox::timersPromisesAndDone()
{
    const ScriptOutcome o = test(uR"JS(
setTimeout(() => pm.test("late timer", () => {}), 50);
setTimeout(() => pm.test("early timer", () => {}), 5);
const cancelled = setTimeout(() => pm.test("cancelled", () => {}), 1);
clearTimeout(cancelled);
Promise.resolve(1).then(v => pm.test("promise " + v, () => {}));
pm.test("async done", function (done) { setTimeout(() => { try { pm.expect(1).to.equal(2); done(); } catch (e) { done(e); } }, 1); });
pm.test("never done", function (done) {});
pm.test("sync", () => {});
)JS"_s);
    QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
    QStringList order;
    for (const TestResult &t : o.tests)
        order.append(t.name + (t.passed ? u""_s : u" FAILED"_s));
    // newman's order too: the body, then promise callbacks, then timers by delay; a done() never called fails.
    QCOMPARE(order, (QStringList{u"sync"_s, u"promise 1"_s, u"async done FAILED"_s, u"early timer"_s, u"late timer"_s,
                                 u"never done FAILED"_s}));
    QCOMPARE(o.tests.at(2).error, u"AssertionError: expected 1 to equal 2"_s);

    // A callback that throws fails the script; the tests recorded before and after it are kept.
    const ScriptOutcome thrown = test(u"pm.test('a', () => {});\nsetTimeout(() => { null.x; }, 1);\nsetTimeout(() => pm.test('b', () => {}), 2);\n"_s);
    QVERIFY(thrown.error);
    QVERIFY2(thrown.error->message.startsWith(u"TypeError"_s), qPrintable(thrown.error->toString()));
    QCOMPARE(thrown.error->where, u"request \"Get user\" test, line 2"_s);
    QCOMPARE(names(thrown, true), (QStringList{u"a"_s, u"b"_s}));
}

void TestSandbox::legacyGlobalsAndNextRequest()
{
    const ScriptOutcome o = test(uR"JS(
tests["legacy status"] = responseCode.code === 200;
tests["legacy body"] = JSON.parse(responseBody).name === "Wrong";
postman.setEnvironmentVariable("legacy", responseHeaders["X-Request-Id"]);
postman.setNextRequest("Delete user");
)JS"_s);
    QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
    QCOMPARE(names(o, true), QStringList{u"legacy status"_s});
    QCOMPARE(names(o, false), QStringList{u"legacy body"_s});
    QCOMPARE(m_host.scopes[int(ScriptHost::Scope::Environment)].value(u"legacy"_s), u"abc"_s);
    QVERIFY(o.nextRequestSet);
    QCOMPARE(o.nextRequest, u"Delete user"_s);
    const ScriptOutcome stop = test(u"pm.execution.setNextRequest(null);"_s);
    QVERIFY(stop.nextRequestSet);
    QVERIFY(stop.nextRequest.isEmpty());
}

void TestSandbox::unsupportedSyntaxIsNamedWithItsLine_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::newRow("object spread") << u"const a = {x: 1};\n\nconst b = {...a, y: 2};\n"_s << u"object spread"_s << 3;
    QTest::newRow("object rest") << u"// rest\nconst {x, ...others} = {x: 1, y: 2};\n"_s << u"object spread or rest"_s << 2;
    QTest::newRow("async function") << u"pm.test('a', () => {});\nasync function load() {\n  await fetch();\n}\n"_s << u"async/await"_s << 2;
    QTest::newRow("async arrow") << u"const f = async () => 1;\n"_s << u"async/await"_s << 1;
    QTest::newRow("const of a sandbox name") << u"// as newman\nconst CryptoJS = require('crypto-js');\n"_s
                                             << u"SyntaxError: Identifier 'CryptoJS' has already been declared"_s << 2;
    QTest::newRow("plain syntax error") << u"pm.test('a', () => {\n  pm.expect(1).to.equal(1)\n);\n"_s << u"SyntaxError"_s << 3;
}

void TestSandbox::unsupportedSyntaxIsNamedWithItsLine()
{
    QFETCH(QString, source);
    QFETCH(QString, message);
    QFETCH(int, line);
    const ScriptOutcome o = test(source);
    QVERIFY(o.error);
    QVERIFY2(o.error->message.contains(message), qPrintable(o.error->toString()));
    QCOMPARE(o.error->where, u"request \"Get user\" test, line %1"_s.arg(line));
    QVERIFY(o.tests.isEmpty());   // nothing ran
    // Array spread is fine on Qt 6.4's engine.
    QVERIFY(!test(u"const a = [...[1, 2], 3];"_s).error);
}

void TestSandbox::unsupportedCallsFailByName_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("message");
    QTest::newRow("pm.cookies") << u"pm.test('kept', () => {});\n\npm.cookies.get('session');"_s << u"pm.cookies is not supported by Quarry"_s;
    QTest::newRow("pm.response method") << u"pm.response.dataURI();"_s << u"pm.response.dataURI is not supported by Quarry"_s;
    QTest::newRow("require fs") << u"const fs = require('fs');"_s << u"require('fs') is not supported by Quarry"_s;
    QTest::newRow("CryptoJS.AES") << u"CryptoJS.AES.encrypt('a', 'b');"_s << u"CryptoJS.AES is not supported by Quarry"_s;
    QTest::newRow("setInterval") << u"setInterval(() => {}, 10);"_s << u"setInterval is not supported by Quarry"_s;
    QTest::newRow("pm.request.auth") << u"pm.request.auth.update({});"_s << u"pm.request.auth is not supported by Quarry"_s;
}

void TestSandbox::unsupportedCallsFailByName()
{
    QFETCH(QString, source);
    QFETCH(QString, message);
    const ScriptOutcome o = test(source);
    QVERIFY(o.error);
    QVERIFY2(o.error->message.contains(message), qPrintable(o.error->toString()));
    const int line = int(source.count(u'\n')) + 1;   // each row fails on its last line
    QCOMPARE(o.error->where, u"request \"Get user\" test, line %1"_s.arg(line));
}

void TestSandbox::endlessLoopIsStoppedAndTheNextScriptRuns()
{
    m_sandbox->setBudgetMs(300);
    QElapsedTimer clock;
    clock.start();
    const ScriptOutcome o = test(u"pm.test('before', () => {});\nwhile (true) {}\n"_s);
    QVERIFY(o.error);
    QCOMPARE(o.error->message, u"The script ran longer than its budget of 300 ms and was stopped."_s);
    QVERIFY(clock.elapsed() < 3000);
    const ScriptOutcome timer = test(u"setTimeout(function spin() { for (;;) {} }, 1);"_s);
    QVERIFY(timer.error);
    QVERIFY(timer.error->message.contains(u"budget"_s));
    // Logging in a loop: the run keeps a bounded number of lines and says how many it left out.
    const ScriptOutcome chatty = test(u"for (;;) console.log('again');"_s);
    QVERIFY(chatty.error);
    QCOMPARE(chatty.console.size(), 1001);
    QVERIFY2(chatty.console.last().text.endsWith(u"more console lines were left out (at most 1000 per script)"_s),
             qPrintable(chatty.console.last().text));
    const ScriptOutcome next = test(u"pm.test('after', () => pm.response.to.have.status(200));"_s);
    QVERIFY2(!next.error, qPrintable(next.error ? next.error->toString() : QString()));
    QCOMPARE(names(next, true), QStringList{u"after"_s});
}

void TestSandbox::noFileSystemOrProcess()
{
    const ScriptOutcome o = test(uR"JS(
pm.test("no node or Qt globals", () => {
  pm.expect(typeof process).to.equal("undefined");
  pm.expect(typeof Qt).to.equal("undefined");
  pm.expect(typeof XMLHttpRequest).to.equal("undefined");
  pm.expect(typeof __quarry.librarySource).to.equal("function");
  pm.expect(() => __quarry.librarySource("../../etc/passwd")).to.throw();
});
)JS"_s);
    QVERIFY2(!o.error, qPrintable(o.error ? o.error->toString() : QString()));
    QCOMPARE(names(o, true), QStringList{u"no node or Qt globals"_s});
}

void TestSandbox::warmEngineIsFast()
{
    const QString source = u"pm.test('status', () => pm.response.to.have.status(200)); pm.environment.set('n', pm.response.json().id);"_s;
    test(source);   // compiled once
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 200; ++i)
        QVERIFY(test(source).tests.first().passed);
    const double perScript = clock.nsecsElapsed() / 1e6 / 200;
    qInfo("%.3f ms per test script on a warm engine", perScript);
    QVERIFY2(perScript < 5, qPrintable(QString::number(perScript)));
}

void TestSandbox::oneSandboxPerThread()
{
    Sandbox *mine = &Sandbox::forCurrentThread();
    QCOMPARE(&Sandbox::forCurrentThread(), mine);
    Sandbox *other = nullptr;
    bool ran = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        other = &Sandbox::forCurrentThread();
        MapHost host;
        ScriptRequest request;
        ScriptRun run;
        run.source = u"pm.variables.set('ran', 'yes');"_s;
        run.label = u"thread"_s;
        run.request = &request;
        run.host = &host;
        const ScriptOutcome o = other->run(run);
        ran = !o.error && host.scopes[0].value(u"ran"_s) == u"yes"_s;
    }));
    thread->start();
    QVERIFY(thread->wait(20000));
    QVERIFY(ran);
    QVERIFY(other != mine);
}

QTEST_GUILESS_MAIN(TestSandbox)
#include "tst_sandbox.moc"
