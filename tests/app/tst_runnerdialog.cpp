// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "runnerdialog.h"

#include "mock/mockserver.h"
#include "workspace/workspace.h"

#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::app::RunnerDialog;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

/// The collection runner dialog on the sample workspace against Quarry's own mock server, with
/// one check made to fail on purpose.
class TestRunnerDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void runShowsOneFailureWithItsReason();
    void iterationsAndConcurrency();
    void exportsJsonAndJUnit();
    void cancelStopsTheRun();
    void unreachableServerFailsEveryRow();
    void badVariableLineIsReported();
    void unknownCollectionIsReported();
    void globalScopeIsNotAnEnvironment();

private:
    std::unique_ptr<RunnerDialog> makeDialog();
    bool runAndWait(RunnerDialog &dialog);

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<quarry::mock::MockServer> m_server;
    quint16 m_port = 0;
    int m_requests = 0;
};

void TestRunnerDialog::initTestCase()
{
    const QString path = m_dir.filePath(u"seed.quarry"_s);
    QVERIFY(QFile::copy(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    auto ws = Workspace::load(path);
    QVERIFY(ws);
    m_workspace = std::move(ws).value();
    // "List users" now expects 418: the one check of the run that fails.
    QJsonArray collections = m_workspace->sectionArray(Section::Collections);
    QJsonObject users = collections.at(0).toObject();
    QJsonArray items = users.value(u"items"_s).toArray();
    bool found = false;
    for (qsizetype i = 0; i < items.size(); ++i) {
        QJsonObject item = items.at(i).toObject();
        if (item.value(u"id"_s).toString() != u"req-list-users"_s)
            continue;
        QJsonArray assertions = item.value(u"assertions"_s).toArray();
        assertions.append(QJsonObject{{u"kind"_s, u"status"_s}, {u"op"_s, u"equals"_s}, {u"value"_s, 418}});
        item.insert(u"assertions"_s, assertions);
        items[i] = item;
        found = true;
    }
    QVERIFY(found);
    users.insert(u"items"_s, items);
    collections[0] = users;
    m_workspace->setSection(Section::Collections, collections);

    m_server = std::make_unique<quarry::mock::MockServer>();
    QVERIFY(m_server->configureFromWorkspace(*m_workspace));
    quarry::mock::ServerOptions options = m_server->config().server;
    options.port = 0;
    const auto port = m_server->start(options);
    QVERIFY(port);
    m_port = port.value();
}

std::unique_ptr<RunnerDialog> TestRunnerDialog::makeDialog()
{
    auto dialog = std::make_unique<RunnerDialog>(m_workspace.get(), u"col-users-api"_s);
    dialog->setEnvironment(u"Local"_s);
    dialog->setVariableOverride(u"baseUrl"_s, u"http://127.0.0.1:%1"_s.arg(m_port));
    dialog->show();
    return dialog;
}

bool TestRunnerDialog::runAndWait(RunnerDialog &dialog)
{
    QSignalSpy finished(&dialog, &RunnerDialog::runFinished);
    if (!dialog.start())
        return false;
    return finished.wait(60'000);
}

void TestRunnerDialog::runShowsOneFailureWithItsReason()
{
    auto dialog = makeDialog();
    QVERIFY(runAndWait(*dialog));
    QVERIFY(dialog->report());
    m_requests = dialog->report()->requests();
    QVERIFY(m_requests >= 3);
    QCOMPARE(dialog->rowCount(), m_requests);
    QCOMPARE(dialog->progressValue(), dialog->progressMaximum());
    QCOMPARE(dialog->report()->failedRequests(), 1);

    int failedRow = -1;
    bool sawLogin = false;
    for (int row = 0; row < dialog->rowCount(); ++row) {
        const QStringList texts = dialog->rowTexts(row);   // #, request, status, time, passed, failed, auth
        QCOMPARE(texts.at(0), u"1"_s);
        QVERIFY2(texts.at(3).endsWith(u" ms"_s), qPrintable(texts.join(u" | "_s)));
        if (texts.at(5) != u"0"_s) {
            QCOMPARE(failedRow, -1);
            failedRow = row;
        }
        sawLogin = sawLogin || texts.at(6).contains(u"login"_s);
    }
    QVERIFY(failedRow >= 0);
    QCOMPARE(dialog->rowTexts(failedRow).at(1), u"List users"_s);
    QCOMPARE(dialog->rowTexts(failedRow).at(2), u"200 OK"_s);
    QCOMPARE(dialog->rowTexts(failedRow).at(5), u"1"_s);
    QVERIFY2(sawLogin, "the sample's collection logs in by itself on its first request");
    // The dialog opens on the failure, and says why.
    QVERIFY2(dialog->detailText().contains(u"✗ status equals 418"_s), qPrintable(dialog->detailText()));
    QVERIFY2(dialog->detailText().contains(u"200"_s), qPrintable(dialog->detailText()));
    QVERIFY2(dialog->summaryText().contains(u"1 request failed"_s), qPrintable(dialog->summaryText()));
    QVERIFY2(dialog->summaryText().contains(u"1 of "_s), qPrintable(dialog->summaryText()));
    QVERIFY2(dialog->summaryText().contains(u"1 login"_s), qPrintable(dialog->summaryText()));
    if (const QString dir = qEnvironmentVariable("QUARRY_SCREENSHOT_DIR"); !dir.isEmpty())
        dialog->grab().save(dir + u"/runnerdialog.png"_s);
    dialog->selectRow(failedRow == 0 ? 1 : 0);
    QVERIFY(!dialog->detailText().contains(u"✗"_s));
}

void TestRunnerDialog::iterationsAndConcurrency()
{
    auto dialog = makeDialog();
    dialog->setIterations(3);
    dialog->setConcurrency(2);
    QVERIFY(runAndWait(*dialog));
    QCOMPARE(dialog->report()->iterations, 3);
    QCOMPARE(dialog->report()->concurrency, 2);
    QCOMPARE(dialog->rowCount(), 3 * m_requests);
    QCOMPARE(dialog->report()->failedRequests(), 3);
    QCOMPARE(dialog->rowTexts(dialog->rowCount() - 1).at(0), u"3"_s);   // sorted by iteration
    QCOMPARE(dialog->progressValue(), 3 * m_requests);
}

void TestRunnerDialog::exportsJsonAndJUnit()
{
    auto dialog = makeDialog();
    QCOMPARE(dialog->exportReport(m_dir.filePath(u"none.json"_s), RunnerDialog::ReportFormat::Json),
             u"There is no finished run to export."_s);
    QVERIFY(runAndWait(*dialog));
    const QString json = m_dir.filePath(u"run.json"_s);
    const QString junit = m_dir.filePath(u"run.xml"_s);
    QCOMPARE(dialog->exportReport(json, RunnerDialog::ReportFormat::Json), QString());
    QCOMPARE(dialog->exportReport(junit, RunnerDialog::ReportFormat::JUnit), QString());
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    const QJsonObject report = QJsonDocument::fromJson(jsonFile.readAll()).object();
    QCOMPARE(report.value(u"totals"_s).toObject().value(u"failedRequests"_s).toInt(), 1);
    QCOMPARE(report.value(u"exchanges"_s).toArray().size(), m_requests);
    QFile junitFile(junit);
    QVERIFY(junitFile.open(QIODevice::ReadOnly));
    const QByteArray xml = junitFile.readAll();
    QCOMPARE(xml.count("<failure"), 1);
    QCOMPARE(xml.count("<testcase"), m_requests);
    // A folder that does not exist: an error message, no crash, nothing written.
    const QString error = dialog->exportReport(m_dir.filePath(u"missing/run.json"_s), RunnerDialog::ReportFormat::Json);
    QVERIFY2(error.contains(u"missing/run.json"_s), qPrintable(error));
}

void TestRunnerDialog::cancelStopsTheRun()
{
    auto dialog = makeDialog();
    dialog->setIterations(100000);
    QSignalSpy finished(dialog.get(), &RunnerDialog::runFinished);
    QVERIFY(dialog->start());
    QVERIFY(dialog->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(dialog->progressValue() >= 5, 30'000);
    dialog->cancel();
    QVERIFY(finished.wait(30'000));
    QVERIFY(!dialog->isRunning());
    QVERIFY(dialog->report()->cancelled);
    QVERIFY(dialog->rowCount() < 100000 * m_requests);
    QVERIFY2(dialog->summaryText().contains(u"Cancelled"_s), qPrintable(dialog->summaryText()));
}

void TestRunnerDialog::unreachableServerFailsEveryRow()
{
    RunnerDialog dialog(m_workspace.get(), u"col-users-api"_s);
    dialog.setVariableOverride(u"baseUrl"_s, u"http://127.0.0.1:9"_s);   // discard port: nothing listens
    QVERIFY(runAndWait(dialog));
    QCOMPARE(dialog.report()->failedRequests(), dialog.rowCount());
    QCOMPARE(dialog.rowTexts(0).mid(2, 4), (QStringList{u"no response"_s, QString(), u"—"_s, u"—"_s}));
    QVERIFY2(dialog.detailText().contains(u"refused the connection"_s), qPrintable(dialog.detailText()));
}

void TestRunnerDialog::badVariableLineIsReported()
{
    auto dialog = makeDialog();
    dialog->setVariableOverride(u"user"_s, u"ada"_s);
    dialog->setVariableOverride(u""_s, u"orphan"_s);   // "=orphan": no name
    QVERIFY(!dialog->start());
    QVERIFY(!dialog->isRunning());
    QVERIFY2(dialog->summaryText().contains(u"line 3"_s), qPrintable(dialog->summaryText()));
    QCOMPARE(dialog->rowCount(), 0);
}

void TestRunnerDialog::unknownCollectionIsReported()
{
    RunnerDialog dialog(m_workspace.get(), u"col-gone"_s);
    QVERIFY(!dialog.start());
    QVERIFY2(dialog.summaryText().contains(u"col-gone"_s), qPrintable(dialog.summaryText()));
}

void TestRunnerDialog::globalScopeIsNotAnEnvironment()
{
    // The Environments dialog puts the globals first in the section; the runner must still default
    // to the first real environment, as the Requests page does.
    Workspace ws;
    QJsonArray environments = m_workspace->sectionArray(quarry::workspace::Section::Environments);
    environments.prepend(QJsonObject{{u"id"_s, u"globals"_s}, {u"name"_s, u"Globals"_s}, {u"global"_s, true},
                                     {u"variables"_s, QJsonArray{}}});
    ws.setSection(quarry::workspace::Section::Environments, environments);
    ws.setSection(quarry::workspace::Section::Collections, m_workspace->sectionArray(quarry::workspace::Section::Collections));
    RunnerDialog dialog(&ws, u"col-users-api"_s);
    auto *combo = dialog.findChild<QComboBox *>(u"environmentCombo"_s);
    QVERIFY(combo);
    QCOMPARE(combo->findText(u"Globals"_s), -1);
    QCOMPARE(combo->currentText(), u"Local"_s);
}

QTEST_MAIN(TestRunnerDialog)
#include "tst_runnerdialog.moc"
