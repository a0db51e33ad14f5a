// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::app::JsonTreeModel;

/// The lazy JSON tree: rows appear only when asked for, pointers and values are exact.
class TestJsonTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void passesTheModelTester();
    void childrenAreCreatedOnDemand();
    void pointersEscapeSlashAndTilde();
    void valuesAndTypes();
    void indexOfPointerFetchesItsWay();
    void indexOfPointerMisses_data();
    void indexOfPointerMisses();
};

static QJsonValue sample()
{
    return QJsonDocument::fromJson(R"({"users":[{"id":1,"email":"ada@example.com","admin":true},
        {"id":2,"email":"linus@example.com","admin":false,"manager":null}],
        "a/b":{"c~d":1.5},"total":2,"empty":{},"none":[]})")
        .object();
}

void TestJsonTreeModel::passesTheModelTester()
{
    // The tester is attached after setJson(): its model-reset checks call fetchMore() while the
    // reset is still being signalled, which it then reports as a nested change (a limit of the
    // Qt 6.4 tester with fetch-on-demand models). Attached here, it walks and fetches every level.
    JsonTreeModel model;
    model.setBatchSize(2);   // several fetchMore() rounds per container
    model.setJson(sample());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QModelIndex root = model.index(0, 0);
    while (model.canFetchMore(root))
        model.fetchMore(root);
    QCOMPARE(model.rowCount(root), 5);
    const QModelIndex users = model.indexOfPointer(u"/users"_s);
    while (model.canFetchMore(users))
        model.fetchMore(users);
    QCOMPARE(model.rowCount(users), 2);
}

void TestJsonTreeModel::childrenAreCreatedOnDemand()
{
    QJsonArray big;
    for (int i = 0; i < 100000; ++i)
        big.append(QJsonObject{{u"id"_s, i}, {u"name"_s, u"user-%1"_s.arg(i)}});
    JsonTreeModel model;
    model.setBatchSize(1000);
    model.setJson(big);
    QCOMPARE(model.rowCount(), 1);                 // "(root)"
    QCOMPARE(model.createdNodes(), 1);
    const QModelIndex root = model.index(0, 0);
    QVERIFY(model.hasChildren(root));
    QCOMPARE(model.rowCount(root), 0);             // nothing fetched yet
    QVERIFY(model.canFetchMore(root));
    model.fetchMore(root);
    QCOMPARE(model.rowCount(root), 1000);
    QCOMPARE(model.createdNodes(), 1001);
    // A child's own members wait for it to be expanded.
    const QModelIndex first = model.index(0, 0, root);
    QVERIFY(model.hasChildren(first));
    QCOMPARE(model.rowCount(first), 0);
    while (model.canFetchMore(root))
        model.fetchMore(root);
    QCOMPARE(model.rowCount(root), 100000);
    QCOMPARE(model.index(99999, JsonTreeModel::KeyColumn, root).data().toString(), u"[99999]"_s);
    QCOMPARE(model.index(0, JsonTreeModel::ValueColumn, root).data().toString(), u"{2 keys}"_s);
}

void TestJsonTreeModel::pointersEscapeSlashAndTilde()
{
    JsonTreeModel model;
    model.setJson(sample());
    const QModelIndex index = model.indexOfPointer(u"/a~1b/c~0d"_s);
    QVERIFY(index.isValid());
    QCOMPARE(index.data().toString(), u"c~d"_s);
    QCOMPARE(model.pointer(index), u"/a~1b/c~0d"_s);
    QCOMPARE(model.pointer(model.index(0, 0)), QString());
    QCOMPARE(model.pointer(model.indexOfPointer(u"/users/1/email"_s)), u"/users/1/email"_s);
}

void TestJsonTreeModel::valuesAndTypes()
{
    JsonTreeModel model;
    model.setJson(sample());
    auto at = [&](const QString &pointer, int column) {
        return model.indexOfPointer(pointer).siblingAtColumn(column).data().toString();
    };
    QCOMPARE(at(u"/users/0/email"_s, JsonTreeModel::ValueColumn), u"\"ada@example.com\""_s);
    QCOMPARE(model.valueText(model.indexOfPointer(u"/users/0/email"_s)), u"ada@example.com"_s);
    QCOMPARE(at(u"/users/0/email"_s, JsonTreeModel::TypeColumn), u"string"_s);
    QCOMPARE(at(u"/users/0/admin"_s, JsonTreeModel::ValueColumn), u"true"_s);
    QCOMPARE(at(u"/users/1/manager"_s, JsonTreeModel::TypeColumn), u"null"_s);
    QCOMPARE(at(u"/a~1b/c~0d"_s, JsonTreeModel::ValueColumn), u"1.5"_s);
    QCOMPARE(at(u"/total"_s, JsonTreeModel::ValueColumn), u"2"_s);
    QCOMPARE(at(u"/users"_s, JsonTreeModel::ValueColumn), u"[2 items]"_s);
    QCOMPARE(at(u"/users"_s, JsonTreeModel::TypeColumn), u"array"_s);
    QCOMPARE(model.valueText(model.indexOfPointer(u"/users/1"_s)),
             u"{\"admin\":false,\"email\":\"linus@example.com\",\"id\":2,\"manager\":null}"_s);
    QVERIFY(!model.hasChildren(model.indexOfPointer(u"/empty"_s)));
    QVERIFY(!model.hasChildren(model.indexOfPointer(u"/none"_s)));
}

void TestJsonTreeModel::indexOfPointerFetchesItsWay()
{
    QJsonArray big;
    for (int i = 0; i < 5000; ++i)
        big.append(QJsonObject{{u"id"_s, i}});
    JsonTreeModel model;
    model.setBatchSize(100);
    model.setJson(QJsonObject{{u"items"_s, big}});
    const QModelIndex index = model.indexOfPointer(u"/items/4321/id"_s);
    QVERIFY(index.isValid());
    QCOMPARE(model.valueText(index), u"4321"_s);
    // Only what the way needed: the root member, 4,400 of 5,000 items and one item's member.
    QVERIFY2(model.createdNodes() < 4500, qPrintable(QString::number(model.createdNodes())));
}

void TestJsonTreeModel::indexOfPointerMisses_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::newRow("missing key") << u"/nobody"_s;
    QTest::newRow("index past the end") << u"/users/2"_s;
    QTest::newRow("not a number") << u"/users/first"_s;
    QTest::newRow("into a scalar") << u"/total/x"_s;
    QTest::newRow("no leading slash") << u"users"_s;
}

void TestJsonTreeModel::indexOfPointerMisses()
{
    QFETCH(QString, pointer);
    JsonTreeModel model;
    model.setJson(sample());
    QVERIFY(!model.indexOfPointer(pointer).isValid());
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
