// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "outlinemodel.h"
#include "requestspage.h"

#include "mock/mockserver.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::workspace::Workspace;

/// The request tester page against Quarry's own mock server on the sample workspace.
class TestRequestsPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sendsTheSelectedRequest();
    void createUserShowsHeadersAndChecks();
    void unreachableServerIsExplained();

private:
    quarry::http::Exchange sendAndWait(const QString &requestId);

    QTemporaryDir m_dir;
    QJsonObject m_loginAuth;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<quarry::mock::MockServer> m_server;
    std::unique_ptr<quarry::workspace::WorkspaceTreeModel> m_tree;
    std::unique_ptr<quarry::app::OutlineModel> m_outline;
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
    // These cases are about sending and showing; the sample's collection-wide login is covered by
    // loginIsAutomatic() below, so here the collection carries no auth.
    QJsonArray collections = m_workspace->sectionArray(quarry::workspace::Section::Collections);
    QJsonObject users = collections.at(0).toObject();
    m_loginAuth = users.take(u"auth"_s).toObject();
    collections[0] = users;
    m_workspace->setSection(quarry::workspace::Section::Collections, collections);
    m_server = std::make_unique<quarry::mock::MockServer>();
    QVERIFY(m_server->configureFromWorkspace(*m_workspace));
    quarry::mock::ServerOptions options = m_server->config().server;
    options.port = 0;
    const auto port = m_server->start(options);
    QVERIFY(port);

    m_tree = std::make_unique<quarry::workspace::WorkspaceTreeModel>();
    m_tree->setWorkspace(m_workspace.get());
    m_outline = std::make_unique<quarry::app::OutlineModel>();
    m_outline->setSourceModel(m_tree.get());
    m_page = std::make_unique<quarry::app::RequestsPage>(m_outline.get());
    m_page->setWorkspace(m_workspace.get());
    m_page->selectEnvironment(u"Local"_s);
    m_page->setVariableOverride(u"baseUrl"_s, u"http://127.0.0.1:%1"_s.arg(port.value()));
    m_page->show();
}

quarry::http::Exchange TestRequestsPage::sendAndWait(const QString &requestId)
{
    if (!m_page->selectRequest(requestId))
        qFatal("no request %s in the sample", qPrintable(requestId));
    QSignalSpy finished(m_page.get(), &quarry::app::RequestsPage::exchangeFinished);
    m_page->send();
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

QTEST_MAIN(TestRequestsPage)
#include "tst_requestspage.moc"
