// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// Issue 5 item 7: `quarry run` of the sample workspace against `quarry serve` on the same sample
/// passes, the protected request included, with no token typed by anyone.
class TestCliRunSample : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void sampleRunPassesAgainstQuarryServe();

private:
    QTemporaryDir m_dir;
    QProcess m_serve;
    int m_port = 0;
};

void TestCliRunSample::initTestCase()
{
    const QString sample = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    QVERIFY(QFile::copy(sample, m_dir.filePath(u"seed.quarry"_s)));
    m_serve.setWorkingDirectory(m_dir.path());
    m_serve.setProcessChannelMode(QProcess::MergedChannels);
    m_serve.start(qEnvironmentVariable("QUARRY_BIN"), {u"serve"_s, m_dir.filePath(u"seed.quarry"_s), u"--port"_s, u"0"_s,
                                                        u"--log"_s, u"none"_s});
    QVERIFY(m_serve.waitForStarted(10000));
    const QRegularExpression listening(u"Listening on http://127\\.0\\.0\\.1:(\\d+)"_s);
    QString output;
    while (m_port == 0 && m_serve.waitForReadyRead(15000)) {
        output += QString::fromUtf8(m_serve.readAll());
        const auto m = listening.match(output);
        if (m.hasMatch())
            m_port = m.captured(1).toInt();
    }
    QVERIFY2(m_port > 0, qPrintable(output));
}

void TestCliRunSample::cleanupTestCase()
{
    if (m_serve.state() != QProcess::NotRunning) {
        m_serve.terminate();
        if (!m_serve.waitForFinished(5000))
            m_serve.kill();
        m_serve.waitForFinished(3000);
    }
}

void TestCliRunSample::sampleRunPassesAgainstQuarryServe()
{
    QProcess run;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"QUARRY_JWT_SECRET"_s);   // the sample's documented demo fallback
    run.setProcessEnvironment(env);
    run.start(qEnvironmentVariable("QUARRY_BIN"),
              {u"run"_s, m_dir.filePath(u"seed.quarry"_s), u"--var"_s, u"baseUrl=http://127.0.0.1:%1"_s.arg(m_port),
               u"--reporter"_s, u"json"_s});
    QVERIFY(run.waitForFinished(30000));
    const QByteArray out = run.readAllStandardOutput();
    const QJsonObject report = QJsonDocument::fromJson(out).object();
    QVERIFY2(!report.isEmpty(), out.constData());
    const QJsonArray exchanges = report.value(u"exchanges"_s).toArray();
    QCOMPARE(exchanges.size(), 5);
    QCOMPARE(exchanges.at(2).toObject().value(u"status"_s).toInt(), 200); // the login request itself
    for (const QJsonValue &v : exchanges) {
        const QJsonObject e = v.toObject();
        QVERIFY2(e.value(u"passed"_s).toBool(), QJsonDocument(e).toJson().constData());
    }
    QCOMPARE(run.exitCode(), 0);
    QCOMPARE(report.value(u"logins"_s).toInt(), 1);
    const QJsonObject protectedAuth = exchanges.at(3).toObject().value(u"auth"_s).toObject();
    QCOMPARE(protectedAuth.value(u"type"_s).toString(), u"login"_s);
    QCOMPARE(protectedAuth.value(u"from"_s).toString(), u"collection \"Users API\""_s);
    QVERIFY(!protectedAuth.value(u"tokenId"_s).toString().isEmpty());
    QVERIFY(protectedAuth.value(u"secondsToExpiry"_s).toDouble() > 0);
}

QTEST_GUILESS_MAIN(TestCliRunSample)
#include "tst_sample.moc"
