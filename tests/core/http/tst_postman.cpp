// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "testserver.h"

#include "http/postmanformat.h"
#include "http/runner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::http;

/// Postman v2.1 export/import; the exported collection runs under newman with the results Quarry gets.
class TestPostman : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void exportImportRoundTrip();
    void importHandWrittenCollection();
    void importRejectsNonPostman();
    void newmanRunsTheExportWithTheSameResults();

private:
    static QByteArray write(const QString &path, const QJsonObject &o);
    TestServer m_server;
    QTemporaryDir m_dir;
    Collection m_collection;
    Environment m_environment;
};

QByteArray TestPostman::write(const QString &path, const QJsonObject &o)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    const QByteArray bytes = QJsonDocument(o).toJson();
    f.write(bytes);
    return bytes;
}

void TestPostman::initTestCase()
{
    QVERIFY2(m_server.start(QFINDTESTDATA("server.js"), 30), qPrintable(m_server.error()));
    QFile file(QFINDTESTDATA("postmansource.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    auto c = Collection::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
    m_collection = c.value();
    qputenv("QUARRY_TEST_LOGIN_PASSWORD", "quarry-demo");
    m_environment = Environment{u"env-test"_s, u"Test"_s, false,
                                {{u"baseUrl"_s, m_server.baseUrl()},
                                 {u"user"_s, u"ada"_s},
                                 {u"password"_s, u"env:QUARRY_TEST_LOGIN_PASSWORD"_s, true}}};
}

void TestPostman::exportImportRoundTrip()
{
    const QJsonObject postman = PostmanFormat::exportCollection(m_collection);
    QCOMPARE(postman.value(u"info"_s).toObject().value(u"schema"_s).toString(), QString::fromLatin1(PostmanFormat::SchemaUrl));
    QStringList warnings;
    auto back = PostmanFormat::importCollection(postman, &warnings);
    QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
    QCOMPARE(back.value().toJson(), m_collection.toJson());

    const QJsonObject env = PostmanFormat::exportEnvironment(m_environment);
    const QJsonArray values = env.value(u"values"_s).toArray();
    QCOMPARE(values.size(), 3);
    // A secret's value never leaves Quarry, not even its reference.
    QCOMPARE(values.at(2).toObject().value(u"value"_s).toString(), QString());
    QCOMPARE(values.at(2).toObject().value(u"type"_s).toString(), u"secret"_s);
    QCOMPARE(PostmanFormat::importEnvironment(env).variables.at(0).value, m_server.baseUrl());
}

void TestPostman::importHandWrittenCollection()
{
    const QByteArray json = R"JSON({
      "info": {"name": "Hand made", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
      "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]},
      "variable": [{"key": "baseUrl", "value": "http://localhost:3000"}],
      "item": [
        {"name": "Folder", "item": [
          {"name": "List", "request": {"method": "GET", "header": [{"key": "Accept", "value": "application/json"},
                                                                      {"key": "X-Off", "value": "1", "disabled": true}],
            "url": {"raw": "{{baseUrl}}/items?page=1&size=10", "host": ["{{baseUrl}}"], "path": ["items"],
                    "query": [{"key": "page", "value": "1"}, {"key": "size", "value": "10"}]}},
           "event": [{"listen": "test", "script": {"exec": [
             "pm.test('ok', function () { pm.response.to.have.status(200); });",
             "pm.test('json', function () { pm.response.to.have.header('Content-Type'); });",
             "pm.test('custom', function () { pm.expect(pm.response.json().length).to.be.above(0); });"]}}]}
        ]},
        {"name": "Upload", "request": {"method": "POST", "url": "{{baseUrl}}/upload",
          "auth": {"type": "noauth"},
          "body": {"mode": "formdata", "formdata": [{"key": "title", "value": "x", "type": "text"},
                                                     {"key": "file", "type": "file", "src": "/tmp/a.png"}]}}},
        {"name": "Upload", "request": {"method": "PUT", "url": "{{baseUrl}}/raw",
          "auth": {"type": "oauth1"}, "body": {"mode": "raw", "raw": "plain"}},
          "event": [{"listen": "prerequest", "script": {"exec": ["console.log(1)"]}}]}
      ]})JSON";
    QStringList warnings;
    auto c = PostmanFormat::importCollection(QJsonDocument::fromJson(json).object(), &warnings);
    QVERIFY2(c, qPrintable(c ? QString() : c.error().toString()));
    const Collection &col = c.value();
    QCOMPARE(col.auth.type, AuthSpec::Type::Bearer);
    QCOMPARE(col.auth.token, u"{{token}}"_s);
    QCOMPARE(col.variables.first().name, u"baseUrl"_s);
    QCOMPARE(col.items.first().type, CollectionItem::Type::Folder);
    const RequestSpec *list = col.findRequest(u"List"_s);
    QVERIFY(list);
    QCOMPARE(list->url, u"{{baseUrl}}/items"_s);
    QCOMPARE(list->params.size(), 2);
    QCOMPARE(list->headers.size(), 2);
    QVERIFY(!list->headers.at(1).enabled);
    // Hand-written tests stay a script (run by the sandbox as newman runs them), not checks.
    QVERIFY(list->assertions.isEmpty());
    QVERIFY(list->scripts.test.startsWith(u"pm.test('ok', function () { pm.response.to.have.status(200); });\n"_s));
    QVERIFY(list->scripts.test.endsWith(u"pm.expect(pm.response.json().length).to.be.above(0); });"_s));
    const QList<const RequestSpec *> all = col.requests();
    QCOMPARE(all.size(), 3);
    QVERIFY(all.at(1)->id != all.at(2)->id);   // same names, distinct ids
    QCOMPARE(all.at(1)->auth.type, AuthSpec::Type::None);
    QCOMPARE(all.at(1)->body.mode, BodySpec::Mode::Multipart);
    QVERIFY(all.at(1)->body.fields.at(1).isFile);
    QCOMPARE(all.at(2)->body.mode, BodySpec::Mode::Raw);
    QCOMPARE(all.at(2)->scripts.preRequest, u"console.log(1)"_s);
    QCOMPARE(warnings.size(), 1);   // oauth1
    QVERIFY(warnings.join(u'\n').contains(u"oauth1"_s));
}

void TestPostman::importRejectsNonPostman()
{
    auto c = PostmanFormat::importCollection(QJsonObject{{u"items"_s, QJsonArray{}}});
    QVERIFY(!c);
    QVERIFY(c.error().message.contains(u"not a Postman collection"_s));
}

void TestPostman::newmanRunsTheExportWithTheSameResults()
{
    // Quarry first.
    RunOptions options;
    options.environment = u"Test"_s;
    Runner runner(m_collection, {m_environment}, options);
    auto quarryRun = runner.run();
    QVERIFY(quarryRun);
    const RunReport &q = quarryRun.value();

    // newman on the export.
    const QString collectionPath = m_dir.filePath(u"collection.postman.json"_s);
    const QString environmentPath = m_dir.filePath(u"env.postman.json"_s);
    write(collectionPath, PostmanFormat::exportCollection(m_collection));
    write(environmentPath, PostmanFormat::exportEnvironment(m_environment));
    QString modules = qEnvironmentVariable("QUARRY_NODE_MODULES");
    if (modules.isEmpty())
        modules = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/node/node_modules"_s;
    QProcess newman;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NODE_PATH"_s, modules);
    newman.setProcessEnvironment(env);
    newman.start(u"node"_s, {QFINDTESTDATA("newmanrun.js"), collectionPath, environmentPath, u"password=quarry-demo"_s});
    QVERIFY(newman.waitForFinished(50000));
    const QJsonObject result = QJsonDocument::fromJson(newman.readAllStandardOutput()).object();
    QVERIFY2(result.value(u"error"_s).isNull(), qPrintable(QString::fromUtf8(newman.readAllStandardError())));
    const QJsonArray executions = result.value(u"items"_s).toArray();
    QCOMPARE(executions.size(), q.exchanges.size());
    int failedInNewman = 0;
    int newmanRequests = 0;
    for (int i = 0; i < executions.size(); ++i) {
        const QJsonObject e = executions.at(i).toObject();
        const Exchange &x = q.exchanges.at(i);
        newmanRequests += e.value(u"requests"_s).toInt();
        QCOMPARE(e.value(u"name"_s).toString(), x.requestName);
        QCOMPARE(e.value(u"code"_s).toInt(), x.response->status);
        const QJsonArray checks = e.value(u"assertions"_s).toArray();
        QCOMPARE(checks.size(), x.assertions.size());
        for (int j = 0; j < checks.size(); ++j) {
            const QJsonObject c = checks.at(j).toObject();
            QCOMPARE(c.value(u"name"_s).toString(), x.assertions.at(j).description);
            const bool passed = c.value(u"passed"_s).toBool();
            failedInNewman += passed ? 0 : 1;
            QVERIFY2(passed == x.assertions.at(j).passed,
                     qPrintable(u"%1 / %2: newman %3, Quarry %4"_s.arg(x.requestName, x.assertions.at(j).description)
                                    .arg(passed).arg(x.assertions.at(j).passed)));
        }
    }
    // newman logged in once too: one pm.sendRequest more than the collection's requests.
    QCOMPARE(newmanRequests, executions.size() + 1);
    QCOMPARE(failedInNewman, 2);   // both checks of the request that fails on purpose
    QCOMPARE(q.failedAssertions(), 2);
    QCOMPARE(q.logins, 1);
}

QTEST_GUILESS_MAIN(TestPostman)
#include "tst_postman.moc"
