// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrate/history.h"

#include "migrate/plan.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::migrate {

using namespace schema;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(History)
};

db::DbResult<bool> tableExists(db::Connection &c)
{
    const auto r = c.engine() == db::Engine::Sqlite
        ? c.query(u"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1"_s, {History::tableName()})
        : c.query(u"SELECT count(*) FROM pg_catalog.pg_class WHERE oid = to_regclass($1)"_s, {History::tableName()});
    if (!r)
        return r.error();
    return !r.value().rows.isEmpty() && r.value().rows.first().value(0).toLongLong() > 0;
}

std::optional<Schema> schemaOf(const QVariant &text)
{
    if (text.isNull())
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toString().toUtf8());
    auto parsed = Schema::fromJson(doc.object());
    if (!doc.isObject() || !parsed)
        return std::nullopt;
    return std::move(parsed).value();
}

QString jsonText(const Schema &s)
{
    return QString::fromUtf8(QJsonDocument(s.toJson()).toJson(QJsonDocument::Compact));
}

QJsonValue tableJson(const Table &t)
{
    Schema s;
    s.tables.append(t);
    return s.toJson().value(u"tables"_s).toArray().first();
}

QJsonValue viewJson(const View &v)
{
    Schema s;
    s.views.append(v);
    return s.toJson().value(u"views"_s).toArray().first();
}

QJsonValue enumJson(const EnumType &e)
{
    Schema s;
    s.enums.append(e);
    return s.toJson().value(u"enums"_s).toArray().first();
}
} // namespace

QString History::tableName()
{
    return u"quarry_migrations"_s;
}

bool History::isHistoryTable(const QString &name)
{
    return name == tableName();
}

db::DbResult<QList<History::Entry>> History::entries(db::Connection &connection)
{
    const auto exists = tableExists(connection);
    if (!exists)
        return exists.error();
    QList<Entry> out;
    if (!exists.value())
        return out;
    const auto rows = connection.query(u"SELECT id, applied_at, checksum, statements, design, snapshot FROM %1 ORDER BY id"_s.arg(tableName()));
    if (!rows)
        return rows.error();
    for (const QVariantList &r : rows.value().rows) {
        Entry e;
        e.id = r.value(0).toLongLong();
        e.appliedAt = r.value(1).toString();
        e.checksum = r.value(2).toString();
        for (const QJsonValue &v : QJsonDocument::fromJson(r.value(3).toString().toUtf8()).array())
            e.statements << v.toString();
        const auto design = schemaOf(r.value(4));
        if (!design)
            return db::DbError(Error{Error::Kind::InvalidInput,
                                     Tr::tr("Migration %1 in %2 has no readable design.").arg(e.id).arg(tableName()), {}});
        e.design = *design;
        e.snapshot = schemaOf(r.value(5));
        out << e;
    }
    return out;
}

db::DbResult<std::optional<History::Entry>> History::last(db::Connection &connection)
{
    auto all = entries(connection);
    if (!all)
        return all.error();
    if (all.value().isEmpty())
        return std::optional<Entry>();
    return std::optional<Entry>(all.value().last());
}

db::DbResult<qint64> History::record(db::Connection &connection, const Schema &design, const Plan &plan)
{
    const bool sqlite = connection.engine() == db::Engine::Sqlite;
    const QString create = sqlite
        ? u"CREATE TABLE IF NOT EXISTS %1 (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT "
          "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), checksum TEXT NOT NULL, statements TEXT NOT NULL, "
          "design TEXT NOT NULL, snapshot TEXT)"_s
        : u"CREATE TABLE IF NOT EXISTS %1 (id bigserial PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), "
          "checksum text NOT NULL, statements text NOT NULL, design text NOT NULL, snapshot text)"_s;
    if (auto made = connection.execute(create.arg(tableName())); !made)
        return made.error();
    const QString statements = QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(plan.statements())).toJson(QJsonDocument::Compact));
    const auto id = connection.query(
        u"INSERT INTO %1 (checksum, statements, design) VALUES (%2) RETURNING id"_s.arg(tableName(), sqlite ? u"?1, ?2, ?3"_s : u"$1, $2, $3"_s),
        {plan.checksum(), statements, jsonText(design)});
    if (!id)
        return id.error();
    return id.value().rows.value(0).value(0).toLongLong();
}

db::DbResult<void> History::setSnapshot(db::Connection &connection, qint64 id, const Schema &snapshot)
{
    const bool sqlite = connection.engine() == db::Engine::Sqlite;
    const auto done = connection.execute(u"UPDATE %1 SET snapshot = %2 WHERE id = %3"_s.arg(tableName(), sqlite ? u"?1"_s : u"$1"_s, sqlite ? u"?2"_s : u"$2"_s),
                                         {jsonText(snapshot), id});
    if (!done)
        return done.error();
    return {};
}

Schema History::mapToDesign(Schema live, const Entry &last)
{
    const Schema &design = last.design;
    const Schema snapshot = last.snapshot.value_or(Schema{});
    for (Table &t : live.tables) {
        const Table *d = design.table(t.name, t.nameSpace);
        if (!d)
            continue;
        const Table *s = snapshot.table(t.name, t.nameSpace);
        if (s && tableJson(*s) == tableJson(t)) {
            t = *d;
            continue;
        }
        t.id = d->id;
        for (Column &c : t.columns)
            if (const Column *dc = d->column(c.name))
                c.id = dc->id;
    }
    for (View &v : live.views) {
        for (const View &d : design.views) {
            if (d.name != v.name)
                continue;
            bool unchanged = false;
            for (const View &s : snapshot.views)
                unchanged = unchanged || (s.name == v.name && viewJson(s) == viewJson(v));
            if (unchanged)
                v = d;
            else
                v.id = d.id; // the live view as it is, under the design's id
        }
    }
    // A database without enum types (SQLite) keeps the design's enums as CHECKs: the columns
    // taken from the design name them, so the design's enums come along.
    for (const EnumType &e : design.enums) {
        if (live.enumType(e.name, e.nameSpace))
            continue;
        bool used = false;
        for (const Table &t : live.tables)
            for (const Column &c : t.columns)
                used = used || (c.type.kind == TypeKind::Enum && c.type.enumName == e.name);
        if (used)
            live.enums.append(e);
    }
    for (EnumType &e : live.enums) {
        if (const EnumType *d = design.enumType(e.name, e.nameSpace)) {
            bool unchanged = false;
            for (const EnumType &s : snapshot.enums)
                unchanged = unchanged || (s.name == e.name && enumJson(s) == enumJson(e));
            if (unchanged)
                e = *d;
            else
                e.id = d->id;
        }
    }
    return live;
}

} // namespace quarry::migrate
