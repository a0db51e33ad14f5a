// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "../../core/http/testserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// `quarry import postman|curl` and `quarry export postman`, driven as a user would, with newman
/// running the export.
class TestCliImportExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void curlIntoANewWorkspaceThenRun();
    void exportedCollectionRunsUnderNewman();
    void postmanImportReplacesById();
    void harRecordingReplays();
    void usageErrors();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run quarry(const QStringList &args, const QByteArray &stdinData = {});
    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_source;
};

void TestCliImportExport::initTestCase()
{
    m_source = qEnvironmentVariable("QUARRY_SOURCE_DIR");
    QVERIFY2(m_server.start(m_source + u"/tests/core/http/server.js"_s, 30), qPrintable(m_server.error()));
}

TestCliImportExport::Run TestCliImportExport::quarry(const QStringList &args, const QByteArray &stdinData)
{
    QProcess p;
    p.start(qEnvironmentVariable("QUARRY_BIN"), args);
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    Run run;
    if (!p.waitForFinished(30000))
        return run;
    run.exitCode = p.exitCode();
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

void TestCliImportExport::curlIntoANewWorkspaceThenRun()
{
    const QString ws = m_dir.filePath(u"fromcurl.quarry"_s);
    const QString command = u"curl '%1/echo?x=1' -H 'X-Trace: abc' --data-raw '{\"n\": 1}' -H 'Content-Type: application/json'"_s
                                .arg(m_server.baseUrl());
    Run r = quarry({u"import"_s, u"curl"_s, u"-"_s, u"--into"_s, ws}, command.toUtf8());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(u"Added \"POST /echo\" to the collection \"Imported\""_s));
    r = quarry({u"import"_s, u"curl"_s, u"-"_s, u"--into"_s, ws}, u"curl %1/status/204"_s.arg(m_server.baseUrl()).toUtf8());
    QCOMPARE(r.exitCode, 0);
    QFile file(ws);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray items = root.value(u"collections"_s).toArray().at(0).toObject().value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    QCOMPARE(items.at(0).toObject().value(u"id"_s).toString(), u"req-curl-1"_s);
    QCOMPARE(items.at(1).toObject().value(u"id"_s).toString(), u"req-curl-2"_s);
    QCOMPARE(items.at(0).toObject().value(u"body"_s).toObject().value(u"mode"_s).toString(), u"json"_s);
    r = quarry({u"run"_s, ws, u"--reporter"_s, u"json"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonArray exchanges = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"exchanges"_s).toArray();
    QCOMPARE(exchanges.at(0).toObject().value(u"status"_s).toInt(), 200);
    QCOMPARE(exchanges.at(1).toObject().value(u"status"_s).toInt(), 204);
}

void TestCliImportExport::exportedCollectionRunsUnderNewman()
{
    QFile source(m_source + u"/tests/core/http/authcollection.json"_s);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QJsonObject collection = QJsonDocument::fromJson(source.readAll()).object();
    // Only the requests that make sense in a plain run: drop the refresh request (it needs {{refreshToken}}).
    QJsonArray items = collection.value(u"items"_s).toArray();
    items.removeAt(1);
    collection.insert(u"items"_s, items);
    const QJsonObject root{
        {u"formatVersion"_s, 2},
        {u"collections"_s, QJsonArray{collection}},
        {u"environments"_s,
         QJsonArray{QJsonObject{{u"id"_s, u"env-test"_s},
                                {u"name"_s, u"Test"_s},
                                {u"variables"_s, QJsonArray{QJsonObject{{u"name"_s, u"baseUrl"_s}, {u"value"_s, m_server.baseUrl()}},
                                                            QJsonObject{{u"name"_s, u"user"_s}, {u"value"_s, u"ada"_s}},
                                                            QJsonObject{{u"name"_s, u"password"_s},
                                                                        {u"value"_s, u"env:QUARRY_TEST_LOGIN_PASSWORD"_s},
                                                                        {u"secret"_s, true}}}}}}}};
    const QString ws = m_dir.filePath(u"auth.quarry"_s);
    QFile out(ws);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(root).toJson());
    out.close();
    const QString col = m_dir.filePath(u"auth.postman.json"_s);
    const QString env = m_dir.filePath(u"test.postman_environment.json"_s);
    Run r = quarry({u"export"_s, u"postman"_s, ws, u"-o"_s, col, u"--env"_s, u"Test"_s, u"--env-out"_s, env});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(u"--env-var password=..."_s));

    QString modules = qEnvironmentVariable("QUARRY_NODE_MODULES");
    if (modules.isEmpty())
        modules = m_source + u"/tests/node/node_modules"_s;
    QProcess newman;
    QProcessEnvironment penv = QProcessEnvironment::systemEnvironment();
    penv.insert(u"NODE_PATH"_s, modules);
    newman.setProcessEnvironment(penv);
    newman.start(u"node"_s, {m_source + u"/tests/core/http/newmanrun.js"_s, col, env, u"password=quarry-demo"_s});
    QVERIFY(newman.waitForFinished(50000));
    const QJsonObject result = QJsonDocument::fromJson(newman.readAllStandardOutput()).object();
    QCOMPARE(result.value(u"failures"_s).toInt(), 0);
    const QJsonArray ran = result.value(u"items"_s).toArray();
    QCOMPARE(ran.size(), 4);
    int checks = 0;
    for (const QJsonValue &v : ran)
        checks += v.toObject().value(u"assertions"_s).toArray().size();
    QCOMPARE(checks, 5);   // me: 2, me-anon: 2, me-query: 1
}

void TestCliImportExport::postmanImportReplacesById()
{
    const QString ws = m_dir.filePath(u"auth.quarry"_s);
    const QString col = m_dir.filePath(u"auth.postman.json"_s);
    QVERIFY(QFile::exists(col));
    Run r = quarry({u"import"_s, u"postman"_s, col, u"--into"_s, ws});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Replaced the collection \"Auth API\" (4 requests)"_s), qPrintable(r.out));
    const QString other = m_dir.filePath(u"other.quarry"_s);
    r = quarry({u"import"_s, u"postman"_s, col, u"--into"_s, other});
    QCOMPARE(r.exitCode, 0);
    r = quarry({u"import"_s, u"postman"_s, m_dir.filePath(u"test.postman_environment.json"_s), u"--into"_s, other});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(u"Imported the environment \"Test\" (3 variables)"_s));
    // The imported collection still logs in by itself when run by Quarry.
    r = quarry({u"run"_s, other, u"--env"_s, u"Test"_s, u"--folder"_s, u"Protected"_s, u"--var"_s, u"password=quarry-demo"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(u"1 logins"_s));
    // quarry run takes the Postman file itself, too.
    r = quarry({u"run"_s, col, u"--folder"_s, u"Protected"_s, u"--var"_s, u"baseUrl="_s + m_server.baseUrl(), u"--var"_s,
                u"user=ada"_s, u"--var"_s, u"password=quarry-demo"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.out.contains(u"1 logins"_s));
}

void TestCliImportExport::harRecordingReplays()
{
    const QString base = m_server.baseUrl();
    const QJsonArray entries{
        QJsonObject{{u"request"_s, QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, base + u"/users/5?expand=1"_s},
                                              {u"headers"_s, QJsonArray{QJsonObject{{u"name"_s, u":authority"_s}, {u"value"_s, u"x"_s}},
                                                                        QJsonObject{{u"name"_s, u"Accept"_s}, {u"value"_s, u"application/json"_s}}}},
                                              {u"queryString"_s, QJsonArray{QJsonObject{{u"name"_s, u"expand"_s}, {u"value"_s, u"1"_s}}}}}},
                    {u"response"_s, QJsonObject{{u"status"_s, 200}}}},
        QJsonObject{{u"request"_s, QJsonObject{{u"method"_s, u"POST"_s}, {u"url"_s, base + u"/users"_s},
                                              {u"headers"_s, QJsonArray{QJsonObject{{u"name"_s, u"Content-Type"_s}, {u"value"_s, u"application/json"_s}},
                                                                        QJsonObject{{u"name"_s, u"Content-Length"_s}, {u"value"_s, u"99"_s}}}},
                                              {u"postData"_s, QJsonObject{{u"mimeType"_s, u"application/json"_s},
                                                                          {u"text"_s, u"{\"email\": \"har@example.com\"}"_s}}}}},
                    {u"response"_s, QJsonObject{{u"status"_s, 201}}}},
        QJsonObject{{u"request"_s, QJsonObject{{u"method"_s, u"POST"_s}, {u"url"_s, base + u"/echo"_s},
                                              {u"postData"_s, QJsonObject{{u"mimeType"_s, u"application/x-www-form-urlencoded"_s},
                                                                          {u"params"_s, QJsonArray{QJsonObject{{u"name"_s, u"a"_s}, {u"value"_s, u"1 2"_s}}}}}}}},
                    {u"response"_s, QJsonObject{{u"status"_s, 200}}}},
        QJsonObject{{u"request"_s, QJsonObject{{u"method"_s, u"GET"_s}, {u"url"_s, u"ws://127.0.0.1/socket"_s}}},
                    {u"response"_s, QJsonObject{{u"status"_s, 101}}}}};
    const QString har = m_dir.filePath(u"recording.har"_s);
    QFile file(har);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{u"log"_s, QJsonObject{{u"version"_s, u"1.2"_s}, {u"entries"_s, entries}}}}).toJson());
    file.close();
    const QString ws = m_dir.filePath(u"har.quarry"_s);
    Run r = quarry({u"import"_s, u"har"_s, har, u"--into"_s, ws});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"\"recording\" (3 requests)"_s), qPrintable(r.out));
    QVERIFY(r.err.contains(u"ws://127.0.0.1/socket"_s));
    r = quarry({u"run"_s, ws, u"--reporter"_s, u"json"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonArray exchanges = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"exchanges"_s).toArray();
    QCOMPARE(exchanges.size(), 3);
    QCOMPARE(exchanges.at(0).toObject().value(u"url"_s).toString(), base + u"/users/5?expand=1"_s);
    QCOMPARE(exchanges.at(1).toObject().value(u"status"_s).toInt(), 201);
}

void TestCliImportExport::usageErrors()
{
    Run r = quarry({u"export"_s, u"sql"_s, u"w.quarry"_s});   // no --dialect (quarry export sql works: cli.shell)
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"--dialect"_s), qPrintable(r.err));
    r = quarry({u"import"_s, u"curl"_s, u"x.txt"_s});
    QCOMPARE(r.exitCode, 2);
    r = quarry({u"import"_s, u"curl"_s, u"-"_s, u"--into"_s, m_dir.filePath(u"bad.quarry"_s)}, "wget http://x");
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(u"not a curl command"_s));
    QVERIFY(!QFile::exists(m_dir.filePath(u"bad.quarry"_s)));
    r = quarry({u"export"_s, u"postman"_s, m_dir.filePath(u"auth.quarry"_s), u"--env"_s, u"Test"_s});
    QCOMPARE(r.exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCliImportExport)
#include "tst_importexport.moc"
