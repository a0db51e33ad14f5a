// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "workspace/recoverystore.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::workspace::RecoveryStore;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

class TestRecoveryStore : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void crashLeavesARecoverableCopy();
    void cleanSaveRemovesTheCopy();
    void unmodifiedWorkspaceWritesNothing();
    void timerAutosaves();
    void untitledWorkspaceIsRecoverable();
    void runningInstanceIsNotOffered();
    void lockOfADeadProcessIsStale();

private:
    std::unique_ptr<Workspace> savedWorkspace(const QString &name);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestRecoveryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
}

std::unique_ptr<Workspace> TestRecoveryStore::savedWorkspace(const QString &name)
{
    auto ws = Workspace::createEmpty(name);
    const auto saved = ws->saveAs(m_dir->filePath(name + u".quarry"_s));
    if (!saved)
        qFatal("cannot save fixture: %s", qPrintable(saved.error().toString()));
    return ws;
}

void TestRecoveryStore::crashLeavesARecoverableCopy()
{
    const QString recoveryDir = m_dir->filePath(u"recovery"_s);
    auto ws = savedWorkspace(u"shop"_s);
    const QByteArray onDisk = ws->toJson();
    {
        RecoveryStore store(recoveryDir);
        store.watch(ws.get());
        ws->setSection(Section::Environments, QJsonArray{QJsonObject{{u"name"_s, u"Staging"_s}}});
        QVERIFY(store.autosaveNow());
        // The process "crashes" here: no save, no discard. The store's destructor must not clean up.
    }
    const QByteArray edited = ws->toJson();
    ws.reset();

    RecoveryStore next(recoveryDir); // the next start
    const auto pending = next.pending();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().originalPath, m_dir->filePath(u"shop.quarry"_s));
    QCOMPARE(pending.first().displayName, u"shop"_s);
    QVERIFY(pending.first().savedAt.isValid());

    auto restored = RecoveryStore::restore(pending.first());
    QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().toString()));
    QCOMPARE(restored.value()->toJson(), edited);
    QVERIFY(restored.value()->isModified());
    QCOMPARE(restored.value()->filePath(), m_dir->filePath(u"shop.quarry"_s));
    QFile original(m_dir->filePath(u"shop.quarry"_s));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QCOMPARE(original.readAll(), onDisk); // untouched until the user saves

    RecoveryStore::discard(pending.first());
    QVERIFY(next.pending().isEmpty());
}

void TestRecoveryStore::cleanSaveRemovesTheCopy()
{
    const QString recoveryDir = m_dir->filePath(u"recovery"_s);
    auto ws = savedWorkspace(u"blog"_s);
    RecoveryStore store(recoveryDir);
    store.watch(ws.get());
    ws->setName(u"blog 2"_s);
    QVERIFY(store.autosaveNow());
    QCOMPARE(QDir(recoveryDir).entryList({u"*.recovery.json"_s}, QDir::Files).size(), 1);
    QVERIFY(ws->save());
    QCOMPARE(QDir(recoveryDir).entryList({u"*.recovery.json"_s}, QDir::Files).size(), 0);
    QVERIFY(RecoveryStore(recoveryDir).pending().isEmpty());
}

void TestRecoveryStore::unmodifiedWorkspaceWritesNothing()
{
    const QString recoveryDir = m_dir->filePath(u"recovery"_s);
    auto ws = savedWorkspace(u"calm"_s);
    RecoveryStore store(recoveryDir);
    store.watch(ws.get());
    QVERIFY(store.autosaveNow());
    QVERIFY(!QDir(recoveryDir).exists() || QDir(recoveryDir).entryList({u"*.recovery.json"_s}, QDir::Files).isEmpty());
}

void TestRecoveryStore::timerAutosaves()
{
    const QString recoveryDir = m_dir->filePath(u"recovery"_s);
    auto ws = savedWorkspace(u"timed"_s);
    RecoveryStore store(recoveryDir);
    store.watch(ws.get(), 50);
    ws->setName(u"timed, edited"_s);
    QTRY_COMPARE_WITH_TIMEOUT(QDir(recoveryDir).entryList(QDir::Files).size(), qsizetype(1), 5000);
}

void TestRecoveryStore::untitledWorkspaceIsRecoverable()
{
    const QString recoveryDir = m_dir->filePath(u"recovery"_s);
    auto ws = Workspace::createEmpty();
    {
        RecoveryStore store(recoveryDir);
        store.watch(ws.get());
        ws->setName(u"draft"_s);
        QVERIFY(store.autosaveNow());
    }
    const auto pending = RecoveryStore(recoveryDir).pending();
    QCOMPARE(pending.size(), 1);
    QVERIFY(pending.first().originalPath.isEmpty());
    auto restored = RecoveryStore::restore(pending.first());
    QVERIFY(restored);
    QCOMPARE(restored.value()->name(), u"draft"_s);
    QVERIFY(restored.value()->filePath().isEmpty());
}

QTEST_GUILESS_MAIN(TestRecoveryStore)
void TestRecoveryStore::runningInstanceIsNotOffered()
{
    // A second Quarry window started while the first has unsaved changes must not offer the
    // first one's autosave as a crash (both use the same recovery folder).
    const QString recoveryDir = m_dir->filePath(u"recovery"_s);
    auto ws = savedWorkspace(u"busy"_s);
    auto running = std::make_unique<RecoveryStore>(recoveryDir);
    running->watch(ws.get());
    ws->setSection(Section::Environments, QJsonArray{QJsonObject{{u"name"_s, u"Staging"_s}}});
    QVERIFY(running->autosaveNow());
    QCOMPARE(QDir(recoveryDir).entryList({u"*.recovery.json"_s}, QDir::Files).size(), 1);

    RecoveryStore second(recoveryDir);
    QVERIFY(second.pending().isEmpty());

    // The first instance goes away without cleaning up (as a crash does): now it is offered.
    running.reset();
    QCOMPARE(second.pending().size(), 1);
}

void TestRecoveryStore::lockOfADeadProcessIsStale()
{
    const QString recoveryDir = m_dir->filePath(u"recovery"_s);
    auto ws = savedWorkspace(u"crashed"_s);
    QString recoveryFile;
    {
        RecoveryStore store(recoveryDir);
        store.watch(ws.get());
        ws->setSection(Section::Environments, QJsonArray{QJsonObject{{u"name"_s, u"Staging"_s}}});
        QVERIFY(store.autosaveNow());
        recoveryFile = QDir(recoveryDir).filePath(QDir(recoveryDir).entryList({u"*.recovery.json"_s}, QDir::Files).value(0));
    }
    // A killed process leaves its lock file behind: QLockFile's format, a PID that does not run.
    QFile lock(recoveryFile + u".lock"_s);
    QVERIFY(lock.open(QIODevice::WriteOnly));
    lock.write("2147483646\n" + QCoreApplication::applicationName().toUtf8() + "\n" + QSysInfo::machineHostName().toUtf8() + "\n");
    lock.close();
    QCOMPARE(RecoveryStore(recoveryDir).pending().size(), 1);
}

#include "tst_recoverystore.moc"
