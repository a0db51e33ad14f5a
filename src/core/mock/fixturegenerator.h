// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/schema.h"

#include <QHash>
#include <QJsonArray>
#include <QSet>

namespace quarry::mock {

class FakeData;

/// Fills tables of a design with fake rows that satisfy its constraints: "users with 1,000 rows".
///
/// Each column gets a value of its type, chosen by its name where the name says what it holds
/// (email, first_name, city, phone, price, created_at, avatar_url, ...) from FakeData's locale
/// data; NOT NULL columns always get one, nullable ones are null one time in ten; enum columns
/// take one of the enum's values; varchar(n) is cut to n characters; decimals keep their scale.
/// Primary and unique keys are unique (drawn again, then numbered); serial and identity keys
/// are numbered from 1 so other rows can refer to them. Foreign keys take a key of a row of the
/// referenced table: rows generated before (or given with addRows()), and when that table has
/// none yet, a tenth as many of its own are generated first. CHECK constraints of the simple
/// forms `col > n`, `>=`, `<`, `<=`, `col BETWEEN a AND b`, `col IN (...)` and
/// `length(col) >= n` narrow the values; other checks are left to the database to enforce.
///
/// Columns with a DEFAULT expression (now(), CURRENT_TIMESTAMP) and generated columns are left
/// out, so the database fills them. The same seed and locale give the same rows.
class QUARRY_CORE_EXPORT FixtureGenerator
{
public:
    FixtureGenerator(const schema::Schema &schema, FakeData &fake);

    /// Rows that already exist (the keys they use are not used again, and foreign keys may refer to them).
    void addRows(const QString &table, const QJsonArray &rows);
    /// `count` new rows of `table`. Error when the table does not exist or a foreign key leads to
    /// a table that does not.
    Result<QJsonArray> generate(const QString &table, int count);
    /// Every table's rows generated so far, parents included, in the order they were made
    /// (parents before children): ready for `mock.fixtures`.
    QList<std::pair<QString, QJsonArray>> generated() const { return m_generated; }

private:
    struct Range;
    static QHash<QString, Range> rangesOf(const schema::Table &table);
    Result<QJsonArray> generateAt(const QString &table, int count, int depth);
    QJsonValue valueFor(const schema::Table &table, const schema::Column &column, const Range &range, qint64 serial);
    QJsonValue byName(const QString &name, const schema::ColumnType &type);

    const schema::Schema &m_schema;
    FakeData &m_fake;
    QHash<QString, QJsonArray> m_rows;   ///< by table: existing and generated
    QList<std::pair<QString, QJsonArray>> m_generated;
};

} // namespace quarry::mock
