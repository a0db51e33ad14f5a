// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// OpenAPI documents (the OpenAPI Initiative's examples and broken inputs) -> mock routes, the
// YAML adapter, the schema sampler, and the export -> import round trip.

#include "http/openapicollection.h"
#include "openapi/openapidocument.h"
#include "openapi/openapiexporter.h"
#include "openapi/openapiimporter.h"
#include "openapi/openapisampler.h"
#include "openapi/openapiyaml.h"
#include "workspace/workspace.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::mock;
using namespace quarry::openapi;

namespace {

QString dataFile(const QString &name)
{
    return QFINDTESTDATA(u"../../data/openapi/"_s + name);
}

const Route *findRoute(const QList<Route> &routes, const QString &method, const QString &path)
{
    for (const Route &r : routes) {
        if (r.method == method && r.path == path)
            return &r;
    }
    return nullptr;
}

QJsonValue jsonBody(const ResponseSpec &spec)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(spec.body.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

QString headerOf(const ResponseSpec &spec, const QString &name)
{
    for (const auto &h : spec.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

OpenApiImport importFile(const QString &name)
{
    auto doc = OpenApiDocument::load(dataFile(name));
    if (!doc)
        qFatal("%s", qPrintable(doc.error().toString()));
    auto imported = OpenApiImporter::importRoutes(doc.value());
    if (!imported)
        qFatal("%s", qPrintable(imported.error().toString()));
    return imported.value();
}

/// Routes as JSON with bodies compared as JSON (the text may be reformatted by a round trip).
QJsonArray comparable(const QList<Route> &routes)
{
    QJsonArray out;
    for (const Route &r : routes) {
        QJsonObject o = r.toJson();
        QJsonArray responses;
        for (const ResponseSpec &spec : r.responses) {
            QJsonObject s = spec.toJson();
            const QJsonValue body = jsonBody(spec);
            if (!body.isUndefined())
                s.insert(u"body"_s, body);
            responses.append(s);
        }
        if (!responses.isEmpty())
            o.insert(u"responses"_s, responses);
        out.append(o);
    }
    return out;
}

/// Compares route by route and response by response, so that a failure names the difference.
#define COMPARE_ROUTES(actual, expected)                                                                   \
    do {                                                                                                   \
        const QJsonArray a_ = comparable(actual), e_ = comparable(expected);                               \
        QCOMPARE(a_.size(), e_.size());                                                                    \
        for (qsizetype i_ = 0; i_ < a_.size(); ++i_) {                                                     \
            QJsonObject ao_ = a_.at(i_).toObject(), eo_ = e_.at(i_).toObject();                            \
            const QJsonArray ar_ = ao_.take(u"responses"_s).toArray(), er_ = eo_.take(u"responses"_s).toArray(); \
            QCOMPARE(ao_, eo_);                                                                            \
            QCOMPARE(ar_.size(), er_.size());                                                              \
            for (qsizetype j_ = 0; j_ < ar_.size(); ++j_)                                                  \
                QCOMPARE(ar_.at(j_).toObject(), er_.at(j_).toObject());                                    \
        }                                                                                                  \
    } while (false)

QList<Route> roundTrip(const QList<Route> &routes)
{
    QStringList warnings;
    const QJsonObject exported = OpenApiExporter::exportRoutes(routes, {}, &warnings);
    if (!warnings.isEmpty())
        qWarning("%s", qPrintable(warnings.join(u'\n')));
    // Through YAML text, as a user's file would go.
    auto doc = OpenApiDocument::fromText(OpenApiYaml::write(exported), u"export.yaml"_s);
    if (!doc)
        qFatal("%s", qPrintable(doc.error().toString()));
    auto again = OpenApiImporter::importRoutes(doc.value());
    if (!again)
        qFatal("%s", qPrintable(again.error().toString()));
    return again.value().routes;
}

} // namespace

class TestOpenApiImport : public QObject
{
    Q_OBJECT
private slots:
    void yamlScalars_data();
    void yamlScalars();
    void yamlWriterRoundTrip();
    void loadErrors_data();
    void loadErrors();
    void petstore();
    void petstoreExpanded();
    void apiWithExamples();
    void callbacksAndLinksImport();
    void literalSegmentsComeFirst();
    void recursiveSchemaEnds();
    void pathPrefixAndMixedSegments();
    void roundTripPetstore();
    void roundTripSeed();
    void roundTripEverySetting();
    void mergeReplacesSameMethodAndPath();
    void requestCollection();
    void namedExamplesByPrefer();
    void hostileInputs_data();
    void hostileInputs();
};

void TestOpenApiImport::yamlScalars_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QJsonValue>("expected");
    QTest::newRow("integer") << QByteArray("v: 42") << QJsonValue(42);
    QTest::newRow("negative float") << QByteArray("v: -1.5e3") << QJsonValue(-1500.0);
    QTest::newRow("hex") << QByteArray("v: 0x1F") << QJsonValue(31);
    QTest::newRow("true") << QByteArray("v: true") << QJsonValue(true);
    QTest::newRow("null word") << QByteArray("v: null") << QJsonValue(QJsonValue::Null);
    QTest::newRow("tilde") << QByteArray("v: ~") << QJsonValue(QJsonValue::Null);
    QTest::newRow("empty value") << QByteArray("v:") << QJsonValue(QJsonValue::Null);
    QTest::newRow("quoted number stays text") << QByteArray("v: \"200\"") << QJsonValue(u"200"_s);
    QTest::newRow("single-quoted true stays text") << QByteArray("v: 'true'") << QJsonValue(u"true"_s);
    QTest::newRow("version is text") << QByteArray("v: 1.0.0") << QJsonValue(u"1.0.0"_s);
    QTest::newRow("yes is text in YAML 1.2") << QByteArray("v: yes") << QJsonValue(u"yes"_s);
    QTest::newRow("!!str tag") << QByteArray("v: !!str 12") << QJsonValue(u"12"_s);
    QTest::newRow("literal block") << QByteArray("v: |\n  a\n  b\n") << QJsonValue(u"a\nb\n"_s);
    QTest::newRow("flow JSON") << QByteArray("v: {\"a\": [1, \"x\", null]}")
                               << QJsonValue(QJsonObject{{u"a"_s, QJsonArray{1, u"x"_s, QJsonValue()}}});
    QTest::newRow("alias") << QByteArray("a: &x {k: 1}\nv: *x") << QJsonValue(QJsonObject{{u"k"_s, 1}});
}

void TestOpenApiImport::yamlScalars()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QJsonValue, expected);
    auto parsed = OpenApiYaml::parse(yaml);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(parsed.value().toObject().value(u"v"_s), expected);
}

void TestOpenApiImport::yamlWriterRoundTrip()
{
    const QJsonObject tricky{{u"plain"_s, u"word"_s},
                             {u"looks numeric"_s, u"200"_s},
                             {u"looks bool"_s, u"true"_s},
                             {u"yes"_s, u"no"_s},
                             {u"colon"_s, u"a: b # not a comment"_s},
                             {u"lines"_s, u"line 1\nline 2\ttab \"quoted\" \\"_s},
                             {u"unicode"_s, u"caf\u00e9 \u2028 end"_s},
                             {u"empty"_s, u""_s},
                             {u"/path/{id}"_s, QJsonObject{}},
                             {u"list"_s, QJsonArray{1, 2.5, QJsonValue(), true, QJsonArray{}, QJsonObject{{u"a"_s, QJsonArray{QJsonArray{1}}}},
                                                    QJsonObject{{u"k"_s, u"v"_s}, {u"k2"_s, QJsonObject{{u"deep"_s, 1}}}}}},
                             {u"big"_s, 9007199254740991.0},
                             {u"fraction"_s, 0.1}};
    const QByteArray text = OpenApiYaml::write(tricky);
    auto parsed = OpenApiYaml::parse(text);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString() + u'\n' + QString::fromUtf8(text)));
    QCOMPARE(parsed.value().toObject(), tricky);

    // A real document, too.
    auto petstore = OpenApiDocument::load(dataFile(u"petstore-expanded.yaml"_s));
    QVERIFY(petstore);
    auto again = OpenApiYaml::parse(OpenApiYaml::write(petstore.value().root()));
    QVERIFY(again);
    QCOMPARE(again.value().toObject(), petstore.value().root());
}

void TestOpenApiImport::loadErrors_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");   // a part of the message
    QTest::addColumn<QString>("where");     // a part of `where`
    QTest::newRow("YAML syntax") << u"broken/invalid-indent.yaml"_s << u"Not valid YAML"_s << u"line 11, column"_s;
    QTest::newRow("JSON syntax") << u"broken/invalid.json"_s << u"Not valid JSON"_s << u"line 4, column"_s;
    QTest::newRow("Swagger 2.0") << u"broken/swagger2.yaml"_s << u"Swagger/OpenAPI 2.0 is not supported"_s
                                 << u"swagger2.yaml"_s;
    QTest::newRow("not OpenAPI") << u"broken/not-openapi.yaml"_s << u"not an OpenAPI document"_s << u"not-openapi.yaml"_s;
    QTest::newRow("version 4") << u"broken/version-4.yaml"_s << u"\"4.0.0\" is not supported"_s << u"version-4.yaml"_s;
    QTest::newRow("missing file") << u"broken/does-not-exist.yaml"_s << u"Cannot read"_s << u"does-not-exist"_s;
}

void TestOpenApiImport::loadErrors()
{
    QFETCH(QString, file);
    QFETCH(QString, message);
    QFETCH(QString, where);
    const QString path = QFileInfo(dataFile(u"broken/swagger2.yaml"_s)).dir().filePath(QFileInfo(file).fileName());
    auto doc = OpenApiDocument::load(path);
    QVERIFY(!doc);
    QVERIFY2(doc.error().message.contains(message), qPrintable(doc.error().toString()));
    QVERIFY2(doc.error().where.contains(where), qPrintable(doc.error().toString()));
}

void TestOpenApiImport::petstore()
{
    const OpenApiImport imported = importFile(u"petstore.yaml"_s);
    QCOMPARE(imported.routes.size(), 3);
    const Route *list = findRoute(imported.routes, u"GET"_s, u"/pets"_s);
    const Route *create = findRoute(imported.routes, u"POST"_s, u"/pets"_s);
    const Route *show = findRoute(imported.routes, u"GET"_s, u"/pets/:petId"_s);
    QVERIFY(list && create && show);
    QCOMPARE(list->id, u"listPets"_s);
    QCOMPARE(show->id, u"showPetById"_s);
    QCOMPARE(show->description, u"Info for a specific pet"_s);

    // GET /pets/:petId: 200 by default, with a body built from #/components/schemas/Pet.
    QCOMPARE(show->responses.size(), 2);
    const ResponseSpec &ok = show->responses.at(0);
    QCOMPARE(ok.status, 200);
    QVERIFY(ok.rules.isEmpty());
    QCOMPARE(headerOf(ok, u"Content-Type"_s), u"application/json"_s);
    const QJsonObject pet = jsonBody(ok).toObject();
    QCOMPARE(pet.keys(), (QStringList{u"id"_s, u"name"_s, u"tag"_s}));
    QVERIFY(pet.value(u"id"_s).isDouble());
    QVERIFY(pet.value(u"name"_s).isString());
    // `default` -> 500, chosen by Prefer: code=500 or code=default.
    const ResponseSpec &error = show->responses.at(1);
    QCOMPARE(error.status, 500);
    QCOMPARE(error.rules.size(), 1);
    QCOMPARE(error.rules.first().name, u"Prefer"_s);
    QVERIFY(error.rules.first().regex.match(u"code=500"_s).hasMatch());
    QVERIFY(error.rules.first().regex.match(u"example=x, code=default"_s).hasMatch());
    QVERIFY(!error.rules.first().regex.match(u"code=5000"_s).hasMatch());
    QCOMPARE(jsonBody(error).toObject().keys(), (QStringList{u"code"_s, u"message"_s}));

    // GET /pets: an array of pets (#/components/schemas/Pets -> items Pet) and the x-next header.
    const ResponseSpec &page = list->responses.at(0);
    QVERIFY(jsonBody(page).isArray());
    QCOMPARE(jsonBody(page).toArray().first().toObject().keys(), (QStringList{u"id"_s, u"name"_s, u"tag"_s}));
    QCOMPARE(headerOf(page, u"x-next"_s), u"string"_s);
    // POST /pets: 201 without content, so no body and no Content-Type.
    QCOMPARE(create->responses.at(0).status, 201);
    QVERIFY(create->responses.at(0).body.isEmpty());
    QVERIFY(headerOf(create->responses.at(0), u"Content-Type"_s).isEmpty());
}

void TestOpenApiImport::petstoreExpanded()
{
    const OpenApiImport imported = importFile(u"petstore-expanded.yaml"_s);
    QCOMPARE(imported.routes.size(), 4);
    const Route *find = findRoute(imported.routes, u"GET"_s, u"/pets/:id"_s);
    const Route *remove = findRoute(imported.routes, u"DELETE"_s, u"/pets/:id"_s);
    const Route *add = findRoute(imported.routes, u"POST"_s, u"/pets"_s);
    QVERIFY(find && remove && add);
    QCOMPARE(find->id, u"find-pet-by-id"_s);   // "find pet by id" made safe
    // Pet is allOf [NewPet, {id}]: the example has the properties of both parts.
    const QJsonObject pet = jsonBody(find->responses.at(0)).toObject();
    QVERIFY2(pet.contains(u"name"_s) && pet.contains(u"tag"_s) && pet.contains(u"id"_s),
             QJsonDocument(pet).toJson().constData());
    QCOMPARE(remove->responses.at(0).status, 204);
    QVERIFY(remove->responses.at(0).body.isEmpty());
    QCOMPARE(add->responses.at(0).status, 200);
    for (const Route &r : imported.routes)
        QCOMPARE(r.responses.last().status, 500);
}

void TestOpenApiImport::apiWithExamples()
{
    const OpenApiImport imported = importFile(u"api-with-examples.yaml"_s);
    QCOMPARE(imported.routes.size(), 2);
    const Route *root = findRoute(imported.routes, u"GET"_s, u"/"_s);
    const Route *v2 = findRoute(imported.routes, u"GET"_s, u"/v2"_s);
    QVERIFY(root && v2);
    QCOMPARE(root->responses.size(), 2);
    QCOMPARE(root->responses.at(0).status, 200);
    QCOMPARE(root->responses.at(1).status, 300);
    // The named example `foo`, a YAML mapping, becomes JSON...
    const QJsonArray versions = jsonBody(root->responses.at(0)).toObject().value(u"versions"_s).toArray();
    QCOMPARE(versions.size(), 2);
    QCOMPARE(versions.at(1).toObject().value(u"id"_s).toString(), u"v3.0"_s);
    // ...and the 300's example, written as a block of JSON text, is sent as that text.
    QVERIFY(root->responses.at(1).body.contains(u"\"EXPERIMENTAL\""_s));
    QVERIFY(jsonBody(root->responses.at(1)).isObject());
    QVERIFY(!root->responses.at(1).rules.isEmpty());
    const QJsonObject version = jsonBody(v2->responses.at(0)).toObject().value(u"version"_s).toObject();
    QCOMPARE(version.value(u"id"_s).toString(), u"v2.0"_s);
}

void TestOpenApiImport::callbacksAndLinksImport()
{
    const OpenApiImport callbacks = importFile(u"callback-example.yaml"_s);
    QCOMPARE(callbacks.routes.size(), 1);   // the callback is the client's, not a route of ours
    QCOMPARE(callbacks.routes.first().method, u"POST"_s);
    QCOMPARE(callbacks.routes.first().responses.first().status, 201);
    const OpenApiImport links = importFile(u"link-example.yaml"_s);
    QVERIFY(findRoute(links.routes, u"GET"_s, u"/2.0/repositories/:username/:slug/pullrequests/:pid/merge"_s) == nullptr);
    QVERIFY(findRoute(links.routes, u"POST"_s, u"/2.0/repositories/:username/:slug/pullrequests/:pid/merge"_s));
    QVERIFY(findRoute(links.routes, u"GET"_s, u"/2.0/users/:username"_s));
}

void TestOpenApiImport::literalSegmentsComeFirst()
{
    const QByteArray yaml = R"(openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /pets/{id}:
    get:
      responses: {"200": {description: one}}
  /pets/mine:
    get:
      responses: {"200": {description: mine}}
  /pets/{id}/toys/{toy}:
    get:
      responses: {"200": {description: toy}}
  /pets/{id}/toys/first:
    get:
      responses: {"200": {description: first toy}}
)";
    auto doc = OpenApiDocument::fromText(yaml);
    QVERIFY(doc);
    auto imported = OpenApiImporter::importRoutes(doc.value());
    QVERIFY(imported);
    QStringList order;
    for (const Route &r : imported.value().routes)
        order.append(r.path);
    QCOMPARE(order, (QStringList{u"/pets/mine"_s, u"/pets/:id"_s, u"/pets/:id/toys/first"_s, u"/pets/:id/toys/:toy"_s}));
    QCOMPARE(imported.value().routes.first().responses.first().label, u"mine"_s);
}

void TestOpenApiImport::recursiveSchemaEnds()
{
    const QByteArray yaml = R"(openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /tree:
    get:
      responses:
        "200":
          description: a tree
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Node"}
components:
  schemas:
    Node:
      type: object
      properties:
        name: {type: string, enum: [root, leaf]}
        created: {type: string, format: date-time}
        size: {type: integer, minimum: 3}
        secret: {type: string, writeOnly: true}
        parent: {$ref: "#/components/schemas/Node"}
        children:
          type: array
          items: {$ref: "#/components/schemas/Node"}
        owner: {$ref: "#/components/schemas/Missing"}
)";
    auto doc = OpenApiDocument::fromText(yaml);
    QVERIFY(doc);
    auto imported = OpenApiImporter::importRoutes(doc.value());
    QVERIFY(imported);
    const QJsonObject node = jsonBody(imported.value().routes.first().responses.first()).toObject();
    QCOMPARE(node.value(u"name"_s).toString(), u"root"_s);
    QCOMPARE(node.value(u"created"_s).toString(), u"2026-01-01T12:00:00Z"_s);
    QCOMPARE(node.value(u"size"_s).toInt(), 3);
    QVERIFY(!node.contains(u"secret"_s));
    QVERIFY(node.value(u"parent"_s).isNull());
    QCOMPARE(node.value(u"children"_s).toArray().size(), 0);
    QVERIFY(node.value(u"owner"_s).isNull());
    QVERIFY2(imported.value().warnings.join(u'\n').contains(u"#/components/schemas/Missing"_s),
             qPrintable(imported.value().warnings.join(u'\n')));
}

void TestOpenApiImport::pathPrefixAndMixedSegments()
{
    const QByteArray yaml = R"(openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /files/{name}.{ext}:
    get:
      responses: {"200": {description: a file}}
)";
    auto doc = OpenApiDocument::fromText(yaml);
    QVERIFY(doc);
    OpenApiImporter::Options options;
    options.pathPrefix = u"/v1"_s;
    auto imported = OpenApiImporter::importRoutes(doc.value(), options);
    QVERIFY(imported);
    QCOMPARE(imported.value().routes.first().path, u"/v1/files/*"_s);
    QVERIFY(imported.value().warnings.join(u'\n').contains(u"became *"_s));
    QCOMPARE(OpenApiImporter::convertPath(u"/a/{b}/c/{d}"_s), u"/a/:b/c/:d"_s);
}

void TestOpenApiImport::roundTripPetstore()
{
    const OpenApiImport imported = importFile(u"petstore.yaml"_s);
    // Exported JSON examples come with a schema that says their types.
    const QJsonObject exported = OpenApiExporter::exportRoutes(imported.routes, {});
    const QJsonObject schema = exported.value(u"paths"_s).toObject().value(u"/pets/{petId}"_s).toObject().value(u"get"_s)
                                   .toObject().value(u"responses"_s).toObject().value(u"200"_s).toObject().value(u"content"_s)
                                   .toObject().value(u"application/json"_s).toObject().value(u"schema"_s).toObject();
    QCOMPARE(schema.value(u"type"_s).toString(), u"object"_s);
    QCOMPARE(schema.value(u"properties"_s).toObject().value(u"id"_s).toObject().value(u"type"_s).toString(), u"integer"_s);
    QCOMPARE(schema.value(u"properties"_s).toObject().value(u"name"_s).toObject().value(u"type"_s).toString(), u"string"_s);
    const QList<Route> again = roundTrip(imported.routes);
    COMPARE_ROUTES(again, imported.routes);
}

void TestOpenApiImport::roundTripSeed()
{
    auto ws = workspace::Workspace::load(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s);
    QVERIFY(ws);
    auto exported = OpenApiExporter::exportWorkspace(*ws.value());
    QVERIFY(exported);
    const QJsonObject doc = exported.value();
    QCOMPARE(doc.value(u"openapi"_s).toString(), u"3.1.0"_s);
    QCOMPARE(doc.value(u"servers"_s).toArray().first().toObject().value(u"url"_s).toString(), u"http://127.0.0.1:3000"_s);
    const QJsonObject protectedOp = doc.value(u"paths"_s).toObject().value(u"/api/protected"_s).toObject().value(u"get"_s).toObject();
    QVERIFY(protectedOp.value(u"security"_s).toArray().first().toObject().contains(u"bearerAuth"_s));
    QCOMPARE(protectedOp.value(u"x-quarry-auth"_s).toObject().value(u"profile"_s).toString(), u"auth-demo"_s);
    QVERIFY(doc.value(u"components"_s).toObject().value(u"securitySchemes"_s).toObject().contains(u"bearerAuth"_s));
    // The resource's item form is documented, and left alone by the importer.
    const QJsonObject item = doc.value(u"paths"_s).toObject().value(u"/api/users/{id}"_s).toObject().value(u"get"_s).toObject();
    QCOMPARE(item.value(u"x-quarry-resource-item"_s).toString(), u"route-users-list"_s);
    QCOMPARE(item.value(u"parameters"_s).toArray().first().toObject().value(u"name"_s).toString(), u"id"_s);

    QList<Route> routes;
    const QJsonArray array = ws.value()->section(workspace::Section::Mock).value(u"routes"_s).toArray();
    for (qsizetype i = 0; i < array.size(); ++i)
        routes.append(Route::fromJson(array.at(i).toObject(), int(i)).value());
    COMPARE_ROUTES(roundTrip(routes), routes);
}

void TestOpenApiImport::roundTripEverySetting()
{
    const QByteArray json = R"([
      {"id": "r-rules", "method": "GET", "path": "/users/:id", "description": "rules and a shared status",
       "responses": [
         {"status": 200, "label": "admin", "headers": {"Content-Type": "application/json", "X-Role": "admin"},
          "body": "{\"role\": \"admin\"}",
          "rules": [{"source": "header", "name": "x-role", "operator": "equals", "value": "admin"},
                    {"source": "query", "name": "debug", "operator": "exists"}], "rulesMatch": "any"},
         {"status": 404, "label": "missing", "body": "{\"title\": \"Not Found\"}",
          "headers": {"Content-Type": "application/problem+json"},
          "rules": [{"source": "param", "name": "id", "operator": "regex", "value": "^9+$"}]},
         {"status": 200, "label": "someone", "headers": {"Content-Type": "application/json"},
          "body": "{\"role\": \"{{params.id}}\"}"},
         {"status": 200, "label": "plain text", "headers": {"Content-Type": "text/plain"}, "body": "hello"}
       ]},
      {"id": "r-seq", "method": "ANY", "path": "/files/*", "responseMode": "sequential", "enabled": false,
       "query": {"page": "*", "kind": "pdf"},
       "responses": [{"status": 200, "body": "one"}, {"status": 503, "body": "two"}],
       "latency": {"ms": 5}},
      {"id": "r-res", "method": "GET", "path": "/api/items", "resource": {"table": "items", "idColumn": "code"},
       "auth": {"required": true, "profile": "p", "roles": ["admin"]}},
      {"id": "r-get-files", "method": "GET", "path": "/files/*", "responses": [{"status": 204}]},
      {"id": "r-rename", "method": "DELETE", "path": "/users/:userId", "responses": [{"status": 204}]},
      {"id": "r-login", "method": "POST", "path": "/api/auth/login",
       "login": {"profile": "auth-demo", "table": "users", "emailColumn": "email"}}
    ])";
    QList<Route> routes;
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    QCOMPARE(array.size(), 6);
    for (qsizetype i = 0; i < array.size(); ++i) {
        auto r = Route::fromJson(array.at(i).toObject(), int(i));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        routes.append(r.value());
    }
    QVERIFY(routes.at(1).latency.has_value());
    QCOMPARE(routes.at(5).toJson().value(u"login"_s).toObject().value(u"table"_s).toString(), u"users"_s);
    // The login route documents its body and token.
    const QJsonObject login = OpenApiExporter::exportRoutes(routes, {}).value(u"paths"_s).toObject().value(u"/api/auth/login"_s)
                                  .toObject().value(u"post"_s).toObject();
    QVERIFY(login.value(u"requestBody"_s).toObject().value(u"content"_s).toObject().contains(u"application/json"_s));
    QVERIFY(login.value(u"responses"_s).toObject().value(u"200"_s).toObject().value(u"x-quarry-synthesized"_s).toBool());
    QVERIFY(login.value(u"responses"_s).toObject().contains(u"401"_s));
    // /users/:userId shares the OpenAPI path /users/{id} with GET /users/:id.
    const QJsonObject users = OpenApiExporter::exportRoutes(routes, {}).value(u"paths"_s).toObject().value(u"/users/{id}"_s).toObject();
    QCOMPARE(users.keys(), (QStringList{u"delete"_s, u"get"_s}));
    QCOMPARE(users.value(u"delete"_s).toObject().value(u"x-quarry-path"_s).toString(), u"/users/:userId"_s);
    const QList<Route> again = roundTrip(routes);
    COMPARE_ROUTES(again, routes);
    QCOMPARE(again.at(0).responses.at(2).body, routes.at(0).responses.at(2).body);   // the template, as text
    QVERIFY(again.at(0).responses.at(2).bodyIsTemplate);
}

void TestOpenApiImport::mergeReplacesSameMethodAndPath()
{
    const QJsonArray existing{
        QJsonObject{{u"id"_s, u"mine"_s}, {u"method"_s, u"GET"_s}, {u"path"_s, u"/pets/:id"_s}},
        QJsonObject{{u"id"_s, u"listPets"_s}, {u"method"_s, u"GET"_s}, {u"path"_s, u"/other"_s}},
    };
    const OpenApiImport imported = importFile(u"petstore.yaml"_s);
    const OpenApiMerge merge = OpenApiImporter::mergeRoutes(existing, imported.routes);
    QCOMPARE(merge.replaced, QStringList{u"GET /pets/:petId"_s});
    QCOMPARE(merge.added.size(), 2);
    QCOMPARE(merge.routes.size(), 4);
    QCOMPARE(merge.routes.at(0).toObject().value(u"path"_s).toString(), u"/pets/:petId"_s);   // in place
    QStringList ids;
    for (const QJsonValue &v : merge.routes)
        ids.append(v.toObject().value(u"id"_s).toString());
    QCOMPARE(ids, (QStringList{u"showPetById"_s, u"listPets"_s, u"listPets-2"_s, u"createPets"_s}));
}

void TestOpenApiImport::requestCollection()
{
    auto doc = OpenApiDocument::load(dataFile(u"petstore.yaml"_s));
    QVERIFY(doc);
    QStringList warnings;
    auto collection = http::OpenApiCollection::importCollection(doc.value(), {}, &warnings);
    QVERIFY2(collection, qPrintable(collection ? QString() : collection.error().toString()));
    const http::Collection &c = collection.value();
    QCOMPARE(c.name, u"Swagger Petstore"_s);
    QCOMPARE(c.items.size(), 1);   // the folder of the tag "pets"
    QCOMPARE(c.items.first().type, http::CollectionItem::Type::Folder);
    QCOMPARE(c.items.first().folderName, u"pets"_s);
    const QList<const http::RequestSpec *> requests = c.requests();
    QCOMPARE(requests.size(), 3);
    const http::RequestSpec *list = c.findRequest(u"req-listPets"_s);
    const http::RequestSpec *create = c.findRequest(u"req-createPets"_s);
    const http::RequestSpec *show = c.findRequest(u"req-showPetById"_s);
    QVERIFY(list && create && show);
    QCOMPARE(show->url, u"{{baseUrl}}/pets/{{petId}}"_s);
    QCOMPARE(list->params.size(), 1);
    QCOMPARE(list->params.first().name, u"limit"_s);
    QVERIFY(!list->params.first().enabled);   // optional
    QCOMPARE(create->method, u"POST"_s);
    QCOMPARE(create->body.mode, http::BodySpec::Mode::Json);
    const QJsonObject body = QJsonDocument::fromJson(create->body.text.toUtf8()).object();
    QVERIFY2(body.contains(u"name"_s) && body.contains(u"id"_s), qPrintable(create->body.text));
    QCOMPARE(create->assertions.size(), 1);
    QCOMPARE(create->assertions.first(), http::Assertion::statusEquals(201));
    QStringList variables;
    for (const http::Variable &v : c.variables)
        variables.append(v.name + u'=' + v.value);
    QCOMPARE(variables, (QStringList{u"baseUrl=http://petstore.swagger.io/v1"_s, u"petId=string"_s}));
    // It is a collection the workspace accepts.
    QVERIFY(http::Collection::fromJson(c.toJson()));

    // Header parameters: their example; Accept, Content-Type and Authorization are OpenAPI's to set.
    auto headers = OpenApiDocument::fromText(R"(openapi: 3.0.3
info: {title: Headers, version: "1"}
paths:
  /things:
    parameters:
      - {name: X-Request-Id, in: header, required: true, example: abc-123}
    get:
      parameters:
        - {name: Accept, in: header, schema: {type: string}}
        - {name: X-Trace, in: header, schema: {type: boolean}}
      responses: {"204": {description: none}}
)");
    QVERIFY(headers);
    auto withHeaders = http::OpenApiCollection::importCollection(headers.value(), u"Mine"_s);
    QVERIFY(withHeaders);
    QCOMPARE(withHeaders.value().name, u"Mine"_s);
    const http::RequestSpec *get = withHeaders.value().requests().first();
    QCOMPARE(get->headers.size(), 2);
    QCOMPARE(get->headers.at(0).name, u"X-Request-Id"_s);
    QCOMPARE(get->headers.at(0).value, u"abc-123"_s);
    QVERIFY(get->headers.at(0).enabled);
    QCOMPARE(get->headers.at(1).value, u"true"_s);
    QVERIFY(!get->headers.at(1).enabled);
    QCOMPARE(get->assertions.first(), http::Assertion::statusEquals(204));
    QCOMPARE(get->auth.type, http::AuthSpec::Type::Inherit);   // no security anywhere

    // Security schemes become the request's auth, with empty variables for the secrets.
    auto secured = OpenApiDocument::fromText(R"(openapi: 3.1.0
info: {title: Secured, version: "1"}
security: [{bearer: []}]
paths:
  /me:
    get: {responses: {"200": {description: me}}}
  /public:
    get: {security: [], responses: {"200": {description: open}}}
  /keyed:
    get: {security: [{key: []}], responses: {"200": {description: keyed}}}
  /machine:
    post: {security: [{oauth: [read, write]}], responses: {"200": {description: token}}}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer, bearerFormat: JWT}
    key: {type: apiKey, in: header, name: X-Api-Key}
    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://auth.example.com/token", scopes: {read: r, write: w}}}}
)");
    QVERIFY(secured);
    auto securedCollection = http::OpenApiCollection::importCollection(secured.value());
    QVERIFY(securedCollection);
    const QList<const http::RequestSpec *> s = securedCollection.value().requests();
    QCOMPARE(s.size(), 4);
    QCOMPARE(s.at(0)->id, u"req-get-me"_s);   // from method and path when there is no operationId
    QCOMPARE(s.at(0)->auth.type, http::AuthSpec::Type::Bearer);
    QCOMPARE(s.at(0)->auth.token, u"{{token}}"_s);
    QCOMPARE(s.at(1)->auth.type, http::AuthSpec::Type::None);
    QCOMPARE(s.at(2)->headers.first().name, u"X-Api-Key"_s);
    QCOMPARE(s.at(2)->headers.first().value, u"{{apiKey}}"_s);
    QCOMPARE(s.at(3)->auth.type, http::AuthSpec::Type::OAuth2);
    QCOMPARE(s.at(3)->auth.tokenUrl, u"https://auth.example.com/token"_s);
    QCOMPARE(s.at(3)->auth.scope, u"read write"_s);
    QStringList names;
    for (const http::Variable &v : securedCollection.value().variables)
        names.append(v.name);
    QCOMPARE(names, (QStringList{u"baseUrl"_s, u"token"_s, u"apiKey"_s, u"clientId"_s, u"clientSecret"_s}));
    QVERIFY(http::Collection::fromJson(securedCollection.value().toJson()));

    auto none = OpenApiDocument::load(dataFile(u"broken/no-operations.yaml"_s));
    QVERIFY(none);
    QVERIFY(!http::OpenApiCollection::importCollection(none.value()));
    QVERIFY(!OpenApiImporter::importRoutes(none.value()));
}

void TestOpenApiImport::namedExamplesByPrefer()
{
    const QByteArray yaml = R"(openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /cats/{id}:
    get:
      responses:
        "404":
          description: no cat
          content:
            application/json:
              examples:
                gone: {value: {reason: gone}}
                never: {summary: Never existed, value: {reason: never}}
        "200":
          description: a cat
          content:
            application/json:
              examples:
                tom: {value: {name: Tom}}
                felix: {value: {name: Felix}}
                "odd.name": {value: {name: Odd}}
)";
    auto doc = OpenApiDocument::fromText(yaml);
    QVERIFY(doc);
    auto imported = OpenApiImporter::importRoutes(doc.value());
    QVERIFY(imported);
    const QList<ResponseSpec> &r = imported.value().routes.first().responses;
    QStringList summary;
    for (const ResponseSpec &spec : r)
        summary.append(u"%1 %2 %3"_s.arg(spec.status).arg(jsonBody(spec).toObject().begin().value().toString()).arg(spec.rules.size()));
    // The first 200 example by default; the others by example name; the 404 ones by code (and name).
    QCOMPARE(summary, (QStringList{u"200 Tom 0"_s, u"200 Felix 1"_s, u"200 Odd 1"_s, u"404 never 2"_s, u"404 gone 1"_s}));
    QCOMPARE(r.at(3).label, u"Never existed"_s);
    auto holds = [](const ResponseSpec &spec, const QString &prefer) {
        for (const Rule &rule : spec.rules) {
            if (!rule.regex.match(prefer).hasMatch())
                return false;
        }
        return true;
    };
    QVERIFY(holds(r.at(1), u"example=felix"_s));
    QVERIFY(!holds(r.at(1), u"example=felixx"_s));
    QVERIFY(holds(r.at(2), u"example=odd.name"_s));
    QVERIFY(!holds(r.at(2), u"example=oddxname"_s));
    QVERIFY(holds(r.at(3), u"code=404, example=never"_s));
    QVERIFY(!holds(r.at(3), u"code=404"_s));
    QVERIFY(holds(r.at(4), u"code=404"_s));
}

void TestOpenApiImport::hostileInputs_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("loads");    // OpenApiDocument::fromText succeeds
    QTest::addColumn<int>("routes");    // routes imported when it loads (-1: the import fails)
    QTest::addColumn<QString>("message");
    QByteArray bomb = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; ++i)
        bomb += QByteArray("a%1: &a%1 [*a%2, *a%2, *a%2, *a%2, *a%2, *a%2, *a%2, *a%2, *a%2, *a%2]\n")
                    .replace("%1", QByteArray::number(i)).replace("%2", QByteArray::number(i - 1));
    QTest::newRow("alias bomb") << bomb << false << 0 << u"expands to more than"_s;
    QTest::newRow("deep nesting") << QByteArray("openapi: 3.1.0\nx: ") + QByteArray(300, '[') + QByteArray(300, ']') << false << 0
                                  << u"deeper than"_s;
    QTest::newRow("list key") << QByteArray("openapi: 3.1.0\n? [a, b]\n: c\n") << false << 0 << u"mapping key"_s;
    QTest::newRow("paths is a list") << QByteArray("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: [a]\n") << false << 0
                                     << u"\"paths\" must be a mapping"_s;
    QTest::newRow("version as number") << QByteArray("openapi: 3.0\ninfo: {title: t, version: '1'}\npaths: {}\n") << false << 0
                                       << u"written as a string"_s;
    QTest::newRow("empty text") << QByteArray() << false << 0 << u"not an OpenAPI document"_s;
    QTest::newRow("operation is text") << QByteArray("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {/a: {get: hello}}\n")
                                       << true << 1 << QString();
    QTest::newRow("responses is a list")
        << QByteArray("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {/a: {get: {responses: [1, 2]}}}\n") << true << 1
        << QString();
    QTest::newRow("self reference") << QByteArray(R"(openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /a:
    $ref: "#/paths/~1a"
  /b:
    get:
      responses:
        "200": {$ref: "#/components/responses/R"}
        "404": {$ref: "#/components/responses/Nowhere"}
        "oops": {description: not a status}
components:
  responses:
    R:
      description: loops
      content:
        application/json:
          schema: {$ref: "#/components/schemas/A"}
  schemas:
    A: {$ref: "#/components/schemas/A"}
)") << true << 1 << u"refers to itself"_s;
}

void TestOpenApiImport::hostileInputs()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, loads);
    QFETCH(int, routes);
    QFETCH(QString, message);
    QElapsedTimer timer;
    timer.start();
    auto doc = OpenApiDocument::fromText(text, u"hostile.yaml"_s);
    QCOMPARE(bool(doc), loads);
    if (!loads) {
        QVERIFY2(doc.error().message.contains(message), qPrintable(doc.error().toString()));
    } else {
        auto imported = OpenApiImporter::importRoutes(doc.value());
        QVERIFY(imported);
        QCOMPARE(imported.value().routes.size(), routes);
        QVERIFY2(imported.value().warnings.join(u'\n').contains(message), qPrintable(imported.value().warnings.join(u'\n')));
        QVERIFY(http::OpenApiCollection::importCollection(doc.value()));
    }
    QVERIFY2(timer.elapsed() < 10000, "hostile input must not take long");
}

QTEST_GUILESS_MAIN(TestOpenApiImport)
#include "tst_openapiimport.moc"
