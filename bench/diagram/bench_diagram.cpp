// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Is the diagram of a big design responsive (issue 6, item 7)? The generated design of
// bench/schema (500 tables, 5,000 columns, ~500 foreign keys by default) through: card sizes,
// Graphviz layout (dot, sfdp, and "auto", which tries both dot directions and sfdp and keeps the
// best fit for a 16:10 window), building the scene, painting it
// offscreen at 100% (a 1920x1080 window's worth, and every card at full detail) and zoomed out to
// fit a 1920x1080 window (level-of-detail painting), plus what one edit costs: the model round
// trip and the scene rebuild, and the DDL + advice the Schema page regenerates.
//
//   bench_diagram [TABLES] [COLUMNS_PER_TABLE] [REPEATS]      (defaults 500 10 5)
// Runs offscreen (QT_QPA_PLATFORM=offscreen unless set). Needs QUARRY_PLUGIN_DIR=<build>/plugins
// for the DDL figures when not started from the build tree.

#include "schemagenerator.h"

#include "diagram/diagramscene.h"
#include "diagram/relationedge.h"
#include "diagram/tablecard.h"
#include "schema/designadvisor.h"
#include "schema/designedits.h"
#include "schema/diagramlayout.h"
#include "schema/dialectregistry.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;
using quarry::app::DiagramScene;
using quarry::app::TableCard;

namespace {

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Median wall and CPU time of `repeats` runs: CPU time is the cost, wall time what a user waits.
void measure(const char *label, int repeats, const std::function<void()> &work, const char *note = "")
{
    QList<double> wall;
    QList<double> cpu;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        const double c0 = threadCpuMs();
        timer.start();
        work();
        wall << double(timer.nsecsElapsed()) / 1e6;
        cpu << threadCpuMs() - c0;
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("  %-52s %9.1f ms  (cpu %8.1f ms, min %8.1f ms)  %s\n", label, wall.at(wall.size() / 2),
                cpu.at(cpu.size() / 2), wall.first(), note);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int tables = argc > 1 ? std::atoi(argv[1]) : 500;
    const int perTable = argc > 2 ? std::atoi(argv[2]) : 10;
    const int repeats = std::max(1, argc > 3 ? std::atoi(argv[3]) : 5);

    const QJsonObject json = quarry::bench::generateSchema(tables, perTable);
    auto parsed = Schema::fromJson(json);
    if (!parsed) {
        std::fprintf(stderr, "generated design does not parse: %s\n", qPrintable(parsed.error().message));
        return 1;
    }
    Schema schema = parsed.value();
    int columns = 0;
    int fks = 0;
    for (const Table &t : schema.tables) {
        columns += int(t.columns.size());
        fks += int(t.foreignKeys.size());
    }
    std::printf("Diagram of a generated design: %d tables, %d columns, %d foreign keys; median of %d runs\n\n",
                tables, columns, fks, repeats);

    QHash<QString, QSizeF> sizes;
    measure("card sizes (font metrics, every table)", repeats, [&] {
        sizes.clear();
        for (const Table &t : schema.tables)
            sizes.insert(t.id, TableCard::measure(t));
    });

    QHash<QString, QPointF> positions;
    for (const QString &engine : {u"dot"_s, u"sfdp"_s, u"auto"_s}) {
        DiagramLayout::Options options;
        options.engine = engine;
        QHash<QString, QPointF> laidOut;
        const QByteArray label = (u"Graphviz layout, "_s + engine).toUtf8();
        measure(label.constData(), std::max(1, repeats / 2), [&] {
            auto r = DiagramLayout::autoLayout(schema, sizes, options);
            if (r)
                laidOut = r.value();
            else
                std::fprintf(stderr, "layout failed: %s\n", qPrintable(r.error().message));
        });
        QRectF bounds;
        int overlaps = 0;
        QList<QRectF> rects;
        for (auto it = laidOut.cbegin(); it != laidOut.cend(); ++it)
            rects << QRectF(*it, sizes.value(it.key()));
        for (const QRectF &r : rects)
            bounds |= r;
        for (qsizetype a = 0; a < rects.size() && rects.size() <= 2000; ++a)
            for (qsizetype b = a + 1; b < rects.size(); ++b)
                overlaps += rects.at(a).intersects(rects.at(b)) ? 1 : 0;
        std::printf("  %-52s drawing %.0f x %.0f px, %d overlapping card pairs\n", "", bounds.width(), bounds.height(),
                    overlaps);
        if (engine == u"auto"_s)
            positions = laidOut;
    }

    DiagramScene scene;
    measure("scene build (cards + relation lines)", repeats, [&] { scene.setSchema(schema, positions); });
    int crossing = 0;
    for (const quarry::app::RelationEdge *e : scene.edges()) {
        bool crosses = false;
        const QPolygonF &p = e->points();
        for (const TableCard *card : scene.cards()) {
            for (qsizetype i = 0; !crosses && i + 1 < p.size() && card != e->child() && card != e->parentCard(); ++i)
                crosses = QRectF(p.at(i), p.at(i + 1)).normalized().adjusted(-0.5, -0.5, 0.5, 0.5).intersects(card->sceneRectOfCard());
        }
        crossing += crosses ? 1 : 0;
    }
    std::printf("  %-52s %lld cards, %lld lines, %d of them cross another card\n", "", qlonglong(scene.cards().size()),
                qlonglong(scene.edges().size()), crossing);
    const QRectF drawing = scene.drawingRect();

    // 100%: what a 1920x1080 window shows around the middle of the drawing.
    QImage window(1920, 1080, QImage::Format_ARGB32_Premultiplied);
    measure("paint 100%, a 1920x1080 window's worth", repeats, [&] {
        window.fill(Qt::white);
        QPainter p(&window);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        scene.render(&p, QRectF(window.rect()), QRectF(drawing.center() - QPointF(960, 540), QSizeF(1920, 1080)));
    });
    // Every card at full detail: the whole drawing at 60% (the lowest zoom with full detail).
    const qreal fullScale = 0.6;
    QImage full(QSize(int(drawing.width() * fullScale), int(drawing.height() * fullScale)), QImage::Format_ARGB32_Premultiplied);
    if (!full.isNull()) {
        const QByteArray label = u"paint every card at full detail (%1x%2 image)"_s.arg(full.width()).arg(full.height()).toUtf8();
        measure(label.constData(), std::max(1, repeats / 2), [&] {
            full.fill(Qt::white);
            QPainter p(&full);
            p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
            scene.render(&p, QRectF(full.rect()), drawing);
        });
        full = QImage();
    }
    // Zoomed out: the whole drawing fitted into a 1920x1080 window, level of detail at work.
    const qreal fitScale = std::min(1920 / drawing.width(), 1080 / drawing.height());
    const QByteArray fitLabel = u"paint zoomed out to fit 1920x1080 (%1%)"_s.arg(fitScale * 100, 0, 'f', 1).toUtf8();
    measure(fitLabel.constData(), repeats, [&] {
        window.fill(Qt::white);
        QPainter p(&window);
        p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        const QSizeF target = drawing.size() * fitScale;
        scene.render(&p, QRectF(QPointF(0, 0), target), drawing);
    });
    std::printf("\n");

    // One edit as the editor makes it: the model from JSON, the edit, back to JSON, the redraw.
    measure("one edit: JSON -> model -> add column -> JSON", repeats, [&] {
        auto s = Schema::fromJson(json);
        Schema design = s.value();
        (void)DesignEdits::addColumn(design, design.tables.at(design.tables.size() / 2).id);
        const QJsonObject out = design.toJson();
        Q_UNUSED(out);
    });
    measure("one edit: scene rebuild after it", repeats, [&] { scene.setSchema(schema, positions); });

    if (const Dialect *pg = DialectRegistry::instance().dialect(u"postgres"_s)) {
        measure("Schema page: DDL for PostgreSQL", repeats, [&] { (void)pg->createStatements(schema); });
        measure("Schema page: design advice", repeats, [&] { (void)DesignAdvisor(*pg).advise(schema); });
    } else {
        std::printf("  (no PostgreSQL dialect plugin: set QUARRY_PLUGIN_DIR for the DDL figures)\n");
    }
    return 0;
}
