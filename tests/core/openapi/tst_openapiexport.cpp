// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// Quarry's OpenAPI exports, as JSON and as YAML, validated by the npm package
// @apidevtools/swagger-parser (SwaggerParser.validate): the sample workspace, imported OAI
// examples and routes that use every Quarry setting. A broken export must fail the same check.
// Needs `node` and tests/node/node_modules (QUARRY_NODE_MODULES).

#include "openapi/openapidocument.h"
#include "openapi/openapiexporter.h"
#include "openapi/openapiimporter.h"
#include "openapi/openapiyaml.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::mock;
using namespace quarry::openapi;

class TestOpenApiExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void swaggerParserAcceptsExports();

private:
    QString write(const QString &name, const QJsonObject &doc);
    QJsonObject validate(const QStringList &files);
    QJsonObject exportOf(const QString &openApiFile);

    QTemporaryDir m_dir;
    QString m_node;
    QString m_modules;
};

void TestOpenApiExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_node = QStandardPaths::findExecutable(u"node"_s);
    if (m_node.isEmpty())
        QSKIP("node is not installed; scripts/setup-deps.sh installs it");
    m_modules = qEnvironmentVariable("QUARRY_NODE_MODULES");
    if (m_modules.isEmpty())
        m_modules = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/node/node_modules"_s;
    QVERIFY2(QFile::exists(m_modules + u"/@apidevtools/swagger-parser/package.json"_s),
             qPrintable(u"@apidevtools/swagger-parser is missing in %1; run npm ci in tests/node"_s.arg(m_modules)));
}

QString TestOpenApiExport::write(const QString &name, const QJsonObject &doc)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    const bool yaml = name.endsWith(u".yaml"_s);
    f.write(yaml ? OpenApiYaml::write(doc) : QJsonDocument(doc).toJson());
    return path;
}

QJsonObject TestOpenApiExport::validate(const QStringList &files)
{
    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NODE_PATH"_s, m_modules);
    node.setProcessEnvironment(env);
    node.start(m_node, QStringList{QFINDTESTDATA("validate.js")} + files);
    if (!node.waitForFinished(60000))
        return {};
    const QByteArray out = node.readAllStandardOutput();
    if (node.exitCode() != 0)
        qWarning("node: %s", node.readAllStandardError().constData());
    return QJsonDocument::fromJson(out).object();
}

QJsonObject TestOpenApiExport::exportOf(const QString &openApiFile)
{
    auto doc = OpenApiDocument::load(QFINDTESTDATA(u"../../data/openapi/"_s + openApiFile));
    if (!doc)
        return {};
    auto imported = OpenApiImporter::importRoutes(doc.value());
    if (!imported)
        return {};
    return OpenApiExporter::exportRoutes(imported.value().routes, {});
}

void TestOpenApiExport::swaggerParserAcceptsExports()
{
    auto ws = workspace::Workspace::load(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s);
    QVERIFY(ws);
    auto seed = OpenApiExporter::exportWorkspace(*ws.value());
    QVERIFY(seed);

    const QJsonArray settings = QJsonDocument::fromJson(R"([
      {"id": "r-rules", "method": "GET", "path": "/users/:id",
       "responses": [
         {"status": 200, "label": "admin", "headers": {"Content-Type": "application/json", "X-Role": "admin"},
          "body": "{\"role\": \"admin\"}", "rules": [{"source": "header", "name": "x-role", "operator": "equals", "value": "admin"}]},
         {"status": 200, "label": "other", "body": "{{params.id}}"},
         {"status": 404, "headers": {"Content-Type": "application/problem+json"}, "body": "{\"title\": \"Not Found\"}"}]},
      {"id": "r-any", "method": "ANY", "path": "/files/*", "responseMode": "random", "query": {"kind": "pdf"},
       "responses": [{"status": 200, "body": "x"}, {"status": 503}]},
      {"id": "r-rename", "method": "PUT", "path": "/users/:userId", "responses": [{"status": 204}]},
      {"id": "r-login", "method": "POST", "path": "/login", "login": {"profile": "p", "table": "users"}},
      {"id": "r-token", "method": "POST", "path": "/oauth/token", "oauth": {"profile": "p"}},
      {"id": "r-res", "method": "DELETE", "path": "/api/items", "resource": {"table": "items"},
       "auth": {"required": true, "roles": ["admin"]}}
    ])").array();
    QList<Route> routes;
    for (qsizetype i = 0; i < settings.size(); ++i) {
        auto r = Route::fromJson(settings.at(i).toObject(), int(i));
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        routes.append(r.value());
    }
    const QJsonObject everySetting = OpenApiExporter::exportRoutes(routes, {});

    const QJsonObject petstore = exportOf(u"petstore.yaml"_s);
    QVERIFY(!petstore.isEmpty());
    // The negative control: the same export without its path parameters is not valid OpenAPI.
    QJsonObject broken = petstore;
    QJsonObject paths = broken.value(u"paths"_s).toObject();
    QJsonObject item = paths.value(u"/pets/{petId}"_s).toObject();
    QJsonObject get = item.value(u"get"_s).toObject();
    QVERIFY(get.contains(u"parameters"_s));
    get.remove(u"parameters"_s);
    item.insert(u"get"_s, get);
    paths.insert(u"/pets/{petId}"_s, item);
    broken.insert(u"paths"_s, paths);

    struct Case {
        QString file;
        int operations;
    };
    const QList<Case> cases{
        {write(u"seed.json"_s, seed.value()), 6},   // 5 routes + GET /api/users/{id} of the resource
        {write(u"seed.yaml"_s, seed.value()), 6},
        {write(u"petstore.yaml"_s, petstore), 3},
        {write(u"petstore-expanded.json"_s, exportOf(u"petstore-expanded.yaml"_s)), 4},
        {write(u"api-with-examples.yaml"_s, exportOf(u"api-with-examples.yaml"_s)), 2},
        {write(u"link-example.yaml"_s, exportOf(u"link-example.yaml"_s)), 6},
        {write(u"every-setting.yaml"_s, everySetting), 7},   // 6 routes + DELETE /api/items/{id}
    };
    const QString brokenFile = write(u"broken.json"_s, broken);
    // And without the description every response needs.
    QJsonObject undescribed = petstore;
    paths = undescribed.value(u"paths"_s).toObject();
    item = paths.value(u"/pets"_s).toObject();
    QJsonObject post = item.value(u"post"_s).toObject();
    QJsonObject responses = post.value(u"responses"_s).toObject();
    QJsonObject created = responses.value(u"201"_s).toObject();
    QVERIFY(created.contains(u"description"_s));
    created.remove(u"description"_s);
    responses.insert(u"201"_s, created);
    post.insert(u"responses"_s, responses);
    item.insert(u"post"_s, post);
    paths.insert(u"/pets"_s, item);
    undescribed.insert(u"paths"_s, paths);
    const QString undescribedFile = write(u"undescribed.yaml"_s, undescribed);
    QStringList files{brokenFile, undescribedFile};
    for (const Case &c : cases)
        files.append(c.file);
    const QJsonObject results = validate(files);
    QCOMPARE(results.size(), files.size());
    for (const Case &c : cases) {
        const QJsonObject r = results.value(c.file).toObject();
        QVERIFY2(r.value(u"ok"_s).toBool(), qPrintable(QFileInfo(c.file).fileName() + u": "_s + r.value(u"error"_s).toString()));
        QCOMPARE(r.value(u"openapi"_s).toString(), u"3.1.0"_s);
        QCOMPARE(r.value(u"operations"_s).toInt(), c.operations);
    }
    const QJsonObject r = results.value(brokenFile).toObject();
    QVERIFY(!r.value(u"ok"_s).toBool());
    QVERIFY2(r.value(u"error"_s).toString().contains(u"petId"_s), qPrintable(r.value(u"error"_s).toString()));
    const QJsonObject u = results.value(undescribedFile).toObject();
    QVERIFY(!u.value(u"ok"_s).toBool());
    QVERIFY2(u.value(u"error"_s).toString().contains(u"description"_s), qPrintable(u.value(u"error"_s).toString()));

    // The imported operations' request schemas are written back, with the components they use.
    const QJsonObject expanded = exportOf(u"petstore-expanded.yaml"_s);
    const QJsonObject addPet = expanded.value(u"paths"_s).toObject().value(u"/pets"_s).toObject().value(u"post"_s).toObject();
    QCOMPARE(addPet.value(u"requestBody"_s).toObject().value(u"content"_s).toObject().value(u"application/json"_s).toObject()
                 .value(u"schema"_s).toObject().value(u"$ref"_s).toString(),
             u"#/components/schemas/NewPet"_s);
    QVERIFY(expanded.value(u"components"_s).toObject().value(u"schemas"_s).toObject().contains(u"NewPet"_s));
    const QJsonObject find = expanded.value(u"paths"_s).toObject().value(u"/pets/{id}"_s).toObject().value(u"get"_s).toObject();
    QCOMPARE(find.value(u"parameters"_s).toArray().first().toObject().value(u"schema"_s).toObject().value(u"type"_s).toString(),
             u"integer"_s);
}

QTEST_GUILESS_MAIN(TestOpenApiExport)
#include "tst_openapiexport.moc"
