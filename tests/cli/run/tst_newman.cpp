// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "../../core/http/testserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;

/// Same verdict as newman: each Postman collection in newman/ (with its environment) runs under
/// newman and under `quarry run` (after `quarry import postman`) against the same Express server;
/// every request, every pm.test name with its result, and every script error must be the same.
class TestNewmanVerdict : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sameVerdictAsNewman_data();
    void sameVerdictAsNewman();
    void scriptResultsInJUnit();
    void insomniaAndBrunoImportedAndRun_data();
    void insomniaAndBrunoImportedAndRun();

private:
    struct Process {
        int exitCode = -1;
        QByteArray out;
        QString err;
    };
    Process start(const QString &program, const QStringList &args, const QProcessEnvironment &env, int timeoutMs = 120000);
    QString environmentFile(const QString &collection);
    QString importWorkspace(const QString &collection, const QString &environment, QProcessEnvironment &env);

    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_source;
    QProcessEnvironment m_env;
};

void TestNewmanVerdict::initTestCase()
{
    m_source = qEnvironmentVariable("QUARRY_SOURCE_DIR");
    QVERIFY(QFile::exists(qEnvironmentVariable("QUARRY_BIN")));
    QVERIFY2(m_server.start(m_source + u"/tests/core/http/server.js"_s, 30), qPrintable(m_server.error()));
    m_env = QProcessEnvironment::systemEnvironment();
    QString modules = m_env.value(u"QUARRY_NODE_MODULES"_s);
    if (modules.isEmpty())
        modules = m_source + u"/tests/node/node_modules"_s;
    m_env.insert(u"NODE_PATH"_s, modules);
}

TestNewmanVerdict::Process TestNewmanVerdict::start(const QString &program, const QStringList &args,
                                                    const QProcessEnvironment &env, int timeoutMs)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(program, args);
    Process r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = u"timed out"_s;
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// The collection's environment with the test server's address.
QString TestNewmanVerdict::environmentFile(const QString &collection)
{
    QString path = collection;
    path.replace(u".postman_collection.json"_s, u".postman_environment.json"_s);
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return {};
    QByteArray text = in.readAll();
    text.replace("http://127.0.0.1:0", m_server.baseUrl().toUtf8());
    const QString out = m_dir.filePath(QFileInfo(path).fileName());
    QFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    return out;
}

/// `quarry import postman` of the collection and its environment into a new workspace. A secret
/// the import turned into an env: reference gets the environment file's value, for Quarry as newman has it.
QString TestNewmanVerdict::importWorkspace(const QString &collection, const QString &environment, QProcessEnvironment &env)
{
    const QString workspace = m_dir.filePath(QFileInfo(collection).baseName() + u".quarry"_s);
    QFile::remove(workspace);
    for (const QString &file : {collection, environment}) {
        const Process r = start(qEnvironmentVariable("QUARRY_BIN"), {u"import"_s, u"postman"_s, file, u"--into"_s, workspace}, env);
        if (r.exitCode != 0) {
            qWarning("%s", qPrintable(r.err));
            return {};
        }
    }
    QFile envFile(environment);
    QFile wsFile(workspace);
    if (!envFile.open(QIODevice::ReadOnly) || !wsFile.open(QIODevice::ReadOnly))
        return {};
    QHash<QString, QString> postmanValues;
    const QJsonArray values = QJsonDocument::fromJson(envFile.readAll()).object().value(u"values"_s).toArray();
    for (const QJsonValue &v : values)
        postmanValues.insert(v.toObject().value(u"key"_s).toString(), v.toObject().value(u"value"_s).toString());
    const QJsonArray environments = QJsonDocument::fromJson(wsFile.readAll()).object().value(u"environments"_s).toArray();
    for (const QJsonValue &e : environments) {
        const QJsonArray variables = e.toObject().value(u"variables"_s).toArray();
        for (const QJsonValue &v : variables) {
            const QString value = v.toObject().value(u"value"_s).toString();
            if (v.toObject().value(u"secret"_s).toBool() && value.startsWith(u"env:"_s))
                env.insert(value.mid(4), postmanValues.value(v.toObject().value(u"name"_s).toString()));
        }
    }
    return workspace;
}

void TestNewmanVerdict::sameVerdictAsNewman_data()
{
    QTest::addColumn<QString>("collection");
    const QDir dir(QFINDTESTDATA("newman"));
    const QStringList files = dir.entryList({u"*.postman_collection.json"_s}, QDir::Files, QDir::Name);
    QVERIFY(!files.isEmpty());
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << dir.filePath(f);
}

void TestNewmanVerdict::sameVerdictAsNewman()
{
    QFETCH(QString, collection);
    const QString environment = environmentFile(collection);
    QVERIFY(!environment.isEmpty());
    QProcessEnvironment env = m_env;
    const QString workspace = importWorkspace(collection, environment, env);
    QVERIFY(!workspace.isEmpty());
    const QString environmentName = QJsonDocument::fromJson([&] {
        QFile f(environment);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }()).object().value(u"name"_s).toString();

    const QString reportPath = m_dir.filePath(u"report.json"_s);
    const Process quarry = start(qEnvironmentVariable("QUARRY_BIN"),
                                 {u"run"_s, workspace, u"--env"_s, environmentName, u"--reporter"_s, u"json"_s, u"--out"_s, reportPath}, env);
    QVERIFY2(quarry.exitCode == 0 || quarry.exitCode == 1, qPrintable(quarry.err));
    QFile reportFile(reportPath);
    QVERIFY(reportFile.open(QIODevice::ReadOnly));
    const QJsonArray exchanges = QJsonDocument::fromJson(reportFile.readAll()).object().value(u"exchanges"_s).toArray();

    const Process newman = start(u"node"_s, {m_source + u"/tests/core/http/newmanrun.js"_s, collection, environment}, env);
    const QJsonObject result = QJsonDocument::fromJson(newman.out).object();
    QVERIFY2(newman.exitCode == 0 && result.value(u"error"_s).isNull(), qPrintable(newman.err));
    const QJsonArray items = result.value(u"items"_s).toArray();

    QStringList newmanNames, quarryNames;
    for (const QJsonValue &i : items)
        newmanNames.append(i.toObject().value(u"name"_s).toString());
    for (const QJsonValue &e : exchanges)
        quarryNames.append(e.toObject().value(u"name"_s).toString());
    QCOMPARE(quarryNames, newmanNames);   // the same requests in the same order (setNextRequest included)

    int tests = 0, failed = 0, errors = 0;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonObject item = items.at(i).toObject();
        const QString name = item.value(u"name"_s).toString();
        QStringList fromNewman, fromQuarry, errorsNewman, errorsQuarry;
        const QJsonArray assertions = item.value(u"assertions"_s).toArray();
        for (const QJsonValue &a : assertions) {
            const QJsonObject o = a.toObject();
            fromNewman.append(u"%1 %2"_s.arg(o.value(u"passed"_s).toBool() ? u"pass"_s : u"FAIL"_s, o.value(u"name"_s).toString()));
        }
        const QJsonArray scriptErrors = item.value(u"scriptErrors"_s).toArray();
        for (const QJsonValue &a : scriptErrors) {
            const QJsonObject o = a.toObject();
            errorsNewman.append(o.value(u"event"_s).toString() + u": "_s + o.value(u"message"_s).toString().section(u':', 0, 0));
        }
        const QJsonArray checks = exchanges.at(i).toObject().value(u"assertions"_s).toArray();
        for (const QJsonValue &c : checks) {
            const QJsonObject o = c.toObject();
            if (o.value(u"scriptError"_s).toBool()) {
                const QString event = o.value(u"script"_s).toString().endsWith(u" pre-request"_s) ? u"prerequest"_s : u"test"_s;
                errorsQuarry.append(event + u": "_s + o.value(u"message"_s).toString().section(u':', 0, 0));
                continue;
            }
            fromQuarry.append(u"%1 %2"_s.arg(o.value(u"passed"_s).toBool() ? u"pass"_s : u"FAIL"_s, o.value(u"description"_s).toString()));
            tests += 1;
            failed += o.value(u"passed"_s).toBool() ? 0 : 1;
        }
        errors += int(errorsQuarry.size());
        if (fromQuarry != fromNewman || errorsQuarry != errorsNewman)
            qWarning("%s\n  newman: %s | %s\n  quarry: %s | %s", qPrintable(name), qPrintable(fromNewman.join(u", "_s)),
                     qPrintable(errorsNewman.join(u", "_s)), qPrintable(fromQuarry.join(u", "_s)), qPrintable(errorsQuarry.join(u", "_s)));
        QCOMPARE(fromQuarry, fromNewman);
        QCOMPARE(errorsQuarry, errorsNewman);
    }
    qInfo("%s: %d requests, %d tests (%d failing in both), %d script errors in both", qPrintable(QFileInfo(collection).fileName()),
          int(items.size()), tests, failed, errors);
    QVERIFY(tests > 0);
    QCOMPARE(quarry.exitCode, failed + errors > 0 ? 1 : 0);
}

void TestNewmanVerdict::scriptResultsInJUnit()
{
    const QString collection = QFINDTESTDATA("newman/script-api.postman_collection.json");
    const QString environment = environmentFile(collection);
    QProcessEnvironment env = m_env;
    const QString workspace = importWorkspace(collection, environment, env);
    QVERIFY(!workspace.isEmpty());
    const QString junit = m_dir.filePath(u"junit.xml"_s);
    const Process quarry = start(qEnvironmentVariable("QUARRY_BIN"),
                                 {u"run"_s, workspace, u"--env"_s, u"Script API"_s, u"--junit"_s, junit}, env);
    QCOMPARE(quarry.exitCode, 1);
    // The CLI reporter lists script tests beside the checks, and what scripts logged.
    const QString text = QString::fromUtf8(quarry.out);
    QVERIFY2(text.contains(u"✓ status code is 201"_s), qPrintable(text));
    QVERIFY2(text.contains(u"✗ a check that fails: wrong name: AssertionError: expected 'user "_s), qPrintable(text));
    QVERIFY2(text.contains(u"- skipped test (skipped)"_s), qPrintable(text));
    QVERIFY2(text.contains(u"SyntaxError: Identifier 'CryptoJS' has already been declared"_s), qPrintable(text));
    QFile file(junit);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QStringList failures;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"failure"_s)
            failures.append(xml.attributes().value(u"type"_s).toString() + u" "_s + xml.attributes().value(u"message"_s).toString().section(u':', 0, 0));
    }
    QVERIFY(!xml.hasError());
    QVERIFY2(failures.contains(u"test a check that fails"_s), qPrintable(failures.join(u"\n"_s)));
    QVERIFY2(failures.contains(u"script request \"Script errors\" pre-request"_s), qPrintable(failures.join(u"\n"_s)));
}

void TestNewmanVerdict::insomniaAndBrunoImportedAndRun_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("requests");
    // The values of the environment's secrets, which the import moves out of the workspace into env: references.
    QTest::addColumn<QStringList>("secrets");
    QTest::newRow("insomnia v4") << u"insomnia"_s << u"importers/insomnia-v4.json"_s << 4
                                 << QStringList{u"token=local-token"_s, u"password=quarry-demo"_s, u"apiKey=k-123"_s};
    QTest::newRow("bruno") << u"bruno"_s << u"importers/bruno"_s << 4 << QStringList{u"token=local-dev-token"_s};   // adminPassword has no value to move
}

void TestNewmanVerdict::insomniaAndBrunoImportedAndRun()
{
    QFETCH(QString, kind);
    QFETCH(QString, path);
    QFETCH(int, requests);
    QFETCH(QStringList, secrets);
    const QString source = m_source + u"/tests/core/http/"_s + path;
    const QString workspace = m_dir.filePath(kind + u".quarry"_s);
    const Process imported = start(qEnvironmentVariable("QUARRY_BIN"), {u"import"_s, kind, source, u"--into"_s, workspace}, m_env);
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QVERIFY2(QString::fromUtf8(imported.out).contains(u"(%1 requests) and 2 environments"_s.arg(requests)), imported.out.constData());
    // The wrong kind is refused by name.
    const Process wrong = start(qEnvironmentVariable("QUARRY_BIN"),
                                {u"import"_s, kind == u"bruno"_s ? u"insomnia"_s : u"bruno"_s, source, u"--into"_s, workspace}, m_env);
    QCOMPARE(wrong.exitCode, 1);

    // As a user would after reading the import's "set these environment variables" lines.
    QProcessEnvironment env = m_env;
    QHash<QString, QString> values;
    for (const QString &pair : std::as_const(secrets))
        values.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    QFile saved(workspace);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    int moved = 0;
    const QJsonArray environments = QJsonDocument::fromJson(saved.readAll()).object().value(u"environments"_s).toArray();
    for (const QJsonValue &e : environments) {
        if (e.toObject().value(u"name"_s).toString() != u"Local"_s)
            continue;
        const QJsonArray variables = e.toObject().value(u"variables"_s).toArray();
        for (const QJsonValue &v : variables) {
            const QString value = v.toObject().value(u"value"_s).toString();
            if (v.toObject().value(u"secret"_s).toBool() && value.startsWith(u"env:"_s)) {
                const QString name = v.toObject().value(u"name"_s).toString();
                QVERIFY2(values.contains(name), qPrintable(name));
                env.insert(value.mid(4), values.value(name));
                ++moved;
            }
        }
    }
    QCOMPARE(moved, int(secrets.size()));   // every secret of the environment left the file

    const QString report = m_dir.filePath(kind + u".json"_s);
    QStringList args{u"run"_s, workspace, u"--env"_s, u"Local"_s, u"--var"_s, u"baseUrl="_s + m_server.baseUrl(),
                     u"--reporter"_s, u"json"_s, u"--out"_s, report};
    if (kind == u"insomnia"_s)   // its last request chains with an Insomnia template tag only Insomnia runs
        args << u"--folder"_s << u"Users"_s;
    const Process run = start(qEnvironmentVariable("QUARRY_BIN"), args, env);
    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject totals = QJsonDocument::fromJson(file.readAll()).object().value(u"totals"_s).toObject();
    QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(QJsonDocument(totals).toJson())));
    QVERIFY(totals.value(u"assertions"_s).toInt() >= 4);
    QCOMPARE(totals.value(u"failedAssertions"_s).toInt(), 0);
}

QTEST_GUILESS_MAIN(TestNewmanVerdict)
#include "tst_newman.moc"
