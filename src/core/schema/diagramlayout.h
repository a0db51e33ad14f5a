// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/schema.h"

#include <QHash>
#include <QPointF>
#include <QSizeF>

namespace quarry::schema {

/// Graphviz settings for DiagramLayout::autoLayout().
struct DiagramLayoutOptions {
    /// "auto" (default): dot left-to-right, dot top-to-bottom and, for big designs, sfdp; the one
    /// that fills a `aspect`-shaped window best wins. Or one engine: "dot" (ranked by
    /// references), "neato", "fdp", "sfdp".
    QString engine = QStringLiteral("auto");
    double aspect = 1.6;          ///< width / height of the window the drawing should fit ("auto")
    double nodeSeparation = 48;   ///< pixels between cards of one rank
    double rankSeparation = 96;   ///< pixels between ranks (room for the relation lines)
    bool leftToRight = true;      ///< dot: referenced tables left of (else above) the tables referencing them
};

/// Where the diagram shows each table: the top-left corner of its card, in scene pixels, by table id.
///
/// Stored in the schema section as `"layout": {"tbl-users": {"x": 40, "y": 60}, ...}` (through the
/// Schema's `extra`, so designs without it and older builds load unchanged). Positions of tables
/// that no longer exist are dropped on write.
class QUARRY_CORE_EXPORT DiagramLayout
{
public:
    QHash<QString, QPointF> positions;

    static DiagramLayout fromSchema(const Schema &schema);
    /// Replaces the schema's layout with this one (only ids of existing tables are written).
    void writeTo(Schema &schema) const;
    /// Ids of the schema's tables that have no position yet, in table order.
    QStringList unplaced(const Schema &schema) const;

    using Options = DiagramLayoutOptions;
    /// Lays every table of `schema` out with Graphviz: cards of `sizes` (pixels, by table id; a
    /// missing size counts as 200x120), one edge per foreign key from the referenced table to the
    /// referencing one. Returns top-left positions with the whole drawing starting at (0, 0).
    /// Tables in `fixed` keep their given position and the rest are placed around them... no:
    /// Graphviz places everything; callers keep what they want (see placeUnplaced()).
    /// Errors: an unknown engine or a Graphviz failure. Reentrant (own Graphviz context per call).
    static Result<QHash<QString, QPointF>> autoLayout(const Schema &schema, const QHash<QString, QSizeF> &sizes,
                                                      const Options &options);
    static Result<QHash<QString, QPointF>> autoLayout(const Schema &schema, const QHash<QString, QSizeF> &sizes)
    {
        return autoLayout(schema, sizes, Options{});
    }
    /// Positions for the tables unplaced() names (an import, a design from another tool): laid out
    /// among themselves with autoLayout() and put below the cards already placed (their sizes
    /// from `sizes`), so no card moves and none overlaps. Empty when every table has a place.
    Result<QHash<QString, QPointF>> placeUnplaced(const Schema &schema, const QHash<QString, QSizeF> &sizes,
                                                 const Options &options = Options{}) const;

private:
    static Result<QHash<QString, QPointF>> layoutOnce(const Schema &schema, const QHash<QString, QSizeF> &sizes,
                                                      const Options &options);
};

} // namespace quarry::schema
