// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mainwindow.h"
#include "problemsdock.h"
#include "schemaimportaction.h"
#include "schemapage.h"

#include "workspace/workspace.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;
using quarry::app::MainWindow;
using quarry::app::ProblemsDock;
using quarry::app::SchemaImportAction;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

// File > Import SQL/DBML into Schema… in the real main window, offscreen.
class TestSchemaImport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void actionIsInTheFileMenu();
    void importsDbmlAsOneUndoableStep();
    void importsSqliteAndPostgres();
    void brokenFileChangesNothing();

private:
    static int tableCount(const MainWindow &window)
    {
        return int(window.workspace()->section(Section::Schema).value(u"tables"_s).toArray().size());
    }
    QTemporaryDir m_dir;
};

namespace {
// The shared sample data: beside the repository (../shared/data), else where the workshop keeps it.
QString sharedData(const QString &relative)
{
    const QString beside = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/"_s + relative;
    return QFile::exists(beside) ? beside : u"/work/shared/data/"_s + relative;
}
} // namespace

void TestSchemaImport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"QuarryTest"_s);
    QCoreApplication::setApplicationName(u"QuarrySchemaImportTest"_s);
    QSettings().clear();
}

void TestSchemaImport::actionIsInTheFileMenu()
{
    MainWindow window;
    QMenu *file = window.menuBar()->findChild<QMenu *>(u"fileMenu"_s);
    QVERIFY(file);
    QStringList texts;
    for (const QAction *a : file->actions())
        texts << a->text().remove(u'&');
    QVERIFY2(texts.contains(u"Import SQL/DBML into Schema…"_s), qPrintable(texts.join(u" | "_s)));
    QVERIFY(window.findChild<QAction *>(u"importSchemaAction"_s)->isEnabled());
}

void TestSchemaImport::importsDbmlAsOneUndoableStep()
{
    MainWindow window;
    window.setWorkspace(Workspace::createEmpty(u"library"_s));
    auto *import = window.findChild<SchemaImportAction *>();
    QVERIFY(import);
    QSignalSpy done(import, &SchemaImportAction::imported);
    const int steps = window.undoStack()->count();
    QVERIFY(import->importFile(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/core/schema/dbml/features.dbml"_s));
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.first().at(0).toString(), u"Imported features.dbml: 10 added, 0 replaced."_s);
    QVERIFY(done.first().at(1).toStringList().join(u'\n').contains(u"many-to-many"_s));
    QCOMPARE(window.undoStack()->count(), steps + 1);
    QCOMPARE(window.undoStack()->undoText(), u"Import features.dbml"_s);
    QCOMPARE(tableCount(window), 7);
    QCOMPARE(window.currentPage(), MainWindow::Page::Schema);
    auto *tables = window.schemaPage()->findChild<QTreeView *>(u"tablesView"_s);
    QVERIFY(tables);
    QCOMPARE(tables->model()->rowCount(tables->rootIndex()), 7);
    window.undoStack()->undo();
    QCOMPARE(tableCount(window), 0);
    window.undoStack()->redo();
    QCOMPARE(tableCount(window), 7);
}

void TestSchemaImport::importsSqliteAndPostgres()
{
    MainWindow window;
    window.setWorkspace(Workspace::createEmpty(u"mixed"_s));
    auto *import = window.findChild<SchemaImportAction *>();
    QVERIFY(import->importFile(sharedData(u"chinook/Chinook_Sqlite.sql"_s)));
    QCOMPARE(tableCount(window), 11);
    QVERIFY(import->importFile(sharedData(u"pagila/pagila-schema.sql"_s)));
    QCOMPARE(tableCount(window), 26);
    QCOMPARE(window.undoStack()->count(), 2);
}

void TestSchemaImport::brokenFileChangesNothing()
{
    MainWindow window;
    window.setWorkspace(Workspace::createEmpty(u"broken"_s));
    auto *import = window.findChild<SchemaImportAction *>();
    auto *problems = window.findChild<ProblemsDock *>();
    QVERIFY(problems);
    QFile f(m_dir.filePath(u"broken.dbml"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("Table a {\n  id int [pk\n}\n");
    f.close();
    const int before = problems->count();
    QVERIFY(!import->importFile(f.fileName()));
    QCOMPARE(window.undoStack()->count(), 0);
    QCOMPARE(tableCount(window), 0);
    QCOMPARE(problems->count(), before + 1);
    QCOMPARE(problems->whereAt(problems->count() - 1), u"broken.dbml, line 3, column 1"_s);
    QVERIFY2(problems->messageAt(problems->count() - 1).contains(u"Expected \",\" or \"]\""_s),
             qPrintable(problems->messageAt(problems->count() - 1)));
}

QTEST_MAIN(TestSchemaImport)
#include "tst_schemaimport.moc"
