// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "workspace/workspacetreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::workspace::Section;
using quarry::workspace::Workspace;
using quarry::workspace::WorkspaceTreeModel;

class TestWorkspaceTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void outlinesTheSample();
    void followsChanges();
};

void TestWorkspaceTreeModel::outlinesTheSample()
{
    auto ws = Workspace::load(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s);
    QVERIFY(ws);
    WorkspaceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWorkspace(ws.value().get());
    QCOMPARE(model.rowCount(), 6);

    const QModelIndex schema = model.sectionIndex(Section::Schema);
    QCOMPARE(schema.data().toString(), u"Schema"_s);
    const QModelIndex users = model.index(0, 0, schema);
    QCOMPARE(users.data().toString(), u"users"_s);
    QCOMPARE(users.data(WorkspaceTreeModel::KindRole).toString(), u"table"_s);
    QCOMPARE(users.data(WorkspaceTreeModel::IdRole).toString(), u"tbl-users"_s);
    QCOMPARE(model.rowCount(users), 5); // four columns and the email index
    const QModelIndex email = model.index(1, 1, users);
    QCOMPARE(email.data().toString(), u"varchar(255) unique not null"_s);
    const QModelIndex createdAt = model.index(3, 1, users);
    QCOMPARE(createdAt.data().toString(), u"timestamp default CURRENT_TIMESTAMP"_s);

    const QModelIndex mock = model.sectionIndex(Section::Mock);
    QCOMPARE(mock.siblingAtColumn(1).data().toString(), u"127.0.0.1:3000"_s);
    QStringList routes;
    for (int i = 0; i < model.rowCount(mock); ++i)
        routes << model.index(i, 0, mock).data().toString();
    QVERIFY(routes.contains(u"GET /api/users"_s));
    QVERIFY(routes.contains(u"GET /api/protected"_s));

    const QModelIndex requests = model.sectionIndex(Section::Collections);
    const QModelIndex collection = model.index(0, 0, requests);
    QCOMPARE(collection.data().toString(), u"Users API"_s);
    QCOMPARE(model.rowCount(collection), 5);

    const QModelIndex auth = model.sectionIndex(Section::AuthProfiles);
    QVERIFY(model.index(0, 1, auth).data().toString().contains(u"env:QUARRY_JWT_SECRET"_s));
}

void TestWorkspaceTreeModel::followsChanges()
{
    auto ws = Workspace::createEmpty();
    WorkspaceTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWorkspace(ws.get());
    QCOMPARE(model.rowCount(model.sectionIndex(Section::Databases)), 0);
    ws->setSection(Section::Databases,
                   QJsonArray{QJsonObject{{u"name"_s, u"Pagila"_s}, {u"url"_s, u"postgresql://localhost/pagila"_s}}});
    const QModelIndex dbs = model.sectionIndex(Section::Databases);
    QCOMPARE(model.rowCount(dbs), 1);
    QCOMPARE(model.index(0, 1, dbs).data().toString(), u"postgresql://localhost/pagila"_s);
    ws.reset();
    QCOMPARE(model.rowCount(), 0); // the workspace went away: an empty outline, not dangling rows
}

QTEST_GUILESS_MAIN(TestWorkspaceTreeModel)
#include "tst_workspacetreemodel.moc"
