// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/table.h"

#include <QFont>
#include <QGraphicsItem>
#include <QList>

namespace quarry::app {

class RelationEdge;

/// One table of the diagram as a card: a header with the table's name (and SQL schema), one row
/// per column with its key badge (PK, FK), name, type, unique badge and a null marker (filled dot:
/// NOT NULL, hollow dot: nullable). Movable and selectable; zoomed out it paints less detail.
/// Dragging the header moves the card; dragging from a column row draws a foreign key (handled
/// by DiagramScene).
class TableCard : public QGraphicsItem
{
public:
    enum { Type = UserType + 601 };

    /// What a row shows; built from the table by the constructor.
    struct Row {
        QString columnId;
        QString name;
        QString type;
        bool primaryKey = false;
        bool foreignKey = false;
        bool notNull = false;
        bool unique = false;
        QString toolTip;
    };

    explicit TableCard(const schema::Table &table, QGraphicsItem *parent = nullptr);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    /// Column sets that are unique: unique keys and unique indexes without a WHERE.
    static QList<QStringList> uniqueColumnSets(const schema::Table &table);
    /// The card size `table` gets, without building a card (for the auto layout).
    static QSizeF measure(const schema::Table &table);

    QString tableId() const { return m_tableId; }
    QString tableName() const { return m_name; }
    QString nameSpace() const { return m_nameSpace; }
    const QList<Row> &rows() const { return m_rows; }
    int rowOfColumn(const QString &columnName) const;
    /// The row under `scenePos`, or -1 (header, outside).
    int rowAt(const QPointF &scenePos) const;
    /// The vertical middle of a row in scene coordinates (the header's middle for -1).
    qreal rowCenterY(int row) const;
    QRectF sceneRectOfCard() const { return mapRectToScene(boundingRect()); }
    /// The row drawn highlighted while a foreign key is dragged over it (-1: none).
    void setHighlightedRow(int row, bool acceptable);

    void addEdge(RelationEdge *edge) { m_edges << edge; }

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void hoverMoveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    struct Metrics;
    static const Metrics &metrics();

    QString m_tableId;
    QString m_name;
    QString m_nameSpace;
    QString m_comment;
    QList<Row> m_rows;
    QList<RelationEdge *> m_edges;
    QSizeF m_size;
    qreal m_keySlot = 0;
    qreal m_typeX = 0;
    int m_highlightRow = -1;
    bool m_highlightOk = true;
};

} // namespace quarry::app
