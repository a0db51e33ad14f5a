// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QGraphicsView>

namespace quarry::app {

class DiagramMinimap;
class DiagramScene;

/// The diagram's viewport: rubber-band selection, wheel zoom around the cursor, panning with the
/// middle mouse button or Space + drag, fit-to-view, and a minimap in the bottom-right corner
/// (click or drag in it to move there).
class DiagramView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DiagramView(QWidget *parent = nullptr);
    ~DiagramView() override;

    void setDiagram(DiagramScene *scene);
    /// Shows the whole drawing (never magnified above 100%).
    void fitToView();
    /// Scales by `factor` around `viewPos` (the cursor) within 5%..400%.
    void zoomBy(qreal factor, const QPoint &viewPos);
    qreal zoom() const;
    void setZoom(qreal zoom);
    DiagramMinimap *minimap() const { return m_minimap; }
    /// Shows the minimap only while part of the drawing is out of sight.
    void updateMinimap();

signals:
    void zoomChanged(qreal zoom);
    void viewportMoved();

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    void placeMinimap();

    DiagramMinimap *m_minimap;
    bool m_spaceHeld = false;
    bool m_panning = false;
    QPoint m_panFrom;
};

/// A small overview of the whole diagram with the main view's visible area outlined.
class DiagramMinimap : public QGraphicsView
{
    Q_OBJECT
public:
    explicit DiagramMinimap(DiagramView *main);
    void refit();
    /// The outlined area, in scene coordinates.
    QRectF visibleArea() const;

protected:
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    DiagramView *m_main;
};

} // namespace quarry::app
