// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors

// The validate step over real sockets: a route's `validation` object checks the body, path, query
// and header values, answers 400/415/422 as problem+json with each violation, and the request log
// says what was checked or what failed.

#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/requestlog.h"

#include "rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;

namespace {

const char *Mock = R"({"routes": [
  {"id": "addPet", "method": "POST", "path": "/pets", "responses": [{"status": 201, "body": {"id": 1}}],
   "validation": {"dialect": "openapi-3.0",
     "components": {"schemas": {"NewPet": {"type": "object", "required": ["name"],
         "properties": {"name": {"type": "string", "minLength": 1}, "tag": {"type": "string", "nullable": true},
                        "age": {"type": "integer", "format": "int32", "minimum": 0}}}}},
     "body": {"required": true, "mediaTypes": ["application/json"], "schema": {"$ref": "#/components/schemas/NewPet"}},
     "parameters": [{"in": "header", "name": "X-Store", "required": true, "schema": {"type": "string", "enum": ["north", "south"]}}]}},
  {"id": "getPet", "method": "GET", "path": "/pets/:id", "responses": [{"body": {"id": 1}}],
   "validation": {"parameters": [{"in": "path", "name": "id", "required": true, "schema": {"type": "integer", "format": "int64"}}]}},
  {"id": "listPets", "method": "GET", "path": "/pets", "responses": [{"body": []}],
   "validation": {"parameters": [{"in": "query", "name": "limit", "schema": {"type": "integer", "maximum": 100}},
                                 {"in": "query", "name": "tags", "schema": {"type": "array", "items": {"type": "string"}, "maxItems": 2}}]}},
  {"id": "broken", "method": "GET", "path": "/broken", "responses": [{"body": "served"}],
   "validation": {"parameters": [{"in": "query", "name": "q", "schema": {"$ref": "#/components/schemas/Nowhere"}}]}},
  {"id": "off", "method": "POST", "path": "/off", "responses": [{"body": "took it"}],
   "validation": {"enabled": false, "body": {"required": true, "schema": {"type": "object"}}}}
]})";

struct Answer {
    int status = 0;
    QByteArray contentType;
    QJsonObject json;
    QByteArray body;
};

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void validBodyPasses();
    void missingMemberIs422WithPointer();
    void ruleBrokenInsideIs422();
    void notJsonIs400();
    void wrongMediaTypeIs415();
    void missingBodyIs400();
    void wrongTypeOnlyIs400();
    void requiredHeader();
    void pathParameterMustBeInteger();
    void queryParameters();
    void unusableSchemaIsLoggedAndPassed();
    void disabledValidationChecksNothing();
    void routeJsonKeepsValidation();

private:
    Answer send(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                QList<std::pair<QByteArray, QByteArray>> headers = {})
    {
        RawClient client;
        if (!client.connectTo(m_server->port()))
            return {};
        QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
        for (const auto &[name, value] : headers)
            request += name + ": " + value + "\r\n";
        if (!body.isEmpty())
            request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        request += "\r\n" + body;
        client.send(request);
        const auto r = client.readResponse();
        if (!r)
            return {};
        return {r->status, r->header("Content-Type"), QJsonDocument::fromJson(r->body).object(), r->body};
    }
    Answer postPet(const QByteArray &body, const QByteArray &store = "north")
    {
        return send("POST", "/pets", body, {{"Content-Type", "application/json"}, {"X-Store", store}});
    }
    QString lastValidateNote()
    {
        const QList<LogEntry> entries = m_server->requestLog()->entries();
        if (entries.isEmpty())
            return {};
        for (const LifecycleStep &s : entries.last().steps) {
            if (s.step == u"validate"_s)
                return s.message;
        }
        return u"(no validate step)"_s;
    }
    static QStringList errorsOf(const Answer &a)
    {
        QStringList out;
        for (const QJsonValue &e : a.json.value(u"errors"_s).toArray()) {
            const QJsonObject o = e.toObject();
            out.append(u"%1 %2 %3"_s.arg(o.value(u"in"_s).toString(u"body"_s) + (o.contains(u"name"_s) ? u':' + o.value(u"name"_s).toString() : QString()),
                                         o.value(u"pointer"_s).toString(), o.value(u"constraint"_s).toString()));
        }
        return out;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<MockServer> m_server;
};

void TestValidation::init()
{
    m_server = std::make_unique<MockServer>();
    auto config = MockConfig::fromJson(QJsonDocument::fromJson(Mock).object(), {}, {}, m_dir.path());
    QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
    QVERIFY(m_server->configure(config.value()));
    ServerOptions options;
    options.host = u"127.0.0.1"_s;
    options.port = 0;
    QVERIFY(m_server->start(options));
}

void TestValidation::validBodyPasses()
{
    const Answer a = postPet(R"({"name": "Rex", "tag": null, "age": 3})");
    QCOMPARE(a.status, 201);
    QTRY_COMPARE(lastValidateNote(), u"valid: X-Store, body"_s);
}

void TestValidation::missingMemberIs422WithPointer()
{
    const Answer a = postPet(R"({"bogus": true})");
    QCOMPARE(a.status, 422);
    QCOMPARE(a.contentType, QByteArray("application/problem+json"));
    QCOMPARE(a.json.value(u"status"_s).toInt(), 422);
    QCOMPARE(errorsOf(a), QStringList{u"body  required"_s});
    QVERIFY(a.json.value(u"errors"_s).toArray().first().toObject().value(u"message"_s).toString().contains(u"'name'"_s));
    QTRY_VERIFY2(lastValidateNote().startsWith(u"422: body"_s), qPrintable(lastValidateNote()));
    QVERIFY(lastValidateNote().contains(u"name"_s));
}

void TestValidation::ruleBrokenInsideIs422()
{
    const Answer a = postPet(R"({"name": "", "age": -1})");
    QCOMPARE(a.status, 422);
    QStringList errors = errorsOf(a);
    errors.sort();
    QCOMPARE(errors, (QStringList{u"body /age minimum"_s, u"body /name minLength"_s}));
    // int32 bounds come from the format.
    QCOMPARE(errorsOf(postPet(R"({"name": "a", "age": 3000000000})")), QStringList{u"body /age maximum"_s});
}

void TestValidation::notJsonIs400()
{
    const Answer a = postPet("name=Rex");
    QCOMPARE(a.status, 400);
    QCOMPARE(errorsOf(a), QStringList{u"body  json"_s});
    QVERIFY2(a.json.value(u"errors"_s).toArray().first().toObject().value(u"message"_s).toString().contains(u"line 1"_s),
             a.body.constData());
}

void TestValidation::wrongMediaTypeIs415()
{
    const Answer a = send("POST", "/pets", "name: Rex", {{"Content-Type", "text/yaml"}, {"X-Store", "north"}});
    QCOMPARE(a.status, 415);
    QCOMPARE(errorsOf(a), QStringList{u"body  mediaType"_s});
}

void TestValidation::missingBodyIs400()
{
    const Answer a = send("POST", "/pets", {}, {{"X-Store", "north"}});
    QCOMPARE(a.status, 400);
    QCOMPARE(errorsOf(a), QStringList{u"body  required-body"_s});
}

void TestValidation::wrongTypeOnlyIs400()
{
    QCOMPARE(postPet(R"({"name": 5})").status, 400);
    QCOMPARE(postPet(R"([1, 2])").status, 400);
    // A wrong type together with a broken rule: the request could be read in part, 422.
    QCOMPARE(postPet(R"({"name": 5, "age": -1})").status, 422);
}

void TestValidation::requiredHeader()
{
    Answer a = send("POST", "/pets", R"({"name": "Rex"})", {{"Content-Type", "application/json"}});
    QCOMPARE(a.status, 400);
    QCOMPARE(errorsOf(a), QStringList{u"header:X-Store  required-parameter"_s});
    a = postPet(R"({"name": "Rex"})", "east");
    QCOMPARE(a.status, 422);
    QCOMPARE(errorsOf(a), QStringList{u"header:X-Store  enum"_s});
}

void TestValidation::pathParameterMustBeInteger()
{
    QCOMPARE(send("GET", "/pets/42").status, 200);
    const Answer a = send("GET", "/pets/xyz");
    QCOMPARE(a.status, 400);
    QCOMPARE(errorsOf(a), QStringList{u"path:id  type"_s});
    QTRY_VERIFY2(lastValidateNote().startsWith(u"400: path id"_s), qPrintable(lastValidateNote()));
    QCOMPARE(send("GET", "/pets/1.5").status, 400);
}

void TestValidation::queryParameters()
{
    QCOMPARE(send("GET", "/pets?limit=10&tags=a&tags=b").status, 200);
    QCOMPARE(send("GET", "/pets").status, 200);   // neither is required
    Answer a = send("GET", "/pets?limit=101");
    QCOMPARE(a.status, 422);
    QCOMPARE(errorsOf(a), QStringList{u"query:limit  maximum"_s});
    a = send("GET", "/pets?limit=ten");
    QCOMPARE(a.status, 400);
    a = send("GET", "/pets?tags=a&tags=b&tags=c");
    QCOMPARE(a.status, 422);
    QCOMPARE(errorsOf(a), QStringList{u"query:tags  maxItems"_s});
}

void TestValidation::unusableSchemaIsLoggedAndPassed()
{
    const Answer a = send("GET", "/broken?q=1");
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body, QByteArray("served"));
    QTRY_VERIFY2(lastValidateNote().startsWith(u"not checked: the route's schema cannot be used"_s), qPrintable(lastValidateNote()));
}

void TestValidation::disabledValidationChecksNothing()
{
    const Answer a = send("POST", "/off", "not json", {{"Content-Type", "application/json"}});
    QCOMPARE(a.status, 200);
    QCOMPARE(a.body, QByteArray("took it"));
}

void TestValidation::routeJsonKeepsValidation()
{
    const QJsonObject route = QJsonDocument::fromJson(Mock).object().value(u"routes"_s).toArray().at(1).toObject();
    auto parsed = Route::fromJson(route, 0);
    QVERIFY(parsed);
    QCOMPARE(parsed.value().toJson().value(u"validation"_s).toObject(), route.value(u"validation"_s).toObject());
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
