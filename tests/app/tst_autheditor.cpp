// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "autheditor.h"
#include "itemsettingseditor.h"
#include "keyvaluetable.h"
#include "outlinemodel.h"
#include "requesteditor.h"
#include "requestspage.h"
#include "responseview.h"

#include "mock/mockserver.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace Qt::Literals::StringLiterals;
using quarry::app::AuthEditor;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

namespace {
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

template <typename T>
T *child(QWidget *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no %s", qPrintable(name));
    return found;
}

/// Chooses an entry of a combo box as a user would (the index, then activated()).
void choose(QComboBox *combo, int index)
{
    QVERIFY(index >= 0 && index < combo->count());
    combo->setCurrentIndex(index);
    emit combo->activated(index);
}

void chooseData(QComboBox *combo, const QString &data)
{
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data));
    choose(combo, index);
}

/// Types into a line edit and finishes the edit (Return or leaving the field).
void type(QLineEdit *edit, const QString &text)
{
    edit->setText(text);
    emit edit->editingFinished();
}
} // namespace

/// The auth editor on the Requests page: collection and folder settings and the request's Auth
/// tab, configured through the widgets and sent against Quarry's own mock server on the sample
/// workspace (whose collection-wide login is removed first, so every auth here is the test's).
class TestAuthEditor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void loginFlowOnAFolderLogsInBySelf();
    void loginFlowOnTheCollectionIsInherited();
    void oauth2AndBasicRoundTrip();
    void invalidPointerAndClaimsAreRefused();
    void signedTokenCarriesTheTypedClaims();
    void collectionVariablesAndName();
    void folderShowsWhatItInheritsAndForgetsRefusedInput();

private:
    quarry::http::Exchange sendAndWait(const QString &requestId);
    QJsonObject collectionJson() const { return m_workspace->sectionArray(Section::Collections).at(0).toObject(); }
    QJsonObject itemJson(const QString &id) const { return findItem(collectionJson().value(u"items"_s).toArray(), id); }
    QString sentText() const;
    AuthEditor *settingsAuth() const { return m_page->settingsEditor()->authEditor(); }

    QTemporaryDir m_dir;
    QString m_baseUrl;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<quarry::mock::MockServer> m_server;
    std::unique_ptr<quarry::workspace::WorkspaceTreeModel> m_tree;
    std::unique_ptr<quarry::app::OutlineModel> m_outline;
    std::unique_ptr<QUndoStack> m_undo;
    std::unique_ptr<quarry::app::RequestsPage> m_page;
};

void TestAuthEditor::initTestCase()
{
    const QString path = m_dir.filePath(u"seed.quarry"_s);
    QVERIFY(QFile::copy(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    auto ws = Workspace::load(path);
    QVERIFY(ws);
    m_workspace = std::move(ws).value();
    QJsonArray collections = m_workspace->sectionArray(Section::Collections);
    QJsonObject users = collections.at(0).toObject();
    users.remove(u"auth"_s);
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

void TestAuthEditor::init()
{
    m_page->setVariableOverride(u"baseUrl"_s, m_baseUrl);
}

quarry::http::Exchange TestAuthEditor::sendAndWait(const QString &requestId)
{
    if (!m_page->selectRequest(requestId))
        qFatal("no request %s", qPrintable(requestId));
    QSignalSpy finished(m_page.get(), &quarry::app::RequestsPage::exchangeFinished);
    child<QPushButton>(m_page->editor(), u"sendButton"_s)->click();
    if (!finished.wait(15'000))
        return {};
    return finished.first().first().value<quarry::http::Exchange>();
}

QString TestAuthEditor::sentText() const
{
    for (auto *view : m_page->responseView()->findChildren<QPlainTextEdit *>()) {
        if (view->placeholderText().startsWith(u"What was sent"_s))
            return view->toPlainText();
    }
    return {};
}

void TestAuthEditor::loginFlowOnAFolderLogsInBySelf()
{
    // Without auth the protected resource is refused: what follows is the login flow's doing.
    auto refused = sendAndWait(u"req-protected"_s);
    QVERIFY(refused.response);
    QCOMPARE(refused.response->status, 401);

    QVERIFY(m_page->selectRequest(u"col-users-api"_s));
    const QString folder = m_page->addFolder(u"Secured"_s);
    QVERIFY(!folder.isEmpty());
    QCOMPARE(m_page->currentItemId(), folder);
    QVERIFY(m_page->settingsEditor()->isVisible());
    QVERIFY(!m_page->editor()->isVisible());
    const QString request = m_page->addRequest(u"Protected in folder"_s);
    QVERIFY(!request.isEmpty());
    auto *url = child<QLineEdit>(m_page->editor(), u"urlEdit"_s);
    url->setText(u"{{baseUrl}}/api/protected"_s);
    emit url->textEdited(url->text());
    emit url->editingFinished();
    QCOMPARE(itemJson(request).value(u"url"_s).toString(), u"{{baseUrl}}/api/protected"_s);

    // The folder's auth, set through its settings editor.
    QVERIFY(m_page->selectRequest(folder));
    AuthEditor *auth = settingsAuth();
    auto *mode = child<QComboBox>(auth, u"authModeCombo"_s);
    QCOMPARE(mode->currentIndex(), 0);   // inherit
    QVERIFY2(child<QLabel>(auth, u"inheritLabel"_s)->text().contains(u"no auth"_s),
             qPrintable(child<QLabel>(auth, u"inheritLabel"_s)->text()));
    const int before = m_undo->index();
    const QJsonObject folderBefore = itemJson(folder);
    choose(mode, 4);   // login flow
    QVERIFY2(auth->problemText().isEmpty(), qPrintable(auth->problemText()));
    chooseData(child<QComboBox>(auth, u"loginRequestCombo"_s), u"req-login"_s);
    type(child<QLineEdit>(auth, u"tokenPointerEdit"_s), u"/token"_s);
    type(child<QLineEdit>(auth, u"expiresInPointerEdit"_s), u"/expiresIn"_s);
    type(child<QLineEdit>(auth, u"profileNameEdit"_s), u"Ada in Secured"_s);
    QVERIFY2(auth->problemText().isEmpty(), qPrintable(auth->problemText()));
    const QJsonObject saved = itemJson(folder).value(u"auth"_s).toObject();
    QCOMPARE(saved.value(u"type"_s).toString(), u"login"_s);
    QCOMPARE(saved.value(u"loginRequest"_s).toString(), u"req-login"_s);
    QCOMPARE(saved.value(u"tokenPointer"_s).toString(), u"/token"_s);
    QCOMPARE(saved.value(u"expiresInPointer"_s).toString(), u"/expiresIn"_s);
    QCOMPARE(saved.value(u"name"_s).toString(), u"Ada in Secured"_s);
    const int steps = m_undo->index() - before;
    QVERIFY2(steps >= 2 && steps <= 4, qPrintable(QString::number(steps)));   // type, request?, expiresIn, name

    // The request inside inherits it and logs in by itself.
    QVERIFY(m_page->selectRequest(request));
    QVERIFY(child<QLabel>(m_page->editor(), u"authInfoLabel"_s)->text().contains(u"folder “Secured”"_s)
            || child<QLabel>(m_page->editor(), u"authInfoLabel"_s)->text().contains(u"folder \"Secured\""_s));
    const auto exchange = sendAndWait(request);
    QVERIFY(exchange.response);
    QCOMPARE(exchange.response->status, 200);
    QVERIFY2(m_page->authText().contains(u"Secured"_s) && m_page->authText().contains(u"Ada in Secured"_s),
             qPrintable(m_page->authText()));
    const QString sent = sentText();
    const QString authLine = sent.split(u'\n').filter(u"Authorization: Bearer "_s).value(0);
    QVERIFY2(authLine.contains(u"profile \"Ada in Secured\""_s) && authLine.contains(u"Secured"_s), qPrintable(sent));

    // Undo takes the folder back to no auth, redo restores the same JSON, and the widgets follow.
    while (m_undo->index() > before)
        m_undo->undo();
    QCOMPARE(itemJson(folder), folderBefore);
    QVERIFY(m_page->selectRequest(folder));
    QCOMPARE(mode->currentIndex(), 0);
    while (m_undo->index() < before + steps)
        m_undo->redo();
    QCOMPARE(itemJson(folder).value(u"auth"_s).toObject(), saved);
    QCOMPARE(mode->currentIndex(), 4);
    QCOMPARE(child<QLineEdit>(auth, u"profileNameEdit"_s)->text(), u"Ada in Secured"_s);
    QCOMPARE(child<QComboBox>(auth, u"loginRequestCombo"_s)->currentData().toString(), u"req-login"_s);
}

void TestAuthEditor::loginFlowOnTheCollectionIsInherited()
{
    QVERIFY(m_page->selectRequest(u"col-users-api"_s));
    QVERIFY(m_page->settingsEditor()->isVisible());
    AuthEditor *auth = settingsAuth();
    const int before = m_undo->index();
    choose(child<QComboBox>(auth, u"authModeCombo"_s), 4);
    chooseData(child<QComboBox>(auth, u"loginRequestCombo"_s), u"req-login"_s);
    type(child<QLineEdit>(auth, u"profileNameEdit"_s), u"Collection login"_s);
    QCOMPARE(collectionJson().value(u"auth"_s).toObject().value(u"loginRequest"_s).toString(), u"req-login"_s);
    const auto exchange = sendAndWait(u"req-protected"_s);
    QVERIFY(exchange.response);
    QCOMPARE(exchange.response->status, 200);
    QVERIFY2(m_page->authText().contains(u"collection"_s) && m_page->authText().contains(u"Users API"_s),
             qPrintable(m_page->authText()));
    QVERIFY2(sentText().contains(u"profile \"Collection login\" from collection"_s), qPrintable(sentText()));
    // The request's Inherit page says where its auth comes from.
    QVERIFY2(child<QLabel>(m_page->editor(), u"inheritLabel"_s)->text().contains(u"Users API"_s),
             qPrintable(child<QLabel>(m_page->editor(), u"inheritLabel"_s)->text()));
    while (m_undo->index() > before)
        m_undo->undo();
    QVERIFY(!collectionJson().contains(u"auth"_s));
}

void TestAuthEditor::oauth2AndBasicRoundTrip()
{
    QVERIFY(m_page->selectRequest(u"req-admin"_s));
    AuthEditor *auth = m_page->editor()->authEditor();
    auto *mode = child<QComboBox>(auth, u"authModeCombo"_s);
    const int before = m_undo->index();
    choose(mode, 5);   // OAuth 2
    QVERIFY2(auth->problemText().isEmpty(), qPrintable(auth->problemText()));
    type(child<QLineEdit>(auth, u"tokenUrlEdit"_s), u"{{baseUrl}}/oauth/token"_s);
    choose(child<QComboBox>(auth, u"grantCombo"_s), 1);   // password: needs a username first
    QVERIFY2(auth->problemText().contains(u"Username"_s), qPrintable(auth->problemText()));
    type(child<QLineEdit>(auth, u"oauthUsernameEdit"_s), u"ada@example.com"_s);
    QVERIFY2(auth->problemText().isEmpty(), qPrintable(auth->problemText()));
    type(child<QLineEdit>(auth, u"oauthPasswordEdit"_s), u"{{adaPassword}}"_s);
    type(child<QLineEdit>(auth, u"clientIdEdit"_s), u"quarry-cli"_s);
    type(child<QLineEdit>(auth, u"clientSecretEdit"_s), u"s3cret"_s);
    QVERIFY2(auth->warningText().contains(u"client secret"_s), qPrintable(auth->warningText()));
    type(child<QLineEdit>(auth, u"clientSecretEdit"_s), u"{{clientSecret}}"_s);
    QVERIFY(auth->warningText().isEmpty());
    type(child<QLineEdit>(auth, u"scopeEdit"_s), u"read write"_s);
    choose(child<QComboBox>(auth, u"clientAuthCombo"_s), 1);   // body
    choose(child<QComboBox>(auth, u"placementCombo"_s), 1);    // query
    type(child<QLineEdit>(auth, u"queryParamEdit"_s), u"token"_s);
    const QJsonObject oauth = itemJson(u"req-admin"_s).value(u"auth"_s).toObject();
    QCOMPARE(oauth.value(u"type"_s).toString(), u"oauth2"_s);
    QCOMPARE(oauth.value(u"tokenUrl"_s).toString(), u"{{baseUrl}}/oauth/token"_s);
    QCOMPARE(oauth.value(u"grant"_s).toString(), u"password"_s);
    QCOMPARE(oauth.value(u"clientId"_s).toString(), u"quarry-cli"_s);
    QCOMPARE(oauth.value(u"clientSecret"_s).toString(), u"{{clientSecret}}"_s);
    QCOMPARE(oauth.value(u"username"_s).toString(), u"ada@example.com"_s);
    QCOMPARE(oauth.value(u"password"_s).toString(), u"{{adaPassword}}"_s);
    QCOMPARE(oauth.value(u"scope"_s).toString(), u"read write"_s);
    QCOMPARE(oauth.value(u"clientAuth"_s).toString(), u"body"_s);
    QCOMPARE(oauth.value(u"placement"_s).toString(), u"query"_s);
    QCOMPARE(oauth.value(u"queryParam"_s).toString(), u"token"_s);
    const int oauthIndex = m_undo->index();

    // Basic; a literal password is saved but warned about.
    choose(mode, 3);
    type(child<QLineEdit>(auth, u"usernameEdit"_s), u"ada"_s);
    type(child<QLineEdit>(auth, u"passwordEdit"_s), u"hunter2"_s);
    QVERIFY2(auth->warningText().contains(u"password"_s), qPrintable(auth->warningText()));
    QCOMPARE(itemJson(u"req-admin"_s).value(u"auth"_s).toObject(),
             (QJsonObject{{u"type"_s, u"basic"_s}, {u"username"_s, u"ada"_s}, {u"password"_s, u"hunter2"_s}}));
    type(child<QLineEdit>(auth, u"passwordEdit"_s), u"{{adaPassword}}"_s);
    QVERIFY(auth->warningText().isEmpty());
    QCOMPARE(itemJson(u"req-admin"_s).value(u"auth"_s).toObject().value(u"password"_s).toString(), u"{{adaPassword}}"_s);

    // Back to the OAuth 2 step: the widgets show its fields again, read from the workspace.
    while (m_undo->index() > oauthIndex)
        m_undo->undo();
    QCOMPARE(itemJson(u"req-admin"_s).value(u"auth"_s).toObject(), oauth);
    QCOMPARE(mode->currentIndex(), 5);
    QCOMPARE(child<QLineEdit>(auth, u"tokenUrlEdit"_s)->text(), u"{{baseUrl}}/oauth/token"_s);
    QCOMPARE(child<QComboBox>(auth, u"grantCombo"_s)->currentText(), u"password"_s);
    QCOMPARE(child<QLineEdit>(auth, u"oauthUsernameEdit"_s)->text(), u"ada@example.com"_s);
    QCOMPARE(child<QLineEdit>(auth, u"scopeEdit"_s)->text(), u"read write"_s);
    QCOMPARE(child<QComboBox>(auth, u"clientAuthCombo"_s)->currentIndex(), 1);
    QCOMPARE(child<QComboBox>(auth, u"placementCombo"_s)->currentIndex(), 1);
    QCOMPARE(child<QLineEdit>(auth, u"queryParamEdit"_s)->text(), u"token"_s);
    QVERIFY(!child<QLineEdit>(auth, u"queryParamEdit"_s)->isHidden());
    QVERIFY(child<QLineEdit>(auth, u"headerEdit"_s)->isHidden());
    while (m_undo->index() > before)
        m_undo->undo();
    QVERIFY(!itemJson(u"req-admin"_s).contains(u"auth"_s));
    QCOMPARE(mode->currentIndex(), 0);
}

void TestAuthEditor::invalidPointerAndClaimsAreRefused()
{
    QVERIFY(m_page->selectRequest(u"req-admin"_s));
    AuthEditor *auth = m_page->editor()->authEditor();
    const int before = m_undo->index();
    choose(child<QComboBox>(auth, u"authModeCombo"_s), 4);
    const QJsonObject saved = itemJson(u"req-admin"_s).value(u"auth"_s).toObject();
    QCOMPARE(saved.value(u"type"_s).toString(), u"login"_s);
    const int steps = m_undo->index();
    type(child<QLineEdit>(auth, u"tokenPointerEdit"_s), u"token"_s);
    QVERIFY2(auth->problemText().contains(u"Token at"_s) && auth->problemText().contains(u"starts with '/'"_s),
             qPrintable(auth->problemText()));
    type(child<QLineEdit>(auth, u"expiresInPointerEdit"_s), u"/a~2"_s);
    QVERIFY2(auth->problemText().contains(u"Token at"_s), qPrintable(auth->problemText()));   // the first one
    QCOMPARE(m_undo->index(), steps);
    QCOMPARE(itemJson(u"req-admin"_s).value(u"auth"_s).toObject(), saved);
    type(child<QLineEdit>(auth, u"tokenPointerEdit"_s), u"/token"_s);
    QVERIFY2(auth->problemText().contains(u"Expires in at"_s) && auth->problemText().contains(u"~0"_s),
             qPrintable(auth->problemText()));
    QCOMPARE(m_undo->index(), steps);
    type(child<QLineEdit>(auth, u"expiresInPointerEdit"_s), u"/a~1b"_s);
    QVERIFY(auth->problemText().isEmpty());
    QCOMPARE(m_undo->index(), steps + 1);
    QCOMPARE(itemJson(u"req-admin"_s).value(u"auth"_s).toObject().value(u"expiresInPointer"_s).toString(), u"/a~1b"_s);

    // Claims that are not a JSON object.
    choose(child<QComboBox>(auth, u"authModeCombo"_s), 6);
    const QJsonObject signedJson = itemJson(u"req-admin"_s).value(u"auth"_s).toObject();
    QCOMPARE(signedJson.value(u"type"_s).toString(), u"signed"_s);
    const int signedSteps = m_undo->index();
    auto *claims = child<QPlainTextEdit>(auth, u"claimsEdit"_s);
    claims->setPlainText(u"{\"tenant\": acme}"_s);
    auth->commitPending();
    QVERIFY2(auth->problemText().contains(u"Extra claims"_s) && auth->problemText().contains(u"line 1"_s),
             qPrintable(auth->problemText()));
    claims->setPlainText(u"[1, 2]"_s);
    auth->commitPending();
    QVERIFY2(auth->problemText().contains(u"JSON object"_s), qPrintable(auth->problemText()));
    QCOMPARE(m_undo->index(), signedSteps);
    QCOMPARE(itemJson(u"req-admin"_s).value(u"auth"_s).toObject(), signedJson);
    claims->setPlainText(u"{\"tenant\": \"acme\"}"_s);
    QTRY_COMPARE(m_undo->index(), signedSteps + 1);   // saved a moment after typing stops
    QVERIFY(auth->problemText().isEmpty());
    QCOMPARE(itemJson(u"req-admin"_s).value(u"auth"_s).toObject().value(u"claims"_s).toObject(),
             (QJsonObject{{u"tenant"_s, u"acme"_s}}));
    while (m_undo->index() > before)
        m_undo->undo();
    QVERIFY(!itemJson(u"req-admin"_s).contains(u"auth"_s));
}

void TestAuthEditor::signedTokenCarriesTheTypedClaims()
{
    QVERIFY(m_page->selectRequest(u"req-protected"_s));
    AuthEditor *auth = m_page->editor()->authEditor();
    const int before = m_undo->index();
    choose(child<QComboBox>(auth, u"authModeCombo"_s), 6);
    QCOMPARE(child<QComboBox>(auth, u"profileCombo"_s)->currentData().toString(), u"auth-demo"_s);
    type(child<QLineEdit>(auth, u"subjectEdit"_s), u"grace@example.com"_s);
    type(child<QLineEdit>(auth, u"rolesEdit"_s), u"admin, auditor"_s);
    child<QPlainTextEdit>(auth, u"claimsEdit"_s)->setPlainText(u"{\"tenant\": \"acme\"}"_s);
    child<QCheckBox>(auth, u"perRequestCheck"_s)->setChecked(true);   // commits the claims too
    const QJsonObject json = itemJson(u"req-protected"_s).value(u"auth"_s).toObject();
    QCOMPARE(json.value(u"authProfile"_s).toString(), u"auth-demo"_s);
    QCOMPARE(json.value(u"subject"_s).toString(), u"grace@example.com"_s);
    QCOMPARE(json.value(u"roles"_s).toArray(), (QJsonArray{u"admin"_s, u"auditor"_s}));
    QCOMPARE(json.value(u"claims"_s).toObject(), (QJsonObject{{u"tenant"_s, u"acme"_s}}));
    QCOMPARE(json.value(u"perRequest"_s).toBool(), true);

    const auto exchange = sendAndWait(u"req-protected"_s);
    QVERIFY(exchange.response);
    QCOMPARE(exchange.response->status, 200);
    const QString text = m_page->authText();
    QVERIFY2(text.contains(u"grace@example.com"_s) && text.contains(u"auditor"_s) && text.contains(u"acme"_s),
             qPrintable(text));
    QVERIFY2(text.contains(u"request"_s), qPrintable(text));
    while (m_undo->index() > before)
        m_undo->undo();
    QVERIFY(!itemJson(u"req-protected"_s).contains(u"auth"_s));
}

void TestAuthEditor::collectionVariablesAndName()
{
    QVERIFY(m_page->selectRequest(u"col-users-api"_s));
    quarry::app::ItemSettingsEditor *settings = m_page->settingsEditor();
    const int before = m_undo->index();
    auto *table = child<quarry::app::KeyValueTable>(settings, u"variablesTable"_s);
    quarry::http::KeyValue row;
    row.name = u"tenant"_s;
    row.value = u"acme"_s;
    table->addRow(row);
    const QJsonArray vars = collectionJson().value(u"variables"_s).toArray();
    QCOMPARE(vars.size(), 1);
    QCOMPARE(vars.at(0).toObject().value(u"name"_s).toString(), u"tenant"_s);
    QCOMPARE(vars.at(0).toObject().value(u"value"_s).toString(), u"acme"_s);
    type(child<QLineEdit>(settings, u"nameEdit"_s), u"Users API v2"_s);
    QCOMPARE(collectionJson().value(u"name"_s).toString(), u"Users API v2"_s);
    QCOMPARE(m_undo->index(), before + 2);
    // An empty name is not taken.
    type(child<QLineEdit>(settings, u"nameEdit"_s), u"  "_s);
    QCOMPARE(child<QLineEdit>(settings, u"nameEdit"_s)->text(), u"Users API v2"_s);
    QCOMPARE(m_undo->index(), before + 2);
    m_undo->undo();
    m_undo->undo();
    QVERIFY(!collectionJson().contains(u"variables"_s));
    QCOMPARE(child<QLineEdit>(settings, u"nameEdit"_s)->text(), u"Users API"_s);
    QCOMPARE(child<QTableWidget>(table, u"rowsTable"_s)->rowCount(), 0);
}

void TestAuthEditor::folderShowsWhatItInheritsAndForgetsRefusedInput()
{
    QVERIFY(m_page->selectRequest(u"col-users-api"_s));
    const int before = m_undo->index();
    AuthEditor *auth = settingsAuth();
    auto *mode = child<QComboBox>(auth, u"authModeCombo"_s);
    QVERIFY2(mode->itemText(0).contains(u"nothing above"_s), qPrintable(mode->itemText(0)));
    choose(mode, 2);   // bearer on the collection
    type(child<QLineEdit>(auth, u"bearerEdit"_s), u"{{collectionToken}}"_s);
    const QString outer = m_page->addFolder(u"Outer"_s);
    const QString inner = m_page->addFolder(u"Inner"_s);
    QVERIFY(!outer.isEmpty() && !inner.isEmpty());
    QVERIFY(m_page->selectRequest(inner));
    QCOMPARE(mode->currentIndex(), 0);
    QVERIFY2(mode->itemText(0).contains(u"enclosing folder"_s), qPrintable(mode->itemText(0)));
    auto *inherit = child<QLabel>(auth, u"inheritLabel"_s);
    QVERIFY2(inherit->text().contains(u"bearer"_s) && inherit->text().contains(u"collection \"Users API\""_s),
             qPrintable(inherit->text()));
    // The outer folder's own auth is what the inner one inherits from then.
    QVERIFY(m_page->selectRequest(outer));
    choose(mode, 1);   // none
    QVERIFY(m_page->selectRequest(inner));
    QVERIFY2(inherit->text().contains(u"none"_s) && inherit->text().contains(u"folder \"Outer\""_s),
             qPrintable(inherit->text()));
    // Refused input is not carried to another folder.
    choose(mode, 4);
    const int steps = m_undo->index();
    type(child<QLineEdit>(auth, u"tokenPointerEdit"_s), u"token"_s);
    QVERIFY(!auth->problemText().isEmpty());
    QCOMPARE(m_undo->index(), steps);
    QVERIFY(m_page->selectRequest(outer));
    QVERIFY(auth->problemText().isEmpty());
    QCOMPARE(mode->currentIndex(), 1);
    QVERIFY(m_page->selectRequest(inner));
    QCOMPARE(child<QLineEdit>(auth, u"tokenPointerEdit"_s)->text(), u"/token"_s);
    while (m_undo->index() > before)
        m_undo->undo();
    QVERIFY(!collectionJson().contains(u"auth"_s));
    QVERIFY(itemJson(outer).isEmpty());
}

QTEST_MAIN(TestAuthEditor)
#include "tst_autheditor.moc"
