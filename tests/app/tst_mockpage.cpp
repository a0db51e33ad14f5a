// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/designpanel.h"
#include "diagram/diagrameditor.h"
#include "diagram/diagramscene.h"
#include "mockpage.h"
#include "outlinemodel.h"
#include "requestlogmodel.h"
#include "requestlogpanel.h"
#include "routeeditor.h"
#include "schemapage.h"

#include "mock/mockserver.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;
using quarry::app::MockPage;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

class TestMockPage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void servesTheSampleAndLogsLive();
    void routeEditsApplyToTheRunningServerAndUndo();
    void addedRouteAnswersWithItsResponse();
    void bodyPlaceholderNamesHelpersThatExist();
    void portInUseIsAClearError();
    void importsOpenApiUndoably();
    void designEditsInTheDiagramReachTheRunningServer();
    void brokenProfileIsAProblemAndRefusesToStart_data();
    void brokenProfileIsAProblemAndRefusesToStart();

private:
    /// A real HTTP request over a socket; returns status and body.
    std::pair<int, QByteArray> send(const QByteArray &method, const QString &path, const QByteArray &body = {});

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<MockPage> m_page;
    QNetworkAccessManager m_net;
    quint16 m_port = 0;
};

void TestMockPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const QString path = m_dir->filePath(u"seed.quarry"_s);
    QVERIFY(QFile::copy(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    auto ws = Workspace::load(path);
    QVERIFY(ws);
    m_workspace = std::move(ws).value();
    m_undo = std::make_unique<QUndoStack>();
    m_page = std::make_unique<MockPage>(m_undo.get());
    m_page->setWorkspace(m_workspace.get());
    m_page->resize(1100, 700);
    m_page->show();
    m_page->findChild<QSpinBox *>(u"portSpin"_s)->setValue(0); // any free port
    const auto started = m_page->start();
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    m_port = started.value();
    QVERIFY(m_port > 0);
    QVERIFY(m_page->statusText().contains(u"Listening on"_s));
}

void TestMockPage::cleanup()
{
    m_page.reset();
    m_undo.reset();
    m_workspace.reset();
}

std::pair<int, QByteArray> TestMockPage::send(const QByteArray &method, const QString &path, const QByteArray &body)
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    QNetworkReply *reply = m_net.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10'000))
        return {-1, {}};
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray bytes = reply->readAll();
    reply->deleteLater();
    return {status, bytes};
}

void TestMockPage::servesTheSampleAndLogsLive()
{
    auto [status, body] = send("GET", u"/api/users"_s);
    QCOMPARE(status, 200);
    QVERIFY(QJsonDocument::fromJson(body).isArray());
    std::tie(status, body) = send("POST", u"/api/users"_s, R"({"email":"grace@example.com","name":"Grace"})");
    QCOMPARE(status, 201);
    std::tie(status, body) = send("GET", u"/api/nowhere"_s);
    QCOMPARE(status, 404);

    auto *panel = m_page->logPanel();
    QTRY_COMPARE(panel->model()->rowCount(), 3);
    QCOMPARE(panel->model()->entry(1).status, 201);
    QCOMPARE(panel->model()->entry(2).routeLabel, QString());

    panel->selectRow(1);
    const QString detail = panel->detailText();
    QVERIFY2(detail.startsWith(u"POST /api/users  →  201 Created"_s), qPrintable(detail));
    QVERIFY2(detail.contains(u"How it was decided"_s), qPrintable(detail));
    QVERIFY2(detail.contains(u"grace@example.com"_s), qPrintable(detail));

    panel->setFilter(u"404"_s);
    QCOMPARE(panel->visibleCount(), 1);
    panel->setFilter(QString());
    QCOMPARE(panel->visibleCount(), 3);
}

void TestMockPage::routeEditsApplyToTheRunningServerAndUndo()
{
    m_page->selectRoute(u"route-protected"_s);
    auto *editor = m_page->routeEditor();
    QCOMPARE(editor->routeId(), u"route-protected"_s);
    auto *pathEdit = editor->findChild<QLineEdit *>(u"pathEdit"_s);
    pathEdit->setFocus();
    pathEdit->end(false);
    pathEdit->backspace(); // "/api/protected" -> "/api/protecte"
    QTest::keyClicks(pathEdit, u"d-area"_s);
    QCOMPARE(pathEdit->text(), u"/api/protected-area"_s);
    // Typing merged into one undo step, and the workspace holds the new path.
    QCOMPARE(m_undo->count(), 1);
    const QJsonArray routes = m_workspace->section(Section::Mock).value(u"routes"_s).toArray();
    QCOMPARE(routes.at(3).toObject().value(u"path"_s).toString(), u"/api/protected-area"_s);
    QVERIFY(m_workspace->isModified());

    // The running server follows without a restart.
    QTRY_COMPARE(send("GET", u"/api/protected"_s).first, 404);
    QCOMPARE(send("GET", u"/api/protected-area"_s).first, 401); // still protected: no bearer token sent

    m_undo->undo();
    QCOMPARE(pathEdit->text(), u"/api/protected"_s);
    QTRY_COMPARE(send("GET", u"/api/protected-area"_s).first, 404);
}

void TestMockPage::addedRouteAnswersWithItsResponse()
{
    QTest::mouseClick(m_page->findChild<QPushButton *>(u"addRouteButton"_s), Qt::LeftButton);
    auto *editor = m_page->routeEditor();
    QCOMPARE(editor->route().path, u"/api/new"_s);
    auto *body = editor->findChild<QPlainTextEdit *>(u"bodyEdit"_s);
    body->setPlainText(u"{ \"id\": \"{{params.id}}\" }"_s);
    auto *pathEdit = editor->findChild<QLineEdit *>(u"pathEdit"_s);
    pathEdit->selectAll();
    QTest::keyClicks(pathEdit, u"/api/things/:id"_s);
    auto *statusLabel = editor->findChild<QLabel *>(u"bodyStatusLabel"_s);
    QVERIFY2(statusLabel->text().contains(u"Template"_s), qPrintable(statusLabel->text()));

    QTRY_COMPARE(send("GET", u"/api/things/42"_s).first, 200);
    QCOMPARE(QJsonDocument::fromJson(send("GET", u"/api/things/42"_s).second).object().value(u"id"_s).toString(),
             u"42"_s);

    body->setPlainText(u"{ \"broken\": }"_s);
    QVERIFY2(statusLabel->text().startsWith(u"Not JSON (line 1, column 13)"_s), qPrintable(statusLabel->text()));
}

void TestMockPage::bodyPlaceholderNamesHelpersThatExist()
{
    // Each fake-data helper the body's placeholder shows renders something on the running server.
    QTest::mouseClick(m_page->findChild<QPushButton *>(u"addRouteButton"_s), Qt::LeftButton);
    auto *body = m_page->routeEditor()->findChild<QPlainTextEdit *>(u"bodyEdit"_s);
    static const QRegularExpression helper(u"\\{\\{#(fake\\w*\\.\\w+)\\}\\}.*?\\{\\{/\\1\\}\\}|\\{\\{(fake\\w*\\.\\w+)\\}\\}"_s);
    QStringList shown;
    for (auto it = helper.globalMatch(body->placeholderText()); it.hasNext();)
        shown << it.next().captured(0);
    QVERIFY2(shown.size() >= 2, qPrintable(body->placeholderText()));
    for (qsizetype i = 0; i < shown.size(); ++i) {
        const QByteArray mark = QByteArray::number(i) + ":<";
        body->setPlainText(QString::fromLatin1(mark) + shown.at(i) + u">"_s);
        QTRY_VERIFY2(send("GET", u"/api/new"_s).second.startsWith(mark), qPrintable(shown.at(i)));
        QVERIFY2(send("GET", u"/api/new"_s).second.size() > mark.size() + 1, qPrintable(shown.at(i)));
    }
}

void TestMockPage::portInUseIsAClearError()
{
    QUndoStack undo;
    MockPage second(&undo);
    second.setWorkspace(m_workspace.get());
    second.findChild<QSpinBox *>(u"portSpin"_s)->setValue(m_port);
    QSignalSpy problems(&second, &MockPage::problem);
    const auto started = second.start();
    QVERIFY(!started);
    QCOMPARE(problems.count(), 1);
    QVERIFY2(second.statusText().startsWith(u"Not started"_s), qPrintable(second.statusText()));
    QVERIFY2(started.error().message.contains(QString::number(m_port)), qPrintable(started.error().message));
    QCOMPARE(send("GET", u"/api/users"_s).first, 200); // the first server is undisturbed
}

void TestMockPage::importsOpenApiUndoably()
{
    const QString petstore = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/data/openapi/petstore.yaml"_s;
    QVERIFY(QFile::exists(petstore));
    QSignalSpy log(m_page.get(), &MockPage::logMessage);
    QVERIFY(m_page->importOpenApi(petstore));
    QVERIFY2(log.last().first().toString().contains(u"3 route(s) added, 0 replaced"_s), qPrintable(log.last().first().toString()));
    QCOMPARE(m_page->findChild<QListWidget *>(u"routesList"_s)->count(), 8); // the sample's 5 and petstore's 3
    // The running server answers the imported routes with their examples.
    QTRY_COMPARE(send("GET", u"/pets/1"_s).first, 200);
    m_undo->undo();
    QCOMPARE(m_page->findChild<QListWidget *>(u"routesList"_s)->count(), 5);

    QSignalSpy problems(m_page.get(), &MockPage::problem);
    QVERIFY(!m_page->importOpenApi(m_dir->filePath(u"missing.yaml"_s)));
    QCOMPARE(problems.count(), 1);
}

/// The tables and columns of the served SQLite file, as "table.column".
static QStringList servedColumns(const QString &path)
{
    QStringList out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"served-check"_s);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(u"SELECT m.name, p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p"
                        u" WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"_s, db);
            while (q.next())
                out << q.value(0).toString() + u'.' + q.value(1).toString();
        }
    }
    QSqlDatabase::removeDatabase(u"served-check"_s);
    return out;
}

void TestMockPage::designEditsInTheDiagramReachTheRunningServer()
{
    // The Schema page edits the same workspace through the same undo stack, as in MainWindow.
    quarry::workspace::WorkspaceTreeModel tree;
    tree.setWorkspace(m_workspace.get());
    quarry::app::OutlineModel outline;
    outline.setSourceModel(&tree);
    quarry::app::SchemaPage schemaPage(&outline);
    schemaPage.setUndoStack(m_undo.get());
    schemaPage.setWorkspace(m_workspace.get());
    auto *diagram = schemaPage.diagramEditor();
    const QString db = m_dir->filePath(u"seed.db"_s);
    QVERIFY(servedColumns(db).contains(u"users.email"_s));

    // Add table, then a column on users: both reach the served file while the server runs.
    const QString tableId = diagram->addTable();
    QVERIFY(!tableId.isEmpty());
    QTRY_VERIFY(servedColumns(db).contains(u"new_table.id"_s));
    diagram->scene()->selectTables({u"tbl-users"_s});
    QVERIFY(diagram->addColumn());
    QTRY_VERIFY(servedColumns(db).contains(u"users.new_column"_s));
    auto [status, body] = send("POST", u"/api/users"_s, R"({"email": "col@example.com", "new_column": "arrived"})");
    QCOMPARE(status, 201);
    QCOMPARE(QJsonDocument::fromJson(body).object().value(u"new_column"_s).toString(), u"arrived"_s);

    // Renaming the new table reaches the served file as a rename (no second table, the row kept),
    // and the request log says so.
    diagram->scene()->selectTables({tableId});
    auto *name = diagram->panel()->findChild<QLineEdit *>(u"nameEdit"_s);
    name->setText(u"books"_s);
    emit name->editingFinished();
    auto *log = m_page->logPanel()->model();
    auto noticed = [log] {
        for (int row = 0; row < log->rowCount(); ++row) {
            if (log->entry(row).notice.contains(u"Applied to the served database: rename table new_table to books."_s))
                return true;
        }
        return false;
    };
    QTRY_VERIFY(noticed());
    QVERIFY(servedColumns(db).contains(u"books.id"_s));
    QVERIFY(!servedColumns(db).contains(u"new_table.id"_s));
    QCOMPARE(log->data(log->index(log->rowCount() - 1, 1)).toString(), u"NOTE"_s);
    m_page->logPanel()->selectRow(log->rowCount() - 1);
    QVERIFY2(m_page->logPanel()->detailText().contains(u"rename table new_table to books"_s),
             qPrintable(m_page->logPanel()->detailText()));
}

void TestMockPage::brokenProfileIsAProblemAndRefusesToStart_data()
{
    QTest::addColumn<QJsonValue>("algorithm");
    QTest::addColumn<QString>("where");
    QTest::newRow("empty algorithm") << QJsonValue(u""_s) << u"authProfiles[0].algorithm"_s;
    QTest::newRow("alg none") << QJsonValue(u"none"_s) << u"authProfiles[0].algorithm"_s;
    QTest::newRow("HS999") << QJsonValue(u"HS999"_s) << u"authProfiles[0].algorithm"_s;
    QTest::newRow("no profiles") << QJsonValue(QJsonValue::Undefined) << u".profile"_s;
}

void TestMockPage::brokenProfileIsAProblemAndRefusesToStart()
{
    QFETCH(QJsonValue, algorithm);
    QFETCH(QString, where);
    m_page->stop();
    QJsonArray profiles = m_workspace->sectionArray(Section::AuthProfiles);
    if (algorithm.isUndefined()) {
        profiles = {};
    } else {
        QJsonObject profile = profiles.at(0).toObject();
        profile.insert(u"algorithm"_s, algorithm);
        profiles[0] = profile;
    }
    QJsonObject root = QJsonDocument::fromJson(m_workspace->toJson()).object();
    root.insert(u"authProfiles"_s, profiles);
    auto broken = Workspace::fromJson(QJsonDocument(root).toJson(), m_dir->filePath(u"broken.quarry"_s));
    QVERIFY2(broken, qPrintable(broken ? QString() : broken.error().toString()));

    QUndoStack undo;
    MockPage page(&undo);
    QSignalSpy problems(&page, &MockPage::problem);
    page.setWorkspace(broken.value().get());
    auto names = [&](const QString &what) {
        for (const QList<QVariant> &args : std::as_const(problems)) {
            const auto e = args.at(0).value<quarry::Error>();
            if (e.where.contains(what) && e.message.contains(u"\"auth-demo\""_s))
                return true;
        }
        return false;
    };
    QVERIFY2(names(where), qPrintable(u"%1 problem(s), none at %2 naming auth-demo"_s.arg(problems.size()).arg(where)));
    page.findChild<QSpinBox *>(u"portSpin"_s)->setValue(0);
    const auto started = page.start();
    QVERIFY(!started);
    QVERIFY2(started.error().where.contains(where), qPrintable(started.error().toString()));
    QVERIFY(started.error().message.contains(u"\"auth-demo\""_s));
    QVERIFY2(page.statusText().startsWith(u"Not started"_s), qPrintable(page.statusText()));
}

QTEST_MAIN(TestMockPage)
#include "tst_mockpage.moc"
