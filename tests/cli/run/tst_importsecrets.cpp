// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// `quarry import postman|har|curl` on files with planted secrets: the written workspace holds none
// of them (grepped byte for byte), each became an env:NAME reference behind a secret variable, and
// the command lists the variables to set.

#include "../quarryrun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::test::runQuarry;

namespace {

QByteArray json(const QJsonObject &o) { return QJsonDocument(o).toJson(); }


} // namespace

class TestImportSecrets : public QObject
{
    Q_OBJECT
private slots:
    void plantedSecretsNeverReachTheFile_data();
    void plantedSecretsNeverReachTheFile();
    void sameImportGivesTheSameNames();

private:
    QTemporaryDir m_dir;
};

void TestImportSecrets::plantedSecretsNeverReachTheFile_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("secrets");   // planted values: none may be in the file
    QTest::addColumn<QStringList>("kept");      // values that are not secrets and must stay

    const QJsonObject postman = QJsonDocument::fromJson(R"json({
      "info": {"name": "Shop API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
      "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "PLANTED-collection-token"}]},
      "variable": [{"key": "baseUrl", "value": "http://127.0.0.1:9"},
                   {"key": "apiSecret", "value": "PLANTED-typed-secret", "type": "secret"},
                   {"key": "tokenUrl", "value": "http://127.0.0.1:9/token"}],
      "item": [
        {"name": "Login", "request": {"method": "POST", "url": "{{baseUrl}}/login",
          "header": [{"key": "Content-Type", "value": "application/json"}],
          "body": {"mode": "raw", "raw": "{\n  \"email\": \"ada@example.com\",\n  \"password\": \"PLANTED-body-password\"\n}",
                   "options": {"raw": {"language": "json"}}}}},
        {"name": "Me", "request": {"method": "GET", "url": "{{baseUrl}}/me?api_key=PLANTED-query-key&page=2",
          "header": [{"key": "Authorization", "value": "Bearer PLANTED-header-bearer"},
                     {"key": "X-Api-Key", "value": "PLANTED-api-key"}]}},
        {"name": "Admin", "request": {"method": "GET", "url": "{{baseUrl}}/admin",
          "auth": {"type": "basic", "basic": [{"key": "username", "value": "root"},
                                              {"key": "password", "value": "PLANTED-basic-password"}]}}}
      ]})json").object();
    QVERIFY(!postman.isEmpty());
    QTest::newRow("postman collection")
        << u"postman"_s << json(postman)
        << QStringList{u"PLANTED-collection-token"_s, u"PLANTED-typed-secret"_s, u"PLANTED-body-password"_s, u"PLANTED-query-key"_s,
                       u"PLANTED-header-bearer"_s, u"PLANTED-api-key"_s, u"PLANTED-basic-password"_s}
        << QStringList{u"ada@example.com"_s, u"http://127.0.0.1:9/token"_s, u"\"page\""_s, u"root"_s};

    const QJsonObject environment{
        {u"name"_s, u"Staging"_s},
        {u"values"_s, QJsonArray{QJsonObject{{u"key"_s, u"baseUrl"_s}, {u"value"_s, u"https://staging.example.com"_s}, {u"enabled"_s, true}},
                                 QJsonObject{{u"key"_s, u"accessToken"_s}, {u"value"_s, u"PLANTED-env-token"_s}, {u"enabled"_s, true}},
                                 QJsonObject{{u"key"_s, u"dbPass"_s}, {u"value"_s, u"PLANTED-env-typed"_s}, {u"type"_s, u"secret"_s}, {u"enabled"_s, true}}}}};
    QTest::newRow("postman environment") << u"postman"_s << json(environment)
                                         << QStringList{u"PLANTED-env-token"_s, u"PLANTED-env-typed"_s}
                                         << QStringList{u"https://staging.example.com"_s};

    auto harEntry = [](const QJsonObject &request) {
        return QJsonObject{{u"request"_s, request},
                           {u"response"_s, QJsonObject{{u"status"_s, 200}, {u"headers"_s, QJsonArray{}}, {u"content"_s, QJsonObject{}}}}};
    };
    auto header = [](const QString &name, const QString &value) { return QJsonObject{{u"name"_s, name}, {u"value"_s, value}}; };
    const QJsonObject har{{u"log"_s, QJsonObject{{u"version"_s, u"1.2"_s}, {u"entries"_s, QJsonArray{
        harEntry({{u"method"_s, u"GET"_s}, {u"url"_s, u"https://shop.example.com/api/orders?limit=5"_s}, {u"httpVersion"_s, u"HTTP/1.1"_s},
                  {u"headers"_s, QJsonArray{header(u"Authorization"_s, u"Bearer PLANTED-har-bearer"_s), header(u"Cookie"_s, u"session=PLANTED-har-cookie"_s),
                                            header(u"X-Api-Key"_s, u"PLANTED-har-apikey"_s), header(u"Accept"_s, u"application/json"_s)}},
                  {u"queryString"_s, QJsonArray{header(u"limit"_s, u"5"_s)}}}),
        harEntry({{u"method"_s, u"POST"_s}, {u"url"_s, u"https://shop.example.com/api/login"_s}, {u"httpVersion"_s, u"HTTP/1.1"_s},
                  {u"headers"_s, QJsonArray{header(u"Content-Type"_s, u"application/json"_s)}},
                  {u"postData"_s, QJsonObject{{u"mimeType"_s, u"application/json"_s},
                                              {u"text"_s, u"{\"user\":\"ada\",\"password\":\"PLANTED-har-json-password\"}"_s}}}}),
        harEntry({{u"method"_s, u"POST"_s}, {u"url"_s, u"https://shop.example.com/api/session"_s}, {u"httpVersion"_s, u"HTTP/1.1"_s},
                  {u"headers"_s, QJsonArray{header(u"Content-Type"_s, u"application/x-www-form-urlencoded"_s)}},
                  {u"postData"_s, QJsonObject{{u"mimeType"_s, u"application/x-www-form-urlencoded"_s},
                                              {u"params"_s, QJsonArray{header(u"username"_s, u"ada"_s), header(u"password"_s, u"PLANTED-har-form-password"_s)}}}}}),
    }}}}};
    QTest::newRow("har") << u"har"_s << json(har)
                         << QStringList{u"PLANTED-har-bearer"_s, u"PLANTED-har-cookie"_s, u"PLANTED-har-apikey"_s,
                                        u"PLANTED-har-json-password"_s, u"PLANTED-har-form-password"_s}
                         << QStringList{u"application/json"_s, u"\"ada\""_s};

    const QByteArray insomnia = R"json({"_type": "export", "__export_format": 4, "resources": [
      {"_id": "wrk_1", "_type": "workspace", "name": "Shop", "scope": "collection"},
      {"_id": "env_base", "_type": "environment", "parentId": "wrk_1", "name": "Base Environment",
       "data": {"baseUrl": "https://shop.example.com"}},
      {"_id": "env_local", "_type": "environment", "parentId": "env_base", "name": "Local",
       "data": {"token": "PLANTED-ins-env-token", "apiKey": "PLANTED-ins-env-key", "region": "eu-west"}},
      {"_id": "req_1", "_type": "request", "parentId": "wrk_1", "name": "Me", "method": "POST",
       "url": "{{ _.baseUrl }}/me", "parameters": [],
       "headers": [{"name": "Cookie", "value": "sid=PLANTED-ins-cookie"}, {"name": "Accept", "value": "application/json"}],
       "authentication": {"type": "basic", "username": "ada", "password": "PLANTED-ins-basic"},
       "body": {"mimeType": "application/json", "text": "{\"password\": \"PLANTED-ins-json\"}"}}]})json";
    QTest::newRow("insomnia") << u"insomnia"_s << insomnia
                              << QStringList{u"PLANTED-ins-env-token"_s, u"PLANTED-ins-env-key"_s, u"PLANTED-ins-cookie"_s,
                                             u"PLANTED-ins-basic"_s, u"PLANTED-ins-json"_s}
                              << QStringList{u"eu-west"_s, u"\"ada\""_s};
    // Bruno is a folder: "file\n---\ncontent" blocks, written below.
    const QByteArray bruno = "bruno.json\n---\n{\"version\": \"1\", \"name\": \"Shop\", \"type\": \"collection\"}\n===\n"
                             "Me.bru\n---\nmeta {\n  name: Me\n  type: http\n  seq: 1\n}\n\n"
                             "post {\n  url: https://shop.example.com/me\n  body: json\n  auth: bearer\n}\n\n"
                             "headers {\n  X-Api-Key: PLANTED-bru-apikey\n  Accept: text/plain\n}\n\n"
                             "auth:bearer {\n  token: PLANTED-bru-bearer\n}\n\n"
                             "body:json {\n  {\"password\": \"PLANTED-bru-json\"}\n}\n===\n"
                             "environments/Local.bru\n---\nvars {\n  baseUrl: https://shop.example.com\n  accessToken: PLANTED-bru-env\n}\n";
    QTest::newRow("bruno") << u"bruno"_s << bruno
                           << QStringList{u"PLANTED-bru-apikey"_s, u"PLANTED-bru-bearer"_s, u"PLANTED-bru-json"_s, u"PLANTED-bru-env"_s}
                           << QStringList{u"text/plain"_s, u"https://shop.example.com"_s};

    QTest::newRow("curl -u, Bearer, cookie")
        << u"curl"_s
        << QByteArray("curl -u ada:PLANTED-curl-basic -H 'Authorization: Bearer PLANTED-curl-bearer' -b 'sid=PLANTED-curl-cookie' "
                      "-H 'Accept: text/plain' https://shop.example.com/api/me")
        << QStringList{u"PLANTED-curl-basic"_s, u"PLANTED-curl-bearer"_s, u"PLANTED-curl-cookie"_s}
        << QStringList{u"text/plain"_s};
    QTest::newRow("curl password in the URL and the body")
        << u"curl"_s
        << QByteArray("curl https://ada:PLANTED-url-password@shop.example.com/api/login -H 'Content-Type: application/json' "
                      "--data-raw '{\"email\":\"ada@example.com\",\"password\":\"PLANTED-curl-json\",\"client_secret\":\"PLANTED-curl-client\"}'")
        << QStringList{u"PLANTED-url-password"_s, u"PLANTED-curl-json"_s, u"PLANTED-curl-client"_s}
        << QStringList{u"ada@example.com"_s};
}

void TestImportSecrets::plantedSecretsNeverReachTheFile()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, input);
    QFETCH(QStringList, secrets);
    QFETCH(QStringList, kept);
    const QString name = QString::fromLatin1(QTest::currentDataTag()).replace(QRegularExpression(u"[^a-z]+"_s), u"-"_s);
    QString in = m_dir.filePath(name + u".input"_s);
    const QString ws = m_dir.filePath(name + u".quarry"_s);
    if (kind == u"bruno"_s) {
        in = m_dir.filePath(name);
        for (const QByteArray &file : QByteArray(input).replace("\n===\n", "\x1e").split('\x1e')) {
            const qsizetype cut = file.indexOf("\n---\n");
            const QString path = in + u'/' + QString::fromUtf8(file.left(cut));
            QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(file.mid(cut + 5));
        }
    } else {
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(input);
    }

    const auto r = runQuarry({u"import"_s, kind, in, u"--into"_s, ws});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile written(ws);
    QVERIFY(written.open(QIODevice::ReadOnly));
    const QByteArray bytes = written.readAll();
    for (const QString &secret : std::as_const(secrets))
        QVERIFY2(!bytes.contains(secret.toUtf8()), qPrintable(u"%1 was written to the workspace"_s.arg(secret)));
    for (const QString &value : std::as_const(kept))
        QVERIFY2(bytes.contains(value.toUtf8()), qPrintable(u"%1 was lost"_s.arg(value)));
    // Each secret is now an env:NAME reference, and the output names every NAME to set.
    const QRegularExpression ref(u"\"env:([A-Z0-9_]+)\""_s);
    QSet<QString> names;
    for (auto it = ref.globalMatch(QString::fromUtf8(bytes)); it.hasNext();)
        names.insert(it.next().captured(1));
    QVERIFY2(names.size() >= 1, bytes.constData());
    QVERIFY2(r.out.contains(u"set these environment variables"_s), qPrintable(r.out));
    for (const QString &n : std::as_const(names))
        QVERIFY2(r.out.contains(u"export "_s + n + u'='), qPrintable(u"%1 not listed in:\n%2"_s.arg(n, r.out)));
    // One reference per planted value at most (a value used twice is one variable).
    QVERIFY2(names.size() <= secrets.size(), qPrintable(QStringList(names.values()).join(u", "_s)));
}

void TestImportSecrets::sameImportGivesTheSameNames()
{
    // NAME is derived from the collection and where the secret was, not random: a second import
    // into another workspace asks for the same variables.
    const QByteArray command = "curl -H 'Authorization: Bearer PLANTED-again' https://shop.example.com/api/me";
    QString first;
    for (const QString &ws : {m_dir.filePath(u"a.quarry"_s), m_dir.filePath(u"b.quarry"_s)}) {
        QFile f(m_dir.filePath(u"again.curl"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(command);
        f.close();
        const auto r = runQuarry({u"import"_s, u"curl"_s, f.fileName(), u"--into"_s, ws, u"--collection"_s, u"Shop"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const auto m = QRegularExpression(u"export (SHOP_[A-Z0-9_]+)="_s).match(r.out);
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        if (first.isEmpty())
            first = m.captured(1);
        else
            QCOMPARE(m.captured(1), first);
    }
}

QTEST_GUILESS_MAIN(TestImportSecrets)
#include "tst_importsecrets.moc"
