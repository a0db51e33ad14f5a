// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// End to end: `quarry import openapi` and `quarry export openapi` as child processes, then
// `quarry serve` on a workspace with the imported Petstore, asked by curl.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

struct Reply {
    int status = 0;
    QByteArray headers;
    QByteArray body;
};

} // namespace

class TestCliOpenApi : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void importAddsThenReplaces();
    void importIntoTheSample();
    void importRequests();
    void brokenInputs_data();
    void brokenInputs();
    void exportRoundTripsThroughTheCli();
    void servesTheImportedExamples();

private:
    Run quarry(const QStringList &args);
    QJsonArray routesOf(const QString &workspace);
    Reply curl(const QString &path, const QStringList &extra = {});
    QString data(const QString &name) const { return m_source + u"/tests/data/openapi/"_s + name; }

    QString m_bin;
    QString m_source;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_server;
    quint16 m_port = 0;
};

void TestCliOpenApi::initTestCase()
{
    m_bin = qEnvironmentVariable("QUARRY_BIN");
    m_source = qEnvironmentVariable("QUARRY_SOURCE_DIR");
    QVERIFY2(QFile::exists(m_bin), "QUARRY_BIN must point at the quarry executable");
    QVERIFY(QFile::exists(data(u"petstore.yaml"_s)));
}

void TestCliOpenApi::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestCliOpenApi::cleanup()
{
    if (m_server && m_server->state() != QProcess::NotRunning) {
        m_server->terminate();
        if (!m_server->waitForFinished(5000)) {
            m_server->kill();
            m_server->waitForFinished(5000);
        }
    }
    m_server.reset();
    m_dir.reset();
}

Run TestCliOpenApi::quarry(const QStringList &args)
{
    QProcess p;
    p.start(m_bin, args);
    Run r;
    if (!p.waitForFinished(30000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QJsonArray TestCliOpenApi::routesOf(const QString &workspace)
{
    QFile f(workspace);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(u"mock"_s).toObject().value(u"routes"_s).toArray();
}

Reply TestCliOpenApi::curl(const QString &path, const QStringList &extra)
{
    QProcess p;
    const QString headers = m_dir->filePath(u"headers.txt"_s);
    p.start(u"curl"_s, QStringList{u"-s"_s, u"-D"_s, headers, u"--max-time"_s, u"10"_s} + extra
                           + QStringList{u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)});
    Reply r;
    if (!p.waitForFinished(15000))
        return r;
    r.body = p.readAllStandardOutput();
    QFile f(headers);
    if (f.open(QIODevice::ReadOnly))
        r.headers = f.readAll();
    const auto m = QRegularExpression(u"^HTTP/1\\.[01] (\\d{3})"_s).match(QString::fromLatin1(r.headers));
    r.status = m.hasMatch() ? m.captured(1).toInt() : 0;
    return r;
}

void TestCliOpenApi::importAddsThenReplaces()
{
    const QString ws = m_dir->filePath(u"pets.quarry"_s);
    Run r = quarry({u"import"_s, u"openapi"_s, data(u"petstore.yaml"_s), u"--into"_s, ws});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"3 added, 0 replaced"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"added    GET /pets/:petId"_s));
    QCOMPARE(routesOf(ws).size(), 3);

    r = quarry({u"import"_s, u"openapi"_s, data(u"petstore.yaml"_s), u"--into"_s, ws});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"0 added, 3 replaced"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"replaced POST /pets"_s));
    QCOMPARE(routesOf(ws).size(), 3);

    // petstore-expanded has GET /pets/{id}: the same route as /pets/{petId}, so it is replaced.
    r = quarry({u"import"_s, u"openapi"_s, data(u"petstore-expanded.yaml"_s), u"--into"_s, ws});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"1 added, 3 replaced"_s), qPrintable(r.out));
    QVERIFY(r.out.contains(u"added    DELETE /pets/:id"_s));
    QCOMPARE(routesOf(ws).size(), 4);

    // --base-path puts the server's path in front.
    r = quarry({u"import"_s, u"openapi"_s, data(u"petstore.yaml"_s), u"--into"_s, ws, u"--base-path"_s, u"/v1/"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"added    GET /v1/pets/:petId"_s), qPrintable(r.out));
    QCOMPARE(routesOf(ws).size(), 7);
}

void TestCliOpenApi::importIntoTheSample()
{
    const QString ws = m_dir->filePath(u"seed.quarry"_s);
    QVERIFY(QFile::copy(m_source + u"/resources/samples/seed.quarry"_s, ws));
    QFile::setPermissions(ws, QFile::ReadOwner | QFile::WriteOwner);
    const int before = int(routesOf(ws).size());
    QVERIFY(before > 0);
    const Run r = quarry({u"import"_s, u"openapi"_s, data(u"api-with-examples.yaml"_s), u"--into"_s, ws});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonArray routes = routesOf(ws);
    QCOMPARE(routes.size(), before + 2);
    QCOMPARE(routes.first().toObject().value(u"id"_s).toString(), u"route-users-list"_s);   // the sample's own, first
}

void TestCliOpenApi::importRequests()
{
    const QString ws = m_dir->filePath(u"both.quarry"_s);
    Run r = quarry({u"import"_s, u"openapi"_s, data(u"petstore-expanded.yaml"_s), u"--into"_s, ws, u"--as"_s, u"both"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Added the collection \"Swagger Petstore\" (4 requests)."_s), qPrintable(r.out));
    QCOMPARE(routesOf(ws).size(), 4);
    QFile f(ws);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonArray collections = QJsonDocument::fromJson(f.readAll()).object().value(u"collections"_s).toArray();
    QCOMPARE(collections.size(), 1);
    f.close();

    // --as requests: the collection is replaced, the routes stay as they are.
    r = quarry({u"import"_s, u"openapi"_s, data(u"petstore-expanded.yaml"_s), u"--into"_s, ws, u"--as"_s, u"requests"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Replaced the collection"_s), qPrintable(r.out));
    QVERIFY(!r.out.contains(u"routes"_s));
    QCOMPARE(routesOf(ws).size(), 4);

    r = quarry({u"import"_s, u"openapi"_s, data(u"petstore.yaml"_s), u"--into"_s, ws, u"--as"_s, u"everything"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(u"routes, requests or both"_s));
}

void TestCliOpenApi::brokenInputs_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString ws = u"WS"_s;
    QTest::newRow("YAML syntax") << QStringList{u"import"_s, u"openapi"_s, u"broken/invalid-indent.yaml"_s, u"--into"_s, ws}
                                 << 1 << u"invalid-indent.yaml, line 11, column"_s;
    QTest::newRow("JSON syntax") << QStringList{u"import"_s, u"openapi"_s, u"broken/invalid.json"_s, u"--into"_s, ws} << 1
                                 << u"Not valid JSON"_s;
    QTest::newRow("Swagger 2.0") << QStringList{u"import"_s, u"openapi"_s, u"broken/swagger2.yaml"_s, u"--into"_s, ws} << 1
                                 << u"Swagger/OpenAPI 2.0 is not supported"_s;
    QTest::newRow("not OpenAPI") << QStringList{u"import"_s, u"openapi"_s, u"broken/not-openapi.yaml"_s, u"--into"_s, ws}
                                 << 1 << u"not an OpenAPI document"_s;
    QTest::newRow("no operations") << QStringList{u"import"_s, u"openapi"_s, u"broken/no-operations.yaml"_s, u"--into"_s, ws}
                                   << 1 << u"no operations"_s;
    QTest::newRow("missing --into") << QStringList{u"import"_s, u"openapi"_s, u"petstore.yaml"_s} << 2 << u"--into"_s;
    QTest::newRow("unknown option") << QStringList{u"import"_s, u"openapi"_s, u"petstore.yaml"_s, u"--into"_s, ws, u"--frobnicate"_s}
                                    << 2 << u"--frobnicate"_s;
    QTest::newRow("export without workspace") << QStringList{u"export"_s, u"openapi"_s} << 2 << u"which workspace"_s;
    QTest::newRow("export of a missing workspace") << QStringList{u"export"_s, u"openapi"_s, u"WS"_s} << 1 << u"WS"_s;
}

void TestCliOpenApi::brokenInputs()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString ws = m_dir->filePath(u"never.quarry"_s);
    for (QString &a : args) {
        if (a == u"WS"_s)
            a = ws;
        else if (a.endsWith(u".yaml"_s) || a.endsWith(u".json"_s))
            a = data(a);
    }
    if (message == u"WS"_s)
        message = ws;
    const Run r = quarry(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(!QFile::exists(ws));   // nothing written on failure
}

void TestCliOpenApi::exportRoundTripsThroughTheCli()
{
    const QString ws = m_dir->filePath(u"pets.quarry"_s);
    QCOMPARE(quarry({u"import"_s, u"openapi"_s, data(u"petstore.yaml"_s), u"--into"_s, ws}).exitCode, 0);

    // stdout: JSON.
    Run r = quarry({u"export"_s, u"openapi"_s, ws});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(doc.value(u"openapi"_s).toString(), u"3.1.0"_s);
    QCOMPARE(doc.value(u"paths"_s).toObject().keys(), (QStringList{u"/pets"_s, u"/pets/{petId}"_s}));

    // -o FILE.yaml: YAML, which imports back into the same routes.
    const QString yaml = m_dir->filePath(u"pets.openapi.yaml"_s);
    r = quarry({u"export"_s, u"openapi"_s, ws, u"-o"_s, yaml});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QFile f(yaml);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY2(text.startsWith("info:") || text.startsWith("openapi:") || text.startsWith("components:"), text.left(80).constData());
    QVERIFY(!text.trimmed().startsWith('{'));
    const QString again = m_dir->filePath(u"again.quarry"_s);
    r = quarry({u"import"_s, u"openapi"_s, yaml, u"--into"_s, again});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(routesOf(again), routesOf(ws));

    // -o FILE.json: JSON.
    const QString json = m_dir->filePath(u"pets.openapi.json"_s);
    QCOMPARE(quarry({u"export"_s, u"openapi"_s, ws, u"-o"_s, json}).exitCode, 0);
    QFile j(json);
    QVERIFY(j.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(j.readAll()).object(), doc);
}

void TestCliOpenApi::servesTheImportedExamples()
{
    QProcess which;
    which.start(u"curl"_s, {u"--version"_s});
    QVERIFY2(which.waitForFinished(5000) && which.exitCode() == 0, "curl is needed");

    const QString ws = m_dir->filePath(u"pets.quarry"_s);
    QCOMPARE(quarry({u"import"_s, u"openapi"_s, data(u"petstore.yaml"_s), u"--into"_s, ws}).exitCode, 0);
    QCOMPARE(quarry({u"import"_s, u"openapi"_s, data(u"api-with-examples.yaml"_s), u"--into"_s, ws}).exitCode, 0);

    m_server = std::make_unique<QProcess>();
    m_server->start(m_bin, {u"serve"_s, ws, u"--port"_s, u"0"_s, u"--log"_s, u"none"_s});
    QVERIFY(m_server->waitForStarted(5000));
    const QRegularExpression listening(u"Listening on http://127\\.0\\.0\\.1:(\\d+)"_s);
    QByteArray err;
    QElapsedTimer t;
    t.start();
    while (m_port == 0 && t.elapsed() < 15000 && m_server->state() == QProcess::Running) {
        m_server->waitForReadyRead(100);
        err += m_server->readAllStandardError();
        const auto m = listening.match(QString::fromUtf8(err));
        if (m.hasMatch())
            m_port = quint16(m.captured(1).toUInt());
    }
    QVERIFY2(m_port != 0, err.constData());

    // GET /pets/1: the 200 example built from the Pet schema.
    Reply r = curl(u"/pets/1"_s);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.headers.toLower().contains("content-type: application/json"), r.headers.constData());
    const QJsonObject pet = QJsonDocument::fromJson(r.body).object();
    QVERIFY2(pet.value(u"id"_s).isDouble() && pet.value(u"name"_s).isString(), r.body.constData());

    // Prefer: code=500 picks the `default` answer (Prism's convention).
    r = curl(u"/pets/1"_s, {u"-H"_s, u"Prefer: code=500"_s});
    QCOMPARE(r.status, 500);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().keys(), (QStringList{u"code"_s, u"message"_s}));

    // GET /pets: an array and the documented x-next header.
    r = curl(u"/pets"_s);
    QCOMPARE(r.status, 200);
    QVERIFY(QJsonDocument::fromJson(r.body).isArray());
    QVERIFY2(r.headers.toLower().contains("x-next: "), r.headers.constData());

    // POST /pets: 201 without a body, for a body the Pet schema accepts (id and name required).
    r = curl(u"/pets"_s, {u"-X"_s, u"POST"_s, u"-H"_s, u"Content-Type: application/json"_s, u"-d"_s, u"{\"id\":1,\"name\":\"Rex\"}"_s});
    QCOMPARE(r.status, 201);
    QVERIFY(r.body.isEmpty());
    r = curl(u"/pets"_s, {u"-X"_s, u"POST"_s, u"-H"_s, u"Content-Type: application/json"_s, u"-d"_s, u"{\"name\":\"Rex\"}"_s});
    QCOMPARE(r.status, 422);
    QVERIFY2(r.body.contains("'id'"), r.body.constData());

    // api-with-examples: the named example, and the 300 answer on request.
    r = curl(u"/"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(u"versions"_s).toArray().size(), 2);
    r = curl(u"/"_s, {u"-H"_s, u"Prefer: code=300"_s});
    QCOMPARE(r.status, 300);
    QVERIFY(r.body.contains("EXPERIMENTAL"));
}

QTEST_GUILESS_MAIN(TestCliOpenApi)
#include "tst_cliopenapi.moc"
