// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "collectionimportaction.h"
#include "logdock.h"
#include "mainwindow.h"
#include "problemsdock.h"

#include "http/collection.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;
using quarry::app::CollectionImportAction;
using quarry::app::LogDock;
using quarry::app::MainWindow;
using quarry::app::ProblemsDock;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

// File > Import Requests… and Export … as Postman in the real main window, offscreen, on real files.
class TestCollectionImport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void actionsAreInTheFileMenu();
    void importsPostmanHarAndOpenApiAsUndoableSteps();
    void importsAPostmanEnvironment();
    void importsInsomniaAndBrunoWithTheirEnvironments();
    void brokenFilesChangeNothing_data();
    void brokenFilesChangeNothing();
    void exportThenImportGivesTheSameRequests();

private:
    static QJsonArray collections(const MainWindow &window)
    {
        return window.workspace()->sectionArray(Section::Collections);
    }
    static QStringList collectionNames(const MainWindow &window)
    {
        QStringList names;
        for (const QJsonValue &c : collections(window))
            names << c.toObject().value(u"name"_s).toString();
        return names;
    }
    QTemporaryDir m_dir;
};

namespace {
QString data(const QString &name)
{
    return qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/app/data/"_s + name;
}
// The shared sample data: beside the repository (../shared/data), else where the workshop keeps it.
QString sharedData(const QString &relative)
{
    const QString beside = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/"_s + relative;
    return QFile::exists(beside) ? beside : u"/work/shared/data/"_s + relative;
}
} // namespace

void TestCollectionImport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"QuarryTest"_s);
    QCoreApplication::setApplicationName(u"QuarryCollectionImportTest"_s);
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void TestCollectionImport::actionsAreInTheFileMenu()
{
    MainWindow window;
    QMenu *file = window.menuBar()->findChild<QMenu *>(u"fileMenu"_s);
    QVERIFY(file);
    QStringList texts;
    for (const QAction *a : file->actions())
        texts << a->text().remove(u'&');
    for (const QString &t : {u"Import Requests…"_s, u"Export Collection as Postman…"_s, u"Export Environment as Postman…"_s})
        QVERIFY2(texts.contains(t), qPrintable(texts.join(u" | "_s)));
    // The two imports together, the exports after them.
    QCOMPARE(texts.indexOf(u"Import SQL/DBML into Schema…"_s), texts.indexOf(u"Import Requests…"_s) + 1);
    QVERIFY(texts.indexOf(u"Export Collection as Postman…"_s) > texts.indexOf(u"Import SQL/DBML into Schema…"_s));
    QVERIFY(window.findChild<QAction *>(u"importRequestsAction"_s)->isEnabled());
}

void TestCollectionImport::importsPostmanHarAndOpenApiAsUndoableSteps()
{
    MainWindow window;
    window.setWorkspace(Workspace::createEmpty(u"shop"_s));
    auto *import = window.findChild<CollectionImportAction *>();
    QVERIFY(import);
    auto *log = window.findChild<LogDock *>();
    QVERIFY(log);
    QSignalSpy done(import, &CollectionImportAction::imported);

    QVERIFY(import->importFile(data(u"shop.postman_collection.json"_s)));
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.last().at(0).toString(),
             u"Imported the collection \"Shop API\" (3 requests) from the Postman collection shop.postman_collection.json."_s);
    // The scripts are kept with their requests (the sandbox runs them), not dropped with a warning.
    const QString warnings = done.last().at(1).toStringList().join(u'\n');
    QVERIFY2(!warnings.contains(u"script"_s), qPrintable(warnings));
    QVERIFY2(!log->text().contains(u"dropped"_s), qPrintable(log->text()));
    const QString saved = QString::fromUtf8(QJsonDocument(collections(window).first().toObject()).toJson(QJsonDocument::Compact));
    QVERIFY2(saved.contains(u"\"prerequest\":[\"pm.variables.set('n', Date.now());\"]"_s), qPrintable(saved));
    QVERIFY2(saved.contains(u"pm.test(\\\"has items\\\""_s), qPrintable(saved));
    QCOMPARE(window.undoStack()->undoText(), u"Import shop.postman_collection.json"_s);
    QCOMPARE(window.currentPage(), MainWindow::Page::Requests);

    QVERIFY(import->importFile(data(u"shop.har"_s)));
    QCOMPARE(done.last().at(0).toString(), u"Imported the collection \"shop\" (2 requests) from the HAR file shop.har."_s);
    QVERIFY(import->importFile(sharedData(u"openapi/petstore-expanded.yaml"_s)));
    QVERIFY2(done.last().at(0).toString().contains(u"from the OpenAPI document petstore-expanded.yaml"_s),
             qPrintable(done.last().at(0).toString()));
    QCOMPARE(collectionNames(window).size(), 3);
    QCOMPARE(collectionNames(window).first(), u"Shop API"_s);
    QCOMPARE(window.undoStack()->count(), 3);

    // The requests are real: the HAR's POST keeps its body, OpenAPI gives one request per operation.
    auto list = quarry::http::Collection::listFromJson(collections(window));
    QVERIFY(list);
    const auto har = list.value().at(1).requests();
    QCOMPARE(har.size(), 2);
    QCOMPARE(har.at(1)->method, u"POST"_s);
    QVERIFY(list.value().at(2).requests().size() >= 4);   // petstore-expanded: 4 operations

    window.undoStack()->undo();
    QCOMPARE(collectionNames(window).size(), 2);
    window.undoStack()->undo();
    window.undoStack()->undo();
    QCOMPARE(collections(window).size(), 0);
    window.undoStack()->redo();
    QCOMPARE(collectionNames(window), QStringList{u"Shop API"_s});
}

void TestCollectionImport::importsAPostmanEnvironment()
{
    MainWindow window;
    window.setWorkspace(Workspace::createEmpty(u"env"_s));
    auto *import = window.findChild<CollectionImportAction *>();
    const qsizetype before = window.workspace()->sectionArray(Section::Environments).size();
    QVERIFY(import->importFile(data(u"shop.postman_environment.json"_s)));
    const QJsonArray envs = window.workspace()->sectionArray(Section::Environments);
    QCOMPARE(envs.size(), before + 1);
    QCOMPARE(envs.last().toObject().value(u"name"_s).toString(), u"Shop local"_s);
    QCOMPARE(envs.last().toObject().value(u"variables"_s).toArray().size(), 2);
    QCOMPARE(collections(window).size(), 0);
    // Importing it again replaces it (same id) rather than adding a second one.
    QVERIFY(import->importFile(data(u"shop.postman_environment.json"_s)));
    QCOMPARE(window.workspace()->sectionArray(Section::Environments).size(), before + 1);
    window.undoStack()->undo();
    window.undoStack()->undo();
    QCOMPARE(window.workspace()->sectionArray(Section::Environments).size(), before);
}

void TestCollectionImport::importsInsomniaAndBrunoWithTheirEnvironments()
{
    MainWindow window;
    window.setWorkspace(Workspace::createEmpty(u"shop"_s));
    auto *import = window.findChild<CollectionImportAction *>();
    QSignalSpy done(import, &CollectionImportAction::imported);
    const QString importers = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/core/http/importers/"_s;
    const auto environmentNames = [&] {
        QStringList names;
        for (const QJsonValue &e : window.workspace()->sectionArray(Section::Environments))
            names << e.toObject().value(u"name"_s).toString();
        return names;
    };

    // Insomnia v5 YAML: the collection and its two sub-environments, one undo step.
    QVERIFY(import->importFile(importers + u"insomnia-v5.yaml"_s));
    QCOMPARE(done.last().at(0).toString(), u"Imported the collection \"Shop API (Insomnia)\" (4 requests) from the Insomnia export "
                                           "insomnia-v5.yaml. 2 environments came with it."_s);
    QVERIFY2(done.last().at(1).toStringList().join(u'\n').contains(u"template tag"_s), qPrintable(done.last().at(1).toStringList().join(u'\n')));
    QCOMPARE(environmentNames(), (QStringList{u"Local"_s, u"Staging"_s}));
    QCOMPARE(window.undoStack()->count(), 1);

    // Bruno: its bruno.json stands for the folder.
    QVERIFY(import->importFile(importers + u"bruno/bruno.json"_s));
    QCOMPARE(done.last().at(0).toString(), u"Imported the collection \"Shop API (Bruno)\" (4 requests) from the Bruno collection "
                                           "bruno.json. 2 environments came with it."_s);
    QCOMPARE(collectionNames(window), (QStringList{u"Shop API (Insomnia)"_s, u"Shop API (Bruno)"_s}));
    // Environments are the workspace's: Bruno's "Local" and "Staging" replace the ones of the same name.
    QCOMPARE(environmentNames(), (QStringList{u"Local"_s, u"Staging"_s}));
    const QString local = QString::fromUtf8(QJsonDocument(window.workspace()->sectionArray(Section::Environments).at(0).toObject()).toJson());
    QVERIFY2(local.contains(u"legacyUrl"_s) && !local.contains(u"apiKey"_s), qPrintable(local));
    QCOMPARE(window.undoStack()->count(), 2);
    window.undoStack()->undo();
    QCOMPARE(collectionNames(window), QStringList{u"Shop API (Insomnia)"_s});
    QCOMPARE(environmentNames(), (QStringList{u"Local"_s, u"Staging"_s}));
    window.undoStack()->undo();
    QVERIFY(collectionNames(window).isEmpty());
    QVERIFY(environmentNames().isEmpty());
}

void TestCollectionImport::brokenFilesChangeNothing_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("json syntax") << u"broken.json"_s
                                 << QByteArray("{\n  \"info\": {\"name\": \"x\"},\n  \"item\": [\n    {\"name\": \"a\",}\n  ]\n}\n")
                                 << u"broken.json, line 4, column "_s << QString();
    QTest::newRow("yaml syntax") << u"broken.yaml"_s
                                 << QByteArray("openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a: [\n")
                                 << u"broken.yaml, line "_s << QString();
    QTest::newRow("unknown json") << u"other.json"_s << QByteArray("{\"hello\": 1}\n") << u"other.json"_s
                                  << u"is not a Postman collection"_s;
    QTest::newRow("har without entries") << u"empty.har"_s << QByteArray("{\"log\": {\"version\": \"1.2\"}}") << u"empty.har"_s
                                         << u"HAR"_s;
}

void TestCollectionImport::brokenFilesChangeNothing()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    QFETCH(QString, message);
    MainWindow window;
    window.setWorkspace(Workspace::createEmpty(u"broken"_s));
    auto *import = window.findChild<CollectionImportAction *>();
    auto *problems = window.findChild<ProblemsDock *>();
    QVERIFY(problems);
    QFile f(m_dir.filePath(name));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
    f.close();
    const QJsonArray environmentsBefore = window.workspace()->sectionArray(Section::Environments);
    QVERIFY(!import->importFile(f.fileName()));
    QCOMPARE(window.undoStack()->count(), 0);
    QCOMPARE(collections(window).size(), 0);
    QCOMPARE(window.workspace()->sectionArray(Section::Environments), environmentsBefore);
    QVERIFY(problems->count() >= 1);
    const int last = problems->count() - 1;
    QVERIFY2(problems->whereAt(last).startsWith(where), qPrintable(problems->whereAt(last)));
    QVERIFY2(problems->messageAt(last).contains(message), qPrintable(problems->messageAt(last)));
}

void TestCollectionImport::exportThenImportGivesTheSameRequests()
{
    MainWindow window;
    window.setWorkspace(Workspace::createEmpty(u"roundtrip"_s));
    auto *import = window.findChild<CollectionImportAction *>();
    QVERIFY(import->importFile(data(u"shop.postman_collection.json"_s)));
    QVERIFY(import->importFile(data(u"shop.har"_s)));
    const QJsonArray before = collections(window);

    QSignalSpy exported(import, &CollectionImportAction::exported);
    const QString out = m_dir.filePath(u"shop-out.postman_collection.json"_s);
    QVERIFY(import->exportCollection(u"Shop API"_s, out));
    QCOMPARE(exported.count(), 1);
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject written = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(written.value(u"info"_s).toObject().value(u"schema"_s).toString(),
             u"https://schema.getpostman.com/json/collection/v2.1.0/collection.json"_s);
    const QString harOut = m_dir.filePath(u"har-out.json"_s);
    QVERIFY(import->exportCollection(u"shop"_s, harOut));

    // Into a fresh workspace: the same requests, field by field.
    MainWindow other;
    other.setWorkspace(Workspace::createEmpty(u"again"_s));
    auto *again = other.findChild<CollectionImportAction *>();
    QVERIFY(again->importFile(out));
    QVERIFY(again->importFile(harOut));
    auto a = quarry::http::Collection::listFromJson(before);
    auto b = quarry::http::Collection::listFromJson(collections(other));
    QVERIFY(a && b);
    QCOMPARE(b.value().size(), 2);
    for (int c = 0; c < 2; ++c) {
        const auto ra = a.value().at(c).requests(), rb = b.value().at(c).requests();
        QCOMPARE(rb.size(), ra.size());
        for (qsizetype i = 0; i < ra.size(); ++i) {
            QCOMPARE(rb.at(i)->name, ra.at(i)->name);
            QCOMPARE(rb.at(i)->method, ra.at(i)->method);
            QCOMPARE(rb.at(i)->toJson(), ra.at(i)->toJson());
        }
    }
    // Re-importing into the same workspace replaces the collection with the same id.
    QVERIFY(import->importFile(out));
    QCOMPARE(collections(window).size(), 2);

    // An environment goes out as a Postman environment and comes back the same.
    QVERIFY(import->importFile(data(u"shop.postman_environment.json"_s)));
    const QString envOut = m_dir.filePath(u"env-out.json"_s);
    QVERIFY(import->exportEnvironment(u"Shop local"_s, envOut));
    QVERIFY(again->importFile(envOut));
    QCOMPARE(other.workspace()->sectionArray(Section::Environments).last(),
             window.workspace()->sectionArray(Section::Environments).last());

    // An unknown collection is a problem, not a file.
    QSignalSpy problem(import, &CollectionImportAction::problem);
    QVERIFY(!import->exportCollection(u"nope"_s, m_dir.filePath(u"nope.json"_s)));
    QVERIFY(!QFile::exists(m_dir.filePath(u"nope.json"_s)));
    QCOMPARE(problem.count(), 1);
    QVERIFY(problem.first().at(1).toBool());   // "Nothing was written", not "imported"
}

QTEST_MAIN(TestCollectionImport)
#include "tst_collectionimport.moc"
