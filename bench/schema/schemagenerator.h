// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once
// The generated design the schema benchmarks share (bench_schema, bench_diagram): TABLES tables of
// COLUMNS_PER_TABLE columns, up to two foreign keys to earlier tables each (about one per table),
// a forward reference every 100 tables (FK cycles), indexes incl. redundant ones. Seeded: the same
// arguments give the same design.

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <random>

namespace quarry::bench {

using namespace Qt::Literals::StringLiterals;

inline QJsonObject generatedColumn(const QString &id, const QString &name, const QString &type, bool nullable = true)
{
    return QJsonObject{{u"id"_s, id}, {u"name"_s, name}, {u"type"_s, type}, {u"nullable"_s, nullable}};
}

inline QJsonObject generateSchema(int tables, int columnsPerTable)
{
    std::mt19937 rng(42);
    QJsonArray list;
    for (int t = 0; t < tables; ++t) {
        const QString name = u"t%1"_s.arg(t, 4, 10, QChar(u'0'));
        QJsonArray columns;
        QJsonObject id = generatedColumn(name + u"-id"_s, u"id"_s, u"bigserial"_s, false);
        id.insert(u"primaryKey"_s, true);
        columns.append(id);
        QJsonArray fks;
        QJsonArray indexes;
        int c = 1;
        // Up to two references to earlier tables; every 100th table also points forward (a cycle).
        const int refs = t == 0 ? 0 : int(rng() % 3);
        for (int r = 0; r < refs && c < columnsPerTable; ++r, ++c) {
            const int target = int(rng() % t);
            const QString col = u"ref%1_id"_s.arg(r);
            columns.append(generatedColumn(u"%1-c%2"_s.arg(name).arg(c), col, u"bigint"_s, r == 0));
            fks.append(QJsonObject{{u"id"_s, u"%1-fk%2"_s.arg(name).arg(r)}, {u"columns"_s, QJsonArray{col}},
                                   {u"references"_s, QJsonObject{{u"table"_s, u"t%1"_s.arg(target, 4, 10, QChar(u'0'))},
                                                                 {u"columns"_s, QJsonArray{u"id"_s}}}}});
            if (rng() % 2)
                indexes.append(QJsonObject{{u"id"_s, u"%1-ix%2"_s.arg(name).arg(r)}, {u"name"_s, name + u'_' + col + u"_idx"_s},
                                           {u"columns"_s, QJsonArray{col}}});
        }
        if (t % 100 == 50 && t + 10 < tables && c < columnsPerTable) {
            columns.append(generatedColumn(u"%1-c%2"_s.arg(name).arg(c), u"next_id"_s, u"bigint"_s));
            fks.append(QJsonObject{{u"id"_s, name + u"-fkn"_s}, {u"columns"_s, QJsonArray{u"next_id"_s}},
                                   {u"references"_s, QJsonObject{{u"table"_s, u"t%1"_s.arg(t + 10, 4, 10, QChar(u'0'))},
                                                                 {u"columns"_s, QJsonArray{u"id"_s}}}}});
            ++c;
        }
        static const QStringList types = {u"varchar"_s, u"text"_s, u"integer"_s, u"timestamp"_s, u"boolean"_s,
                                          u"decimal"_s, u"jsonb"_s, u"uuid"_s, u"date"_s};
        for (; c < columnsPerTable; ++c) {
            const QString type = types.at(int(rng() % types.size()));
            QJsonObject col = generatedColumn(u"%1-c%2"_s.arg(name).arg(c), u"%1_%2"_s.arg(type).arg(c), type, rng() % 3 == 0);
            if (type == u"varchar"_s)
                col.insert(u"length"_s, 255);
            if (type == u"decimal"_s) {
                col.insert(u"precision"_s, 12);
                col.insert(u"scale"_s, 2);
            }
            if (c == columnsPerTable - 1 && rng() % 4 == 0)
                col.insert(u"unique"_s, true);
            columns.append(col);
        }
        // A composite index and, now and then, its redundant left prefix.
        const QString a = columns.at(columns.size() - 1).toObject().value(u"name"_s).toString();
        const QString b = columns.at(columns.size() - 2).toObject().value(u"name"_s).toString();
        indexes.append(QJsonObject{{u"id"_s, name + u"-ixab"_s}, {u"name"_s, name + u"_ab_idx"_s}, {u"columns"_s, QJsonArray{a, b}}});
        if (rng() % 5 == 0)
            indexes.append(QJsonObject{{u"id"_s, name + u"-ixa"_s}, {u"name"_s, name + u"_a_idx"_s}, {u"columns"_s, QJsonArray{a}}});
        QJsonObject table{{u"id"_s, name}, {u"name"_s, name}, {u"columns"_s, columns}, {u"indexes"_s, indexes}};
        if (!fks.isEmpty())
            table.insert(u"foreignKeys"_s, fks);
        list.append(table);
    }
    return QJsonObject{{u"tables"_s, list}};
}

} // namespace quarry::bench
