// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QList>
#include <QString>

namespace quarry::schema {

/// One statement of a workload, with where it starts in the file for messages.
struct WorkloadQuery {
    QString sql;        ///< the statement without the ";" and without leading comments
    int line = 1;       ///< 1-based line of its first character in the file
    int column = 1;     ///< 1-based column (in characters) of its first character

    /// The first line of the statement, shortened to `width` characters with "…".
    QString title(int width = 100) const;
    /// "line L, column C" for a 0-based character offset into `sql` (a parser's error position).
    QString locate(qsizetype offset) const;
};

/// A queries file: SQL statements separated by ";". Comments ("-- ...", "/* ... */") and blank
/// statements are skipped; ";" inside quotes ('', "", ``, [], $tag$...$tag$) and comments does not
/// split. The splitter does not parse SQL, so a broken statement stays one entry and is reported
/// by whoever parses it, while the others are still analysed.
struct QUARRY_CORE_EXPORT Workload {
    QList<WorkloadQuery> queries;

    static Workload fromText(const QString &text);
    /// Reads a UTF-8 file; an Error (with the path) when it cannot be read.
    static Result<Workload> fromFile(const QString &path);
};

} // namespace quarry::schema
