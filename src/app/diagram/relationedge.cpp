// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/relationedge.h"

#include "diagram/tablecard.h"

#include <QLineF>
#include <QGraphicsScene>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace quarry::app {

namespace {
constexpr qreal Stub = 26;        // straight piece at each card, where the end symbols sit
constexpr qreal Corner = 6;       // rounded bends

QPointF unit(const QPointF &from, const QPointF &to)
{
    const QLineF l(from, to);
    return l.length() > 0 ? QPointF(l.dx() / l.length(), l.dy() / l.length()) : QPointF(1, 0);
}
} // namespace

RelationEdge::RelationEdge(TableCard *child, int childRow, TableCard *parent, int parentRow, const QString &tableId,
                           const QString &foreignKeyId, bool optional, bool many)
    : m_child(child)
    , m_parent(parent)
    , m_childRow(childRow)
    , m_parentRow(parentRow)
    , m_tableId(tableId)
    , m_foreignKeyId(foreignKeyId)
    , m_optional(optional)
    , m_many(many)
{
    setFlags(ItemIsSelectable);
    setZValue(0);
    child->addEdge(this);
    if (parent != child)
        parent->addEdge(this);
    updatePath();
}

QPolygonF RelationEdge::route(const QRectF &child, qreal childY, const QRectF &parent, qreal parentY,
                              const std::function<bool(const QRectF &)> &blocked)
{
    auto polyline = [&](qreal fromX, qreal x, qreal toX) {
        QPolygonF p;
        p << QPointF(fromX, childY) << QPointF(x, childY) << QPointF(x, parentY) << QPointF(toX, parentY);
        // Drop the bends of a straight line.
        if (std::abs(childY - parentY) < 0.5 && (x - fromX) * (toX - x) > 0)
            p = QPolygonF{p.first(), p.last()};
        return p;
    };
    // Candidate routes, best first: the vertical piece in the middle of the gap between the
    // cards, then nearer either card; cards above each other go around their right, else left.
    QList<QPolygonF> candidates;
    if (parent.left() >= child.right() + 2 * Stub || child.left() >= parent.right() + 2 * Stub) {
        const bool right = parent.left() >= child.right() + 2 * Stub;
        const qreal from = right ? child.right() : child.left();
        const qreal to = right ? parent.left() : parent.right();
        const qreal lo = std::min(from, to) + Stub;
        const qreal hi = std::max(from, to) - Stub;
        const qreal mid = std::round((from + to) / 2);
        candidates << polyline(from, mid, to);
        for (int k = 1; blocked && k <= 12; ++k) {
            for (const qreal x : {mid - 14.0 * k, mid + 14.0 * k}) {
                if (x >= lo && x <= hi)
                    candidates << polyline(from, x, to);
            }
        }
    } else {
        const qreal rightX = std::max(child.right(), parent.right()) + Stub + 8;
        const qreal leftX = std::min(child.left(), parent.left()) - Stub - 8;
        candidates << polyline(child.right(), rightX, parent.right());
        for (int k = 0; blocked && k <= 6; ++k) {
            if (k > 0)
                candidates << polyline(child.right(), rightX + 16.0 * k, parent.right());
            candidates << polyline(child.left(), leftX - 16.0 * k, parent.left());
        }
    }
    if (!blocked)
        return candidates.first();
    for (const QPolygonF &p : std::as_const(candidates)) {
        bool free = true;
        for (qsizetype i = 0; free && i + 1 < p.size(); ++i)
            free = !blocked(QRectF(p.at(i), p.at(i + 1)).normalized().adjusted(-1, -1, 1, 1));
        if (free)
            return p;
    }
    return candidates.first();   // no free channel: the shortest
}

void RelationEdge::updatePath(const Obstacles &obstacles)
{
    prepareGeometryChange();
    const QRectF childRect(m_child->scenePos(), m_child->boundingRect().adjusted(2, 2, -2, -2).size());
    const QRectF parentRect(m_parent->scenePos(), m_parent->boundingRect().adjusted(2, 2, -2, -2).size());
    std::function<bool(const QRectF &)> blocked;
    if (obstacles) {
        blocked = [&](const QRectF &piece) { return obstacles(piece, m_child, m_parent); };
    } else if (QGraphicsScene *diagram = scene()) {
        // Another card in the way of a piece of the line.
        blocked = [this, diagram](const QRectF &piece) {
            const QList<QGraphicsItem *> hits = diagram->items(piece, Qt::IntersectsItemBoundingRect);
            for (QGraphicsItem *item : hits) {
                if (item->type() == TableCard::Type && item != m_child && item != m_parent
                    && static_cast<TableCard *>(item)->sceneRectOfCard().adjusted(-4, -4, 4, 4).intersects(piece))
                    return true;
            }
            return false;
        };
    }
    m_points = route(childRect, m_child->rowCenterY(m_childRow), parentRect, m_parent->rowCenterY(m_parentRow), blocked);
    QPainterPath path(m_points.first());
    for (qsizetype i = 1; i < m_points.size(); ++i) {
        const QPointF corner = m_points.at(i);
        if (i + 1 < m_points.size()) {
            const QPointF in = unit(m_points.at(i - 1), corner);
            const QPointF out = unit(corner, m_points.at(i + 1));
            const qreal r = std::min({Corner, QLineF(m_points.at(i - 1), corner).length() / 2,
                                      QLineF(corner, m_points.at(i + 1)).length() / 2});
            path.lineTo(corner - in * r);
            path.quadTo(corner, corner + out * r);
        } else {
            path.lineTo(corner);
        }
    }
    m_path = path;
    m_bounds = path.boundingRect().adjusted(-10, -10, 10, 10);
}

QRectF RelationEdge::boundingRect() const
{
    return m_bounds;
}

QPainterPath RelationEdge::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(12);   // easy to hit with the mouse
    return stroker.createStroke(m_path);
}

void RelationEdge::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const bool selected = option->state & QStyle::State_Selected;
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor ink = selected ? QColor(0xf0, 0x8c, 0x00) : QColor(0x5b, 0x6b, 0x7c);
    if (lod < 0.4) {
        painter->setPen(QPen(ink, 0));   // cosmetic hairline: cheap and visible at any zoom
        painter->drawPolyline(m_points);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(QPen(ink, selected ? 2.4 : 1.4));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);

    // End symbols, drawn along the last straight piece towards each card.
    auto perpendicular = [](const QPointF &d) { return QPointF(-d.y(), d.x()); };
    const qsizetype n = m_points.size();
    // Child end: direction pointing into the child card.
    const QPointF c0 = m_points.at(0);
    const QPointF cd = unit(m_points.at(1), c0);
    const QPointF cn = perpendicular(cd);
    if (m_many) {
        const QPointF root = c0 - cd * 14;
        painter->drawLine(root, c0 + cn * 7);
        painter->drawLine(root, c0 - cn * 7);
        painter->drawLine(root, c0);
    } else {
        painter->drawLine(c0 - cd * 10 + cn * 6, c0 - cd * 10 - cn * 6);
    }
    // Parent end: direction pointing into the parent card.
    const QPointF p0 = m_points.at(n - 1);
    const QPointF pd = unit(m_points.at(n - 2), p0);
    const QPointF pn = perpendicular(pd);
    painter->drawLine(p0 - pd * 7 + pn * 6, p0 - pd * 7 - pn * 6);
    if (m_optional) {
        painter->setBrush(Qt::white);
        painter->drawEllipse(p0 - pd * 17, 4.5, 4.5);
    } else {
        painter->drawLine(p0 - pd * 12 + pn * 6, p0 - pd * 12 - pn * 6);
    }
}

} // namespace quarry::app
