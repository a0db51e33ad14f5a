// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/designpanel.h"
#include "diagram/diagrameditor.h"
#include "diagram/diagramscene.h"
#include "diagram/diagramview.h"
#include "diagram/relationedge.h"
#include "diagram/tablecard.h"
#include "outlinemodel.h"
#include "schemapage.h"

#include "schema/pgddlimporter.h"
#include "workspace/workspace.h"
#include "workspace/workspacetreemodel.h"

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QLineEdit>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <QWheelEvent>
#include <QXmlStreamReader>

using namespace Qt::Literals::StringLiterals;
using quarry::app::DiagramEditor;
using quarry::app::RelationEdge;
using quarry::app::TableCard;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

class TestDiagram : public QObject
{
    Q_OBJECT
private slots:
    void cleanup();
    void sampleCards();
    void pagilaLayout();
    void dragMovesCardUndoably();
    void rubberBandZoomAndPan();
    void addTableAndColumn();
    void foreignKeyByDragging();
    void foreignKeyTypeMismatchRefused();
    void sidePanelEditsTable();
    void sidePanelEditsForeignKey();
    void deleteSelected();
    void autoLayoutIsUndoable();
    void exportPngAndSvg();

private:
    void open(std::unique_ptr<Workspace> workspace);
    void openSample();
    void openShop();
    DiagramEditor *editor() const { return m_page->diagramEditor(); }
    quarry::app::DiagramScene *scene() const { return editor()->scene(); }
    QJsonObject tableJson(const QString &name) const;
    QJsonObject layoutJson() const { return m_workspace->section(Section::Schema).value(u"layout"_s).toObject(); }
    void mouse(QEvent::Type type, const QPointF &scenePos, Qt::MouseButton button, Qt::MouseButtons buttons);

    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<quarry::workspace::WorkspaceTreeModel> m_tree;
    std::unique_ptr<quarry::app::OutlineModel> m_outline;
    std::unique_ptr<quarry::app::SchemaPage> m_page;
    QTemporaryDir m_dir;
};

void TestDiagram::open(std::unique_ptr<Workspace> workspace)
{
    m_workspace = std::move(workspace);
    m_tree = std::make_unique<quarry::workspace::WorkspaceTreeModel>();
    m_tree->setWorkspace(m_workspace.get());
    m_outline = std::make_unique<quarry::app::OutlineModel>();
    m_outline->setSourceModel(m_tree.get());
    m_page = std::make_unique<quarry::app::SchemaPage>(m_outline.get());
    m_page->setWorkspace(m_workspace.get());
    m_page->setDialect(u"postgres"_s);
    m_page->resize(1400, 900);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
}

void TestDiagram::openSample()
{
    auto ws = Workspace::load(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s);
    QVERIFY(ws);
    open(std::move(ws).value());
}

// customers(id serial PK, email text) and orders(id bigserial PK, customer_id integer, note text).
void TestDiagram::openShop()
{
    auto col = [](const QString &id, const QString &name, const QString &type, bool pk = false) {
        QJsonObject c{{u"id"_s, id}, {u"name"_s, name}, {u"type"_s, type}};
        if (pk) {
            c.insert(u"primaryKey"_s, true);
            c.insert(u"nullable"_s, false);
        }
        return c;
    };
    const QJsonObject schema{
        {u"tables"_s,
         QJsonArray{QJsonObject{{u"id"_s, u"tbl-customers"_s}, {u"name"_s, u"customers"_s},
                                {u"columns"_s, QJsonArray{col(u"c-id"_s, u"id"_s, u"serial"_s, true),
                                                          col(u"c-email"_s, u"email"_s, u"text"_s)}}},
                    QJsonObject{{u"id"_s, u"tbl-orders"_s}, {u"name"_s, u"orders"_s},
                                {u"columns"_s, QJsonArray{col(u"o-id"_s, u"id"_s, u"bigserial"_s, true),
                                                          col(u"o-customer"_s, u"customer_id"_s, u"integer"_s),
                                                          col(u"o-note"_s, u"note"_s, u"text"_s)}}}}},
        {u"layout"_s, QJsonObject{{u"tbl-customers"_s, QJsonObject{{u"x"_s, 0}, {u"y"_s, 0}}},
                                  {u"tbl-orders"_s, QJsonObject{{u"x"_s, 400}, {u"y"_s, 40}}}}}};
    auto ws = Workspace::createEmpty(u"shop"_s);
    ws->setSection(Section::Schema, schema);
    open(std::move(ws));
}

void TestDiagram::cleanup()
{
    m_page.reset();
    m_outline.reset();
    m_tree.reset();
    m_workspace.reset();
}

QJsonObject TestDiagram::tableJson(const QString &name) const
{
    for (const QJsonValue &t : m_workspace->section(Section::Schema).value(u"tables"_s).toArray()) {
        if (t.toObject().value(u"name"_s).toString() == name)
            return t.toObject();
    }
    return {};
}

void TestDiagram::mouse(QEvent::Type type, const QPointF &scenePos, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QWidget *viewport = editor()->view()->viewport();
    const QPointF local = editor()->view()->mapFromScene(scenePos);
    QMouseEvent event(type, local, viewport->mapToGlobal(local), button, buttons, Qt::NoModifier);
    QApplication::sendEvent(viewport, &event);
}

void TestDiagram::sampleCards()
{
    openSample();
    TableCard *users = nullptr;
    TableCard *accounts = nullptr;
    for (TableCard *card : scene()->cards()) {
        if (card->tableName() == u"users"_s)
            users = card;
        if (card->tableName() == u"accounts"_s)
            accounts = card;
    }
    QVERIFY(users && accounts);
    QStringList rows;
    for (const TableCard::Row &r : users->rows())
        rows << u"%1 %2%3%4%5"_s.arg(r.name, r.type, r.primaryKey ? u" PK"_s : QString(), r.unique ? u" U"_s : QString(),
                                     r.notNull ? u" NN"_s : u" ?"_s);
    QCOMPARE(rows, (QStringList{u"id serial PK NN"_s, u"email varchar(255) U NN"_s, u"name varchar(255) ?"_s,
                                u"created_at timestamp ?"_s}));
    QCOMPARE(accounts->rows().size(), 5);
    QCOMPARE(accounts->rows().at(3).name, u"password_hash"_s);
    QVERIFY(accounts->rows().at(3).notNull);
    QVERIFY(!accounts->rows().at(3).unique);
    // The card is wide enough for its longest row, and the two cards do not overlap.
    QVERIFY(accounts->boundingRect().width() > users->boundingRect().width() - 1);
    QVERIFY(!users->sceneRectOfCard().intersects(accounts->sceneRectOfCard()));
    QVERIFY(scene()->edges().isEmpty());
    // Opening does not modify the workspace: auto positions are saved with the first edit only.
    QVERIFY(!m_workspace->isModified());
    // Everything fits, so no minimap; zoomed in it helps finding the way.
    QVERIFY(!editor()->view()->minimap()->isVisible());
    editor()->view()->setZoom(3.0);
    QVERIFY(editor()->view()->minimap()->isVisible());

    // The find box selects a table and brings it into view at a readable zoom.
    auto *find = editor()->findChild<QLineEdit *>(u"findEdit"_s);
    find->setText(u"ACCOUNTS"_s);
    emit find->returnPressed();
    QCOMPARE(scene()->selectedTableIds(), QStringList{accounts->tableId()});
    QVERIFY(editor()->view()->zoom() >= 0.6);
    const QRectF visible = editor()->view()->mapToScene(editor()->view()->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(accounts->sceneRectOfCard().center()));
    find->setText(u"nope"_s);
    emit find->returnPressed();
    QVERIFY2(editor()->message().contains(u"No table nope"_s), qPrintable(editor()->message()));
}

void TestDiagram::pagilaLayout()
{
    QFile f(u"/work/shared/data/pagila/pagila-schema.sql"_s);
    if (!f.exists())
        f.setFileName(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/pagila/pagila-schema.sql"_s);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const auto imported = quarry::schema::PgDdlImporter::import(QString::fromUtf8(f.readAll()));
    QVERIFY(imported);
    auto ws = Workspace::createEmpty(u"pagila"_s);
    ws->setSection(Section::Schema, imported.value().schema.toJson());
    ws->setModified(false);   // as if just opened
    open(std::move(ws));

    const QList<TableCard *> cards = scene()->cards();
    QCOMPARE(cards.size(), 15);
    for (qsizetype a = 0; a < cards.size(); ++a) {
        for (qsizetype b = a + 1; b < cards.size(); ++b)
            QVERIFY2(!cards.at(a)->sceneRectOfCard().intersects(cards.at(b)->sceneRectOfCard()),
                     qPrintable(cards.at(a)->tableName() + u" overlaps "_s + cards.at(b)->tableName()));
    }
    // Every foreign key is a line, with the right ends.
    QCOMPARE(scene()->edges().size(), 21);
    auto edge = [&](const QString &child, const QString &parent, const QString &column) -> RelationEdge * {
        for (RelationEdge *e : scene()->edges()) {
            if (e->child()->tableName() == child && e->parentCard()->tableName() == parent)
                for (const auto &r : e->child()->rows())
                    if (r.name == column && e->points().first().y() == e->child()->rowCenterY(e->child()->rowOfColumn(column)))
                        return e;
        }
        return nullptr;
    };
    RelationEdge *language = edge(u"film"_s, u"language"_s, u"language_id"_s);
    QVERIFY(language);
    QVERIFY(!language->isOptional());   // film.language_id NOT NULL: exactly one language
    QVERIFY(language->isMany());
    RelationEdge *original = edge(u"film"_s, u"language"_s, u"original_language_id"_s);
    QVERIFY(original);
    QVERIFY(original->isOptional());    // nullable: zero or one
    RelationEdge *customerStore = edge(u"customer"_s, u"store"_s, u"store_id"_s);
    QVERIFY(customerStore);
    QVERIFY(!customerStore->isOptional());
    QVERIFY(customerStore->isMany());
    // A line never crosses its own two cards (it may touch their edges where it ends).
    for (RelationEdge *e : scene()->edges()) {
        const QPolygonF &p = e->points();
        for (TableCard *card : {e->child(), e->parentCard()}) {
            const QRectF inner = card->sceneRectOfCard().adjusted(4, 4, -4, -4);
            for (qsizetype i = 0; i + 1 < p.size(); ++i) {
                const QRectF segment = QRectF(p.at(i), p.at(i + 1)).normalized().adjusted(-0.5, -0.5, 0.5, 0.5);
                QVERIFY2(!inner.intersects(segment), qPrintable(e->child()->tableName() + u" -> "_s + e->parentCard()->tableName()));
            }
        }
    }
    // Lines go around the other cards where a free channel exists.
    int crossings = 0;
    for (RelationEdge *e : scene()->edges()) {
        const QPolygonF &p = e->points();
        for (TableCard *card : scene()->cards()) {
            if (card == e->child() || card == e->parentCard())
                continue;
            for (qsizetype i = 0; i + 1 < p.size(); ++i)
                crossings += QRectF(p.at(i), p.at(i + 1)).normalized().adjusted(-0.5, -0.5, 0.5, 0.5).intersects(card->sceneRectOfCard()) ? 1 : 0;
        }
    }
    QCOMPARE(crossings, 0);
    QVERIFY(!m_workspace->isModified());
}

void TestDiagram::dragMovesCardUndoably()
{
    openShop();
    editor()->view()->setZoom(1.0);
    TableCard *orders = scene()->card(u"tbl-orders"_s);
    editor()->view()->centerOn(orders);
    const QPointF header = orders->scenePos() + QPointF(20, 10);
    mouse(QEvent::MouseButtonPress, header, Qt::LeftButton, Qt::LeftButton);
    for (int step = 1; step <= 5; ++step)
        mouse(QEvent::MouseMove, header + QPointF(12 * step, 20 * step), Qt::NoButton, Qt::LeftButton);
    mouse(QEvent::MouseButtonRelease, header + QPointF(60, 100), Qt::LeftButton, Qt::NoButton);

    QCOMPARE(editor()->undoStack()->count(), 1);   // one step per drag, not per mouse move
    QCOMPARE(layoutJson().value(u"tbl-orders"_s).toObject(), (QJsonObject{{u"x"_s, 460}, {u"y"_s, 140}}));
    QCOMPARE(scene()->card(u"tbl-orders"_s)->pos(), QPointF(460, 140));
    editor()->undoStack()->undo();
    QCOMPARE(layoutJson().value(u"tbl-orders"_s).toObject(), (QJsonObject{{u"x"_s, 400}, {u"y"_s, 40}}));
    QCOMPARE(scene()->card(u"tbl-orders"_s)->pos(), QPointF(400, 40));
    editor()->undoStack()->redo();
    QCOMPARE(scene()->card(u"tbl-orders"_s)->pos(), QPointF(460, 140));

    // Zoomed out, where rows cannot be read, a drag on a row moves the card too (no foreign key).
    editor()->view()->setZoom(0.3);
    TableCard *moved = scene()->card(u"tbl-orders"_s);
    editor()->view()->centerOn(moved);
    const QPointF row(moved->scenePos().x() + 40, moved->rowCenterY(1));
    mouse(QEvent::MouseButtonPress, row, Qt::LeftButton, Qt::LeftButton);
    mouse(QEvent::MouseMove, row + QPointF(50, 0), Qt::NoButton, Qt::LeftButton);
    mouse(QEvent::MouseMove, row + QPointF(100, 0), Qt::NoButton, Qt::LeftButton);
    mouse(QEvent::MouseButtonRelease, row + QPointF(100, 0), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(editor()->undoStack()->count(), 2);
    QVERIFY(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().isEmpty());
    QCOMPARE(layoutJson().value(u"tbl-orders"_s).toObject().value(u"x"_s).toDouble(), 560.0);
}

void TestDiagram::rubberBandZoomAndPan()
{
    openShop();
    auto *view = editor()->view();
    view->setZoom(1.0);
    view->centerOn(QPointF(350, 80));
    // A rubber band from empty space around both cards selects both.
    const QRectF all = scene()->card(u"tbl-customers"_s)->sceneRectOfCard() | scene()->card(u"tbl-orders"_s)->sceneRectOfCard();
    mouse(QEvent::MouseButtonPress, all.topLeft() - QPointF(20, 20), Qt::LeftButton, Qt::LeftButton);
    mouse(QEvent::MouseMove, all.center(), Qt::NoButton, Qt::LeftButton);
    mouse(QEvent::MouseMove, all.bottomRight() + QPointF(10, 10), Qt::NoButton, Qt::LeftButton);
    mouse(QEvent::MouseButtonRelease, all.bottomRight() + QPointF(10, 10), Qt::LeftButton, Qt::NoButton);
    QStringList selected = scene()->selectedTableIds();
    selected.sort();
    QCOMPARE(selected, (QStringList{u"tbl-customers"_s, u"tbl-orders"_s}));
    QCOMPARE(editor()->undoStack()->count(), 0);   // selecting is no edit

    // The wheel zooms around the cursor: the scene point under it stays put.
    const QPoint cursor(view->viewport()->width() / 3, view->viewport()->height() / 3);
    const QPointF under = view->mapToScene(cursor);
    QWheelEvent wheel(cursor, view->viewport()->mapToGlobal(cursor), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view->viewport(), &wheel);
    QVERIFY(view->zoom() > 1.3);   // two notches: about 1.43
    QVERIFY2(QLineF(view->mapToScene(cursor), under).length() < 2,
             qPrintable(u"%1,%2"_s.arg(view->mapToScene(cursor).x()).arg(view->mapToScene(cursor).y())));

    // The middle button pans.
    const QPointF before = view->mapToScene(view->viewport()->rect().center());
    auto middle = [&](QEvent::Type type, const QPoint &at, Qt::MouseButtons buttons) {
        QMouseEvent e(type, at, view->viewport()->mapToGlobal(at), Qt::MiddleButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &e);
    };
    middle(QEvent::MouseButtonPress, QPoint(200, 200), Qt::MiddleButton);
    middle(QEvent::MouseMove, QPoint(150, 170), Qt::MiddleButton);
    middle(QEvent::MouseButtonRelease, QPoint(150, 170), Qt::NoButton);
    const QPointF after = view->mapToScene(view->viewport()->rect().center());
    QVERIFY2(after.x() > before.x() && after.y() > before.y(), qPrintable(u"%1 -> %2"_s.arg(before.x()).arg(after.x())));
    QCOMPARE(scene()->card(u"tbl-orders"_s)->pos(), QPointF(400, 40));   // panning moved nothing

    view->fitToView();
    const QRectF visible = view->mapToScene(view->viewport()->rect()).boundingRect();
    QVERIFY(visible.contains(scene()->drawingRect()));
}

void TestDiagram::addTableAndColumn()
{
    openSample();
    const QString id = editor()->addTable();
    QVERIFY(!id.isEmpty());
    QVERIFY(!tableJson(u"new_table"_s).isEmpty());
    QVERIFY2(m_page->ddlText().contains(u"CREATE TABLE new_table"_s), qPrintable(m_page->ddlText()));
    QVERIFY(layoutJson().contains(id));
    // Every card got a saved place with this first edit, and the new one covers no other.
    QCOMPARE(layoutJson().size(), 3);
    const QRectF added = scene()->card(id)->sceneRectOfCard();
    for (TableCard *card : scene()->cards())
        QVERIFY(card->tableId() == id || !card->sceneRectOfCard().intersects(added));
    QCOMPARE(scene()->selectedTableIds(), QStringList{id});

    QVERIFY(editor()->addColumn());
    QCOMPARE(tableJson(u"new_table"_s).value(u"columns"_s).toArray().size(), 2);
    // The side panel shows the new column, ready to be named.
    QCOMPARE(editor()->panel()->currentColumnId(),
             tableJson(u"new_table"_s).value(u"columns"_s).toArray().at(1).toObject().value(u"id"_s).toString());
    QVERIFY2(m_page->ddlText().contains(u"new_column TEXT"_s), qPrintable(m_page->ddlText()));
    QCOMPARE(scene()->card(id)->rows().size(), 2);

    QUndoStack *undo = editor()->undoStack();
    QCOMPARE(undo->count(), 2);
    undo->undo();
    QCOMPARE(tableJson(u"new_table"_s).value(u"columns"_s).toArray().size(), 1);
    undo->undo();
    QVERIFY(tableJson(u"new_table"_s).isEmpty());
    QVERIFY(!m_page->ddlText().contains(u"new_table"_s));
    QVERIFY(!scene()->card(id));
    undo->redo();
    undo->redo();
    QCOMPARE(scene()->card(id)->rows().size(), 2);

    scene()->clearSelection();
    QVERIFY(!editor()->addColumn());
    QVERIFY2(editor()->message().contains(u"Select one table"_s), qPrintable(editor()->message()));
}

void TestDiagram::foreignKeyByDragging()
{
    openShop();
    editor()->view()->setZoom(1.0);
    editor()->view()->centerOn(QPointF(350, 80));
    TableCard *orders = scene()->card(u"tbl-orders"_s);
    TableCard *customers = scene()->card(u"tbl-customers"_s);
    const QPointF from(orders->scenePos().x() + 40, orders->rowCenterY(orders->rowOfColumn(u"customer_id"_s)));
    const QPointF to(customers->scenePos().x() + 40, customers->rowCenterY(customers->rowOfColumn(u"id"_s)));
    mouse(QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    mouse(QEvent::MouseMove, (from + to) / 2, Qt::NoButton, Qt::LeftButton);
    mouse(QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton);
    QVERIFY2(editor()->message().contains(u"release to add"_s), qPrintable(editor()->message()));
    mouse(QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);

    QCOMPARE(editor()->panel()->currentColumnId(), u"o-customer"_s);   // the pressed row, in the side panel
    // The card did not move: dragging from a column row draws a relation instead.
    QCOMPARE(scene()->card(u"tbl-orders"_s)->pos(), QPointF(400, 40));
    const QJsonArray fks = tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray();
    QCOMPARE(fks.size(), 1);
    QCOMPARE(fks.first().toObject().value(u"references"_s).toObject().value(u"table"_s).toString(), u"customers"_s);
    QVERIFY2(m_page->ddlText().contains(u"REFERENCES customers (id)"_s), qPrintable(m_page->ddlText()));
    QCOMPARE(scene()->edges().size(), 1);
    QVERIFY(scene()->edges().first()->isOptional());   // orders.customer_id is nullable
    QVERIFY(scene()->edges().first()->isMany());
    editor()->undoStack()->undo();
    QVERIFY(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().isEmpty());
    QVERIFY(scene()->edges().isEmpty());
    QVERIFY(!m_page->ddlText().contains(u"REFERENCES"_s));

    // Dragged the other way round, from the key to the column, it is the same foreign key.
    mouse(QEvent::MouseButtonPress, to, Qt::LeftButton, Qt::LeftButton);
    mouse(QEvent::MouseMove, from, Qt::NoButton, Qt::LeftButton);
    mouse(QEvent::MouseButtonRelease, from, Qt::LeftButton, Qt::NoButton);
    QCOMPARE(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().size(), 1);
    QVERIFY(tableJson(u"customers"_s).value(u"foreignKeys"_s).toArray().isEmpty());
}

void TestDiagram::foreignKeyTypeMismatchRefused()
{
    openShop();
    QSignalSpy problems(m_page.get(), &quarry::app::SchemaPage::problem);
    QVERIFY(!editor()->addForeignKey(u"tbl-orders"_s, u"o-note"_s, u"tbl-customers"_s, u"c-id"_s));
    QVERIFY2(editor()->message().contains(u"orders.note is text but customers.id is serial"_s), qPrintable(editor()->message()));
    QCOMPARE(problems.count(), 1);
    QCOMPARE(problems.first().first().value<quarry::Error>().where, u"orders.note"_s);
    QVERIFY(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().isEmpty());
    QCOMPARE(editor()->undoStack()->count(), 0);
}

void TestDiagram::sidePanelEditsTable()
{
    openShop();
    scene()->selectTables({u"tbl-orders"_s});
    auto *panel = editor()->panel();
    QCOMPARE(panel->tableId(), u"tbl-orders"_s);
    auto *name = panel->findChild<QLineEdit *>(u"nameEdit"_s);
    QCOMPARE(name->text(), u"orders"_s);
    name->setText(u"purchases"_s);
    emit name->editingFinished();
    QTRY_VERIFY(!tableJson(u"purchases"_s).isEmpty());
    QVERIFY2(m_page->ddlText().contains(u"CREATE TABLE purchases"_s), qPrintable(m_page->ddlText()));
    QCOMPARE(scene()->card(u"tbl-orders"_s)->tableName(), u"purchases"_s);

    auto *columns = panel->findChild<QTableWidget *>(u"columnsTable"_s);
    QCOMPARE(columns->rowCount(), 3);
    columns->item(2, 1)->setText(u"varchar(80)"_s);   // note: text -> varchar(80)
    QTRY_COMPARE(tableJson(u"purchases"_s).value(u"columns"_s).toArray().at(2).toObject().value(u"length"_s).toInt(), 80);
    QVERIFY2(m_page->ddlText().contains(u"note VARCHAR(80)"_s), qPrintable(m_page->ddlText()));
    columns = panel->findChild<QTableWidget *>(u"columnsTable"_s);
    columns->item(2, 2)->setCheckState(Qt::Checked);   // NOT NULL
    QTRY_VERIFY(!tableJson(u"purchases"_s).value(u"columns"_s).toArray().at(2).toObject().value(u"nullable"_s).toBool(true));
    QVERIFY2(m_page->ddlText().contains(u"note VARCHAR(80) NOT NULL"_s), qPrintable(m_page->ddlText()));
    columns->item(2, 5)->setText(u"'n/a'"_s);
    QTRY_VERIFY2(m_page->ddlText().contains(u"DEFAULT 'n/a'"_s), qPrintable(m_page->ddlText()));

    // A type that does not parse is refused; nothing changes.
    const int steps = editor()->undoStack()->count();
    columns->item(2, 1)->setText(u"varchar(eighty)"_s);
    QTRY_VERIFY(!editor()->message().isEmpty());
    QVERIFY2(editor()->message().contains(u"whole numbers"_s), qPrintable(editor()->message()));
    QCOMPARE(editor()->undoStack()->count(), steps);
    QTRY_COMPARE(panel->findChild<QTableWidget *>(u"columnsTable"_s)->item(2, 1)->text(), u"varchar(80)"_s);

    // Each edit is one undo step, in order.
    QCOMPARE(steps, 4);
    editor()->undoStack()->undo();
    QVERIFY(!m_page->ddlText().contains(u"DEFAULT 'n/a'"_s));
    editor()->undoStack()->undo();
    editor()->undoStack()->undo();
    editor()->undoStack()->undo();
    QVERIFY(!tableJson(u"orders"_s).isEmpty());
    QCOMPARE(panel->findChild<QLineEdit *>(u"nameEdit"_s)->text(), u"orders"_s);
}

void TestDiagram::sidePanelEditsForeignKey()
{
    openShop();
    QVERIFY(editor()->addForeignKey(u"tbl-orders"_s, u"o-customer"_s, u"tbl-customers"_s, u"c-id"_s));
    QCOMPARE(scene()->edges().size(), 1);
    scene()->clearSelection();
    scene()->edges().first()->setSelected(true);
    auto *panel = editor()->panel();
    QVERIFY(!panel->foreignKeyId().isEmpty());
    auto *onDelete = panel->findChild<QComboBox *>(u"onDeleteCombo"_s);
    onDelete->setCurrentIndex(onDelete->findText(u"CASCADE"_s));
    emit onDelete->activated(onDelete->currentIndex());
    QTRY_VERIFY2(m_page->ddlText().contains(u"ON DELETE CASCADE"_s), qPrintable(m_page->ddlText()));
    QCOMPARE(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().first().toObject().value(u"onDelete"_s).toString(),
             u"cascade"_s);
    // The relation stays selected across the redraw, so the panel keeps showing it.
    QVERIFY(!panel->foreignKeyId().isEmpty());
    editor()->undoStack()->undo();
    QVERIFY(!m_page->ddlText().contains(u"ON DELETE CASCADE"_s));
    QCOMPARE(panel->findChild<QComboBox *>(u"onDeleteCombo"_s)->currentText(), u"NO ACTION"_s);

    // Which column references: a text column cannot, an integer one can.
    auto *fkColumn = panel->findChild<QComboBox *>(u"fkColumnCombo"_s);
    QVERIFY(fkColumn->isVisibleTo(panel));
    QCOMPARE(fkColumn->currentText(), u"customer_id"_s);
    fkColumn->setCurrentText(u"note"_s);
    emit fkColumn->activated(fkColumn->currentIndex());
    QTRY_VERIFY(!editor()->message().isEmpty());
    QVERIFY2(editor()->message().contains(u"matching types"_s), qPrintable(editor()->message()));
    QCOMPARE(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().first().toObject().value(u"columns"_s).toArray(),
             QJsonArray{u"customer_id"_s});
    QTRY_COMPARE(panel->findChild<QComboBox *>(u"fkColumnCombo"_s)->currentText(), u"customer_id"_s);   // put back
    QJsonObject schema = m_workspace->section(Section::Schema);
    QJsonArray tables = schema.value(u"tables"_s).toArray();
    QJsonObject orders = tables.at(1).toObject();
    QJsonArray columns = orders.value(u"columns"_s).toArray();
    columns.append(QJsonObject{{u"id"_s, u"o-buyer"_s}, {u"name"_s, u"buyer_id"_s}, {u"type"_s, u"integer"_s}});
    orders.insert(u"columns"_s, columns);
    tables.replace(1, orders);
    schema.insert(u"tables"_s, tables);
    m_workspace->setSection(Section::Schema, schema);
    fkColumn = panel->findChild<QComboBox *>(u"fkColumnCombo"_s);
    fkColumn->setCurrentText(u"buyer_id"_s);
    emit fkColumn->activated(fkColumn->currentIndex());
    QTRY_COMPARE(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().first().toObject().value(u"columns"_s).toArray(),
                 QJsonArray{u"buyer_id"_s});
    QCOMPARE(scene()->edges().first()->child()->rows().at(3).name, u"buyer_id"_s);
    QVERIFY(scene()->edges().first()->child()->rows().at(3).foreignKey);
    editor()->undoStack()->undo();
    QCOMPARE(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().first().toObject().value(u"columns"_s).toArray(),
             QJsonArray{u"customer_id"_s});

    // A unique foreign key column makes the relation one-to-one: a bar instead of a crow's foot.
    QVERIFY(scene()->edges().first()->isMany());
    scene()->selectTables({u"tbl-orders"_s});
    panel->findChild<QTableWidget *>(u"columnsTable"_s)->item(1, 4)->setCheckState(Qt::Checked);
    QTRY_VERIFY(!scene()->edges().first()->isMany());
    QVERIFY(scene()->card(u"tbl-orders"_s)->rows().at(1).unique);
}

void TestDiagram::deleteSelected()
{
    openShop();
    QVERIFY(editor()->addForeignKey(u"tbl-orders"_s, u"o-customer"_s, u"tbl-customers"_s, u"c-id"_s));
    scene()->selectTables({u"tbl-customers"_s});
    editor()->view()->setFocus();
    QTest::keyClick(editor()->view()->viewport(), Qt::Key_Delete);   // the Del key, as the toolbar's Delete
    QVERIFY(tableJson(u"customers"_s).isEmpty());
    // Its foreign keys went with it, so the DDL still works.
    QVERIFY(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().isEmpty());
    QVERIFY2(m_page->ddlStatus().contains(u"statement"_s), qPrintable(m_page->ddlStatus()));
    QVERIFY(!layoutJson().contains(u"tbl-customers"_s));
    editor()->undoStack()->undo();
    QVERIFY(!tableJson(u"customers"_s).isEmpty());
    QCOMPARE(tableJson(u"orders"_s).value(u"foreignKeys"_s).toArray().size(), 1);
    QCOMPARE(scene()->edges().size(), 1);
}

void TestDiagram::autoLayoutIsUndoable()
{
    openShop();
    QVERIFY(editor()->addForeignKey(u"tbl-orders"_s, u"o-customer"_s, u"tbl-customers"_s, u"c-id"_s));
    const QJsonObject before = layoutJson();
    QVERIFY(editor()->autoLayout());
    const QJsonObject after = layoutJson();
    QVERIFY(after != before);
    // Ranked: the referenced table left of or above the referencing one.
    const QJsonObject customers = after.value(u"tbl-customers"_s).toObject();
    const QJsonObject orders = after.value(u"tbl-orders"_s).toObject();
    QVERIFY(customers.value(u"x"_s).toDouble() < orders.value(u"x"_s).toDouble()
            || customers.value(u"y"_s).toDouble() < orders.value(u"y"_s).toDouble());
    editor()->undoStack()->undo();
    QCOMPARE(layoutJson(), before);
}

void TestDiagram::exportPngAndSvg()
{
    openSample();
    scene()->selectTables({scene()->cards().first()->tableId()});
    const QString png = m_dir.filePath(u"diagram.png"_s);
    const QString svg = m_dir.filePath(u"diagram.svg"_s);
    QVERIFY(editor()->exportPng(png));
    QVERIFY(editor()->exportSvg(svg));
    const QImage image(png);
    QVERIFY(!image.isNull());
    const QRectF drawing = scene()->drawingRect();
    QCOMPARE(image.size(), QSize(int(std::ceil(drawing.width())), int(std::ceil(drawing.height()))));
    QVERIFY(editor()->exportPng(png, 2.0));
    QCOMPARE(QImage(png).width(), int(std::ceil(drawing.width() * 2)));
    QCOMPARE(scene()->selectedTableIds().size(), 1);   // selection restored after export

    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QStringList texts;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::Characters && !xml.isWhitespace())
            texts << xml.text().toString().trimmed();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(texts.contains(u"users"_s) && texts.contains(u"accounts"_s) && texts.contains(u"password_hash"_s),
             qPrintable(texts.join(u", "_s)));

    const auto refused = editor()->exportPng(m_dir.filePath(u"no/such/dir/x.png"_s));
    QVERIFY(!refused);
    QVERIFY(refused.error().where.endsWith(u"x.png"_s));
}

QTEST_MAIN(TestDiagram)
#include "tst_diagram.moc"
