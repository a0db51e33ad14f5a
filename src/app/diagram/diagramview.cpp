// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/diagramview.h"

#include "diagram/diagramscene.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace quarry::app {

namespace {
constexpr qreal MinZoom = 0.05;
constexpr qreal MaxZoom = 4.0;
} // namespace

DiagramView::DiagramView(QWidget *parent)
    : QGraphicsView(parent)
    , m_minimap(new DiagramMinimap(this))
{
    setDragMode(QGraphicsView::RubberBandDrag);
    setRubberBandSelectionMode(Qt::IntersectsItemShape);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setFocusPolicy(Qt::StrongFocus);
}

DiagramView::~DiagramView() = default;

void DiagramView::setDiagram(DiagramScene *scene)
{
    setScene(scene);
    m_minimap->setScene(scene);
    connect(scene, &QGraphicsScene::changed, m_minimap, [this] { m_minimap->viewport()->update(); });
    placeMinimap();
}

void DiagramView::fitToView()
{
    auto *diagram = qobject_cast<DiagramScene *>(scene());
    if (!diagram)
        return;
    const QRectF r = diagram->drawingRect();
    setSceneRect(r.adjusted(-r.width(), -r.height(), r.width(), r.height()));   // room to pan past the edges
    fitInView(r, Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        setZoom(1.0);
    centerOn(r.center());
    m_minimap->refit();
    updateMinimap();
    emit zoomChanged(zoom());
}

qreal DiagramView::zoom() const
{
    return transform().m11();
}

void DiagramView::setZoom(qreal z)
{
    z = std::clamp(z, MinZoom, MaxZoom);
    const QPointF center = mapToScene(viewport()->rect().center());
    setTransform(QTransform::fromScale(z, z));
    centerOn(center);
    emit zoomChanged(z);
    updateMinimap();
}

void DiagramView::zoomBy(qreal factor, const QPoint &viewPos)
{
    const qreal target = std::clamp(zoom() * factor, MinZoom, MaxZoom);
    if (qFuzzyCompare(target, zoom()))
        return;
    // Keep the scene point under the cursor where it is.
    const QPointF anchor = mapToScene(viewPos);
    setTransform(QTransform::fromScale(target, target));
    const QPointF moved = mapFromScene(anchor);
    const QPointF delta = moved - QPointF(viewPos);
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + int(std::round(delta.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() + int(std::round(delta.y())));
    emit zoomChanged(target);
    updateMinimap();
}

void DiagramView::wheelEvent(QWheelEvent *event)
{
    const int steps = event->angleDelta().y();
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.0015, steps), event->position().toPoint());   // 120 per notch: ~20%
    event->accept();
}

void DiagramView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_panning = true;
        m_panFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void DiagramView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const QPoint delta = event->position().toPoint() - m_panFrom;
        m_panFrom = event->position().toPoint();
        horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
        verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void DiagramView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning && (event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton)) {
        m_panning = false;
        viewport()->setCursor(m_spaceHeld ? Qt::OpenHandCursor : Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void DiagramView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = true;
        viewport()->setCursor(Qt::OpenHandCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void DiagramView::keyReleaseEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Space && !event->isAutoRepeat()) {
        m_spaceHeld = false;
        viewport()->setCursor(Qt::ArrowCursor);
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void DiagramView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeMinimap();
}

void DiagramView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    updateMinimap();
    emit viewportMoved();
}

void DiagramView::updateMinimap()
{
    // Only useful while part of the drawing is out of sight.
    auto *diagram = qobject_cast<DiagramScene *>(scene());
    const QRect area = viewport()->geometry();
    const bool roomy = area.width() > 360 && area.height() > 240;
    const bool needed = diagram && !mapToScene(viewport()->rect()).boundingRect().contains(diagram->drawingRect());
    m_minimap->setVisible(roomy && needed);
    m_minimap->viewport()->update();
}

void DiagramView::placeMinimap()
{
    const QRect area = viewport()->geometry();
    const QSize size(std::clamp(area.width() / 5, 120, 220), std::clamp(area.height() / 5, 80, 160));
    m_minimap->setGeometry(QRect(area.bottomRight() - QPoint(size.width() + 8, size.height() + 8), size));
    m_minimap->refit();
    updateMinimap();
}

DiagramMinimap::DiagramMinimap(DiagramView *main)
    : QGraphicsView(main)
    , m_main(main)
{
    setObjectName(QStringLiteral("diagramMinimap"));
    setInteractive(false);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::Box);
    setStyleSheet(QStringLiteral("quarry--app--DiagramMinimap { border: 1px solid #8a99a8; background: white; }"));
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview: click or drag to move the view"));
}

void DiagramMinimap::refit()
{
    auto *diagram = qobject_cast<DiagramScene *>(scene());
    if (!diagram)
        return;
    const QRectF r = diagram->drawingRect();
    setSceneRect(r);
    fitInView(r, Qt::KeepAspectRatio);
}

QRectF DiagramMinimap::visibleArea() const
{
    return m_main->mapToScene(m_main->viewport()->rect()).boundingRect();
}

void DiagramMinimap::drawForeground(QPainter *painter, const QRectF &)
{
    painter->setPen(QPen(QColor(0xf0, 0x8c, 0x00), 0));
    painter->setBrush(QColor(0xf0, 0x8c, 0x00, 24));
    painter->drawRect(visibleArea());
}

void DiagramMinimap::mousePressEvent(QMouseEvent *event)
{
    m_main->centerOn(mapToScene(event->position().toPoint()));
    viewport()->update();
}

void DiagramMinimap::mouseMoveEvent(QMouseEvent *event)
{
    if (event->buttons() & Qt::LeftButton) {
        m_main->centerOn(mapToScene(event->position().toPoint()));
        viewport()->update();
    }
}

void DiagramMinimap::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    refit();
}

} // namespace quarry::app
