// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/schema.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>

#include <functional>

class QGraphicsLineItem;

namespace quarry::app {

class RelationEdge;
class TableCard;

/// The diagram of a design: a TableCard per table, a RelationEdge per foreign key. Rebuilt from
/// the model (setSchema) after every change; user gestures come out as signals, never as model
/// edits: a finished card drag as cardsMoved(), a drag from one column row to another as
/// foreignKeyDragged(). Selection is kept by id across rebuilds.
class DiagramScene : public QGraphicsScene
{
    Q_OBJECT
public:
    explicit DiagramScene(QObject *parent = nullptr);
    ~DiagramScene() override;

    /// Rebuilds every item; tables without an entry in `positions` are put at the origin.
    void setSchema(const schema::Schema &schema, const QHash<QString, QPointF> &positions);

    TableCard *card(const QString &tableId) const { return m_cards.value(tableId); }
    QList<TableCard *> cards() const { return m_cards.values(); }
    QList<RelationEdge *> edges() const { return m_edges; }
    /// The cards' current top-left corners, by table id.
    QHash<QString, QPointF> positions() const;
    /// The bounding rectangle of the drawing with a margin, for fit-to-view and export.
    QRectF drawingRect() const;

    QStringList selectedTableIds() const;
    /// (table id, foreign key id) of the selected relation lines.
    QList<QPair<QString, QString>> selectedForeignKeys() const;
    void selectTables(const QStringList &ids);

    /// Decides whether a foreign key from (table, column) to (table, column) could be made, to
    /// colour the target row while dragging. Returns the refusal message, empty when acceptable.
    using FkCheck = std::function<QString(const QString &, const QString &, const QString &, const QString &)>;
    void setForeignKeyCheck(FkCheck check) { m_fkCheck = std::move(check); }

signals:
    /// A drag of one or more cards ended with them at new places (top-left corners by table id).
    void cardsMoved(const QHash<QString, QPointF> &positions);
    /// A column row was dragged onto a column row of a (possibly other) table.
    void foreignKeyDragged(const QString &fromTableId, const QString &fromColumnId, const QString &toTableId,
                           const QString &toColumnId);
    /// A column row was pressed (the start of a click or of a foreign key drag).
    void columnPressed(const QString &tableId, const QString &columnId);
    /// Emitted while a foreign key is dragged over a row: the check's message, or a hint.
    void hint(const QString &message);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    TableCard *cardAt(const QPointF &scenePos) const;
    void clearHighlight();

    QHash<QString, TableCard *> m_cards;
    QList<RelationEdge *> m_edges;
    // A foreign key being dragged: from this card's row, with a preview line.
    TableCard *m_fkFrom = nullptr;
    int m_fkRow = -1;
    QGraphicsLineItem *m_fkLine = nullptr;
    TableCard *m_fkTarget = nullptr;
    // Card positions when a move drag started.
    QHash<QString, QPointF> m_pressPositions;
    FkCheck m_fkCheck;
};

} // namespace quarry::app
