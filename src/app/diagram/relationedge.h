// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QGraphicsItem>
#include <QPainterPath>
#include <QPolygonF>

#include <functional>

namespace quarry::app {

class TableCard;

/// A foreign key drawn between two cards, in crow's-foot notation: at the referencing (child)
/// table a crow's foot ("many"), or a bar when the key columns are unique ("one"); at the
/// referenced (parent) table a double bar when the key columns are NOT NULL ("exactly one") or a
/// circle and bar when they are nullable ("zero or one"). The line is orthogonal and leaves and
/// enters the cards at the rows of the columns concerned, never crossing its own two cards.
class RelationEdge : public QGraphicsItem
{
public:
    enum { Type = UserType + 602 };

    RelationEdge(TableCard *child, int childRow, TableCard *parent, int parentRow, const QString &tableId,
                 const QString &foreignKeyId, bool optional, bool many);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    /// Whether a piece of line (a thin rectangle) would cross a card other than the two given.
    using Obstacles = std::function<bool(const QRectF &piece, const TableCard *child, const TableCard *parent)>;
    /// Recomputes the route after a card moved. Without `obstacles` the scene is asked.
    void updatePath(const Obstacles &obstacles = {});

    TableCard *child() const { return m_child; }
    TableCard *parentCard() const { return m_parent; }
    /// The referencing table's id (the foreign key's owner).
    QString tableId() const { return m_tableId; }
    QString foreignKeyId() const { return m_foreignKeyId; }
    /// Parent end "zero or one" (nullable key columns) rather than "exactly one".
    bool isOptional() const { return m_optional; }
    /// Child end "many" (crow's foot) rather than "one" (unique key columns).
    bool isMany() const { return m_many; }
    const QPolygonF &points() const { return m_points; }

    /// The orthogonal route from a child card's row (at height childY) to a parent card's row:
    /// through the gap between the cards when they are side by side, else around their right
    /// (or left) sides. First and last points lie on the cards' edges. With `blocked` (a piece of
    /// line would cross another card), the first of several channels that crosses none is taken.
    static QPolygonF route(const QRectF &child, qreal childY, const QRectF &parent, qreal parentY,
                           const std::function<bool(const QRectF &)> &blocked = {});

private:
    TableCard *m_child;
    TableCard *m_parent;
    int m_childRow;
    int m_parentRow;
    QString m_tableId;
    QString m_foreignKeyId;
    bool m_optional;
    bool m_many;
    QPolygonF m_points;
    QPainterPath m_path;
    QRectF m_bounds;
};

} // namespace quarry::app
