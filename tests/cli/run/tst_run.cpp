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
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;

/// `quarry run` as a CI job runs it: a real process against the Express test server.
class TestCliRun : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void passingRunExitsZero();
    void failingCheckExitsOneAndWritesJUnit();
    void jsonReporterWithIterationsAndConcurrency();
    void undefinedVariableFailsTheRequest();
    void usageErrors_data();
    void usageErrors();

private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run quarry(const QStringList &args);
    QString writeWorkspace(const QString &name, const QJsonArray &collections);
    QJsonObject authCollection();

    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_source;
};

void TestCliRun::initTestCase()
{
    m_source = qEnvironmentVariable("QUARRY_SOURCE_DIR");
    QVERIFY(QFile::exists(qEnvironmentVariable("QUARRY_BIN")));
    QVERIFY2(m_server.start(m_source + u"/tests/core/http/server.js"_s, 2), qPrintable(m_server.error()));
}

TestCliRun::Run TestCliRun::quarry(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QUARRY_TEST_LOGIN_PASSWORD"_s, u"quarry-demo"_s);
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("QUARRY_BIN"), args);
    Run run;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

QJsonObject TestCliRun::authCollection()
{
    QFile file(m_source + u"/tests/core/http/authcollection.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QString TestCliRun::writeWorkspace(const QString &name, const QJsonArray &collections)
{
    const QJsonArray environments{
        QJsonObject{{u"id"_s, u"env-test"_s},
                    {u"name"_s, u"Test"_s},
                    {u"variables"_s, QJsonArray{QJsonObject{{u"name"_s, u"baseUrl"_s}, {u"value"_s, m_server.baseUrl()}},
                                                QJsonObject{{u"name"_s, u"user"_s}, {u"value"_s, u"ada"_s}},
                                                QJsonObject{{u"name"_s, u"password"_s},
                                                            {u"value"_s, u"env:QUARRY_TEST_LOGIN_PASSWORD"_s},
                                                            {u"secret"_s, true}}}}},
        QJsonObject{{u"id"_s, u"env-other"_s}, {u"name"_s, u"Other"_s}, {u"variables"_s, QJsonArray{}}}};
    const QJsonObject root{{u"formatVersion"_s, 2}, {u"name"_s, name}, {u"collections"_s, collections},
                           {u"environments"_s, environments}};
    const QString path = m_dir.filePath(name + u".quarry"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(QJsonDocument(root).toJson());
    return path;
}

void TestCliRun::passingRunExitsZero()
{
    const QString ws = writeWorkspace(u"pass"_s, {authCollection()});
    const Run run = quarry({u"run"_s, ws, u"--env"_s, u"Test"_s, u"--folder"_s, u"Protected"_s, u"--iterations"_s, u"3"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(u"3 requests (0 failed), 6 checks (0 failed), 1 logins"_s), qPrintable(run.out));
    QVERIFY(run.out.contains(u"auth: login \"Main login\" from collection \"Auth API\""_s));
    QVERIFY(run.out.contains(u"PASSED"_s));
}

void TestCliRun::failingCheckExitsOneAndWritesJUnit()
{
    QJsonObject c = authCollection();
    QJsonArray items = c.value(u"items"_s).toArray();
    QJsonObject protectedFolder = items.at(2).toObject();
    QJsonArray inner = protectedFolder.value(u"items"_s).toArray();
    QJsonObject me = inner.at(0).toObject();
    me.insert(u"assertions"_s, QJsonArray{QJsonObject{{u"kind"_s, u"status"_s}, {u"op"_s, u"equals"_s}, {u"value"_s, 404}},
                                          QJsonObject{{u"kind"_s, u"json"_s}, {u"op"_s, u"exists"_s}, {u"pointer"_s, u"/sub"_s}}});
    inner.replace(0, me);
    protectedFolder.insert(u"items"_s, inner);
    items.replace(2, protectedFolder);
    c.insert(u"items"_s, items);
    const QString ws = writeWorkspace(u"fail"_s, {c});
    const QString junit = m_dir.filePath(u"report.xml"_s);
    const Run run = quarry({u"run"_s, ws, u"--env"_s, u"Test"_s, u"--folder"_s, u"f-protected"_s, u"--reporter"_s, u"junit"_s,
                            u"--out"_s, junit});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(u"status equals 404: got 200 OK"_s), qPrintable(run.out));
    QFile file(junit);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int testcases = 0;
    QStringList failures;
    QString logins;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"testcase"_s)
            ++testcases;
        if (xml.name() == u"failure"_s)
            failures.append(xml.attributes().value(u"message"_s).toString());
        if (xml.name() == u"property"_s && xml.attributes().value(u"name"_s) == u"logins"_s)
            logins = xml.attributes().value(u"value"_s).toString();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(testcases, 1);
    QCOMPARE(failures, QStringList{u"status equals 404: got 200 OK"_s});
    QCOMPARE(logins, u"1"_s);
}

void TestCliRun::jsonReporterWithIterationsAndConcurrency()
{
    const QString ws = writeWorkspace(u"json"_s, {authCollection()});
    const Run run = quarry({u"run"_s, ws, u"--env"_s, u"env-test"_s, u"--folder"_s, u"Protected"_s, u"--reporter"_s, u"json"_s,
                            u"--iterations"_s, u"8"_s, u"--concurrency"_s, u"4"_s, u"--var"_s, u"user=ada"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QJsonObject report = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(report.value(u"iterations"_s).toInt(), 8);
    QCOMPARE(report.value(u"concurrency"_s).toInt(), 4);
    QCOMPARE(report.value(u"logins"_s).toInt(), 1);   // four workers, one login
    QCOMPARE(report.value(u"passed"_s).toBool(), true);
    const QJsonArray exchanges = report.value(u"exchanges"_s).toArray();
    QCOMPARE(exchanges.size(), 8);
    for (int i = 0; i < exchanges.size(); ++i) {
        const QJsonObject e = exchanges.at(i).toObject();
        QCOMPARE(e.value(u"iteration"_s).toInt(), i);
        QCOMPARE(e.value(u"status"_s).toInt(), 200);
        QCOMPARE(e.value(u"auth"_s).toObject().value(u"profile"_s).toString(), u"p-main"_s);
        QVERIFY(e.value(u"auth"_s).toObject().value(u"secondsToExpiry"_s).toDouble() > 0);
        QCOMPARE(e.value(u"meaning"_s).toString(), u"The request worked; the body holds the result."_s);
    }
}

void TestCliRun::undefinedVariableFailsTheRequest()
{
    const QString ws = writeWorkspace(u"undefined"_s, {authCollection()});
    // The environment "Other" has no baseUrl.
    const Run run = quarry({u"run"_s, ws, u"--env"_s, u"Other"_s, u"--folder"_s, u"Public"_s});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(u"The variable {{baseUrl}} is not defined (environment \"Other\""_s), qPrintable(run.out));
}

void TestCliRun::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no file") << QStringList{u"run"_s} << u"which workspace"_s;
    QTest::newRow("missing file") << QStringList{u"run"_s, u"/nonexistent.quarry"_s} << u"Cannot read"_s;
    QTest::newRow("unknown environment") << QStringList{u"run"_s, u"@ws"_s, u"--env"_s, u"Prod"_s}
                                         << u"no environment \"Prod\" (there are: Test, Other)"_s;
    QTest::newRow("unknown collection") << QStringList{u"run"_s, u"@ws"_s, u"--collection"_s, u"Nope"_s} << u"no collection \"Nope\""_s;
    QTest::newRow("bad var") << QStringList{u"run"_s, u"@ws"_s, u"--var"_s, u"novalue"_s} << u"NAME=VALUE"_s;
    QTest::newRow("bad reporter") << QStringList{u"run"_s, u"@ws"_s, u"--reporter"_s, u"html"_s} << u"cli, json or junit"_s;
    QTest::newRow("bad iterations") << QStringList{u"run"_s, u"@ws"_s, u"--iterations"_s, u"0"_s} << u"at least 1"_s;
    QTest::newRow("unknown option") << QStringList{u"run"_s, u"@ws"_s, u"--frobnicate"_s} << u"unknown option --frobnicate"_s;
}

void TestCliRun::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const QString ws = writeWorkspace(u"usage"_s, {authCollection()});
    args.replaceInStrings(u"@ws"_s, ws);
    const Run run = quarry(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestCliRun)
#include "tst_run.moc"
