// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/diagramlayout.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRectF>
#include <QSet>

#include <graphviz/gvc.h>

#include <cmath>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DiagramLayout)
};

const QString LayoutKey = u"layout"_s;
constexpr double PointsPerInch = 72.0;
const QSizeF DefaultSize(200, 120);

// Graphviz's C API takes `char *` for names it does not modify.
char *cstr(const char *s)
{
    return const_cast<char *>(s);
}

void setAttr(void *object, const char *name, const QByteArray &value)
{
    agsafeset(object, cstr(name), const_cast<char *>(value.constData()), cstr(""));
}

QByteArray number(double v)
{
    return QByteArray::number(v, 'f', 3);
}

struct GraphDeleter {
    GVC_t *gvc = nullptr;
    bool laidOut = false;
    void operator()(Agraph_t *g) const
    {
        if (laidOut)
            gvFreeLayout(gvc, g);
        agclose(g);
    }
};
} // namespace

DiagramLayout DiagramLayout::fromSchema(const Schema &schema)
{
    DiagramLayout layout;
    const QJsonObject json = schema.extra.value(LayoutKey).toObject();
    for (auto it = json.begin(); it != json.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        const QJsonValue x = p.value(u"x"_s);
        const QJsonValue y = p.value(u"y"_s);
        if (x.isDouble() && y.isDouble()) // anything else is ignored: the table counts as unplaced
            layout.positions.insert(it.key(), QPointF(x.toDouble(), y.toDouble()));
    }
    return layout;
}

void DiagramLayout::writeTo(Schema &schema) const
{
    QJsonObject json;
    for (const Table &t : schema.tables) {
        const auto it = positions.constFind(t.id);
        if (it == positions.cend())
            continue;
        // Whole pixels keep the file readable and diffs small.
        json.insert(t.id, QJsonObject{{u"x"_s, std::round(it->x())}, {u"y"_s, std::round(it->y())}});
    }
    if (json.isEmpty())
        schema.extra.remove(LayoutKey);
    else
        schema.extra.insert(LayoutKey, json);
}

QStringList DiagramLayout::unplaced(const Schema &schema) const
{
    QStringList ids;
    for (const Table &t : schema.tables) {
        if (!positions.contains(t.id))
            ids << t.id;
    }
    return ids;
}

Result<QHash<QString, QPointF>> DiagramLayout::autoLayout(const Schema &schema, const QHash<QString, QSizeF> &sizes,
                                                          const Options &options)
{
    static const QStringList engines = {u"auto"_s, u"dot"_s, u"neato"_s, u"fdp"_s, u"sfdp"_s};
    if (!engines.contains(options.engine))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Unknown layout engine \"%1\"; use one of %2.").arg(options.engine, engines.join(u", "_s)),
                     {}};
    if (options.engine != u"auto"_s)
        return layoutOnce(schema, sizes, options);

    // Ranked layouts suit relations best, but a design with many tables per rank becomes one long
    // column (or row): try both directions and, for big designs, a force-directed layout, and keep
    // the one that shows the most at "fit to window".
    QList<Options> candidates;
    Options lr = options;
    lr.engine = u"dot"_s;
    lr.leftToRight = true;
    Options tb = lr;
    tb.leftToRight = false;
    candidates << lr << tb;
    if (schema.tables.size() > 100) {
        Options sfdp = options;
        sfdp.engine = u"sfdp"_s;
        candidates << sfdp;
    }
    Result<QHash<QString, QPointF>> best = Error{Error::Kind::Internal, {}, {}};
    double bestScale = -1;
    for (const Options &candidate : std::as_const(candidates)) {
        auto laidOut = layoutOnce(schema, sizes, candidate);
        if (!laidOut) {
            if (bestScale < 0)
                best = laidOut;
            continue;
        }
        QRectF bounds;
        for (auto it = laidOut.value().cbegin(); it != laidOut.value().cend(); ++it)
            bounds |= QRectF(*it, sizes.value(it.key(), DefaultSize));
        // The scale at which the drawing fits a window of the wanted aspect (1000 units wide);
        // ranked layouts get a 15% bonus because their lines are tidier.
        const double scale = std::min(1000.0 / std::max(1.0, bounds.width()),
                                      1000.0 / options.aspect / std::max(1.0, bounds.height()))
            * (candidate.engine == u"dot"_s ? 1.15 : 1.0);
        if (scale > bestScale) {
            bestScale = scale;
            best = laidOut;
        }
    }
    return best;
}

Result<QHash<QString, QPointF>> DiagramLayout::layoutOnce(const Schema &schema, const QHash<QString, QSizeF> &sizes,
                                                          const Options &options)
{
    QHash<QString, QPointF> result;
    if (schema.tables.isEmpty())
        return result;

    std::unique_ptr<GVC_t, int (*)(GVC_t *)> gvc(gvContext(), gvFreeContext);
    if (!gvc)
        return Error{Error::Kind::Internal, Tr::tr("Graphviz could not start (no layout plugins found)."), {}};
    GraphDeleter deleter{gvc.get(), false};
    std::unique_ptr<Agraph_t, GraphDeleter &> graph(agopen(cstr("schema"), Agdirected, nullptr), deleter);
    Agraph_t *g = graph.get();
    setAttr(g, "rankdir", options.leftToRight ? "LR" : "TB");
    setAttr(g, "nodesep", number(options.nodeSeparation / PointsPerInch));
    setAttr(g, "ranksep", number(options.rankSeparation / PointsPerInch));
    // Our own router draws the relation lines, so Graphviz need not route splines (the slowest part).
    setAttr(g, "splines", "false");
    setAttr(g, "overlap", "false");   // neato/fdp/sfdp: remove overlaps
    setAttr(g, "sep", "+24");
    setAttr(g, "pack", "true");       // disconnected groups side by side, not on one line
    setAttr(g, "packmode", "graph");

    QHash<QString, Agnode_t *> nodes;   // table key ("ns.name" lower-case) -> node
    QHash<Agnode_t *, QString> ids;
    auto key = [](const QString &ns, const QString &name) { return (ns + u'.' + name).toLower(); };
    int n = 0;
    for (const Table &t : schema.tables) {
        const QByteArray name = "n" + QByteArray::number(n++);
        Agnode_t *node = agnode(g, const_cast<char *>(name.constData()), 1);
        const QSizeF size = sizes.value(t.id, DefaultSize);
        setAttr(node, "shape", "box");
        setAttr(node, "fixedsize", "true");
        setAttr(node, "label", "");
        setAttr(node, "width", number(size.width() / PointsPerInch));
        setAttr(node, "height", number(size.height() / PointsPerInch));
        nodes.insert(key(t.nameSpace, t.name), node);
        ids.insert(node, t.id);
    }
    for (const Table &t : schema.tables) {
        Agnode_t *child = nodes.value(key(t.nameSpace, t.name));
        for (const ForeignKey &fk : t.foreignKeys) {
            Agnode_t *parent = nodes.value(key(fk.refNamespace, fk.refTable));
            if (!parent && fk.refNamespace.isEmpty())
                parent = nodes.value(key(t.nameSpace, fk.refTable));
            if (parent && parent != child)
                agedge(g, parent, child, nullptr, 1);
        }
    }

    if (gvLayout(gvc.get(), g, options.engine.toUtf8().constData()) != 0)
        return Error{Error::Kind::Internal, Tr::tr("Graphviz could not lay the diagram out (engine %1).").arg(options.engine),
                     {}};
    deleter.laidOut = true;

    // Graphviz gives node centres in points with y growing upwards; the diagram wants top-left
    // corners in pixels with y growing downwards, starting at (0, 0).
    QRectF bounds;
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        const pointf c = ND_coord(it.key());
        const QSizeF size = sizes.value(it.value(), DefaultSize);
        const QPointF topLeft(c.x - size.width() / 2, -c.y - size.height() / 2);
        result.insert(it.value(), topLeft);
        bounds |= QRectF(topLeft, size);
    }
    for (QPointF &p : result)
        p -= bounds.topLeft();
    return result;
}

Result<QHash<QString, QPointF>> DiagramLayout::placeUnplaced(const Schema &schema, const QHash<QString, QSizeF> &sizes,
                                                             const Options &options) const
{
    const QStringList missing = unplaced(schema);
    if (missing.isEmpty())
        return QHash<QString, QPointF>{};
    const QSet<QString> missingSet(missing.cbegin(), missing.cend());
    Schema part;
    part.enums = schema.enums;
    for (const Table &t : schema.tables) {
        if (missingSet.contains(t.id))
            part.tables << t;
    }
    auto laidOut = autoLayout(part, sizes, options);
    if (!laidOut)
        return laidOut;
    QRectF placed;
    for (const Table &t : schema.tables) {
        const auto it = positions.constFind(t.id);
        if (it != positions.cend())
            placed |= QRectF(*it, sizes.value(t.id, DefaultSize));
    }
    QHash<QString, QPointF> result = laidOut.value();
    if (!placed.isNull()) {
        const QPointF offset(placed.left(), placed.bottom() + options.rankSeparation);
        for (QPointF &p : result)
            p += offset;
    }
    return result;
}

} // namespace quarry::schema
