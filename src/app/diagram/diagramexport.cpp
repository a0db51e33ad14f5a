// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/diagramexport.h"

#include "diagram/diagramscene.h"
#include "savefile.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include <cmath>

namespace quarry::app {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DiagramExport)
};

// Renders without the selection outline, then restores the selection.
class UnselectedScope
{
public:
    explicit UnselectedScope(QGraphicsScene *scene)
        : m_items(scene->selectedItems())
    {
        for (QGraphicsItem *item : m_items)
            item->setSelected(false);
    }
    ~UnselectedScope()
    {
        for (QGraphicsItem *item : m_items)
            item->setSelected(true);
    }

private:
    QList<QGraphicsItem *> m_items;
};

Error writeError(const QString &path, const QString &why)
{
    return Error{Error::Kind::Io, Tr::tr("Could not write the diagram: %1").arg(why), path};
}
} // namespace

Result<void> DiagramExport::png(DiagramScene *scene, const QString &path, qreal scale)
{
    const QRectF source = scene->drawingRect();
    const QSize size(int(std::ceil(source.width() * scale)), int(std::ceil(source.height() * scale)));
    // QImage caps at 2^31 bytes; a huge diagram at a high scale would fail silently.
    if (qint64(size.width()) * size.height() * 4 > (qint64(1) << 30))
        return writeError(path, Tr::tr("the picture would be %1 x %2 pixels; export SVG or a smaller scale instead.")
                                    .arg(size.width()).arg(size.height()));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        UnselectedScope unselected(scene);
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene->render(&painter, QRectF(QPointF(0, 0), QSizeF(size)), source);
    }
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG"))
        return writeError(path, Tr::tr("PNG encoding failed."));
    if (const auto saved = saveFile(path, png); !saved)
        return writeError(path, saved.error().message);
    return {};
}

Result<void> DiagramExport::svg(DiagramScene *scene, const QString &path, const QString &title)
{
    const QRectF source = scene->drawingRect();
    QByteArray svg;
    QBuffer buffer(&svg);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(title.isEmpty() ? QFileInfo(path).completeBaseName() : title);
    generator.setDescription(Tr::tr("Database diagram exported by Quarry"));
    {
        UnselectedScope unselected(scene);
        QPainter painter(&generator);
        painter.fillRect(QRectF(QPointF(0, 0), source.size()), Qt::white);
        scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    }
    if (const auto saved = saveFile(path, svg); !saved)
        return writeError(path, saved.error().message);
    return {};
}

} // namespace quarry::app
