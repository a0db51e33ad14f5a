// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "environmentsdialog.h"
#include "itemsettingseditor.h"
#include "keyvaluetable.h"
#include "outlinemodel.h"
#include "requesteditor.h"
#include "requestspage.h"
#include "responseview.h"
#include "scriptseditor.h"

#include "mock/mockserver.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QCheckBox>
#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QToolButton>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTreeView>
#include <QTreeWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <Qsci/qsciscintilla.h>

using namespace Qt::Literals::StringLiterals;
using quarry::app::KeyValueTable;
using quarry::app::RequestEditor;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

namespace {
/// A one-shot HTTP server that keeps the raw bytes of each request it gets and answers 200 "ok".
class RawServer : public QTcpServer
{
public:
    RawServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    QByteArray &data = m_buffers[socket];
                    data += socket->readAll();
                    const qsizetype end = data.indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    qsizetype length = 0;
                    for (const QByteArray &line : data.left(end).split('\n')) {
                        if (line.toLower().startsWith("content-length:"))
                            length = line.mid(15).trimmed().toLongLong();
                    }
                    if (data.size() < end + 4 + length)
                        return;
                    received.append(data);
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                    socket->disconnectFromHost();
                });
            }
        });
    }
    QList<QByteArray> received;

private:
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

quarry::http::KeyValue row(const QString &name, const QString &value, bool enabled = true)
{
    quarry::http::KeyValue kv;
    kv.name = name;
    kv.value = value;
    kv.enabled = enabled;
    return kv;
}

QJsonObject findItem(const QJsonArray &items, const QString &id)
{
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        if (o.value(u"id"_s).toString() == id)
            return o;
        if (const QJsonObject found = findItem(o.value(u"items"_s).toArray(), id); !found.isEmpty())
            return found;
    }
    return {};
}
} // namespace

/// The request tester page against Quarry's own mock server on the sample workspace: the request
/// editor, the collection tree, history, environments and curl, driven through the real widgets.
class TestRequestsPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void sendsTheSelectedRequest();
    void createUserShowsHeadersAndChecks();
    void unreachableServerIsExplained();
    void editMethodUrlParamsAndHeadersWithUndo();
    void urlAndParamsStayInStep();
    void jsonBodyValidityShowsLineAndColumn();
    void bodyTypingIsOneUndoStep();
    void switchingBodyModeDropsTheImpliedContentType();
    void typingThenSwitchingKeepsTheText();
    void postsTheEditedJsonBodyAndGetsItBack();
    void sendsTheEditedMethodHeadersAndSettings();
    void multipartUploadsTheFileBytes();
    void checksAndExtractionsAreEditable();
    void scriptsAreEditedRunAndShown();
    void authModeIsChosen();
    void treeAddRenameDuplicateDeleteWithUndo();
    void historyIsRecordedSavedAndReloaded();
    void copyAndPasteCurl();
    void moreMenuDuplicatesDeletesAndCopiesCurl();
    void environmentsDialogEditsVariablesAndRefusesPlainSecrets();

private:
    quarry::http::Exchange sendAndWait(const QString &requestId);
    quarry::http::Exchange sendCurrentAndWait();
    QJsonObject requestJson(const QString &id) const;
    template <typename T>
    T *editorChild(const QString &name) const
    {
        T *child = m_page->editor()->findChild<T *>(name);
        if (!child)
            qFatal("no %s in the request editor", qPrintable(name));
        return child;
    }
    QTableWidget *tableOf(const QString &keyValueTable) const
    {
        return editorChild<KeyValueTable>(keyValueTable)->findChild<QTableWidget *>(u"rowsTable"_s);
    }

    QTemporaryDir m_dir;
    QString m_baseUrl;
    QJsonObject m_loginAuth;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<quarry::mock::MockServer> m_server;
    std::unique_ptr<quarry::workspace::WorkspaceTreeModel> m_tree;
    std::unique_ptr<quarry::app::OutlineModel> m_outline;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<quarry::app::RequestsPage> m_page;
};

void TestRequestsPage::initTestCase()
{
    const QString path = m_dir.filePath(u"seed.quarry"_s);
    QVERIFY(QFile::copy(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    auto ws = Workspace::load(path);
    QVERIFY(ws);
    m_workspace = std::move(ws).value();
    // These cases are about editing, sending and showing; the sample's collection-wide login is
    // covered by the core's tests, so here the collection carries no auth.
    QJsonArray collections = m_workspace->sectionArray(Section::Collections);
    QJsonObject users = collections.at(0).toObject();
    m_loginAuth = users.take(u"auth"_s).toObject();
    collections[0] = users;
    m_workspace->setSection(Section::Collections, collections);
    m_server = std::make_unique<quarry::mock::MockServer>();
    QVERIFY(m_server->configureFromWorkspace(*m_workspace));
    quarry::mock::ServerOptions options = m_server->config().server;
    options.port = 0;
    const auto port = m_server->start(options);
    QVERIFY(port);
    m_baseUrl = u"http://127.0.0.1:%1"_s.arg(port.value());

    m_tree = std::make_unique<quarry::workspace::WorkspaceTreeModel>();
    m_tree->setWorkspace(m_workspace.get());
    m_outline = std::make_unique<quarry::app::OutlineModel>();
    m_outline->setSourceModel(m_tree.get());
    m_undo = std::make_unique<QUndoStack>();
    m_page = std::make_unique<quarry::app::RequestsPage>(m_outline.get(), m_undo.get());
    m_page->setWorkspace(m_workspace.get());
    m_page->selectEnvironment(u"Local"_s);
    m_page->resize(1200, 800);
    m_page->show();
}

void TestRequestsPage::init()
{
    m_page->setVariableOverride(u"baseUrl"_s, m_baseUrl);
}

QJsonObject TestRequestsPage::requestJson(const QString &id) const
{
    return findItem(m_workspace->sectionArray(Section::Collections).at(0).toObject().value(u"items"_s).toArray(), id);
}

quarry::http::Exchange TestRequestsPage::sendAndWait(const QString &requestId)
{
    if (!m_page->selectRequest(requestId))
        qFatal("no request %s in the sample", qPrintable(requestId));
    return sendCurrentAndWait();
}

quarry::http::Exchange TestRequestsPage::sendCurrentAndWait()
{
    QSignalSpy finished(m_page.get(), &quarry::app::RequestsPage::exchangeFinished);
    editorChild<QPushButton>(u"sendButton"_s)->click();
    if (!finished.wait(15'000))
        return {};
    return finished.first().first().value<quarry::http::Exchange>();
}

void TestRequestsPage::sendsTheSelectedRequest()
{
    const auto exchange = sendAndWait(u"req-list-users"_s);
    QVERIFY(exchange.response);
    QCOMPARE(exchange.response->status, 200);
    QVERIFY2(m_page->statusText().contains(u"200"_s), qPrintable(m_page->statusText()));
    QVERIFY(m_page->bodyText().trimmed().startsWith(u'['));
    QCOMPARE(m_page->authText(), u"No authentication was attached."_s);
    // The page's response half is the full viewer: the JSON array is browsable as a tree, and the
    // page's own "Sent" tab (the request line and each header with its source) sits beside Checks.
    quarry::app::ResponseView *view = m_page->responseView();
    QVERIFY(view->isModeAvailable(quarry::app::ResponseView::BodyMode::Tree));
    QVERIFY(!view->isModeAvailable(quarry::app::ResponseView::BodyMode::Preview));
    auto *tabs = view->findChild<QTabWidget *>(u"tabs"_s);
    QVERIFY(tabs);
    QCOMPARE(tabs->tabText(tabs->count() - 1), u"Sent"_s);
    auto *sent = qobject_cast<QPlainTextEdit *>(tabs->widget(tabs->count() - 1));
    QVERIFY(sent);
    QVERIFY2(sent->toPlainText().startsWith(u"GET http://127.0.0.1:"_s), qPrintable(sent->toPlainText()));
}

void TestRequestsPage::createUserShowsHeadersAndChecks()
{
    const auto exchange = sendAndWait(u"req-create-user"_s);
    QVERIFY(exchange.response);
    QCOMPARE(exchange.response->status, 201);
    QVERIFY2(m_page->bodyText().contains(u"\"email\""_s), qPrintable(m_page->bodyText()));
    // The sample's checks run and are listed, whatever their number.
    const QStringList checks = m_page->checkResults();
    QCOMPARE(checks.size(), exchange.assertions.size());
    for (const QString &c : checks)
        QVERIFY2(c.contains(u"✓ passed"_s), qPrintable(checks.join(u'\n')));
}

void TestRequestsPage::unreachableServerIsExplained()
{
    m_page->setVariableOverride(u"baseUrl"_s, u"http://127.0.0.1:9"_s); // discard port: nothing listens
    const auto exchange = sendAndWait(u"req-list-users"_s);
    QVERIFY(!exchange.response);
    QVERIFY(exchange.error);
    QCOMPARE(m_page->statusText(), u"No response"_s);
}

void TestRequestsPage::editMethodUrlParamsAndHeadersWithUndo()
{
    QVERIFY(m_page->selectRequest(u"req-protected"_s));
    const QJsonObject before = requestJson(u"req-protected"_s);
    const int steps = m_undo->index();

    auto *method = editorChild<QComboBox>(u"methodCombo"_s);
    method->setCurrentIndex(method->findText(u"DELETE"_s));
    emit method->activated(method->currentIndex());
    QCOMPARE(requestJson(u"req-protected"_s).value(u"method"_s).toString(), u"DELETE"_s);
    QCOMPARE(m_undo->index(), steps + 1);

    // Typing a URL is one step, committed when editing finishes; its query becomes the Params tab.
    auto *url = editorChild<QLineEdit>(u"urlEdit"_s);
    url->selectAll();
    QTest::keyClicks(url, u"{{baseUrl}}/api/protected?page=2&sort=name"_s);
    QCOMPARE(m_undo->index(), steps + 1);
    QCOMPARE(tableOf(u"paramsTable"_s)->rowCount(), 2);
    emit url->editingFinished();
    QCOMPARE(m_undo->index(), steps + 2);
    QJsonObject now = requestJson(u"req-protected"_s);
    QCOMPARE(now.value(u"url"_s).toString(), u"{{baseUrl}}/api/protected"_s);
    const QJsonArray params = now.value(u"params"_s).toArray();
    QCOMPARE(params.size(), 2);
    QCOMPARE(params.at(0).toObject().value(u"name"_s).toString(), u"page"_s);
    QCOMPARE(params.at(0).toObject().value(u"value"_s).toString(), u"2"_s);
    QCOMPARE(params.at(1).toObject().value(u"value"_s).toString(), u"name"_s);

    // A header through the table: Add, then type into the cells.
    QTableWidget *headers = tableOf(u"headersTable"_s);
    editorChild<KeyValueTable>(u"headersTable"_s)->findChild<QPushButton *>(u"addButton"_s)->click();
    QCOMPARE(headers->rowCount(), 1);
    headers->item(0, 0)->setText(u"X-Trace"_s);
    headers->item(0, 1)->setText(u"abc"_s);
    now = requestJson(u"req-protected"_s);
    QCOMPARE(now.value(u"headers"_s).toArray().at(0).toObject().value(u"name"_s).toString(), u"X-Trace"_s);
    QCOMPARE(now.value(u"headers"_s).toArray().at(0).toObject().value(u"value"_s).toString(), u"abc"_s);

    // Undo everything: the request is as it was, and the editor shows it.
    while (m_undo->index() > steps)
        m_undo->undo();
    QCOMPARE(requestJson(u"req-protected"_s), before);
    QCOMPARE(method->currentText(), u"GET"_s);
    QCOMPARE(url->text(), u"{{baseUrl}}/api/protected"_s);
    QCOMPARE(headers->rowCount(), 0);
    // Redo brings the edits back, all the way to the header.
    while (m_undo->canRedo())
        m_undo->redo();
    QCOMPARE(requestJson(u"req-protected"_s).value(u"method"_s).toString(), u"DELETE"_s);
    QCOMPARE(url->text(), u"{{baseUrl}}/api/protected?page=2&sort=name"_s);
    QCOMPARE(headers->rowCount(), 1);
    while (m_undo->index() > steps)
        m_undo->undo();
    QCOMPARE(requestJson(u"req-protected"_s), before);
}

void TestRequestsPage::urlAndParamsStayInStep()
{
    QVERIFY(m_page->selectRequest(u"req-protected"_s));
    auto *url = editorChild<QLineEdit>(u"urlEdit"_s);
    QTableWidget *params = tableOf(u"paramsTable"_s);
    auto *table = editorChild<KeyValueTable>(u"paramsTable"_s);
    table->addRow(row(u"q"_s, u"a b"_s));
    QCOMPARE(url->text(), u"{{baseUrl}}/api/protected?q=a b"_s);
    // A disabled row stays in the table but leaves the URL.
    params->item(0, 0)->setCheckState(Qt::Unchecked);
    QCOMPARE(url->text(), u"{{baseUrl}}/api/protected"_s);
    QCOMPARE(requestJson(u"req-protected"_s).value(u"params"_s).toArray().at(0).toObject().value(u"enabled"_s).toBool(true),
             false);
    // Typing a query keeps the disabled row after the typed ones.
    url->selectAll();
    QTest::keyClicks(url, u"{{baseUrl}}/api/protected?x=1"_s);
    emit url->editingFinished();
    QCOMPARE(params->rowCount(), 2);
    QCOMPARE(params->item(0, 0)->text(), u"x"_s);
    QCOMPARE(params->item(1, 0)->text(), u"q"_s);
    QCOMPARE(params->item(1, 0)->checkState(), Qt::Unchecked);
    QCOMPARE(RequestEditor::splitUrl(u"http://h/p?a=%20b&c"_s, {}).second.at(0).value, u" b"_s);
    m_undo->undo();
    m_undo->undo();
    m_undo->undo();
    QVERIFY(!requestJson(u"req-protected"_s).contains(u"params"_s));
}

void TestRequestsPage::jsonBodyValidityShowsLineAndColumn()
{
    QVERIFY(m_page->selectRequest(u"req-create-user"_s));
    auto *body = editorChild<QPlainTextEdit>(u"bodyTextEdit"_s);
    QVERIFY(m_page->editor()->bodyStatus().startsWith(u"✓"_s));
    const int steps = m_undo->index();
    body->setPlainText(u"{\n  \"email\": \"x@example.com\",\n  \"name\": \n}"_s);
    const QString status = m_page->editor()->bodyStatus();
    QVERIFY2(status.startsWith(u"✗"_s) && status.contains(u"line 4, column 1"_s), qPrintable(status));
    QVERIFY(!editorChild<QLabel>(u"bodyStatusLabel"_s)->isHidden());
    // Variables outside strings are fine once filled in.
    body->setPlainText(u"{\"id\": {{userId}}}"_s);
    QVERIFY2(m_page->editor()->bodyStatus().contains(u"once its {{variables}}"_s), qPrintable(m_page->editor()->bodyStatus()));
    // The invalid text is kept (committed after the pause), never thrown away.
    body->setPlainText(u"{ broken"_s);
    QTRY_COMPARE(requestJson(u"req-create-user"_s).value(u"body"_s).toObject().value(u"text"_s).toString(), u"{ broken"_s);
    while (m_undo->index() > steps)
        m_undo->undo();
    QVERIFY(requestJson(u"req-create-user"_s).value(u"body"_s).toObject().value(u"text"_s).toString().contains(u"grace"_s));
}

void TestRequestsPage::bodyTypingIsOneUndoStep()
{
    QVERIFY(m_page->selectRequest(u"req-login"_s));
    auto *body = editorChild<QPlainTextEdit>(u"bodyTextEdit"_s);
    const QString before = body->toPlainText();
    const int steps = m_undo->index();
    body->moveCursor(QTextCursor::End);
    QTest::keyClicks(body, u" "_s);
    QTRY_COMPARE(m_undo->index(), steps + 1);
    QTest::keyClicks(body, u"  "_s);
    m_page->editor()->commitPending();
    QCOMPARE(m_undo->index(), steps + 1);   // merged into the same step
    QCOMPARE(requestJson(u"req-login"_s).value(u"body"_s).toObject().value(u"text"_s).toString(), before + u"   "_s);
    m_undo->undo();
    QCOMPARE(body->toPlainText(), before);
}

void TestRequestsPage::switchingBodyModeDropsTheImpliedContentType()
{
    QVERIFY(m_page->selectRequest(u"req-create-user"_s));
    const int steps = m_undo->index();
    QCOMPARE(tableOf(u"headersTable"_s)->rowCount(), 1);   // Content-Type: application/json
    auto *mode = editorChild<QComboBox>(u"bodyModeCombo"_s);
    mode->setCurrentIndex(2);   // form
    emit mode->activated(2);
    QCOMPARE(m_undo->index(), steps + 1);   // one step
    const QJsonObject json = requestJson(u"req-create-user"_s);
    QCOMPARE(json.value(u"body"_s).toObject().value(u"mode"_s).toString(), u"urlencoded"_s);
    QVERIFY(!json.contains(u"headers"_s));
    QCOMPARE(tableOf(u"headersTable"_s)->rowCount(), 0);
    // A header that says something else stays.
    editorChild<KeyValueTable>(u"headersTable"_s)->addRow(row(u"content-type"_s, u"text/csv"_s));
    mode->setCurrentIndex(4);   // raw
    emit mode->activated(4);
    QCOMPARE(tableOf(u"headersTable"_s)->rowCount(), 1);
    while (m_undo->index() > steps)
        m_undo->undo();
    QCOMPARE(requestJson(u"req-create-user"_s).value(u"headers"_s).toArray().size(), 1);
    QCOMPARE(mode->currentIndex(), 1);
}

void TestRequestsPage::typingThenSwitchingKeepsTheText()
{
    QVERIFY(m_page->selectRequest(u"req-login"_s));
    const int steps = m_undo->index();
    auto *body = editorChild<QPlainTextEdit>(u"bodyTextEdit"_s);
    body->setPlainText(u"{\"typed\": true}"_s);
    auto *url = editorChild<QLineEdit>(u"urlEdit"_s);
    url->selectAll();
    QTest::keyClicks(url, u"{{baseUrl}}/api/auth/login?typed=1"_s);
    // Another request is chosen before the pause and without editingFinished.
    QVERIFY(m_page->selectRequest(u"req-list-users"_s));
    QCOMPARE(url->text(), u"{{baseUrl}}/api/users"_s);
    QTRY_COMPARE(requestJson(u"req-login"_s).value(u"body"_s).toObject().value(u"text"_s).toString(),
                 u"{\"typed\": true}"_s);
    QCOMPARE(requestJson(u"req-login"_s).value(u"url"_s).toString(), u"{{baseUrl}}/api/auth/login"_s);
    QCOMPARE(requestJson(u"req-login"_s).value(u"params"_s).toArray().size(), 1);
    QCOMPARE(m_page->currentItemId(), u"req-list-users"_s);
    QCOMPARE(m_undo->index(), steps + 1);
    m_undo->undo();
    QVERIFY(requestJson(u"req-login"_s).value(u"body"_s).toObject().value(u"text"_s).toString().contains(u"ada@"_s));
}

void TestRequestsPage::postsTheEditedJsonBodyAndGetsItBack()
{
    QVERIFY(m_page->selectRequest(u"req-create-user"_s));
    auto *body = editorChild<QPlainTextEdit>(u"bodyTextEdit"_s);
    body->setPlainText(u"{\n  \"email\": \"grace-edited-{{$guid}}@example.com\",\n  \"name\": \"Edited In The Editor\"\n}"_s);
    // Send commits the pending text first.
    auto exchange = sendCurrentAndWait();
    QVERIFY(exchange.response);
    QCOMPARE(exchange.response->status, 201);
    QVERIFY(exchange.request.body.contains("Edited In The Editor"));
    QVERIFY2(m_page->bodyText().contains(u"Edited In The Editor"_s), qPrintable(m_page->bodyText()));
    exchange = sendAndWait(u"req-list-users"_s);
    QVERIFY(exchange.response);
    QVERIFY2(exchange.response->body.contains("Edited In The Editor"), exchange.response->body.constData());
}

void TestRequestsPage::sendsTheEditedMethodHeadersAndSettings()
{
    RawServer raw;
    QVERIFY(raw.listen(QHostAddress::LocalHost));
    QVERIFY(m_page->selectRequest(u"req-admin"_s));
    const int steps = m_undo->index();
    auto *method = editorChild<QComboBox>(u"methodCombo"_s);
    method->setEditText(u"purge"_s);   // not in the list: typed
    emit method->lineEdit()->editingFinished();
    QCOMPARE(method->currentText(), u"PURGE"_s);
    auto *url = editorChild<QLineEdit>(u"urlEdit"_s);
    url->setText(u"http://127.0.0.1:%1/raw?who=me"_s.arg(raw.serverPort()));
    emit url->textEdited(url->text());
    emit url->editingFinished();
    editorChild<KeyValueTable>(u"headersTable"_s)->addRow(row(u"X-Edited"_s, u"yes"_s));
    editorChild<KeyValueTable>(u"headersTable"_s)->addRow(row(u"X-Off"_s, u"no"_s, false));
    editorChild<QSpinBox>(u"timeoutSpin"_s)->setValue(4000);
    editorChild<QCheckBox>(u"followRedirectsCheck"_s)->setChecked(false);
    const QJsonObject json = requestJson(u"req-admin"_s);
    QCOMPARE(json.value(u"timeoutMs"_s).toInt(), 4000);
    QCOMPARE(json.value(u"followRedirects"_s).toBool(true), false);
    const auto exchange = sendCurrentAndWait();
    QVERIFY(exchange.response);
    QCOMPARE(raw.received.size(), 1);
    const QByteArray got = raw.received.first();
    QVERIFY2(got.startsWith("PURGE /raw?who=me HTTP/1.1"), got.constData());
    QVERIFY2(got.contains("X-Edited: yes"), got.constData());
    QVERIFY(!got.contains("X-Off"));
    while (m_undo->index() > steps)
        m_undo->undo();
    QCOMPARE(requestJson(u"req-admin"_s).value(u"method"_s).toString(), u"GET"_s);
}

void TestRequestsPage::multipartUploadsTheFileBytes()
{
    RawServer raw;
    QVERIFY(raw.listen(QHostAddress::LocalHost));
    const QString filePath = m_dir.filePath(u"upload.bin"_s);
    QByteArray bytes;
    for (int i = 0; i < 3000; ++i)
        bytes.append(char(i * 7 % 251));
    {
        QFile f(filePath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    const QString id = m_page->addRequest(u"Upload"_s);
    QVERIFY(!id.isEmpty());
    QCOMPARE(m_page->currentItemId(), id);
    auto *url = editorChild<QLineEdit>(u"urlEdit"_s);
    url->setText(u"http://127.0.0.1:%1/upload"_s.arg(raw.serverPort()));
    emit url->textEdited(url->text());
    emit url->editingFinished();
    auto *method = editorChild<QComboBox>(u"methodCombo"_s);
    method->setCurrentIndex(method->findText(u"POST"_s));
    emit method->activated(method->currentIndex());
    auto *mode = editorChild<QComboBox>(u"bodyModeCombo"_s);
    mode->setCurrentIndex(3);
    emit mode->activated(3);
    auto *parts = editorChild<KeyValueTable>(u"multipartTable"_s);
    parts->addRow(row(u"note"_s, u"hello"_s));
    parts->addRow(row(u"attachment"_s, {}));
    parts->setFile(1, filePath);
    const QJsonArray fields = requestJson(id).value(u"body"_s).toObject().value(u"fields"_s).toArray();
    QCOMPARE(fields.size(), 2);
    QCOMPARE(fields.at(1).toObject().value(u"type"_s).toString(), u"file"_s);
    const auto exchange = sendCurrentAndWait();
    QVERIFY(exchange.response);
    QCOMPARE(raw.received.size(), 1);
    const QByteArray got = raw.received.first();
    QVERIFY2(got.contains("multipart/form-data; boundary="), got.left(400).constData());
    QVERIFY(got.contains("name=\"note\""));
    QVERIFY(got.contains("hello"));
    QVERIFY(got.contains("filename=\"upload.bin\""));
    QVERIFY2(got.contains(bytes), "the file's bytes were not sent");
    QVERIFY(m_page->deleteItem(id));
}

void TestRequestsPage::checksAndExtractionsAreEditable()
{
    QVERIFY(m_page->selectRequest(u"req-list-users"_s));
    auto *table = editorChild<QTableWidget>(u"assertionsTable"_s);
    const int rows = table->rowCount();
    QCOMPARE(rows, 3);
    const int steps = m_undo->index();
    editorChild<QPushButton>(u"addAssertionButton"_s)->click();
    QCOMPARE(requestJson(u"req-list-users"_s).value(u"assertions"_s).toArray().size(), rows + 1);
    // Make it "json /0/email exists".
    auto *kind = qobject_cast<QComboBox *>(table->cellWidget(rows, 0));
    kind->setCurrentText(u"json"_s);
    table->item(rows, 1)->setText(u"/0/email"_s);
    QJsonObject added = requestJson(u"req-list-users"_s).value(u"assertions"_s).toArray().at(rows).toObject();
    QCOMPARE(added.value(u"kind"_s).toString(), u"json"_s);
    QCOMPARE(added.value(u"op"_s).toString(), u"exists"_s);
    QCOMPARE(added.value(u"pointer"_s).toString(), u"/0/email"_s);
    // A status that is not a number is refused with the row's number and kept in the table.
    table->item(0, 3)->setText(u"two hundred"_s);
    QVERIFY2(editorChild<QLabel>(u"checksStatusLabel"_s)->text().contains(u"Check 1"_s),
             qPrintable(editorChild<QLabel>(u"checksStatusLabel"_s)->text()));
    QCOMPARE(requestJson(u"req-list-users"_s).value(u"assertions"_s).toArray().at(0).toObject().value(u"value"_s).toInt(), 200);
    table->item(0, 3)->setText(u"200"_s);
    QVERIFY(editorChild<QLabel>(u"checksStatusLabel"_s)->text().isEmpty());

    editorChild<QPushButton>(u"addExtractionButton"_s)->click();
    auto *extractions = editorChild<QTableWidget>(u"extractionsTable"_s);
    extractions->item(0, 0)->setText(u"firstEmail"_s);
    extractions->item(0, 2)->setText(u"/0/email"_s);
    const QJsonObject extract = requestJson(u"req-list-users"_s).value(u"extract"_s).toArray().at(0).toObject();
    QCOMPARE(extract.value(u"variable"_s).toString(), u"firstEmail"_s);
    QCOMPARE(extract.value(u"pointer"_s).toString(), u"/0/email"_s);
    const auto exchange = sendCurrentAndWait();
    QVERIFY(exchange.response);
    QCOMPARE(exchange.assertions.size(), rows + 1);
    QVERIFY2(exchange.passed(), qPrintable(m_page->checkResults().join(u'\n')));
    while (m_undo->index() > steps)
        m_undo->undo();
    QCOMPARE(table->rowCount(), rows);
    QCOMPARE(extractions->rowCount(), 0);
}

void TestRequestsPage::scriptsAreEditedRunAndShown()
{
    const int steps = m_undo->index();
    // The collection's test script (its settings editor) runs for every request, before the request's own.
    const QString collectionId = m_workspace->sectionArray(Section::Collections).at(0).toObject().value(u"id"_s).toString();
    QVERIFY(m_page->selectRequest(collectionId));
    auto *settings = m_page->findChild<quarry::app::ItemSettingsEditor *>();
    QVERIFY(settings && settings->isVisible());
    auto *collectionScripts = settings->findChild<quarry::app::ScriptsEditor *>(u"scriptsEditor"_s);
    QVERIFY(collectionScripts);
    collectionScripts->testEditor()->setText(u"pm.test('collection: status 200', () => pm.response.to.have.status(200));"_s);
    collectionScripts->commitPending();
    QCOMPARE(m_workspace->sectionArray(Section::Collections).at(0).toObject().value(u"scripts"_s).toObject().value(u"test"_s).toArray(),
             QJsonArray{u"pm.test('collection: status 200', () => pm.response.to.have.status(200));"_s});
    QCOMPARE(m_undo->undoText(), u"Edit the scripts of “Users API”"_s);

    // The request's Scripts tab: typing commits a moment after it stops, as one step per pause.
    QVERIFY(m_page->selectRequest(u"req-list-users"_s));
    auto *scripts = editorChild<quarry::app::ScriptsEditor>(u"scriptsEditor"_s);
    scripts->preRequestEditor()->setText(u"pm.request.headers.add({key: 'X-From-Script', value: pm.info.requestName});"_s);
    scripts->testEditor()->setText(u"console.log('users:', pm.response.json().length);\n"
                                   "pm.test('list is an array', () => pm.expect(pm.response.json()).to.be.an('array'));\n"
                                   "pm.test('fails on purpose', () => pm.expect(1).to.equal(2));"_s);
    QTRY_COMPARE(requestJson(u"req-list-users"_s).value(u"scripts"_s).toObject().value(u"test"_s).toArray().size(), 3);
    QCOMPARE(requestJson(u"req-list-users"_s).value(u"scripts"_s).toObject().value(u"prerequest"_s).toArray().size(), 1);
    auto *tabs = editorChild<QTabWidget>(u"requestTabs"_s);
    QCOMPARE(tabs->tabText(tabs->indexOf(editorChild<QWidget>(u"scriptsTab"_s))), u"Scripts (2)"_s);

    const auto exchange = sendCurrentAndWait();
    QVERIFY(exchange.response);
    QCOMPARE(exchange.request.header("X-From-Script"), QByteArray("List users"));
    QStringList scriptTests;
    for (const quarry::http::AssertionResult &a : exchange.assertions) {
        if (!a.script.isEmpty())
            scriptTests << a.description;
    }
    QCOMPARE(scriptTests, (QStringList{u"collection: status 200"_s, u"list is an array"_s, u"fails on purpose"_s}));
    // Beside the declarative checks in the response pane, with what the script logged.
    const QStringList shown = m_page->checkResults();
    QVERIFY2(shown.contains(u"list is an array: ✓ passed"_s), qPrintable(shown.join(u'\n')));
    QVERIFY2(shown.contains(u"fails on purpose: ✗ AssertionError: expected 1 to equal 2"_s), qPrintable(shown.join(u'\n')));
    QVERIFY2(shown.last().startsWith(u"Console: 1 line"_s), qPrintable(shown.join(u'\n')));
    auto *checksView = m_page->responseView()->findChild<QTreeWidget *>(u"checksView"_s);
    QVERIFY(checksView);
    QTreeWidgetItem *console = checksView->topLevelItem(checksView->topLevelItemCount() - 1);
    QCOMPARE(console->child(0)->text(1), u"users: %1"_s.arg(QJsonDocument::fromJson(exchange.response->body).array().size()));

    while (m_undo->index() > steps)
        m_undo->undo();
    QVERIFY(!requestJson(u"req-list-users"_s).contains(u"scripts"_s));
    QVERIFY(!m_workspace->sectionArray(Section::Collections).at(0).toObject().contains(u"scripts"_s));
    QVERIFY(scripts->testEditor()->text().isEmpty());
}

void TestRequestsPage::authModeIsChosen()
{
    QVERIFY(m_page->selectRequest(u"req-protected"_s));
    auto *auth = editorChild<QComboBox>(u"authModeCombo"_s);
    QCOMPARE(auth->currentIndex(), 0);   // inherit
    QStringList labels;
    for (int i = 0; i < auth->count(); ++i)
        labels << auth->itemText(i);
    QVERIFY2(labels.filter(u"auth profile"_s).size() >= 1, qPrintable(labels.join(u", "_s)));
    auth->setCurrentIndex(2);   // bearer
    emit auth->activated(2);
    auto *token = editorChild<QLineEdit>(u"bearerEdit"_s);
    QVERIFY(!token->isHidden());
    token->setText(u"{{myToken}}"_s);
    emit token->editingFinished();
    const QJsonObject json = requestJson(u"req-protected"_s).value(u"auth"_s).toObject();
    QCOMPARE(json.value(u"type"_s).toString(), u"bearer"_s);
    QCOMPARE(json.value(u"token"_s).toString(), u"{{myToken}}"_s);
    m_undo->undo();
    m_undo->undo();
    QVERIFY(!requestJson(u"req-protected"_s).contains(u"auth"_s));
    QCOMPARE(auth->currentIndex(), 0);
}

void TestRequestsPage::treeAddRenameDuplicateDeleteWithUndo()
{
    const QJsonArray before = m_workspace->sectionArray(Section::Collections);
    const int steps = m_undo->index();
    QVERIFY(m_page->selectRequest(u"col-users-api"_s));
    const QString folder = m_page->addFolder(u"Admin tools"_s);
    QCOMPARE(folder, u"folder-admin-tools"_s);
    QCOMPARE(m_page->currentItemId(), folder);
    const QString nested = m_page->addFolder(u"Deeper"_s);
    const QString request = m_page->addRequest(u"Nested one"_s);
    QCOMPARE(request, u"req-nested-one"_s);
    // The request sits in the nested folder, inside the first folder.
    const QJsonObject folderJson = requestJson(folder);
    QCOMPARE(folderJson.value(u"items"_s).toArray().at(0).toObject().value(u"id"_s).toString(), nested);
    QCOMPARE(folderJson.value(u"items"_s).toArray().at(0).toObject().value(u"items"_s).toArray().at(0).toObject()
                 .value(u"id"_s).toString(), request);
    // A second request with the same name gets its own id.
    QVERIFY(m_page->selectRequest(nested));
    QCOMPARE(m_page->addRequest(u"Nested one"_s), u"req-nested-one-2"_s);

    QVERIFY(m_page->renameItem(request, u"Renamed"_s));
    QCOMPARE(requestJson(request).value(u"name"_s).toString(), u"Renamed"_s);
    QCOMPARE(requestJson(request).value(u"id"_s).toString(), request);   // ids are stable
    const QString copy = m_page->duplicateItem(folder);
    QVERIFY(!copy.isEmpty() && copy != folder);
    QCOMPARE(requestJson(copy).value(u"name"_s).toString(), u"Admin tools copy"_s);
    QVERIFY(requestJson(copy).value(u"items"_s).toArray().at(0).toObject().value(u"id"_s).toString() != nested);

    // Delete on the tree removes the selected item.
    QVERIFY(m_page->selectRequest(folder));
    auto *view = m_page->findChild<QTreeView *>(u"collectionsView"_s);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Delete);
    QVERIFY(requestJson(folder).isEmpty());
    QVERIFY(requestJson(request).isEmpty());
    m_undo->undo();
    QCOMPARE(requestJson(request).value(u"name"_s).toString(), u"Renamed"_s);
    while (m_undo->index() > steps)
        m_undo->undo();
    QCOMPARE(m_workspace->sectionArray(Section::Collections), before);
}

void TestRequestsPage::historyIsRecordedSavedAndReloaded()
{
    m_page->clearHistory();
    QVERIFY(m_workspace->history().isEmpty());
    const int steps = m_undo->index();
    m_workspace->setModified(false);
    QVERIFY(sendAndWait(u"req-list-users"_s).response);
    QVERIFY(sendAndWait(u"req-login"_s).response);
    // History is a log: no undo step, the document is not marked modified.
    QCOMPARE(m_undo->index(), steps);
    QVERIFY(!m_workspace->isModified());
    const QJsonArray history = m_workspace->history();
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0).toObject().value(u"requestId"_s).toString(), u"req-login"_s);
    QCOMPARE(history.at(0).toObject().value(u"status"_s).toInt(), 200);
    QVERIFY(!QJsonDocument(history).toJson().contains("Authorization"));
    auto *list = m_page->findChild<QListWidget *>(u"historyList"_s);
    QCOMPARE(list->count(), 2);
    // Clicking an entry selects its request.
    QVERIFY(m_page->selectRequest(u"req-login"_s));
    emit list->itemClicked(list->item(1));
    QCOMPARE(m_page->currentItemId(), u"req-list-users"_s);

    // Saved with the workspace, one object per entry, and read back.
    const QString path = m_dir.filePath(u"history.quarry"_s);
    QVERIFY(m_workspace->saveAs(path));
    const QByteArray file = [&] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(file.contains("\"history\": ["));
    auto reloaded = Workspace::load(path);
    QVERIFY(reloaded);
    QCOMPARE(reloaded.value()->history(), history);
    quarry::workspace::WorkspaceTreeModel tree;
    tree.setWorkspace(reloaded.value().get());
    quarry::app::OutlineModel outline;
    outline.setSourceModel(&tree);
    QUndoStack undo;
    quarry::app::RequestsPage page(&outline, &undo);
    page.setWorkspace(reloaded.value().get());
    QCOMPARE(page.history().entries().size(), 2);
    QCOMPARE(page.findChild<QListWidget *>(u"historyList"_s)->count(), 2);
    page.findChild<QPushButton *>(u"clearHistoryButton"_s)->click();
    QVERIFY(reloaded.value()->history().isEmpty());
    QVERIFY(!reloaded.value()->toJson().contains("\"history\""));
    page.setWorkspace(nullptr);
}

void TestRequestsPage::copyAndPasteCurl()
{
    QVERIFY(m_page->selectRequest(u"req-create-user"_s));
    const auto curl = m_page->curlCommand();
    QVERIFY2(curl, curl ? "" : qPrintable(curl.error().toString()));
    QVERIFY2(curl.value().contains(m_baseUrl + u"/api/users"_s), qPrintable(curl.value()));
    QVERIFY(curl.value().contains(u"Content-Type: application/json"_s));
    QVERIFY(!curl.value().contains(u"{{"_s));

    const int steps = m_undo->index();
    const auto id = m_page->pasteCurl(u"curl -X PUT '%1/api/users/1' -H 'X-From: curl' --data '{\"name\":\"Pasted\"}'"_s.arg(m_baseUrl));
    QVERIFY2(id, id ? "" : qPrintable(id.error().toString()));
    QCOMPARE(m_undo->index(), steps + 1);
    const QJsonObject json = requestJson(id.value());
    QCOMPARE(json.value(u"method"_s).toString(), u"PUT"_s);
    QCOMPARE(m_page->currentItemId(), id.value());
    QCOMPARE(editorChild<QComboBox>(u"methodCombo"_s)->currentText(), u"PUT"_s);
    const auto bad = m_page->pasteCurl(u"curl 'http://unterminated"_s);
    QVERIFY(!bad);
    QVERIFY(!bad.error().message.isEmpty());
    QCOMPARE(m_undo->index(), steps + 1);
    m_undo->undo();
    QVERIFY(requestJson(id.value()).isEmpty());
}

void TestRequestsPage::moreMenuDuplicatesDeletesAndCopiesCurl()
{
    auto *more = m_page->findChild<QToolButton *>(u"moreButton"_s);
    QVERIFY(more && more->menu());
    const auto trigger = [&](const QString &text) {
        emit more->menu()->aboutToShow();
        for (QAction *a : more->menu()->actions()) {
            if (a->text() == text && a->isEnabled()) {
                a->trigger();
                return true;
            }
        }
        return false;
    };
    QVERIFY(m_page->selectRequest(u"req-admin"_s));
    const int steps = m_undo->index();
    QVERIFY(trigger(u"Duplicate"_s));
    const QString copy = m_page->currentItemId();
    QCOMPARE(requestJson(copy).value(u"name"_s).toString(), u"Admin only copy"_s);
    QVERIFY(trigger(u"Delete"_s));
    QVERIFY(requestJson(copy).isEmpty());
    QCOMPARE(m_undo->index(), steps + 2);
    QVERIFY(m_page->selectRequest(u"req-list-users"_s));
    QGuiApplication::clipboard()->clear();
    QVERIFY(trigger(u"Copy as curl"_s));
    QVERIFY2(QGuiApplication::clipboard()->text().startsWith(u"curl"_s), qPrintable(QGuiApplication::clipboard()->text()));
    QVERIFY(QGuiApplication::clipboard()->text().contains(m_baseUrl + u"/api/users"_s));
    QVERIFY(m_page->noticeText().contains(u"curl"_s));
    // On a collection, Duplicate is off and Copy as curl too.
    QVERIFY(m_page->selectRequest(u"col-users-api"_s));
    QVERIFY(!trigger(u"Duplicate"_s));
    QVERIFY(!trigger(u"Copy as curl"_s));
    m_undo->undo();
    m_undo->undo();
}

void TestRequestsPage::environmentsDialogEditsVariablesAndRefusesPlainSecrets()
{
    quarry::app::EnvironmentsDialog dialog(m_undo.get());
    dialog.setWorkspace(m_workspace.get());
    dialog.selectEnvironment(u"Local"_s);
    const int steps = m_undo->index();
    dialog.addVariable(u"apiKey"_s, u"hunter2"_s, true);
    QCOMPARE(m_undo->index(), steps + 1);
    QVERIFY2(dialog.problemText().contains(u"apiKey"_s) && dialog.problemText().contains(u"env:APIKEY"_s),
             qPrintable(dialog.problemText()));
    const auto saved = m_workspace->saveAs(m_dir.filePath(u"secret.quarry"_s));
    QVERIFY(!saved);
    QVERIFY(saved.error().where.contains(u"environments"_s));
    // Fixing the value through the table clears the problem.
    auto *table = dialog.findChild<QTableWidget *>(u"variablesTable"_s);
    table->item(table->rowCount() - 1, 1)->setText(u"env:QUARRY_TEST_API_KEY"_s);
    QVERIFY(dialog.problemText().isEmpty());
    QVERIFY(m_workspace->plainSecrets().isEmpty());
    // A global variable creates the global scope; the page's environment list does not offer it.
    dialog.selectRow(0);
    dialog.addVariable(u"tenant"_s, u"acme"_s, false);
    const QJsonArray envs = m_workspace->sectionArray(Section::Environments);
    QCOMPARE(envs.at(0).toObject().value(u"global"_s).toBool(), true);
    auto *combo = m_page->findChild<QComboBox *>(u"environmentCombo"_s);
    QCOMPARE(combo->findText(u"Globals"_s), -1);
    QCOMPARE(combo->currentText(), u"Local"_s);
    // Add, rename and remove an environment through the widgets.
    dialog.findChild<QPushButton *>(u"addEnvironmentButton"_s)->click();
    QCOMPARE(m_workspace->sectionArray(Section::Environments).size(), 3);
    auto *name = dialog.findChild<QLineEdit *>(u"nameEdit"_s);
    name->setText(u"Staging"_s);
    emit name->editingFinished();
    QCOMPARE(m_workspace->sectionArray(Section::Environments).at(2).toObject().value(u"name"_s).toString(), u"Staging"_s);
    QVERIFY(combo->findText(u"Staging"_s) > 0);
    dialog.findChild<QPushButton *>(u"removeEnvironmentButton"_s)->click();
    QCOMPARE(m_workspace->sectionArray(Section::Environments).size(), 2);
    QCOMPARE(combo->findText(u"Staging"_s), -1);
    while (m_undo->index() > steps)
        m_undo->undo();
    QCOMPARE(m_workspace->sectionArray(Section::Environments).size(), 1);
}

QTEST_MAIN(TestRequestsPage)
#include "tst_requestspage.moc"
