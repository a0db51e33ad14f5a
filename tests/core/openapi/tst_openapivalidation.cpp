// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors

// Imported OpenAPI operations check their requests (issue #13, point 2): the OpenAPI Initiative's
// petstore-expanded served over real sockets answers 422 to a body that breaks NewPet, 400 to a
// body that is not JSON and to a non-integer id, and takes what the document allows.

#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/requestlog.h"
#include "openapi/openapidocument.h"
#include "openapi/openapiimporter.h"

#include "../mock/rawhttp.h"
#include "serveroutes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::mock;
using namespace quarry::openapi;

class TestOpenApiValidation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void routesCarryTheirSchemas();
    void postPetsBogusIs422();
    void postPetsNotJsonIs400();
    void postPetsValidIsServed();
    void getPetByNonIntegerIdIs400();
    void queryLimitMaximum();

private:
    RawResponse send(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                     const QByteArray &contentType = "application/json")
    {
        RawClient client;
        if (!client.connectTo(m_server.port()))
            return {};
        QByteArray request = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
        if (!body.isEmpty())
            request += "Content-Type: " + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
        client.send(request + "\r\n" + body);
        return client.readResponse().value_or(RawResponse{});
    }
    static QJsonArray errors(const RawResponse &r)
    {
        return QJsonDocument::fromJson(r.body).object().value(u"errors"_s).toArray();
    }
    const Route *route(const QString &method, const QString &path) const
    {
        for (const Route &r : m_routes) {
            if (r.method == method && r.path == path)
                return &r;
        }
        return nullptr;
    }

    QTemporaryDir m_dir;
    QList<Route> m_routes;
    MockServer m_server;
    quint16 m_petstorePort = 0;
};

void TestOpenApiValidation::initTestCase()
{
    auto doc = OpenApiDocument::load(QFINDTESTDATA(u"../../data/openapi/petstore-expanded.yaml"_s));
    QVERIFY2(doc, qPrintable(doc ? QString() : doc.error().toString()));
    auto imported = OpenApiImporter::importRoutes(doc.value());
    QVERIFY(imported);
    m_routes = imported.value().routes;
    auto simple = OpenApiDocument::load(QFINDTESTDATA(u"../../data/openapi/petstore.yaml"_s));
    QVERIFY(simple);
    auto more = OpenApiImporter::importRoutes(simple.value(), {u"/simple"_s});
    QVERIFY(more);
    m_routes += more.value().routes;
    const QString failed = test::serveRoutes(m_server, m_routes, m_dir.path());
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestOpenApiValidation::routesCarryTheirSchemas()
{
    const Route *add = route(u"POST"_s, u"/pets"_s);
    QVERIFY(add);
    QCOMPARE(add->validation.value(u"dialect"_s).toString(), u"openapi-3.0"_s);
    QCOMPARE(add->validation.value(u"body"_s).toObject().value(u"schema"_s).toObject().value(u"$ref"_s).toString(),
             u"#/components/schemas/NewPet"_s);
    QVERIFY(add->validation.value(u"body"_s).toObject().value(u"required"_s).toBool());
    // Only the components the operation refers to travel with the route.
    const QJsonObject schemas = add->validation.value(u"components"_s).toObject().value(u"schemas"_s).toObject();
    QCOMPARE(schemas.keys(), QStringList{u"NewPet"_s});
    const Route *find = route(u"GET"_s, u"/pets/:id"_s);
    QVERIFY(find);
    const QJsonObject id = find->validation.value(u"parameters"_s).toArray().first().toObject();
    QCOMPARE(id.value(u"in"_s).toString(), u"path"_s);
    QCOMPARE(id.value(u"schema"_s).toObject().value(u"type"_s).toString(), u"integer"_s);
}

void TestOpenApiValidation::postPetsBogusIs422()
{
    const RawResponse r = send("POST", "/pets", R"({"bogus": true})");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    const QJsonArray list = errors(r);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(u"constraint"_s).toString(), u"required"_s);
    QCOMPARE(list.first().toObject().value(u"pointer"_s).toString(), QString());
    QVERIFY(list.first().toObject().value(u"message"_s).toString().contains(u"'name'"_s));
    QTRY_VERIFY(!m_server.requestLog()->entries().isEmpty() && m_server.requestLog()->entries().last().status == 422);
    bool noted = false;
    for (const LifecycleStep &s : m_server.requestLog()->entries().last().steps)
        noted = noted || (s.step == u"validate"_s && s.message.startsWith(u"422"_s));
    QVERIFY(noted);
}

void TestOpenApiValidation::postPetsNotJsonIs400()
{
    RawResponse r = send("POST", "/pets", "this is not JSON");
    QCOMPARE(r.status, 400);
    QCOMPARE(errors(r).first().toObject().value(u"constraint"_s).toString(), u"json"_s);
    // A body of another media type than the operation's: 415.
    r = send("POST", "/pets", "name=Rex", "application/x-www-form-urlencoded");
    QCOMPARE(r.status, 415);
}

void TestOpenApiValidation::postPetsValidIsServed()
{
    const RawResponse r = send("POST", "/pets", R"({"name": "Rex", "tag": "dog"})");
    QCOMPARE(r.status, 200);
    QVERIFY(QJsonDocument::fromJson(r.body).isObject());
}

void TestOpenApiValidation::getPetByNonIntegerIdIs400()
{
    QCOMPARE(send("GET", "/pets/7").status, 200);
    const RawResponse r = send("GET", "/pets/xyz");
    QCOMPARE(r.status, 400);
    const QJsonObject e = errors(r).first().toObject();
    QCOMPARE(e.value(u"in"_s).toString(), u"path"_s);
    QCOMPARE(e.value(u"name"_s).toString(), u"id"_s);
    QCOMPARE(e.value(u"constraint"_s).toString(), u"type"_s);
}

void TestOpenApiValidation::queryLimitMaximum()
{
    QCOMPARE(send("GET", "/simple/pets?limit=20").status, 200);
    const RawResponse r = send("GET", "/simple/pets?limit=101");
    QCOMPARE(r.status, 422);
    QCOMPARE(errors(r).first().toObject().value(u"constraint"_s).toString(), u"maximum"_s);
}

QTEST_GUILESS_MAIN(TestOpenApiValidation)
#include "tst_openapivalidation.moc"
