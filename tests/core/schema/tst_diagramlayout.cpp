// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/designedits.h"
#include "schema/diagramlayout.h"
#include "schema/pgddlimporter.h"
#include "schema/validator.h"

#include <QFile>
#include <QJsonArray>
#include <QRectF>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

class TestDiagramLayout : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void positionsRoundTrip();
    void oldDesignsHaveNoLayout();
    void pagilaLayoutHasNoOverlaps();
    void autoAvoidsALongColumn();
    void unplacedGoBelowPlaced();
    void unknownEngineIsAnError();
    void addTableAndColumn();
    void foreignKeyRules_data();
    void foreignKeyRules();
    void removalsCascade();
    void parseType_data();
    void parseType();
    void parseDefault();

private:
    Schema m_pagila;
};

namespace {
Schema shop()
{
    auto s = Schema::fromJson(QJsonObject{
        {u"tables"_s,
         QJsonArray{
             QJsonObject{{u"id"_s, u"tbl-customers"_s},
                         {u"name"_s, u"customers"_s},
                         {u"columns"_s,
                          QJsonArray{QJsonObject{{u"id"_s, u"c-id"_s}, {u"name"_s, u"id"_s}, {u"type"_s, u"serial"_s},
                                                 {u"primaryKey"_s, true}, {u"nullable"_s, false}},
                                     QJsonObject{{u"id"_s, u"c-email"_s}, {u"name"_s, u"email"_s}, {u"type"_s, u"text"_s}}}}},
             QJsonObject{{u"id"_s, u"tbl-orders"_s},
                         {u"name"_s, u"orders"_s},
                         {u"columns"_s,
                          QJsonArray{QJsonObject{{u"id"_s, u"o-id"_s}, {u"name"_s, u"id"_s}, {u"type"_s, u"bigserial"_s},
                                                 {u"primaryKey"_s, true}, {u"nullable"_s, false}},
                                     QJsonObject{{u"id"_s, u"o-customer"_s}, {u"name"_s, u"customer_id"_s}, {u"type"_s, u"integer"_s}},
                                     QJsonObject{{u"id"_s, u"o-note"_s}, {u"name"_s, u"note"_s}, {u"type"_s, u"text"_s}}}}}}}});
    Q_ASSERT(s);
    return s.value();
}
} // namespace

void TestDiagramLayout::initTestCase()
{
    QFile f(u"/work/shared/data/pagila/pagila-schema.sql"_s);
    if (!f.exists())
        f.setFileName(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/pagila/pagila-schema.sql"_s);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    auto imported = PgDdlImporter::import(QString::fromUtf8(f.readAll()));
    QVERIFY(imported);
    m_pagila = imported.value().schema;
}

void TestDiagramLayout::positionsRoundTrip()
{
    Schema s = shop();
    DiagramLayout layout;
    layout.positions.insert(u"tbl-customers"_s, QPointF(10.4, 20.6));
    layout.positions.insert(u"tbl-gone"_s, QPointF(1, 2));   // no such table: not written
    layout.writeTo(s);
    const QJsonObject json = s.toJson();
    QCOMPARE(json.value(u"layout"_s).toObject(),
             (QJsonObject{{u"tbl-customers"_s, QJsonObject{{u"x"_s, 10}, {u"y"_s, 21}}}}));
    auto back = Schema::fromJson(json);
    QVERIFY(back);
    const DiagramLayout read = DiagramLayout::fromSchema(back.value());
    QCOMPARE(read.positions.size(), 1);
    QCOMPARE(read.positions.value(u"tbl-customers"_s), QPointF(10, 21));
    QCOMPARE(read.unplaced(back.value()), QStringList{u"tbl-orders"_s});
}

void TestDiagramLayout::oldDesignsHaveNoLayout()
{
    Schema s = shop();
    QVERIFY(!s.toJson().contains(u"layout"_s));
    QCOMPARE(DiagramLayout::fromSchema(s).unplaced(s), (QStringList{u"tbl-customers"_s, u"tbl-orders"_s}));
    // A hand-edited layout entry of the wrong shape counts as unplaced instead of failing the load.
    s.extra.insert(u"layout"_s, QJsonObject{{u"tbl-orders"_s, u"left"_s}});
    QCOMPARE(DiagramLayout::fromSchema(s).unplaced(s).size(), 2);
}

void TestDiagramLayout::pagilaLayoutHasNoOverlaps()
{
    QHash<QString, QSizeF> sizes;
    for (const Table &t : m_pagila.tables)
        sizes.insert(t.id, QSizeF(150 + t.name.size() * 4, 30 + 20 * t.columns.size()));
    const auto laidOut = DiagramLayout::autoLayout(m_pagila, sizes);
    QVERIFY2(laidOut, qPrintable(laidOut ? QString() : laidOut.error().message));
    const QHash<QString, QPointF> &p = laidOut.value();
    QCOMPARE(p.size(), m_pagila.tables.size());
    QRectF bounds;
    for (auto a = p.cbegin(); a != p.cend(); ++a) {
        const QRectF ra(*a, sizes.value(a.key()));
        bounds |= ra;
        for (auto b = std::next(a); b != p.cend(); ++b)
            QVERIFY2(!ra.intersects(QRectF(*b, sizes.value(b.key()))), qPrintable(a.key() + u" overlaps "_s + b.key()));
    }
    QCOMPARE(bounds.topLeft(), QPointF(0, 0));
    // Ranked left to right: a referenced table (language) lies left of one referencing it (film).
    DiagramLayout::Options ranked;
    ranked.engine = u"dot"_s;
    const auto lr = DiagramLayout::autoLayout(m_pagila, sizes, ranked);
    QVERIFY(lr);
    QVERIFY(lr.value().value(m_pagila.table(u"language"_s)->id).x() < lr.value().value(m_pagila.table(u"film"_s)->id).x());
}

void TestDiagramLayout::autoAvoidsALongColumn()
{
    // A hub referenced by 120 tables: ranked left to right that is one column 120 cards high.
    Schema s = shop();
    for (int i = 0; i < 120; ++i) {
        const QString id = DesignEdits::addTable(s, u"leaf"_s);
        const auto col = DesignEdits::addColumn(s, id, u"customer_id"_s);
        s.tables.last().columns.last().type.kind = TypeKind::Integer;
        QVERIFY(DesignEdits::addForeignKey(s, id, col.value(), u"tbl-customers"_s, u"c-id"_s));
    }
    QHash<QString, QSizeF> sizes;
    for (const Table &t : s.tables)
        sizes.insert(t.id, QSizeF(180, 90));
    auto shape = [&](const QHash<QString, QPointF> &p) {
        QRectF bounds;
        for (auto it = p.cbegin(); it != p.cend(); ++it)
            bounds |= QRectF(*it, sizes.value(it.key()));
        return bounds.height() / bounds.width();
    };
    DiagramLayout::Options ranked;
    ranked.engine = u"dot"_s;
    const auto column = DiagramLayout::autoLayout(s, sizes, ranked);
    const auto chosen = DiagramLayout::autoLayout(s, sizes);
    QVERIFY(column && chosen);
    QVERIFY2(shape(column.value()) > 5, qPrintable(QString::number(shape(column.value()))));
    QVERIFY2(shape(chosen.value()) < 2 && shape(chosen.value()) > 0.2, qPrintable(QString::number(shape(chosen.value()))));
}

void TestDiagramLayout::unplacedGoBelowPlaced()
{
    Schema s = shop();
    DiagramLayout layout;
    layout.positions.insert(u"tbl-customers"_s, QPointF(100, 50));
    const QHash<QString, QSizeF> sizes{{u"tbl-customers"_s, QSizeF(200, 300)}, {u"tbl-orders"_s, QSizeF(180, 90)}};
    const auto placed = layout.placeUnplaced(s, sizes);
    QVERIFY(placed);
    QCOMPARE(placed.value().keys(), QList<QString>{u"tbl-orders"_s});
    QVERIFY(placed.value().value(u"tbl-orders"_s).y() >= 350);
    layout.positions.insert(placed.value());
    QVERIFY(layout.placeUnplaced(s, sizes).value().isEmpty());
}

void TestDiagramLayout::unknownEngineIsAnError()
{
    DiagramLayout::Options options;
    options.engine = u"twopi; rm -rf"_s;
    const auto r = DiagramLayout::autoLayout(shop(), {}, options);
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"dot"_s), qPrintable(r.error().message));
}

void TestDiagramLayout::addTableAndColumn()
{
    Schema s = shop();
    const QString a = DesignEdits::addTable(s);
    const QString b = DesignEdits::addTable(s);
    QCOMPARE(s.tableById(a)->name, u"new_table"_s);
    QCOMPARE(s.tableById(b)->name, u"new_table_2"_s);
    QCOMPARE(s.tableById(a)->primaryKeyColumns(), QStringList{u"id"_s});
    const auto c1 = DesignEdits::addColumn(s, a);
    const auto c2 = DesignEdits::addColumn(s, a);
    QVERIFY(c1 && c2);
    QCOMPARE(s.tableById(a)->columns.at(2).name, u"new_column_2"_s);
    QVERIFY(!DesignEdits::addColumn(s, u"tbl-nope"_s));
    QVERIFY(!Validator::hasErrors(Validator().validate(s)));
}

void TestDiagramLayout::foreignKeyRules_data()
{
    QTest::addColumn<QString>("fromTable");
    QTest::addColumn<QString>("fromColumn");
    QTest::addColumn<QString>("toTable");
    QTest::addColumn<QString>("toColumn");
    QTest::addColumn<QString>("error");   // empty: accepted
    QTest::newRow("integer to serial key") << u"tbl-orders"_s << u"o-customer"_s << u"tbl-customers"_s << u"c-id"_s << QString();
    QTest::newRow("text to serial") << u"tbl-orders"_s << u"o-note"_s << u"tbl-customers"_s << u"c-id"_s << u"matching types"_s;
    QTest::newRow("integer to bigserial") << u"tbl-customers"_s << u"c-id"_s << u"tbl-orders"_s << u"o-id"_s << u"matching types"_s;
    QTest::newRow("target not a key") << u"tbl-orders"_s << u"o-note"_s << u"tbl-customers"_s << u"c-email"_s << u"neither"_s;
    QTest::newRow("itself") << u"tbl-orders"_s << u"o-id"_s << u"tbl-orders"_s << u"o-id"_s << u"itself"_s;
}

void TestDiagramLayout::foreignKeyRules()
{
    QFETCH(QString, fromTable);
    QFETCH(QString, fromColumn);
    QFETCH(QString, toTable);
    QFETCH(QString, toColumn);
    QFETCH(QString, error);
    Schema s = shop();
    const auto fk = DesignEdits::addForeignKey(s, fromTable, fromColumn, toTable, toColumn);
    if (error.isEmpty()) {
        QVERIFY2(fk, qPrintable(fk ? QString() : fk.error().message));
        QCOMPARE(s.tableById(fromTable)->foreignKeys.size(), 1);
        QCOMPARE(s.tableById(fromTable)->foreignKeys.first().refTable, u"customers"_s);
        QVERIFY(!Validator::hasErrors(Validator().validate(s)));
        const auto again = DesignEdits::addForeignKey(s, fromTable, fromColumn, toTable, toColumn);
        QVERIFY(!again);
        QVERIFY2(again.error().message.contains(u"already"_s), qPrintable(again.error().message));
    } else {
        QVERIFY(!fk);
        QVERIFY2(fk.error().message.contains(error), qPrintable(fk.error().message));
        QVERIFY(!fk.error().where.isEmpty());
        QVERIFY(s.tableById(fromTable)->foreignKeys.isEmpty());
    }
}

void TestDiagramLayout::removalsCascade()
{
    Schema s = shop();
    QVERIFY(DesignEdits::addForeignKey(s, u"tbl-orders"_s, u"o-customer"_s, u"tbl-customers"_s, u"c-id"_s));
    Schema columnGone = s;
    QVERIFY(DesignEdits::removeColumn(columnGone, u"tbl-customers"_s, u"c-id"_s));
    QVERIFY(columnGone.tableById(u"tbl-orders"_s)->foreignKeys.isEmpty());
    QCOMPARE(columnGone.tableById(u"tbl-customers"_s)->columns.size(), 1);

    DiagramLayout layout;
    layout.positions.insert(u"tbl-customers"_s, QPointF(1, 1));
    layout.writeTo(s);
    QVERIFY(DesignEdits::removeTable(s, u"tbl-customers"_s));
    QCOMPARE(s.tables.size(), 1);
    QVERIFY(s.tableById(u"tbl-orders"_s)->foreignKeys.isEmpty());
    QVERIFY(DiagramLayout::fromSchema(s).positions.isEmpty());
    QVERIFY(!Validator::hasErrors(Validator().validate(s)));
    QVERIFY(!DesignEdits::removeTable(s, u"tbl-customers"_s));
}

void TestDiagramLayout::parseType_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("display");   // empty: an error
    QTest::newRow("varchar length") << u"varchar(255)"_s << u"varchar(255)"_s;
    QTest::newRow("alias, spaces") << u" INT "_s << u"integer"_s;
    QTest::newRow("decimal") << u"decimal(10, 2)"_s << u"decimal(10,2)"_s;
    QTest::newRow("array") << u"text[]"_s << u"text[]"_s;
    QTest::newRow("enum") << u"enum mood"_s << u"enum mood"_s;
    QTest::newRow("custom kept") << u"tsvector"_s << u"tsvector"_s;
    QTest::newRow("empty") << u""_s << QString();
    QTest::newRow("bad length") << u"varchar(abc)"_s << QString();
    QTest::newRow("too many") << u"varchar(1,2)"_s << QString();
    QTest::newRow("boolean with params") << u"boolean(3)"_s << QString();
}

void TestDiagramLayout::parseType()
{
    QFETCH(QString, text);
    QFETCH(QString, display);
    const auto type = DesignEdits::parseType(text);
    if (display.isEmpty()) {
        QVERIFY(!type);
        QVERIFY(!type.error().message.isEmpty());
    } else {
        QVERIFY2(type, qPrintable(type ? QString() : type.error().message));
        QCOMPARE(type.value().displayName(), display);
    }
}

void TestDiagramLayout::parseDefault()
{
    QCOMPARE(DesignEdits::parseDefault(u""_s).kind, ColumnDefault::Kind::None);
    const ColumnDefault text = DesignEdits::parseDefault(u"'it''s'"_s);
    QCOMPARE(text.literal.toString(), u"it's"_s);
    QCOMPARE(DesignEdits::defaultText(text), u"'it''s'"_s);
    QCOMPARE(DesignEdits::parseDefault(u"42"_s).literal.toDouble(), 42.0);
    QCOMPARE(DesignEdits::parseDefault(u"TRUE"_s).literal, QJsonValue(true));
    const ColumnDefault now = DesignEdits::parseDefault(u"CURRENT_TIMESTAMP"_s);
    QCOMPARE(now.kind, ColumnDefault::Kind::Expression);
    QCOMPARE(DesignEdits::defaultText(now), u"CURRENT_TIMESTAMP"_s);
}

QTEST_GUILESS_MAIN(TestDiagramLayout)
#include "tst_diagramlayout.moc"
