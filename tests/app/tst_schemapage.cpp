// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "outlinemodel.h"
#include "schemapage.h"

#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

class TestSchemaPage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void sampleDdlAndAdvice();
    void dialectsDiffer();
    void editsRegenerate();
    void brokenDesignIsReported();
    void bigDesignsRegenerateAfterAPause();

private:
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<quarry::workspace::WorkspaceTreeModel> m_tree;
    std::unique_ptr<quarry::app::OutlineModel> m_outline;
    std::unique_ptr<quarry::app::SchemaPage> m_page;
};

void TestSchemaPage::init()
{
    auto ws = Workspace::load(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s);
    QVERIFY(ws);
    m_workspace = std::move(ws).value();
    m_tree = std::make_unique<quarry::workspace::WorkspaceTreeModel>();
    m_tree->setWorkspace(m_workspace.get());
    m_outline = std::make_unique<quarry::app::OutlineModel>();
    m_outline->setSourceModel(m_tree.get());
    m_page = std::make_unique<quarry::app::SchemaPage>(m_outline.get());
    m_page->setWorkspace(m_workspace.get());
    m_page->setDialect(u"postgres"_s);
    m_page->show();
}

void TestSchemaPage::sampleDdlAndAdvice()
{
    const QString ddl = m_page->ddlText();
    // The seed's shape (issue: the users design emits exactly the starter's DDL on PostgreSQL).
    QVERIFY2(ddl.contains(u"id SERIAL PRIMARY KEY"_s), qPrintable(ddl));
    QVERIFY2(ddl.contains(u"email VARCHAR(255) UNIQUE NOT NULL"_s), qPrintable(ddl));
    QVERIFY2(ddl.contains(u"created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP"_s), qPrintable(ddl));
    QVERIFY2(m_page->ddlStatus().contains(u"for PostgreSQL"_s), qPrintable(m_page->ddlStatus()));
    const QStringList advice = m_page->adviceRules();
    QVERIFY2(advice.join(u'\n').contains(u"users.idx_users_email"_s), qPrintable(advice.join(u'\n')));
}

void TestSchemaPage::dialectsDiffer()
{
    const QString postgres = m_page->ddlText();
    m_page->setDialect(u"sqlite"_s);
    const QString sqlite = m_page->ddlText();
    QVERIFY(sqlite != postgres);
    QVERIFY2(sqlite.contains(u"INTEGER PRIMARY KEY"_s), qPrintable(sqlite));
    m_page->setDialect(u"mysql"_s);
    QVERIFY2(m_page->ddlText().contains(u"AUTO_INCREMENT"_s), qPrintable(m_page->ddlText()));
}

void TestSchemaPage::editsRegenerate()
{
    QJsonObject schema = m_workspace->section(Section::Schema);
    QJsonArray tables = schema.value(u"tables"_s).toArray();
    tables.append(QJsonObject{{u"id"_s, u"tbl-posts"_s},
                              {u"name"_s, u"posts"_s},
                              {u"columns"_s, QJsonArray{QJsonObject{{u"id"_s, u"c-title"_s},
                                                                    {u"name"_s, u"title"_s},
                                                                    {u"type"_s, u"text"_s}}}}});
    schema.insert(u"tables"_s, tables);
    m_workspace->setSection(Section::Schema, schema);
    QVERIFY2(m_page->ddlText().contains(u"CREATE TABLE posts"_s), qPrintable(m_page->ddlText()));
    // A table without a primary key is worth a word of advice.
    QVERIFY2(m_page->adviceRules().join(u'\n').contains(u"posts"_s), qPrintable(m_page->adviceRules().join(u'\n')));
}

void TestSchemaPage::brokenDesignIsReported()
{
    QSignalSpy problems(m_page.get(), &quarry::app::SchemaPage::problem);
    QJsonObject schema = m_workspace->section(Section::Schema);
    QJsonArray tables = schema.value(u"tables"_s).toArray();
    tables.append(QJsonObject{{u"id"_s, u"tbl-dup"_s}, {u"name"_s, u"users"_s}, {u"columns"_s, QJsonArray{}}});
    schema.insert(u"tables"_s, tables);
    m_workspace->setSection(Section::Schema, schema);
    QVERIFY2(m_page->ddlStatus().startsWith(u"✗"_s), qPrintable(m_page->ddlStatus()));
    QCOMPARE(problems.count(), 1);
    QVERIFY(m_page->ddlText().isEmpty());
}

void TestSchemaPage::bigDesignsRegenerateAfterAPause()
{
    // 150 tables: several quick edits (typing, undo held down) cost one DDL run, after the last.
    QJsonArray tables;
    for (int i = 0; i < 150; ++i)
        tables.append(QJsonObject{{u"id"_s, u"tbl-%1"_s.arg(i)},
                                  {u"name"_s, u"t%1"_s.arg(i)},
                                  {u"columns"_s, QJsonArray{QJsonObject{{u"id"_s, u"c-%1"_s.arg(i)}, {u"name"_s, u"id"_s},
                                                                        {u"type"_s, u"serial"_s}, {u"primaryKey"_s, true}}}}});
    m_workspace->setSection(Section::Schema, QJsonObject{{u"tables"_s, tables}});
    QVERIFY(!m_page->ddlText().contains(u"CREATE TABLE t149"_s));   // not on the spot
    tables.append(QJsonObject{{u"id"_s, u"tbl-last"_s}, {u"name"_s, u"last_one"_s},
                              {u"columns"_s, QJsonArray{QJsonObject{{u"id"_s, u"c-last"_s}, {u"name"_s, u"note"_s},
                                                                    {u"type"_s, u"text"_s}}}}});
    m_workspace->setSection(Section::Schema, QJsonObject{{u"tables"_s, tables}});
    QTRY_VERIFY2(m_page->ddlText().contains(u"CREATE TABLE last_one"_s), qPrintable(m_page->ddlStatus()));
    QVERIFY(m_page->ddlText().contains(u"CREATE TABLE t149"_s));
}

QTEST_MAIN(TestSchemaPage)
#include "tst_schemapage.moc"
