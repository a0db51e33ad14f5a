// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/sqlitestatistics.h"

#include "db/sqliteconnection.h"
#include "db/sqliteplancapture.h"

#include <QCoreApplication>

#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SqliteExpert)
};

Error withContext(const Error &e, const QString &what)
{
    return Error{Error::Kind::Database, what + u": "_s + e.message, {}};
}
} // namespace

SqliteStatistics::SqliteStatistics(db::SqliteConnection &source) : m_source(source) {}

// The stat1 text for one index: "rows avg1 avg2 ..." from a scan of the source table, where
// avgN = rows over the number of changes in the first N columns from row to row.
Result<QString> SqliteStatistics::stat(const QString &table, const QList<std::pair<QString, QString>> &columns)
{
    QString key = table;
    for (const auto &[name, coll] : columns)
        key += u'\x1f' + name + u' ' + coll;
    if (const auto it = m_cache.constFind(key); it != m_cache.constEnd())
        return it.value();
    if (!m_functionAdded) {
        if (auto r = db::SqlitePlanCapture::addPreviousValueFunction(m_source); !r)
            return Error(r.error());
        m_functionAdded = true;
    }
    QStringList cols;
    QStringList order;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const auto &[name, coll] = columns.at(i);
        cols << u"x.%1 IS quarry_rem(%2, x.%1) COLLATE %3"_s.arg(db::quoteIdentifier(name)).arg(i).arg(db::quoteIdentifier(coll));
        order << QString::number(i + 1);
    }
    // Streamed: a table of millions of rows is counted, never held.
    std::vector<long long> counts(size_t(columns.size()) + 1, 0);
    auto scanned = m_source.stream(
        u"SELECT %1 FROM %2 x ORDER BY %3"_s.arg(cols.join(u", "_s), db::quoteIdentifier(table), order.join(u", "_s)), {},
        [&](const db::Row &row) {
            if (counts[0]++ == 0) {
                std::fill(counts.begin() + 1, counts.end(), 1);
                return true;
            }
            qsizetype i = 0;
            while (i < columns.size() && row.value(i).toLongLong() != 0)
                ++i;
            for (; i < columns.size(); ++i)
                ++counts[size_t(i) + 1];
            return true;
        });
    if (!scanned)
        return withContext(scanned.error(), Tr::tr("Cannot sample %1").arg(table));
    QString text;
    if (counts[0] > 0) {
        text = QString::number(counts[0]);
        for (size_t i = 1; i < counts.size(); ++i)
            text += u' ' + QString::number((counts[0] + counts[i] / 2) / counts[i]);
    }
    m_cache.insert(key, text);
    return text;
}

Result<void> SqliteStatistics::fill(db::SqliteConnection &copy)
{
    auto all = copy.query(u"SELECT s.name, l.name FROM sqlite_schema AS s, pragma_index_list(s.name) AS l "
                          "WHERE s.type = 'table'"_s);
    if (!all)
        return withContext(all.error(), Tr::tr("Cannot list the indexes"));
    if (all.value().rows.isEmpty())
        return {};
    if (auto r = copy.execute(u"ANALYZE"_s); !r)
        return Error(r.error());
    for (const QVariantList &ix : all.value().rows) {
        const QString table = ix.at(0).toString();
        const QString index = ix.at(1).toString();
        auto xinfo = copy.query(u"SELECT name, coll FROM pragma_index_xinfo(?1) WHERE key"_s, {index});
        if (!xinfo)
            return withContext(xinfo.error(), Tr::tr("Cannot read index %1").arg(index));
        QList<std::pair<QString, QString>> cols;
        bool expression = false;
        for (const QVariantList &c : xinfo.value().rows) {
            if (c.at(0).isNull())
                expression = true;
            cols << std::make_pair(c.at(0).toString(), c.at(1).toString());
        }
        if (expression || cols.isEmpty())
            continue;
        auto s = stat(table, cols);
        if (!s)
            return s.error();
        if (s.value().isEmpty())
            continue; // an empty table: no row, as ANALYZE would write none
        if (auto r = copy.execute(u"INSERT INTO sqlite_stat1 VALUES(?, ?, ?)"_s, {table, index, s.value()}); !r)
            return withContext(r.error(), Tr::tr("Cannot write the statistics"));
    }
    if (auto r = copy.execute(u"ANALYZE sqlite_schema"_s); !r)
        return Error(r.error());
    return {};
}

} // namespace quarry::schema
