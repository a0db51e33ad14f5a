// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/diagramscene.h"

#include "diagram/relationedge.h"
#include "diagram/tablecard.h"

#include <QGraphicsLineItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsView>
#include <QPen>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

DiagramScene::DiagramScene(QObject *parent)
    : QGraphicsScene(parent)
{
    // Hundreds of cards: the index keeps hit tests and partial repaints cheap.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setBackgroundBrush(QColor(0xfb, 0xfc, 0xfd));
}

DiagramScene::~DiagramScene() = default;

void DiagramScene::setSchema(const schema::Schema &schema, const QHash<QString, QPointF> &positions)
{
    const QStringList selectedTables = selectedTableIds();
    const auto selectedFks = selectedForeignKeys();
    m_fkFrom = nullptr;
    m_fkTarget = nullptr;
    m_fkLine = nullptr;
    m_cards.clear();
    m_edges.clear();
    clear();

    for (const schema::Table &t : schema.tables) {
        auto *card = new TableCard(t);
        card->setPos(positions.value(t.id));
        addItem(card);
        m_cards.insert(t.id, card);
    }
    QHash<QString, TableCard *> byName;   // "ns.name" lower-case
    for (const schema::Table &t : schema.tables)
        byName.insert((t.nameSpace + u'.' + t.name).toLower(), m_cards.value(t.id));
    for (const schema::Table &t : schema.tables) {
        TableCard *child = m_cards.value(t.id);
        const QStringList pk = t.primaryKeyColumns();
        const QList<QStringList> uniques = TableCard::uniqueColumnSets(t);
        for (const schema::ForeignKey &fk : t.foreignKeys) {
            TableCard *parent = byName.value((fk.refNamespace + u'.' + fk.refTable).toLower());
            if (!parent && fk.refNamespace.isEmpty())
                parent = byName.value((t.nameSpace + u'.' + fk.refTable).toLower());
            if (!parent || fk.columns.isEmpty())
                continue;   // a broken reference: the Validator reports it
            bool optional = false;
            for (const QString &c : fk.columns) {
                const schema::Column *column = t.column(c);
                optional = optional || (column && column->nullable && !pk.contains(c));
            }
            auto sameSet = [](QStringList a, QStringList b) {
                a.sort();
                b.sort();
                return a == b;
            };
            bool one = sameSet(pk, fk.columns);
            for (const QStringList &u : uniques)
                one = one || sameSet(u, fk.columns);
            auto *edge = new RelationEdge(child, child->rowOfColumn(fk.columns.first()), parent,
                                          parent->rowOfColumn(fk.refColumns.value(0)), t.id, fk.id, optional, !one);
            addItem(edge);
            m_edges << edge;
        }
    }
    // Route every line around the other cards. A coarse grid of the cards answers "is a card in
    // the way" much faster than the scene's index while hundreds of items are new.
    constexpr qreal Cell = 256;
    QHash<QPoint, QList<TableCard *>> grid;
    auto cells = [](const QRectF &r, const std::function<void(const QPoint &)> &visit) {
        for (int x = int(std::floor(r.left() / Cell)); x <= int(std::floor(r.right() / Cell)); ++x)
            for (int y = int(std::floor(r.top() / Cell)); y <= int(std::floor(r.bottom() / Cell)); ++y)
                visit(QPoint(x, y));
    };
    for (TableCard *card : std::as_const(m_cards)) {
        const QRectF r = card->sceneRectOfCard().adjusted(-4, -4, 4, 4);
        cells(r, [&](const QPoint &c) { grid[c] << card; });
    }
    const RelationEdge::Obstacles obstacles = [&](const QRectF &piece, const TableCard *a, const TableCard *b) {
        bool hit = false;
        cells(piece, [&](const QPoint &c) {
            const auto it = grid.constFind(c);
            if (hit || it == grid.cend())
                return;
            for (const TableCard *card : *it) {
                if (card != a && card != b && card->sceneRectOfCard().adjusted(-4, -4, 4, 4).intersects(piece)) {
                    hit = true;
                    return;
                }
            }
        });
        return hit;
    };
    for (RelationEdge *edge : std::as_const(m_edges))
        edge->updatePath(obstacles);

    for (const QString &id : selectedTables) {
        if (TableCard *card = m_cards.value(id))
            card->setSelected(true);
    }
    for (RelationEdge *edge : std::as_const(m_edges)) {
        if (selectedFks.contains({edge->tableId(), edge->foreignKeyId()}))
            edge->setSelected(true);
    }
}

QHash<QString, QPointF> DiagramScene::positions() const
{
    QHash<QString, QPointF> result;
    for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it)
        result.insert(it.key(), it.value()->pos());
    return result;
}

QRectF DiagramScene::drawingRect() const
{
    QRectF r;
    for (const TableCard *card : m_cards)
        r |= card->sceneRectOfCard();
    for (const RelationEdge *edge : m_edges)
        r |= edge->sceneBoundingRect();
    return r.isNull() ? QRectF(0, 0, 400, 300) : r.adjusted(-24, -24, 24, 24);
}

QStringList DiagramScene::selectedTableIds() const
{
    QStringList ids;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == TableCard::Type)
            ids << static_cast<TableCard *>(item)->tableId();
    }
    return ids;
}

QList<QPair<QString, QString>> DiagramScene::selectedForeignKeys() const
{
    QList<QPair<QString, QString>> fks;
    for (QGraphicsItem *item : selectedItems()) {
        if (item->type() == RelationEdge::Type) {
            const auto *edge = static_cast<RelationEdge *>(item);
            fks << qMakePair(edge->tableId(), edge->foreignKeyId());
        }
    }
    return fks;
}

void DiagramScene::selectTables(const QStringList &ids)
{
    clearSelection();
    for (const QString &id : ids) {
        if (TableCard *card = m_cards.value(id))
            card->setSelected(true);
    }
}

TableCard *DiagramScene::cardAt(const QPointF &scenePos) const
{
    for (QGraphicsItem *item : items(scenePos)) {
        if (item->type() == TableCard::Type)
            return static_cast<TableCard *>(item);
    }
    return nullptr;
}

void DiagramScene::clearHighlight()
{
    if (m_fkTarget)
        m_fkTarget->setHighlightedRow(-1, true);
    m_fkTarget = nullptr;
}

void DiagramScene::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    TableCard *card = event->button() == Qt::LeftButton && event->modifiers() == Qt::NoModifier
        ? cardAt(event->scenePos()) : nullptr;
    // Zoomed out the rows cannot be read: the whole card is a handle to move it.
    const auto *view = event->widget() ? qobject_cast<QGraphicsView *>(event->widget()->parentWidget()) : nullptr;
    const bool readable = !view || view->transform().m11() >= 0.4;
    const int row = card && readable ? card->rowAt(event->scenePos()) : -1;
    if (row >= 0) {
        // A drag from a column row draws a foreign key instead of moving the card.
        clearSelection();
        card->setSelected(true);
        m_fkFrom = card;
        m_fkRow = row;
        const QPointF start(event->scenePos().x(), card->rowCenterY(row));
        m_fkLine = addLine(QLineF(start, start), QPen(QColor(0x2f, 0x5d, 0x8a), 1.5, Qt::DashLine));
        m_fkLine->setZValue(10);
        event->accept();
        emit columnPressed(card->tableId(), card->rows().at(row).columnId);
        return;
    }
    QGraphicsScene::mousePressEvent(event);
    m_pressPositions.clear();
    for (const QString &id : selectedTableIds())
        m_pressPositions.insert(id, m_cards.value(id)->pos());
}

void DiagramScene::mouseMoveEvent(QGraphicsSceneMouseEvent *event)
{
    if (!m_fkFrom) {
        QGraphicsScene::mouseMoveEvent(event);
        return;
    }
    m_fkLine->setLine(QLineF(m_fkLine->line().p1(), event->scenePos()));
    TableCard *target = cardAt(event->scenePos());
    const int row = target ? target->rowAt(event->scenePos()) : -1;
    if (target != m_fkTarget)
        clearHighlight();
    if (row < 0 || (target == m_fkFrom && row == m_fkRow)) {
        emit hint(tr("Drop on a column of the referenced table (its primary key or a unique column)."));
        return;
    }
    m_fkTarget = target;
    const QString refusal = m_fkCheck ? m_fkCheck(m_fkFrom->tableId(), m_fkFrom->rows().at(m_fkRow).columnId,
                                                  target->tableId(), target->rows().at(row).columnId)
                                      : QString();
    target->setHighlightedRow(row, refusal.isEmpty());
    emit hint(refusal.isEmpty() ? tr("%1.%2 → %3.%4: release to add the foreign key.")
                                      .arg(m_fkFrom->tableName(), m_fkFrom->rows().at(m_fkRow).name, target->tableName(),
                                           target->rows().at(row).name)
                                : refusal);
}

void DiagramScene::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    if (m_fkFrom) {
        TableCard *from = m_fkFrom;
        const int fromRow = m_fkRow;
        clearHighlight();
        delete m_fkLine;
        m_fkLine = nullptr;
        m_fkFrom = nullptr;
        TableCard *target = cardAt(event->scenePos());
        const int row = target ? target->rowAt(event->scenePos()) : -1;
        emit hint({});
        if (row >= 0 && !(target == from && row == fromRow))
            emit foreignKeyDragged(from->tableId(), from->rows().at(fromRow).columnId, target->tableId(),
                                   target->rows().at(row).columnId);   // may rebuild the scene: last
        return;
    }
    QGraphicsScene::mouseReleaseEvent(event);
    QHash<QString, QPointF> moved;
    for (auto it = m_pressPositions.cbegin(); it != m_pressPositions.cend(); ++it) {
        TableCard *card = m_cards.value(it.key());
        if (card && card->pos() != it.value())
            moved.insert(it.key(), card->pos());
    }
    m_pressPositions.clear();
    if (!moved.isEmpty())
        emit cardsMoved(moved);
}

} // namespace quarry::app
