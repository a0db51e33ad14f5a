// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "testserver.h"

#include "http/brulang.h"
#include "http/brunoformat.h"
#include "http/insomniaformat.h"
#include "http/runner.h"
#include "openapi/openapiyaml.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::http;

/// Insomnia (v4 JSON, v5 YAML) and Bruno collections as workspace collections, then run against
/// the Express test server with their scripts: the insomnia.* and bru/req/res APIs work in the sandbox.
class TestImporters : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void insomniaV4();
    void insomniaV5IsTheSameCollection();
    void brunoFolder();
    void brokenBruFileNamesItsLine();
    void importedScriptsRunAgainstTheServer_data();
    void importedScriptsRunAgainstTheServer();

private:
    static QByteArray read(const QString &path);
    static Result<CollectionBundle> import(const QString &name, QStringList *warnings);
    TestServer m_server;
};

QByteArray TestImporters::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

Result<CollectionBundle> TestImporters::import(const QString &name, QStringList *warnings)
{
    if (name == u"bruno"_s)
        return BrunoFormat::importDirectory(QFINDTESTDATA("importers/bruno"), warnings);
    const QString path = QFINDTESTDATA(u"importers/"_s + name);
    QJsonObject root;
    if (name.endsWith(u".yaml"_s)) {
        auto yaml = openapi::OpenApiYaml::parse(read(path), name);
        if (!yaml)
            return yaml.error();
        root = yaml.value().toObject();
    } else {
        root = QJsonDocument::fromJson(read(path)).object();
    }
    if (!InsomniaFormat::recognises(root))
        return Error{Error::Kind::InvalidInput, u"not recognised as Insomnia"_s, name};
    return InsomniaFormat::importExport(root, warnings);
}

void TestImporters::initTestCase()
{
    QVERIFY2(m_server.start(QFINDTESTDATA("server.js"), 30), qPrintable(m_server.error()));
}

void TestImporters::insomniaV4()
{
    QStringList warnings;
    auto bundle = import(u"insomnia-v4.json"_s, &warnings);
    QVERIFY2(bundle, qPrintable(bundle ? QString() : bundle.error().toString()));
    const Collection &c = bundle.value().collection;
    QCOMPARE(c.name, u"Shop API (Insomnia)"_s);
    QCOMPARE(c.id, u"wrk_2d4f7a9b8c6e4f10"_s);
    // Insomnia's order (metaSortKey): the folder first, then the two top-level requests.
    QCOMPARE(c.items.size(), 3);
    QCOMPARE(c.items.at(0).folderName, u"Users"_s);
    QCOMPARE(c.items.at(0).folderScripts.preRequest, u"insomnia.request.headers.add({ key: 'X-Folder', value: 'users' });"_s);
    QVERIFY(c.items.at(0).folderScripts.test.contains(u"folder: JSON answer"_s));
    QCOMPARE(c.items.at(1).request.name, u"Login form"_s);
    QCOMPARE(c.items.at(2).request.name, u"Chained with a template tag"_s);

    const RequestSpec *create = c.findRequest(u"Create user"_s);
    QVERIFY(create);
    QCOMPARE(create->method, u"POST"_s);
    QCOMPARE(create->url, u"{{baseUrl}}/users"_s);
    QCOMPARE(create->body.mode, BodySpec::Mode::Json);
    QCOMPARE(create->body.text, u"{\n  \"email\": \"{{user.email}}\",\n  \"name\": \"Ada\"\n}"_s);
    QCOMPARE(create->headers.size(), 2);
    QVERIFY(!create->headers.at(1).enabled);
    QVERIFY(create->auth.isInherit());
    QCOMPARE(create->scripts.preRequest, u"insomnia.variables.set('requestedAt', String(Date.now()));"_s);
    QVERIFY(create->scripts.test.startsWith(u"insomnia.test('created'"_s));

    const RequestSpec *get = c.findRequest(u"Get user"_s);
    QCOMPARE(get->url, u"{{baseUrl}}/users/{{userId}}"_s);
    QCOMPARE(get->params.size(), 2);
    QCOMPARE(get->params.at(0).name, u"expand"_s);
    QVERIFY(!get->params.at(1).enabled);
    QCOMPARE(get->auth.type, AuthSpec::Type::Bearer);
    QCOMPARE(get->auth.token, u"{{token}}"_s);
    QVERIFY(!get->followRedirects);

    const RequestSpec *login = c.findRequest(u"Login form"_s);
    QCOMPARE(login->body.mode, BodySpec::Mode::FormUrlEncoded);
    QCOMPARE(login->body.fields.size(), 3);
    QCOMPARE(login->body.fields.at(1).value, u"{{password}}"_s);
    QVERIFY(!login->body.fields.at(2).enabled);
    QCOMPARE(login->headers.last().name, u"X-Api-Key"_s);   // API key auth as the header it sends
    QCOMPARE(login->headers.last().value, u"{{apiKey}}"_s);

    const RequestSpec *chained = c.findRequest(u"Chained with a template tag"_s);
    QCOMPARE(chained->auth.type, AuthSpec::Type::Basic);
    QCOMPARE(chained->auth.password, u"{{password}}"_s);

    // The base environment is the collection's variables (nested data dotted); sub-environments are environments.
    QStringList names;
    for (const Variable &v : c.variables)
        names << u"%1=%2"_s.arg(v.name, v.value);
    QCOMPARE(names, (QStringList{u"baseUrl=http://127.0.0.1:0"_s, u"user.email=ada@example.com"_s, u"userId=0"_s}));
    QCOMPARE(bundle.value().environments.size(), 2);
    QCOMPARE(bundle.value().environments.at(0).name, u"Local"_s);
    QCOMPARE(bundle.value().environments.at(0).variables.size(), 3);
    QCOMPARE(bundle.value().environments.at(1).name, u"Staging"_s);

    const QString all = warnings.join(u'\n');
    QVERIFY2(all.contains(u"Chained with a template tag: the template tag in"_s), qPrintable(all));
    QVERIFY2(all.contains(u"gRPC hello: grpc_request is not supported"_s), qPrintable(all));
    // The collection survives the workspace's JSON as it is.
    auto again = Collection::fromJson(c.toJson());
    QVERIFY(again);
    QCOMPARE(again.value().toJson(), c.toJson());
}

void TestImporters::insomniaV5IsTheSameCollection()
{
    QStringList v4Warnings, v5Warnings;
    auto v4 = import(u"insomnia-v4.json"_s, &v4Warnings);
    auto v5 = import(u"insomnia-v5.yaml"_s, &v5Warnings);
    QVERIFY2(v5, qPrintable(v5 ? QString() : v5.error().toString()));
    QCOMPARE(QJsonDocument(v5.value().collection.toJson()).toJson(), QJsonDocument(v4.value().collection.toJson()).toJson());
    QCOMPARE(Environment::listToJson(v5.value().environments), Environment::listToJson(v4.value().environments));
    QVERIFY2(v5Warnings.join(u'\n').contains(u"gRPC hello: gRPC, WebSocket and Socket.IO requests are not supported"_s),
             qPrintable(v5Warnings.join(u'\n')));
}

void TestImporters::brunoFolder()
{
    QStringList warnings;
    auto bundle = import(u"bruno"_s, &warnings);
    QVERIFY2(bundle, qPrintable(bundle ? QString() : bundle.error().toString()));
    const Collection &c = bundle.value().collection;
    QCOMPARE(c.name, u"Shop API (Bruno)"_s);
    QCOMPARE(c.scripts.preRequest, u"bru.setVar(\"apiVersion\", bru.interpolate(\"v1\"));\nreq.setHeader(\"X-Collection\", \"shop\");"_s);
    QVERIFY(c.scripts.test.contains(u"collection: answers within ten seconds"_s));
    QCOMPARE(c.auth.type, AuthSpec::Type::None);
    // meta.seq orders the items: Health (1), then the Users folder (2).
    QCOMPARE(c.items.size(), 2);
    QCOMPARE(c.items.at(0).request.name, u"Health"_s);
    QCOMPARE(c.items.at(0).request.assertions.size(), 1);
    QCOMPARE(c.items.at(0).request.assertions.first().toJson(), Assertion::statusEquals(200).toJson());
    const CollectionItem &users = c.items.at(1);
    QCOMPARE(users.folderName, u"Users"_s);
    QCOMPARE(users.folderAuth.type, AuthSpec::Type::Bearer);
    QCOMPARE(users.folderAuth.token, u"{{token}}"_s);
    QCOMPARE(users.items.size(), 3);
    QCOMPARE(users.items.at(0).request.name, u"Create user"_s);
    QCOMPARE(users.items.at(1).request.name, u"Get user"_s);
    QCOMPARE(users.items.at(2).request.name, u"Echo headers"_s);

    const RequestSpec &create = users.items.at(0).request;
    QCOMPARE(create.method, u"POST"_s);
    QCOMPARE(create.url, u"{{baseUrl}}/users"_s);
    QCOMPARE(create.params.size(), 2);
    QVERIFY(!create.params.at(1).enabled);
    QCOMPARE(create.body.mode, BodySpec::Mode::Json);
    QCOMPARE(create.body.text, u"{\n  \"email\": \"{{email}}\",\n  \"name\": \"Grace\",\n  \"tags\": {\n    \"team\": \"core\"\n  }\n}"_s);
    QVERIFY(create.auth.isInherit());
    QCOMPARE(create.scripts.preRequest, u"bru.setVar(\"email\", bru.interpolate(\"grace+{{apiVersion}}@example.com\"));"_s);
    QVERIFY(create.scripts.test.startsWith(u"bru.setEnvVar(\"userId\", res.body.id);\ntest(\"created\""_s));
    QCOMPARE(users.items.at(1).request.url, u"{{baseUrl}}/users/{{userId}}"_s);
    const RequestSpec &echo = users.items.at(2).request;
    QCOMPARE(echo.body.mode, BodySpec::Mode::FormUrlEncoded);
    QCOMPARE(echo.body.fields.size(), 3);
    QVERIFY(!echo.body.fields.at(2).enabled);

    const QList<Environment> &envs = bundle.value().environments;
    QCOMPARE(envs.size(), 2);
    QCOMPARE(envs.at(0).name, u"Local"_s);
    QCOMPARE(envs.at(0).variables.size(), 4);
    QVERIFY(!envs.at(0).variables.at(2).enabled);
    QCOMPARE(envs.at(0).variables.at(3).name, u"adminPassword"_s);
    QVERIFY(envs.at(0).variables.at(3).secret);
    QCOMPARE(envs.at(1).variables.size(), 3);   // baseUrl, token, adminPassword
    QVERIFY2(warnings.join(u'\n').contains(u"Health.bru: the assertion \"res.body: contains plain\" is not supported"_s),
             qPrintable(warnings.join(u'\n')));
}

void TestImporters::brokenBruFileNamesItsLine()
{
    auto doc = BruDocument::parse(u"meta {\n  name: x\n}\n\nget {\n  url: http://x\n"_s, u"Broken.bru"_s);
    QVERIFY(!doc);
    QCOMPARE(doc.error().where, u"Broken.bru, line 5"_s);
    QVERIFY(doc.error().message.contains(u"\"get\" is not closed"_s));
    auto stray = BruDocument::parse(u"meta {\n}\nurl: http://x\n"_s, u"Stray.bru"_s);
    QVERIFY(!stray);
    QCOMPARE(stray.error().where, u"Stray.bru, line 3"_s);
    // A text block's own braces stay in the text.
    auto body = BruDocument::parse(u"body:json {\n  {\n    \"a\": {}\n  }\n}\n"_s, u"Body.bru"_s);
    QVERIFY(body);
    QCOMPARE(body.value().block(u"body:json"_s)->text, u"{\n  \"a\": {}\n}"_s);
}

void TestImporters::importedScriptsRunAgainstTheServer_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("tests");
    const QStringList insomnia{u"folder: JSON answer"_s, u"created"_s, u"folder: JSON answer"_s, u"found"_s, u"form arrived"_s};
    QTest::newRow("insomnia v4") << u"insomnia-v4.json"_s << insomnia;
    QTest::newRow("insomnia v5") << u"insomnia-v5.yaml"_s << insomnia;
    const QString everywhere = u"collection: answers within ten seconds"_s;
    QTest::newRow("bruno") << u"bruno"_s
                           << QStringList{everywhere, u"plain text"_s, everywhere, u"created"_s, everywhere, u"the created user"_s,
                                          everywhere, u"headers from every level"_s};
}

void TestImporters::importedScriptsRunAgainstTheServer()
{
    QFETCH(QString, name);
    QFETCH(QStringList, tests);
    auto bundle = import(name, nullptr);
    QVERIFY(bundle);
    Collection collection = bundle.value().collection;
    if (name.startsWith(u"insomnia"_s))   // the template tag request cannot run anywhere but Insomnia
        collection.items.removeLast();
    RunOptions options;
    options.environment = u"Local"_s;
    options.variables.append({u"baseUrl"_s, m_server.baseUrl()});
    Runner runner(collection, bundle.value().environments, options);
    auto run = runner.run();
    QVERIFY(run);
    QStringList passed, failed;
    for (const Exchange &e : run.value().exchanges) {
        QVERIFY2(e.response, qPrintable(e.requestName + u": "_s + (e.error ? e.error->toString() : QString())));
        for (const AssertionResult &a : e.assertions) {
            if (a.script.isEmpty())
                continue;
            (a.passed ? passed : failed).append(a.description + (a.passed ? QString() : u": "_s + a.message));
        }
    }
    QCOMPARE(failed, QStringList{});
    QCOMPARE(passed, tests);
}

QTEST_GUILESS_MAIN(TestImporters)
#include "tst_importers.moc"
