// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "diagram/tablecard.h"

#include "diagram/relationedge.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGraphicsSceneHoverEvent>
#include <QGraphicsView>
#include <QGuiApplication>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

// Sizes and fonts shared by every card; computed once from the application font.
struct TableCard::Metrics {
    QFont nameFont;
    QFont headerFont;
    QFont schemaFont;
    QFont typeFont;
    QFont badgeFont;
    qreal headerHeight = 28;
    qreal rowHeight = 21;
    qreal padding = 8;
    qreal badgeWidth = 22;
    qreal markerSlot = 30;   // unique badge + null dot
    qreal minWidth = 140;
};

const TableCard::Metrics &TableCard::metrics()
{
    static const Metrics m = [] {
        Metrics m;
        m.nameFont = QGuiApplication::font();
        m.headerFont = m.nameFont;
        m.headerFont.setBold(true);
        m.schemaFont = m.nameFont;
        m.schemaFont.setPointSizeF(m.nameFont.pointSizeF() * 0.85);
        m.typeFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        m.typeFont.setPointSizeF(m.nameFont.pointSizeF() * 0.9);
        m.badgeFont = m.nameFont;
        m.badgeFont.setPointSizeF(m.nameFont.pointSizeF() * 0.7);
        m.badgeFont.setBold(true);
        const QFontMetricsF fm(m.nameFont);
        m.rowHeight = std::ceil(fm.height() + 6);
        m.headerHeight = std::ceil(QFontMetricsF(m.headerFont).height() + 10);
        m.badgeWidth = std::ceil(QFontMetricsF(m.badgeFont).horizontalAdvance(u"PK"_s) + 8);
        return m;
    }();
    return m;
}

namespace {
QList<TableCard::Row> rowsOf(const schema::Table &table)
{
    const QStringList pk = table.primaryKeyColumns();
    QStringList fkColumns;
    QHash<QString, QString> references;
    for (const schema::ForeignKey &fk : table.foreignKeys) {
        for (qsizetype i = 0; i < fk.columns.size(); ++i) {
            fkColumns << fk.columns.at(i);
            references.insert(fk.columns.at(i), fk.refTable + u'.' + fk.refColumns.value(i));
        }
    }
    const QList<QStringList> uniques = TableCard::uniqueColumnSets(table);
    QList<TableCard::Row> rows;
    for (const schema::Column &c : table.columns) {
        TableCard::Row r;
        r.columnId = c.id;
        r.name = c.name;
        r.type = c.type.displayName();
        r.primaryKey = pk.contains(c.name);
        r.foreignKey = fkColumns.contains(c.name);
        r.notNull = !c.nullable || r.primaryKey;
        r.unique = uniques.contains(QStringList{c.name});
        QStringList tip{u"<b>%1</b> %2"_s.arg(c.name.toHtmlEscaped(), r.type.toHtmlEscaped())};
        if (r.primaryKey)
            tip << QObject::tr("primary key");
        if (r.foreignKey)
            tip << QObject::tr("references %1").arg(references.value(c.name).toHtmlEscaped());
        if (r.unique)
            tip << QObject::tr("unique");
        tip << (r.notNull ? QObject::tr("NOT NULL") : QObject::tr("nullable"));
        if (!c.comment.isEmpty())
            tip << u"<i>%1</i>"_s.arg(c.comment.toHtmlEscaped());
        r.toolTip = tip.join(u"<br>"_s);
        rows << r;
    }
    return rows;
}

struct Geometry {
    QSizeF size;
    qreal keySlot;
    qreal typeX;
};
} // namespace

static Geometry geometryOf(const QString &name, const QString &nameSpace, const QList<TableCard::Row> &rows,
                           qreal headerHeight, qreal rowHeight, qreal padding, qreal badgeWidth, qreal markerSlot,
                           qreal minWidth, const QFont &headerFont, const QFont &schemaFont, const QFont &nameFont,
                           const QFont &typeFont)
{
    const QFontMetricsF header(headerFont);
    const QFontMetricsF schemaFm(schemaFont);
    const QFontMetricsF names(nameFont);
    const QFontMetricsF types(typeFont);
    qreal title = header.horizontalAdvance(name) + 2 * padding;
    if (!nameSpace.isEmpty())
        title += schemaFm.horizontalAdvance(nameSpace + u'.') + 2;
    bool both = false;
    bool anyKey = false;
    qreal nameWidth = 0;
    qreal typeWidth = 0;
    for (const TableCard::Row &r : rows) {
        both = both || (r.primaryKey && r.foreignKey);
        anyKey = anyKey || r.primaryKey || r.foreignKey;
        QFont f = nameFont;
        f.setBold(r.primaryKey);
        nameWidth = std::max(nameWidth, QFontMetricsF(f).horizontalAdvance(r.name));
        typeWidth = std::max(typeWidth, types.horizontalAdvance(r.type));
    }
    const qreal keySlot = anyKey ? (both ? 2 * badgeWidth + 2 : badgeWidth) + 6 : 0;
    const qreal body = padding + keySlot + nameWidth + 16 + typeWidth + markerSlot + padding;
    const qreal width = std::ceil(std::max({minWidth, title, body}));
    const qreal typeX = width - padding - markerSlot - typeWidth;
    return {QSizeF(width, headerHeight + rows.size() * rowHeight + (rows.isEmpty() ? rowHeight : 4)), keySlot, typeX};
}

TableCard::TableCard(const schema::Table &table, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_tableId(table.id)
    , m_name(table.name)
    , m_nameSpace(table.nameSpace)
    , m_comment(table.comment)
    , m_rows(rowsOf(table))
{
    const Metrics &m = metrics();
    const Geometry g = geometryOf(m_name, m_nameSpace, m_rows, m.headerHeight, m.rowHeight, m.padding, m.badgeWidth,
                                  m.markerSlot, m.minWidth, m.headerFont, m.schemaFont, m.nameFont, m.typeFont);
    m_size = g.size;
    m_keySlot = g.keySlot;
    m_typeX = g.typeX;
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setAcceptHoverEvents(true);
    setZValue(1);   // above the relation lines
    QString tip = u"<b>%1</b>"_s.arg(table.displayName().toHtmlEscaped());
    if (!m_comment.isEmpty())
        tip += u"<br><i>%1</i>"_s.arg(m_comment.toHtmlEscaped());
    setToolTip(tip);
}

QList<QStringList> TableCard::uniqueColumnSets(const schema::Table &table)
{
    QList<QStringList> sets = table.uniqueKeys();
    for (const schema::Index &ix : table.indexes) {
        if (!ix.unique || !ix.where.isEmpty())
            continue;
        QStringList columns;
        bool plain = true;
        for (const schema::IndexElement &e : ix.elements) {
            plain = plain && e.expression.isEmpty();
            columns << e.column;
        }
        if (plain && !columns.isEmpty())
            sets << columns;
    }
    return sets;
}

QSizeF TableCard::measure(const schema::Table &table)
{
    const Metrics &m = metrics();
    return geometryOf(table.name, table.nameSpace, rowsOf(table), m.headerHeight, m.rowHeight, m.padding, m.badgeWidth,
                      m.markerSlot, m.minWidth, m.headerFont, m.schemaFont, m.nameFont, m.typeFont)
        .size;
}

QRectF TableCard::boundingRect() const
{
    // One pixel of room for the selection outline.
    return QRectF(QPointF(0, 0), m_size).adjusted(-2, -2, 2, 2);
}

int TableCard::rowOfColumn(const QString &columnName) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).name.compare(columnName, Qt::CaseInsensitive) == 0)
            return int(i);
    }
    return -1;
}

int TableCard::rowAt(const QPointF &scenePos) const
{
    const QPointF p = mapFromScene(scenePos);
    const Metrics &m = metrics();
    if (p.x() < 0 || p.x() > m_size.width() || p.y() < m.headerHeight)
        return -1;
    const int row = int((p.y() - m.headerHeight) / m.rowHeight);
    return row < m_rows.size() ? row : -1;
}

qreal TableCard::rowCenterY(int row) const
{
    const Metrics &m = metrics();
    if (row < 0 || row >= m_rows.size())
        return scenePos().y() + m.headerHeight / 2;
    return scenePos().y() + m.headerHeight + (row + 0.5) * m.rowHeight;
}

void TableCard::setHighlightedRow(int row, bool acceptable)
{
    if (row == m_highlightRow && acceptable == m_highlightOk)
        return;
    m_highlightRow = row;
    m_highlightOk = acceptable;
    update();
}

QVariant TableCard::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (RelationEdge *edge : std::as_const(m_edges))
            edge->updatePath();
    }
    return QGraphicsItem::itemChange(change, value);
}

void TableCard::hoverMoveEvent(QGraphicsSceneHoverEvent *event)
{
    const auto *view = event->widget() ? qobject_cast<QGraphicsView *>(event->widget()->parentWidget()) : nullptr;
    const int row = !view || view->transform().m11() >= 0.4 ? rowAt(event->scenePos()) : -1;   // as DiagramScene
    if (row >= 0) {
        setToolTip(m_rows.at(row).toolTip);
        setCursor(Qt::CrossCursor);   // dragging from a column draws a foreign key
    } else {
        QString tip = u"<b>%1</b>"_s.arg((m_nameSpace.isEmpty() ? m_name : m_nameSpace + u'.' + m_name).toHtmlEscaped());
        if (!m_comment.isEmpty())
            tip += u"<br><i>%1</i>"_s.arg(m_comment.toHtmlEscaped());
        setToolTip(tip);
        setCursor(Qt::SizeAllCursor);
    }
    QGraphicsItem::hoverMoveEvent(event);
}

void TableCard::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const Metrics &m = metrics();
    const QRectF card(QPointF(0, 0), m_size);
    const QRectF header(0, 0, m_size.width(), m.headerHeight);
    const bool selected = option->state & QStyle::State_Selected;
    static const QColor headerColor(0x2f, 0x5d, 0x8a);
    static const QColor border(0x8a, 0x99, 0xa8);
    static const QColor selection(0xf0, 0x8c, 0x00);
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());

    // Far out: the card as a block with its rows as bars, and the table's name large enough to
    // read at this zoom, like a map label. No text shaping per row.
    if (lod < 0.4) {
        painter->setPen(selected ? QPen(selection, 3 / lod) : QPen(border, 0));
        painter->setBrush(Qt::white);
        painter->drawRect(card);
        painter->fillRect(header, headerColor);
        if (lod >= 0.12) {
            for (qsizetype i = 0; i < m_rows.size(); ++i) {
                const qreal y = m.headerHeight + i * m.rowHeight;
                painter->fillRect(QRectF(m.padding, y + m.rowHeight * 0.35, m_size.width() * 0.55, m.rowHeight * 0.3),
                                  m_rows.at(i).primaryKey ? QColor(0xe8, 0xc9, 0x6a) : QColor(0xdd, 0xe2, 0xe7));
            }
        }
        if (lod >= 0.08) {
            QFont label = m.headerFont;
            label.setPixelSize(int(std::min(11.0 / lod, m_size.width() / std::max<qsizetype>(4, m_name.size()) * 1.6)));
            painter->setFont(label);
            const QRectF area = card.adjusted(2, 0, -2, 0);
            const QString text = QFontMetricsF(label).elidedText(m_name, Qt::ElideRight, area.width());
            const QRectF box = QFontMetricsF(label).boundingRect(area, Qt::AlignCenter, text).adjusted(-3 / lod, 0, 3 / lod, 0);
            painter->fillRect(box, QColor(255, 255, 255, 220));
            painter->setPen(QColor(0x1f, 0x29, 0x33));
            painter->drawText(area, Qt::AlignCenter, text);
        }
        return;
    }

    painter->setRenderHint(QPainter::Antialiasing, lod >= 0.6);
    painter->setPen(QPen(selected ? selection : border, selected ? 2.5 : 1));
    painter->setBrush(Qt::white);
    painter->drawRoundedRect(card, 5, 5);
    // Header: rounded at the top only.
    QPainterPath headerPath;
    headerPath.setFillRule(Qt::WindingFill);   // the two shapes overlap: fill both, not their difference
    headerPath.addRoundedRect(header, 5, 5);
    headerPath.addRect(header.adjusted(0, header.height() / 2, 0, 0));
    painter->fillPath(headerPath, headerColor);
    qreal x = m.padding;
    if (!m_nameSpace.isEmpty()) {
        painter->setFont(m.schemaFont);
        painter->setPen(QColor(0xc8, 0xd6, 0xe5));
        const QString prefix = m_nameSpace + u'.';
        painter->drawText(QRectF(x, 0, m_size.width(), m.headerHeight), Qt::AlignVCenter | Qt::AlignLeft, prefix);
        x += QFontMetricsF(m.schemaFont).horizontalAdvance(prefix) + 2;
    }
    painter->setFont(m.headerFont);
    painter->setPen(Qt::white);
    painter->drawText(QRectF(x, 0, m_size.width() - x, m.headerHeight), Qt::AlignVCenter | Qt::AlignLeft, m_name);
    if (selected) {
        painter->setPen(QPen(selection, 2.5));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card, 5, 5);
    }

    if (lod < 0.6) {
        // Middle distance: the rows as grey bars, the keys as coloured dots.
        painter->setPen(Qt::NoPen);
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            const qreal y = m.headerHeight + i * m.rowHeight;
            const Row &r = m_rows.at(i);
            painter->fillRect(QRectF(m.padding + m_keySlot, y + m.rowHeight * 0.35,
                                     std::min(r.name.size() * 7.0, m_typeX - m.padding - m_keySlot), m.rowHeight * 0.3),
                              QColor(0xc5, 0xcc, 0xd3));
            if (r.primaryKey || r.foreignKey)
                painter->fillRect(QRectF(m.padding, y + m.rowHeight * 0.3, 10, m.rowHeight * 0.4),
                                  r.primaryKey ? QColor(0xd9, 0xa4, 0x00) : QColor(0x4a, 0x8b, 0xd0));
        }
        return;
    }

    const QFontMetricsF badgeFm(m.badgeFont);
    auto badge = [&](qreal bx, qreal cy, const QString &text, const QColor &fill, const QColor &ink) {
        const QRectF r(bx, cy - badgeFm.height() / 2 - 1, m.badgeWidth, badgeFm.height() + 2);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(r, 3, 3);
        painter->setPen(ink);
        painter->setFont(m.badgeFont);
        painter->drawText(r, Qt::AlignCenter, text);
    };
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const Row &r = m_rows.at(i);
        const QRectF row(0, m.headerHeight + i * m.rowHeight, m_size.width(), m.rowHeight);
        const qreal cy = row.center().y();
        if (i == m_highlightRow)
            painter->fillRect(row.adjusted(1, 0, -1, 0), m_highlightOk ? QColor(0xd4, 0xed, 0xd9) : QColor(0xf8, 0xd7, 0xd7));
        else if (i % 2 == 1)
            painter->fillRect(row.adjusted(1, 0, -1, 0), QColor(0xf5, 0xf7, 0xf9));
        qreal bx = m.padding;
        if (r.primaryKey) {
            badge(bx, cy, u"PK"_s, QColor(0xf6, 0xd3, 0x65), QColor(0x5c, 0x43, 0x00));
            bx += m.badgeWidth + 2;
        }
        if (r.foreignKey)
            badge(bx, cy, u"FK"_s, QColor(0xcf, 0xe2, 0xf7), QColor(0x1d, 0x4f, 0x86));
        QFont nameFont = m.nameFont;
        nameFont.setBold(r.primaryKey);
        painter->setFont(nameFont);
        painter->setPen(QColor(0x1f, 0x29, 0x33));
        painter->drawText(QRectF(m.padding + m_keySlot, row.top(), m_typeX - m.padding - m_keySlot, row.height()),
                          Qt::AlignVCenter | Qt::AlignLeft, r.name);
        painter->setFont(m.typeFont);
        painter->setPen(QColor(0x6b, 0x77, 0x85));
        painter->drawText(QRectF(m_typeX, row.top(), m_size.width(), row.height()), Qt::AlignVCenter | Qt::AlignLeft, r.type);
        const qreal markerX = m_size.width() - m.padding - m.markerSlot;
        if (r.unique && !r.primaryKey) {
            painter->setFont(m.badgeFont);
            painter->setPen(QColor(0x6a, 0x3d, 0x9a));
            painter->drawText(QRectF(markerX + 4, row.top(), 12, row.height()), Qt::AlignCenter, u"U"_s);
        }
        // Null marker: filled = NOT NULL, hollow = nullable.
        const QPointF dot(m_size.width() - m.padding - 4, cy);
        painter->setPen(QPen(QColor(0x55, 0x60, 0x6e), 1.2));
        painter->setBrush(r.notNull ? QBrush(QColor(0x55, 0x60, 0x6e)) : QBrush(Qt::white));
        painter->drawEllipse(dot, 3.5, 3.5);
    }
}

} // namespace quarry::app
