// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "aboutdialog.h"
#include "logdock.h"
#include "mainwindow.h"
#include "mockpage.h"
#include "requestspage.h"
#include "schemapage.h"
#include "problemsdock.h"
#include "sectionpage.h"
#include "setsectioncommand.h"

#include "workspace/recoverystore.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QHeaderView>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;
using quarry::app::MainWindow;
using quarry::workspace::Section;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void opensTheSampleAndVisitsEveryPage();
    void workspaceTreeLeadsToPages();
    void brokenFileIsReportedAndCurrentKept();
    void editsMarkTheTitleAndSaveAsClearsIt();
    void recentFilesRemembered();
    void aboutListsComponentVersions();
    void windowStateIsRestored();
    void crashedSessionIsOfferedForRestore();
    void editsAreUndoable();
    void historyIsKeptOnClose();
    void malformedAuthIsAProblemAndTheServerStaysDown();

private:
    QString samplePath() const { return qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s; }
    QTemporaryDir m_home;
};

void TestMainWindow::initTestCase()
{
    // Settings, recovery files and the sample copy go to a throw-away home.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"QuarryTest"_s);
    QCoreApplication::setApplicationName(u"QuarryGuiTest"_s);
}

void TestMainWindow::init()
{
    QSettings().clear();
    QDir(quarry::workspace::RecoveryStore().directory()).removeRecursively();
    // openSample() copies the sample on first use only: start each test from the sample this build ships.
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/samples"_s).removeRecursively();
}

void TestMainWindow::opensTheSampleAndVisitsEveryPage()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto opened = window.openSample();
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    QCOMPARE(window.workspace()->displayName(), u"Express + PostgreSQL starter"_s);
    QVERIFY(window.windowTitle().startsWith(u"Express + PostgreSQL starter"_s));

    struct Expect {
        MainWindow::Page page;
        Section section;
        QString firstRow;
    };
    QTest::keyClick(&window, '1', Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::Mock);
    QVERIFY(window.mockPage()->isVisible());
    auto *routes = window.mockPage()->findChild<QListWidget *>(u"routesList"_s);
    QCOMPARE(routes->count(), 5);
    QCOMPARE(routes->item(0)->text(), u"GET /api/users"_s);

    QTest::keyClick(&window, '2', Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::Schema);
    QVERIFY(window.schemaPage()->isVisible());
    window.schemaPage()->setDialect(u"postgres"_s);
    QVERIFY2(window.schemaPage()->ddlText().contains(u"CREATE TABLE users"_s), qPrintable(window.schemaPage()->ddlText()));
    // The tables view shows the users table with its four columns and the email index.
    auto *tables = window.schemaPage()->findChild<QTreeView *>(u"tablesView"_s);
    const QModelIndex users = tables->model()->index(0, 0, tables->rootIndex());
    QCOMPARE(users.data().toString(), u"users"_s);
    QCOMPARE(tables->model()->rowCount(users), 5);
    QVERIFY(tables->isExpanded(users));

    const QList<Expect> expectations = {
        {MainWindow::Page::Database, Section::Databases, u"Local SQLite"_s},
    };
    for (const Expect &e : expectations) {
        // Ctrl+1..4 switch pages, as the View menu says.
        QTest::keyClick(&window, char('1' + int(e.page)), Qt::ControlModifier);
        QCOMPARE(window.currentPage(), e.page);
        QTreeView *view = window.page(e.page)->view(e.section);
        QVERIFY(view);
        QVERIFY(view->isVisible());
        const QModelIndex first = view->model()->index(0, 0, view->rootIndex());
        QCOMPARE(first.data().toString(), e.firstRow);
    }
    QTest::keyClick(&window, '4', Qt::ControlModifier);
    QCOMPARE(window.currentPage(), MainWindow::Page::Requests);
    QVERIFY(window.requestsPage()->isVisible());
    QVERIFY(window.requestsPage()->selectRequest(u"req-login"_s));
    // The window starts on an empty workspace; opening the sample must not leave "(none)" chosen.
    QCOMPARE(window.requestsPage()->findChild<QComboBox *>(u"environmentCombo"_s)->currentText(), u"Local"_s);
    window.workspace()->setModified(false);
}

void TestMainWindow::workspaceTreeLeadsToPages()
{
    MainWindow window;
    window.show();
    QVERIFY(window.openWorkspace(samplePath()));
    auto *tree = window.findChild<QTreeView *>(u"workspaceTree"_s);
    QVERIFY(tree);
    QCOMPARE(tree->model()->rowCount(), 6);
    for (int row = 0; row < tree->model()->rowCount(); ++row) {
        const QModelIndex section = tree->model()->index(row, 0);
        QVERIFY(!tree->model()->data(section, Qt::DecorationRole).value<QIcon>().isNull());
    }
    const QModelIndex databases = tree->model()->index(5, 0);
    QCOMPARE(databases.data().toString(), u"Databases"_s);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(databases).center());
    QCOMPARE(window.currentPage(), MainWindow::Page::Database);
    const QModelIndex schema = tree->model()->index(0, 0);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(schema).center());
    QCOMPARE(window.currentPage(), MainWindow::Page::Schema);
}

void TestMainWindow::brokenFileIsReportedAndCurrentKept()
{
    QTemporaryDir dir;
    const QString broken = dir.filePath(u"broken.quarry"_s);
    const QByteArray bytes = "{\n  \"formatVersion\": 2,\n  \"schema\": { \"tables\": [ }\n}\n";
    {
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    MainWindow window;
    QVERIFY(window.openWorkspace(samplePath()));
    auto *problems = window.findChild<quarry::app::ProblemsDock *>();
    QVERIFY(problems);
    const int before = problems->count();

    const auto opened = window.openWorkspace(broken);
    QVERIFY(!opened);
    QCOMPARE(window.workspace()->filePath(), QFileInfo(samplePath()).absoluteFilePath());
    QCOMPARE(problems->count(), before + 1);
    QVERIFY(problems->messageAt(before).contains(u"not valid JSON"_s));
    QCOMPARE(problems->whereAt(before), u"broken.quarry, line 3, column 27"_s);
    // The location is readable in full, not cut off by a narrow column.
    auto *view = problems->findChild<QTreeWidget *>(u"problemsView"_s);
    QVERIFY(view);
    QVERIFY2(view->header()->sectionSize(1) >= view->fontMetrics().horizontalAdvance(problems->whereAt(before)),
             qPrintable(QString::number(view->header()->sectionSize(1))));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), bytes);
    auto *log = window.findChild<quarry::app::LogDock *>();
    QVERIFY(log->text().contains(u"Could not open"_s));
}

void TestMainWindow::editsMarkTheTitleAndSaveAsClearsIt()
{
    QTemporaryDir dir;
    MainWindow window;
    window.show();
    QVERIFY(window.openWorkspace(samplePath()));
    QVERIFY(!window.isWindowModified());
    window.workspace()->setSection(Section::Databases, QJsonArray{});
    QVERIFY(window.isWindowModified());
    // The edit is visible at once in the read-only views.
    QTreeView *dbs = window.page(MainWindow::Page::Database)->view(Section::Databases);
    QCOMPARE(dbs->model()->rowCount(dbs->rootIndex()), 0);
    const QString copy = dir.filePath(u"copy.quarry"_s);
    QVERIFY(window.saveAs(copy));
    QVERIFY(!window.isWindowModified());
    QCOMPARE(window.workspace()->filePath(), copy);
    QVERIFY(window.windowTitle().startsWith(u"Express + PostgreSQL starter"_s));
}

void TestMainWindow::historyIsKeptOnClose()
{
    // Sends are a log: they do not mark the workspace modified, yet closing keeps them in the file.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"kept.quarry"_s);
    QVERIFY(QFile::copy(samplePath(), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    {
        MainWindow window;
        QVERIFY(window.openWorkspace(path));
        const QJsonArray history{QJsonObject{{u"at"_s, u"2026-11-24T10:00:00Z"_s}, {u"requestId"_s, u"req-list-users"_s},
                                             {u"name"_s, u"List users"_s}, {u"method"_s, u"GET"_s},
                                             {u"url"_s, u"http://127.0.0.1:3000/api/users"_s}, {u"status"_s, 200}}};
        window.workspace()->setHistory(history);
        QVERIFY(!window.workspace()->isModified());
        QVERIFY(window.close());
    }
    auto reopened = quarry::workspace::Workspace::load(path);
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().toString()));
    QCOMPARE(reopened.value()->history().size(), 1);
    QCOMPARE(reopened.value()->history().first().toObject().value(u"requestId"_s).toString(), u"req-list-users"_s);
    // Nothing else in the file changed.
    QCOMPARE(reopened.value()->sectionArray(Section::Collections),
             quarry::workspace::Workspace::load(samplePath()).value()->sectionArray(Section::Collections));
    QVERIFY(!reopened.value()->sectionArray(Section::Collections).isEmpty());
}

void TestMainWindow::recentFilesRemembered()
{
    QTemporaryDir dir;
    const QString second = dir.filePath(u"second.quarry"_s);
    QVERIFY(QFile::copy(samplePath(), second));
    MainWindow window;
    QVERIFY(window.openWorkspace(samplePath()));
    QVERIFY(window.openWorkspace(second));
    QCOMPARE(window.recentFiles(), (QStringList{second, QFileInfo(samplePath()).absoluteFilePath()}));
    QVERIFY(window.openWorkspace(samplePath()));
    QCOMPARE(window.recentFiles().first(), QFileInfo(samplePath()).absoluteFilePath());
    QCOMPARE(window.recentFiles().size(), 2);
}

void TestMainWindow::aboutListsComponentVersions()
{
    quarry::app::AboutDialog about;
    auto *table = about.findChild<QTableWidget *>(u"componentsTable"_s);
    QVERIFY(table);
    QStringList names;
    for (int row = 0; row < table->rowCount(); ++row) {
        names << table->item(row, 0)->text();
        QVERIFY2(!table->item(row, 1)->text().isEmpty(), qPrintable(names.last()));
    }
    for (const QString &expected : {u"Qt"_s, u"SQLite"_s, u"libpqxx"_s, u"OpenSSL"_s})
        QVERIFY2(names.contains(expected), qPrintable(expected));
    const int sqliteRow = int(names.indexOf(u"SQLite"_s));
    QVERIFY(table->item(sqliteRow, 1)->text().startsWith(u"3."_s));
    QCOMPARE(table->item(int(names.indexOf(u"Qt"_s)), 1)->text(), QString::fromLatin1(qVersion()));
}

void TestMainWindow::windowStateIsRestored()
{
    {
        MainWindow window;
        window.show();
        window.resize(900, 640);
        window.showPage(MainWindow::Page::Requests);
        window.close();
    }
    MainWindow again;
    QCOMPARE(again.currentPage(), MainWindow::Page::Requests);
    QCOMPARE(again.size(), QSize(900, 640));
}

void TestMainWindow::crashedSessionIsOfferedForRestore()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"shop.quarry"_s);
    QVERIFY(QFile::copy(samplePath(), path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    {
        // A session edits the workspace, autosaves, and dies without saving.
        MainWindow crashed;
        QVERIFY(crashed.openWorkspace(path));
        crashed.workspace()->setName(u"Shop, edited before the crash"_s);
        QVERIFY(crashed.recoveryStore()->autosaveNow());
        crashed.recoveryStore()->watch(nullptr);  // the crash: nothing cleans up after this point
        crashed.workspace()->setModified(false);  // only so that this window closes without asking
    }
    MainWindow window;
    QString question;
    QTimer::singleShot(0, this, [&question] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QVERIFY(box);
        question = box->text();
        for (QAbstractButton *button : box->buttons()) {
            if (button->text() == u"Restore"_s)
                button->click();
        }
    });
    QVERIFY(window.offerRecovery());
    QVERIFY2(question.contains(u"did not close cleanly"_s), qPrintable(question));
    QCOMPARE(window.workspace()->name(), u"Shop, edited before the crash"_s);
    QCOMPARE(window.workspace()->filePath(), path);
    QVERIFY(window.isWindowModified());
    QVERIFY(window.recoveryStore()->pending().isEmpty());
    window.workspace()->setModified(false);
}

void TestMainWindow::editsAreUndoable()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openWorkspace(samplePath()));
    auto *ws = window.workspace();
    const QJsonArray before = ws->sectionArray(Section::Environments);
    QJsonArray after = before;
    after.append(QJsonObject{{u"name"_s, u"Staging"_s}, {u"variables"_s, QJsonArray{}}});
    window.undoStack()->push(
        new quarry::app::SetSectionCommand(ws, Section::Environments, after, u"Add environment"_s));
    QCOMPARE(ws->sectionArray(Section::Environments).size(), 2);
    QVERIFY(window.isWindowModified());

    // Typing into one field merges into one step.
    for (const QString &name : {u"S"_s, u"St"_s, u"Sta"_s}) {
        QJsonArray renamed = after;
        renamed[1] = QJsonObject{{u"name"_s, name}, {u"variables"_s, QJsonArray{}}};
        window.undoStack()->push(new quarry::app::SetSectionCommand(ws, Section::Environments, renamed,
                                                                    u"Rename environment"_s, u"env-name"_s));
    }
    QCOMPARE(window.undoStack()->count(), 2);
    QCOMPARE(ws->sectionArray(Section::Environments).at(1).toObject().value(u"name"_s).toString(), u"Sta"_s);

    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(ws->sectionArray(Section::Environments).at(1).toObject().value(u"name"_s).toString(), u"Staging"_s);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(ws->sectionArray(Section::Environments), before);
    QVERIFY2(!window.isWindowModified(), "undoing every edit returns to the saved state");
    window.undoStack()->redo();
    QCOMPARE(ws->sectionArray(Section::Environments).size(), 2);
    QVERIFY(window.isWindowModified());
    ws->setModified(false);
}

void TestMainWindow::malformedAuthIsAProblemAndTheServerStaysDown()
{
    // "auth": true used to make the protected route public; now the file opens, the route is
    // reported with its JSON path, and the server refuses to start.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"open-door.quarry"_s);
    QFile sample(samplePath());
    QVERIFY(sample.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(sample.readAll()).object();
    QJsonObject mock = root.value(u"mock"_s).toObject();
    QJsonArray routes = mock.value(u"routes"_s).toArray();
    int index = -1;
    for (int i = 0; i < routes.size(); ++i) {
        if (routes.at(i).toObject().value(u"id"_s).toString() == u"route-protected"_s) {
            QJsonObject route = routes.at(i).toObject();
            route.insert(u"auth"_s, true);
            routes[i] = route;
            index = i;
        }
    }
    QVERIFY(index >= 0);
    mock.insert(u"routes"_s, routes);
    root.insert(u"mock"_s, mock);
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(root).toJson());
    out.close();

    MainWindow window;
    auto *problems = window.findChild<quarry::app::ProblemsDock *>();
    QVERIFY(problems);
    const int before = problems->count();
    const auto opened = window.openWorkspace(path);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    QCOMPARE(window.workspace()->filePath(), QFileInfo(path).absoluteFilePath());
    const QString where = u"mock.routes[%1].auth"_s.arg(index);
    auto reported = [&] {
        for (int row = before; row < problems->count(); ++row) {
            if (problems->whereAt(row).contains(where) && problems->messageAt(row).contains(u"GET /api/protected"_s))
                return true;
        }
        return false;
    };
    QVERIFY2(reported(), qPrintable(u"no problem at %1 among %2"_s.arg(where).arg(problems->count() - before)));
    const int reportedCount = problems->count();
    auto *page = window.mockPage();
    page->findChild<QSpinBox *>(u"portSpin"_s)->setValue(0);
    const auto started = page->start();
    QVERIFY(!started);
    QCOMPARE(started.error().where, where);
    QVERIFY(problems->count() > reportedCount);   // the refusal is reported too
    QVERIFY2(page->statusText().startsWith(u"Not started"_s), qPrintable(page->statusText()));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
