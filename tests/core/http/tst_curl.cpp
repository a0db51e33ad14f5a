// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "testserver.h"

#include "http/curlformat.h"
#include "http/executor.h"

#include <QJsonArray>
#include <QProcess>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::http;

/// Paste-a-curl-command import and copy-as-curl, checked against the real curl binary.
class TestCurl : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void multipartAndBasicAuth();
    void roundTrip();
    void copiedCommandSendsWhatQuarrySends();
};

void TestCurl::parse_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("params");    // name=value;...
    QTest::addColumn<QString>("headers");   // Name: value;...
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("body");      // text, or name=value;... for forms
    QTest::newRow("plain get") << u"curl https://api.example.com/users"_s << u"GET"_s << u"https://api.example.com/users"_s
                               << QString() << QString() << int(BodySpec::Mode::None) << QString();
    QTest::newRow("json post, chrome style")
        << u"curl 'http://h/api/users?page=2&q=a%20b' \\\n  -H 'accept: application/json' \\\n  -H 'content-type: application/json' \\\n  --data-raw $'{\"name\":\"Ada\"}' \\\n  --compressed"_s
        << u"POST"_s << u"http://h/api/users"_s << u"page=2;q=a b"_s << u"accept: application/json"_s << int(BodySpec::Mode::Json)
        << u"{\"name\":\"Ada\"}"_s;
    QTest::newRow("form data default type") << u"curl -d 'a=1' -d 'b=two+words' http://h/f"_s << u"POST"_s << u"http://h/f"_s
                                            << QString() << QString() << int(BodySpec::Mode::FormUrlEncoded) << u"a=1;b=two words"_s;
    QTest::newRow("explicit method, inline")
        << u"curl -XPUT -H\"X-Key: 1\" \"http://h/x\" --data \"raw text\" -H 'Content-Type: text/plain'"_s << u"PUT"_s
        << u"http://h/x"_s << QString() << u"X-Key: 1;Content-Type: text/plain"_s << int(BodySpec::Mode::Raw) << u"raw text"_s;
    QTest::newRow("get with data") << u"curl -G http://h/s --data-urlencode 'q=a&b' -d n=1"_s << u"GET"_s << u"http://h/s"_s
                                   << u"q=a&b;n=1"_s << QString() << int(BodySpec::Mode::None) << QString();
    QTest::newRow("head, no scheme") << u"curl -I localhost:3000/health"_s << u"HEAD"_s << u"http://localhost:3000/health"_s
                                     << QString() << QString() << int(BodySpec::Mode::None) << QString();
    QTest::newRow("json option") << u"curl --json '{\"a\":1}' http://h/j"_s << u"POST"_s << u"http://h/j"_s << QString()
                                 << u"Accept: application/json"_s << int(BodySpec::Mode::Json) << u"{\"a\":1}"_s;
    QTest::newRow("binary file") << u"curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg' http://h/up"_s << u"POST"_s
                                 << u"http://h/up"_s << QString() << u"Content-Type: image/jpeg"_s << int(BodySpec::Mode::Binary)
                                 << u"photo.jpg"_s;
    QTest::newRow("variables kept") << u"curl '{{baseUrl}}/users/{{id}}' -H 'Authorization: Bearer {{token}}'"_s << u"GET"_s
                                    << u"{{baseUrl}}/users/{{id}}"_s << QString() << u"Authorization: Bearer {{token}}"_s
                                    << int(BodySpec::Mode::None) << QString();
}

void TestCurl::parse()
{
    QFETCH(QString, command);
    QFETCH(QString, method);
    QFETCH(QString, url);
    QFETCH(QString, params);
    QFETCH(QString, headers);
    QFETCH(int, mode);
    QFETCH(QString, body);
    QStringList warnings;
    auto r = CurlFormat::fromCurl(command, &warnings);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    const RequestSpec &spec = r.value();
    QCOMPARE(spec.method, method);
    QCOMPARE(spec.url, url);
    QStringList p;
    for (const KeyValue &kv : spec.params)
        p.append(kv.name + u'=' + kv.value);
    QCOMPARE(p.join(u';'), params);
    QStringList h;
    for (const KeyValue &kv : spec.headers)
        h.append(kv.name + u": "_s + kv.value);
    QCOMPARE(h.join(u';'), headers);
    QCOMPARE(int(spec.body.mode), mode);
    if (spec.body.mode == BodySpec::Mode::FormUrlEncoded) {
        QStringList f;
        for (const KeyValue &kv : spec.body.fields)
            f.append(kv.name + u'=' + kv.value);
        QCOMPARE(f.join(u';'), body);
    } else if (spec.body.mode == BodySpec::Mode::Binary) {
        QCOMPARE(spec.body.file, body);
    } else {
        QCOMPARE(spec.body.text, body);
    }
}

void TestCurl::parseErrors_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("message");
    QTest::newRow("not curl") << u"wget http://h"_s << u"not a curl command"_s;
    QTest::newRow("unterminated quote") << u"curl 'http://h"_s << u"unterminated single quote"_s;
    QTest::newRow("no url") << u"curl -X POST"_s << u"no URL"_s;
    QTest::newRow("header without value") << u"curl http://h -H"_s << u"needs a value"_s;
    QTest::newRow("malformed header") << u"curl http://h -H nocolon"_s << u"is not a header"_s;
}

void TestCurl::parseErrors()
{
    QFETCH(QString, command);
    QFETCH(QString, message);
    auto r = CurlFormat::fromCurl(command);
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
}

void TestCurl::multipartAndBasicAuth()
{
    QStringList warnings;
    auto r = CurlFormat::fromCurl(u"curl -u ada:s3cret -F title=Notes -F 'file=@/tmp/notes.txt;type=text/plain' -k -L "
                                  u"-m 2.5 --frobnicate http://h/upload"_s,
                                  &warnings);
    QVERIFY(r);
    QCOMPARE(r.value().method, u"POST"_s);
    QCOMPARE(r.value().auth.type, AuthSpec::Type::Basic);
    QCOMPARE(r.value().auth.username, u"ada"_s);
    QCOMPARE(r.value().auth.password, u"s3cret"_s);
    QCOMPARE(r.value().body.mode, BodySpec::Mode::Multipart);
    QCOMPARE(r.value().body.fields.size(), 2);
    QVERIFY(r.value().body.fields.at(1).isFile);
    QCOMPARE(r.value().body.fields.at(1).value, u"/tmp/notes.txt"_s);
    QVERIFY(!r.value().verifyTls);
    QVERIFY(r.value().followRedirects);
    QCOMPARE(r.value().timeoutMs, 2500);
    QCOMPARE(warnings, QStringList{u"The curl option --frobnicate was ignored."_s});
}

void TestCurl::roundTrip()
{
    RequestSpec spec;
    spec.method = u"PATCH"_s;
    spec.url = u"http://127.0.0.1:9/items/7"_s;
    spec.params = {{u"q"_s, u"it's & more"_s}};
    spec.headers = {{u"X-Quote"_s, u"say 'hi'"_s}};
    spec.body.mode = BodySpec::Mode::Json;
    spec.body.text = u"{\"note\": \"it's\"}"_s;
    auto prepared = PreparedRequest::build(spec, VariableScope());
    QVERIFY(prepared);
    const QString command = CurlFormat::toCurl(prepared.value());
    auto back = CurlFormat::fromCurl(command);
    QVERIFY2(back, qPrintable(command));
    auto again = PreparedRequest::build(back.value(), VariableScope());
    QVERIFY(again);
    QCOMPARE(again.value().method, prepared.value().method);
    QCOMPARE(again.value().url, prepared.value().url);
    QCOMPARE(again.value().body, prepared.value().body);
    QCOMPARE(again.value().header("X-Quote"), QByteArray("say 'hi'"));
    QCOMPARE(again.value().header("Content-Type"), QByteArray("application/json"));
}

void TestCurl::copiedCommandSendsWhatQuarrySends()
{
    TestServer server;
    QVERIFY2(server.start(QFINDTESTDATA("server.js")), qPrintable(server.error()));
    RequestSpec spec;
    spec.id = u"r"_s;
    spec.name = u"echo"_s;
    spec.method = u"POST"_s;
    spec.url = u"{{baseUrl}}/echo"_s;
    spec.params = {{u"q"_s, u"a b&c"_s}};
    spec.headers = {{u"X-Note"_s, u"it's {{who}}"_s}};
    spec.body.mode = BodySpec::Mode::Json;
    spec.body.text = u"{\"who\": \"{{who}}\", \"quote\": \"'\"}"_s;
    Executor::Context context;
    context.scope.setOverride(u"baseUrl"_s, server.baseUrl());
    context.scope.setOverride(u"who"_s, u"Ada"_s);
    Executor executor(context);
    const Exchange ex = executor.execute(spec);
    QVERIFY(ex.response);
    const QJsonObject byQuarry = ex.response->json().value().toObject();

    QProcess shell;
    shell.start(u"sh"_s, {u"-c"_s, CurlFormat::toCurl(ex.request) + u" -s"_s});
    QVERIFY(shell.waitForFinished(10000));
    QCOMPARE(shell.exitCode(), 0);
    const QJsonObject byCurl = QJsonDocument::fromJson(shell.readAllStandardOutput()).object();
    for (const QString &key : {u"method"_s, u"body"_s, u"query"_s, u"rawQuery"_s})
        QCOMPARE(byCurl.value(key), byQuarry.value(key));
    for (const QString &header : {u"x-note"_s, u"content-type"_s, u"user-agent"_s})
        QCOMPARE(byCurl.value(u"headers"_s).toObject().value(header), byQuarry.value(u"headers"_s).toObject().value(header));
    QCOMPARE(byCurl.value(u"headers"_s).toObject().value(u"x-note"_s).toString(), u"it's Ada"_s);
}

QTEST_GUILESS_MAIN(TestCurl)
#include "tst_curl.moc"
