// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/sqliteplancapture.h"

#include "db/sqliteconnection.h"

#include <sqlite3.h>

#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace quarry::db {

namespace {

struct Capture {
    const QList<PlanTable> *tables = nullptr;
    QList<PlanScan> scans;
};

struct CaptureVtab {
    sqlite3_vtab base{};
    Capture *capture = nullptr;
    int table = -1;
};

struct CaptureCursor {
    sqlite3_vtab_cursor base{};
};

int captureConnect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err)
{
    auto *capture = static_cast<Capture *>(aux);
    if (argc != 4) {
        *err = sqlite3_mprintf("quarry_expert: one argument expected");
        return SQLITE_ERROR;
    }
    const int index = QByteArray(argv[3]).trimmed().replace('\'', "").toInt();
    if (index < 0 || index >= capture->tables->size()) {
        *err = sqlite3_mprintf("quarry_expert: no table %d", index);
        return SQLITE_ERROR;
    }
    const PlanTable &t = capture->tables->at(index);
    QStringList cols;
    for (const PlanColumn &c : t.columns)
        cols << quoteIdentifier(c.name) + u" COLLATE "_s + quoteIdentifier(c.collation);
    const QByteArray declare = (u"CREATE TABLE x("_s + cols.join(u", "_s) + u')').toUtf8();
    const int rc = sqlite3_declare_vtab(db, declare.constData());
    if (rc != SQLITE_OK) {
        *err = sqlite3_mprintf("%s", sqlite3_errmsg(db));
        return rc;
    }
    auto *v = new CaptureVtab;
    v->capture = capture;
    v->table = index;
    *out = &v->base;
    return SQLITE_OK;
}

int captureDisconnect(sqlite3_vtab *vtab)
{
    delete reinterpret_cast<CaptureVtab *>(vtab);
    return SQLITE_OK;
}

// Records what the planner offers for this scan; every usable term is claimed so that the
// planner keeps asking with the richest set.
int captureBestIndex(sqlite3_vtab *vtab, sqlite3_index_info *info)
{
    auto *v = reinterpret_cast<CaptureVtab *>(vtab);
    const PlanTable &t = v->capture->tables->at(v->table);
    PlanScan scan;
    scan.table = v->table;
    int n = 0;
    for (int i = 0; i < info->nConstraint; ++i) {
        const auto &c = info->aConstraint[i];
        const bool eq = c.op == SQLITE_INDEX_CONSTRAINT_EQ;
        const bool range = c.op == SQLITE_INDEX_CONSTRAINT_GT || c.op == SQLITE_INDEX_CONSTRAINT_LT
            || c.op == SQLITE_INDEX_CONSTRAINT_GE || c.op == SQLITE_INDEX_CONSTRAINT_LE;
        if (!c.usable || c.iColumn < 0 || c.iColumn >= t.columns.size() || t.columns.at(c.iColumn).primaryKey
            || !(eq || range))
            continue;
        const char *coll = sqlite3_vtab_collation(info, i);
        PlanTerm term{c.iColumn, QString::fromUtf8(coll ? coll : "BINARY"), false};
        (eq ? scan.eq : scan.range) << term;
        info->aConstraintUsage[i].argvIndex = ++n;
    }
    for (int i = 0; i < info->nOrderBy; ++i) {
        const int col = info->aOrderBy[i].iColumn;
        if (col >= 0 && col < t.columns.size()) {
            scan.order << PlanTerm{col, t.columns.at(col).collation, bool(info->aOrderBy[i].desc)};
            ++n;
        }
    }
    v->capture->scans << scan;
    info->estimatedCost = 1000000.0 / (n + 1);
    return SQLITE_OK;
}

int captureOpen(sqlite3_vtab *, sqlite3_vtab_cursor **cursor)
{
    *cursor = &(new CaptureCursor)->base;
    return SQLITE_OK;
}
int captureClose(sqlite3_vtab_cursor *cursor)
{
    delete reinterpret_cast<CaptureCursor *>(cursor);
    return SQLITE_OK;
}
int captureFilter(sqlite3_vtab_cursor *, int, const char *, int, sqlite3_value **) { return SQLITE_OK; }
int captureNext(sqlite3_vtab_cursor *) { return SQLITE_OK; }
int captureEof(sqlite3_vtab_cursor *) { return 1; }
int captureColumn(sqlite3_vtab_cursor *, sqlite3_context *, int) { return SQLITE_OK; }
int captureRowid(sqlite3_vtab_cursor *, sqlite3_int64 *rowid)
{
    *rowid = 0;
    return SQLITE_OK;
}
int captureUpdate(sqlite3_vtab *, int, sqlite3_value **, sqlite3_int64 *) { return SQLITE_OK; }

const sqlite3_module *captureModule()
{
    static const sqlite3_module module = [] {
        sqlite3_module m{};
        m.iVersion = 2;
        m.xCreate = captureConnect;
        m.xConnect = captureConnect;
        m.xBestIndex = captureBestIndex;
        m.xDisconnect = captureDisconnect;
        m.xDestroy = captureDisconnect;
        m.xOpen = captureOpen;
        m.xClose = captureClose;
        m.xFilter = captureFilter;
        m.xNext = captureNext;
        m.xEof = captureEof;
        m.xColumn = captureColumn;
        m.xRowid = captureRowid;
        m.xUpdate = captureUpdate;
        return m;
    }();
    return &module;
}

// rem(slot, value): the value the slot held before (NULL at first), then keeps `value`.
struct RemSlots {
    std::vector<sqlite3_value *> values;
    ~RemSlots()
    {
        for (sqlite3_value *v : values)
            sqlite3_value_free(v);
    }
};

void remFunction(sqlite3_context *ctx, int, sqlite3_value **argv)
{
    auto *remSlots = static_cast<RemSlots *>(sqlite3_user_data(ctx));
    const int slot = sqlite3_value_int(argv[0]);
    if (slot < 0 || slot > 1000) {
        sqlite3_result_error(ctx, "rem: bad slot", -1);
        return;
    }
    if (size_t(slot) >= remSlots->values.size())
        remSlots->values.resize(size_t(slot) + 1, nullptr);
    sqlite3_value *&held = remSlots->values[size_t(slot)];
    if (held)
        sqlite3_result_value(ctx, held);
    else
        sqlite3_result_null(ctx);
    sqlite3_value_free(held);
    held = sqlite3_value_dup(argv[1]);
}

} // namespace

struct SqlitePlanCapture::Private {
    std::unique_ptr<SqliteConnection> db;
    QList<PlanTable> tables;
    Capture capture;
    int skippedViews = 0;
};

SqlitePlanCapture::SqlitePlanCapture() : d(std::make_unique<Private>()) {}
SqlitePlanCapture::~SqlitePlanCapture() = default;

DbResult<std::unique_ptr<SqlitePlanCapture>> SqlitePlanCapture::create(const QList<PlanTable> &tables,
                                                                         const QStringList &views)
{
    std::unique_ptr<SqlitePlanCapture> c(new SqlitePlanCapture);
    auto opened = SqliteConnection::openMemory();
    if (!opened)
        return opened.error();
    c->d->db = std::move(opened).value();
    c->d->tables = tables;
    c->d->capture.tables = &c->d->tables;
    if (sqlite3_create_module(c->d->db->handle(), "quarry_expert", captureModule(), &c->d->capture) != SQLITE_OK)
        return c->d->db->lastError(u"Cannot register the capture module"_s);
    for (qsizetype i = 0; i < tables.size(); ++i) {
        auto r = c->d->db->executeScript(
            u"CREATE VIRTUAL TABLE %1 USING quarry_expert(%2)"_s.arg(quoteIdentifier(tables.at(i).name)).arg(i));
        if (!r) {
            DbError e = r.error();
            e.message = u"Cannot mirror table %1: %2"_s.arg(tables.at(i).name, e.message);
            return e;
        }
    }
    for (const QString &view : views) {
        if (!c->d->db->executeScript(view))
            ++c->d->skippedViews;
    }
    return c;
}

int SqlitePlanCapture::skippedViews() const
{
    return d->skippedViews;
}

DbResult<QList<PlanScan>> SqlitePlanCapture::capture(const QString &sql)
{
    d->capture.scans.clear();
    auto prepared = d->db->prepare(sql.toUtf8());
    if (!prepared)
        return prepared.error();
    return d->capture.scans;
}

qsizetype SqlitePlanCapture::errorOffset() const
{
    return d->db->errorOffset();
}

DbResult<void> SqlitePlanCapture::addPreviousValueFunction(SqliteConnection &connection)
{
    auto *remSlots = new RemSlots;
    if (sqlite3_create_function_v2(connection.handle(), "quarry_rem", 2, SQLITE_UTF8, remSlots, remFunction, nullptr,
                                   nullptr, [](void *p) { delete static_cast<RemSlots *>(p); })
        != SQLITE_OK)
        return connection.lastError(u"Cannot prepare the statistics"_s);
    return {};
}

} // namespace quarry::db
