// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/relationedge.h"

#include "diagram/tablecard.h"

#include <QLineF>
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

QPolygonF RelationEdge::route(const QRectF &child, qreal childY, const QRectF &parent, qreal parentY)
{
    QPolygonF p;
    if (parent.left() >= child.right() + 2 * Stub) {          // parent to the right
        const qreal mid = std::round((child.right() + parent.left()) / 2);
        p << QPointF(child.right(), childY) << QPointF(mid, childY) << QPointF(mid, parentY) << QPointF(parent.left(), parentY);
    } else if (child.left() >= parent.right() + 2 * Stub) {   // parent to the left
        const qreal mid = std::round((parent.right() + child.left()) / 2);
        p << QPointF(child.left(), childY) << QPointF(mid, childY) << QPointF(mid, parentY) << QPointF(parent.right(), parentY);
    } else {
        // Above/below each other (or the same card): around the right of both.
        const qreal x = std::max(child.right(), parent.right()) + Stub + 8;
        p << QPointF(child.right(), childY) << QPointF(x, childY) << QPointF(x, parentY) << QPointF(parent.right(), parentY);
    }
    // Drop the bends of a straight line.
    if (std::abs(childY - parentY) < 0.5 && p.at(0).x() != p.at(1).x() && p.at(1).x() != p.at(3).x()
        && ((p.at(1).x() - p.at(0).x()) * (p.at(3).x() - p.at(1).x()) > 0))
        p = QPolygonF{p.first(), p.last()};
    return p;
}

void RelationEdge::updatePath()
{
    prepareGeometryChange();
    const QRectF childRect(m_child->scenePos(), m_child->boundingRect().adjusted(2, 2, -2, -2).size());
    const QRectF parentRect(m_parent->scenePos(), m_parent->boundingRect().adjusted(2, 2, -2, -2).size());
    m_points = route(childRect, m_child->rowCenterY(m_childRow), parentRect, m_parent->rowCenterY(m_parentRow));
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
    stroker.setWidth(8);
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
