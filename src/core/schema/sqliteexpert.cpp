// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/sqliteexpert.h"

#include "schema/dialect.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QUrl>

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SqliteExpert)
};

// ---- small RAII helpers over the C API ----

struct DbCloser {
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

struct Stmt {
    sqlite3_stmt *s = nullptr;
    ~Stmt() { sqlite3_finalize(s); }
    bool step() { return sqlite3_step(s) == SQLITE_ROW; }
    QString text(int i) const
    {
        const auto *t = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
        return t ? QString::fromUtf8(t) : QString();
    }
    int integer(int i) const { return sqlite3_column_int(s, i); }
};

QString quoteId(const QString &id)
{
    return u'"' + QString(id).replace(u'"', u"\"\""_s) + u'"';
}

QString quoteLiteral(const QString &text)
{
    return u'\'' + QString(text).replace(u'\'', u"''"_s) + u'\'';
}

Error dbError(sqlite3 *db, const QString &what)
{
    return Error{Error::Kind::Database, what + u": "_s + QString::fromUtf8(sqlite3_errmsg(db)), {}};
}

Result<void> exec(sqlite3 *db, const QString &sql)
{
    char *err = nullptr;
    if (sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &err) != SQLITE_OK) {
        Error e{Error::Kind::Database, QString::fromUtf8(err ? err : sqlite3_errmsg(db)), {}};
        sqlite3_free(err);
        return e;
    }
    return {};
}

bool prepare(sqlite3 *db, const QString &sql, Stmt &stmt)
{
    return sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &stmt.s, nullptr) == SQLITE_OK;
}

Result<DbPtr> openMemory()
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    DbPtr db(raw);
    if (rc != SQLITE_OK)
        return Error{Error::Kind::Internal, Tr::tr("Cannot open an in-memory SQLite database."), {}};
    return db;
}

// ---- what the planner reports through the capture tables ----

struct ColumnInfo {
    QString name;
    QString collation;
    bool primaryKey = false;
};

struct TableInfo {
    QString name;
    QList<ColumnInfo> columns;
};

struct Term {
    int column = -1;
    QString collation;
    bool descending = false;
};

struct Scan {
    int table = -1;
    QList<Term> eq;      // in the order SQLite listed the constraints
    QList<Term> range;
    QList<Term> order;   // ORDER BY, left to right
};

struct Capture {
    const QList<TableInfo> *tables = nullptr;
    QList<Scan> scans;
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
    const TableInfo &t = capture->tables->at(index);
    QStringList cols;
    for (const ColumnInfo &c : t.columns)
        cols << quoteId(c.name) + u" COLLATE "_s + quoteId(c.collation);
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
    const TableInfo &t = v->capture->tables->at(v->table);
    Scan scan;
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
        Term term{c.iColumn, QString::fromUtf8(coll ? coll : "BINARY"), false};
        (eq ? scan.eq : scan.range) << term;
        info->aConstraintUsage[i].argvIndex = ++n;
    }
    for (int i = 0; i < info->nOrderBy; ++i) {
        const int col = info->aOrderBy[i].iColumn;
        if (col >= 0 && col < t.columns.size()) {
            scan.order << Term{col, t.columns.at(col).collation, bool(info->aOrderBy[i].desc)};
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

// What changed between two EXPLAIN QUERY PLAN outputs, in a few words.
QString planChange(const QStringList &before, const QStringList &after)
{
    static const QRegularExpression fullScan(u"^\\s*SCAN \\S+$"_s);
    auto count = [](const QStringList &lines, auto &&test) {
        return std::count_if(lines.cbegin(), lines.cend(), test);
    };
    auto scans = [&](const QStringList &lines) { return count(lines, [](const QString &l) { return fullScan.match(l).hasMatch(); }); };
    auto sorts = [&](const QStringList &lines) {
        return count(lines, [](const QString &l) { return l.contains(u"USE TEMP B-TREE"_s); });
    };
    auto searches = [&](const QStringList &lines) {
        return count(lines, [](const QString &l) { return l.trimmed().startsWith(u"SEARCH "_s); });
    };
    QStringList parts;
    if (scans(after) < scans(before) && searches(after) > searches(before))
        parts << Tr::tr("SCAN → SEARCH");
    if (sorts(after) < sorts(before))
        parts << Tr::tr("no sort step");
    if (parts.isEmpty())
        parts << Tr::tr("narrower search");
    return parts.join(u", "_s);
}

struct PlannedQuery {
    QStringList lines;
    QStringList indexes;   // indexes named by USING [COVERING] INDEX
};

// ---- the advisor ----

class Expert
{
public:
    Expert(DbPtr source, const Dialect &dialect, const AdvisorOptions &options)
        : src(std::move(source)), dialect(dialect), options(options)
    {
    }

    Result<void> load()
    {
        Stmt schema;
        if (!prepare(src.get(),
                     u"SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' "
                     "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE VIRTUAL %' ORDER BY rowid"_s,
                     schema))
            return dbError(src.get(), Tr::tr("Cannot read the database's schema"));
        while (schema.step()) {
            const QString type = schema.text(0);
            if (type == u"table" || type == u"index" || type == u"view")
                schemaSql << schema.text(2);
            if (type == u"view")
                viewSql << schema.text(2);
            if (type == u"table") {
                auto info = tableInfo(schema.text(1));
                if (!info)
                    return info.error();
                tables << info.value();
            }
        }
        if (sqlite3_errcode(src.get()) != SQLITE_OK && sqlite3_errcode(src.get()) != SQLITE_DONE
            && sqlite3_errcode(src.get()) != SQLITE_ROW)
            return dbError(src.get(), Tr::tr("Cannot read the database's schema"));
        if (sqlite3_create_function(src.get(), "quarry_rem", 2, SQLITE_UTF8, &rem, remFunction, nullptr, nullptr)
            != SQLITE_OK)
            return dbError(src.get(), Tr::tr("Cannot prepare the statistics"));

        // The capture database: a virtual table per table, the views on top.
        auto v = openMemory();
        if (!v)
            return v.error();
        capDb = std::move(v).value();
        capture.tables = &tables;
        if (sqlite3_create_module(capDb.get(), "quarry_expert", captureModule(), &capture) != SQLITE_OK)
            return dbError(capDb.get(), Tr::tr("Cannot register the capture module"));
        for (qsizetype i = 0; i < tables.size(); ++i) {
            auto r = exec(capDb.get(), u"CREATE VIRTUAL TABLE %1 USING quarry_expert(%2)"_s
                                            .arg(quoteId(tables.at(i).name))
                                            .arg(i));
            if (!r)
                return Error{Error::Kind::Database, Tr::tr("Cannot mirror table %1: %2")
                                                        .arg(tables.at(i).name, r.error().message), {}};
        }
        for (const QString &view : std::as_const(viewSql)) {
            if (!exec(capDb.get(), view))
                skippedViews++;
        }
        return {};
    }

    QueryAdvice advise(const WorkloadQuery &q)
    {
        QueryAdvice a;
        a.query = q;
        static const QRegularExpression dml(u"^\\s*(SELECT|WITH|VALUES|INSERT|UPDATE|DELETE|REPLACE)\\b"_s,
                                            QRegularExpression::CaseInsensitiveOption);
        if (!dml.match(q.sql).hasMatch()) {
            a.status = QueryAdvice::Status::Skipped;
            a.message = Tr::tr("Not a query (%1); only SELECT, INSERT, UPDATE and DELETE are explained.")
                            .arg(q.sql.section(u' ', 0, 1, QString::SectionSkipEmpty).toUpper());
            return a;
        }
        // 1. What the planner could use, per scan.
        capture.scans.clear();
        {
            Stmt stmt;
            const QByteArray utf8 = q.sql.toUtf8();
            if (sqlite3_prepare_v2(capDb.get(), utf8.constData(), int(utf8.size()), &stmt.s, nullptr) != SQLITE_OK) {
                a.status = QueryAdvice::Status::Failed;
                a.message = QString::fromUtf8(sqlite3_errmsg(capDb.get()));
                const int offset = sqlite3_error_offset(capDb.get());
                a.where = q.locate(offset >= 0 ? QString::fromUtf8(utf8.left(offset)).size() : 0);
                return a;
            }
        }
        // 2. Plan without candidates.
        auto before = plan(q.sql, {});
        if (!before) {
            a.status = QueryAdvice::Status::Failed;
            a.message = before.error().message;
            a.where = q.locate(0);
            return a;
        }
        a.planBefore = before.value().lines;
        // 3. Candidates in a fresh copy, statistics, plan again.
        QStringList covered;
        auto after = plan(q.sql, capture.scans, &a.candidates, &covered);
        if (!after) {
            a.status = QueryAdvice::Status::Failed;
            a.message = after.error().message;
            a.where = q.locate(0);
            return a;
        }
        a.planAfter = after.value().lines;
        for (const IndexCandidate &c : std::as_const(a.candidates)) {
            if (after.value().indexes.contains(c.indexName())) {
                a.suggestions << c;
                a.createStatements << c.createStatement(dialect);
            }
        }
        if (!a.suggestions.isEmpty()) {
            a.status = QueryAdvice::Status::Suggested;
            a.gain = planChange(a.planBefore, a.planAfter);
            QStringList names;
            for (const IndexCandidate &c : std::as_const(a.suggestions))
                names << c.toString();
            a.message = Tr::tr("SQLite's planner picks %1 (SQLite reports no costs: the plans are the evidence).")
                            .arg(names.join(u", "_s));
        } else if (!a.candidates.isEmpty()) {
            a.status = QueryAdvice::Status::NoGain;
            a.message = Tr::tr("SQLite's planner keeps its plan; it uses none of the %n candidate index(es).", nullptr,
                               int(a.candidates.size()));
            a.planAfter.clear();
        } else {
            a.status = QueryAdvice::Status::NoCandidates;
            a.planAfter.clear();
            // A lookup by rowid or by a WITHOUT ROWID table's key is as good as it gets: say so,
            // rather than that nothing is compared.
            const bool byPrimaryKey = std::any_of(a.planBefore.cbegin(), a.planBefore.cend(), [](const QString &line) {
                return line.contains(u"USING INTEGER PRIMARY KEY"_s) || line.contains(u"USING PRIMARY KEY"_s);
            });
            a.message = !covered.isEmpty()
                ? Tr::tr("No new candidate: %1.").arg(covered.join(u"; "_s))
                : byPrimaryKey
                ? Tr::tr("Already served: the plan looks rows up by the table's primary key.")
                : Tr::tr("No candidate index: the planner reports no column compared with a value or sorted on.");
        }
        return a;
    }

    QStringList notes() const
    {
        QStringList n;
        n << Tr::tr("SQLite %1, the method of the sqlite3 shell's .expert: candidates from the planner's own "
                    "constraints, statistics from the rows, EXPLAIN QUERY PLAN decides.")
                 .arg(QString::fromLatin1(sqlite3_libversion()));
        if (skippedViews > 0)
            n << Tr::tr("%n view(s) could not be mirrored; queries on them are reported as failed.", nullptr,
                        skippedViews);
        return n;
    }

private:
    DbPtr src;
    DbPtr capDb;
    const Dialect &dialect;
    const AdvisorOptions &options;
    QList<TableInfo> tables;
    QStringList schemaSql;
    QStringList viewSql;
    Capture capture;
    RemSlots rem;
    QHash<QString, QString> statCache;   // "table\x1fcol coll\x1f..." -> stat1 text ("" = no rows)
    int skippedViews = 0;

    Result<TableInfo> tableInfo(const QString &name)
    {
        TableInfo t;
        t.name = name;
        Stmt info;
        if (!prepare(src.get(), u"PRAGMA main.table_info(%1)"_s.arg(quoteLiteral(name)), info))
            return dbError(src.get(), Tr::tr("Cannot read the columns of %1").arg(name));
        const QByteArray table = name.toUtf8();
        while (info.step()) {
            ColumnInfo c;
            c.name = info.text(1);
            c.primaryKey = info.integer(5) != 0;
            const char *coll = nullptr;
            const QByteArray col = c.name.toUtf8();
            if (sqlite3_table_column_metadata(src.get(), "main", table.constData(), col.constData(), nullptr, &coll,
                                              nullptr, nullptr, nullptr)
                == SQLITE_OK)
                c.collation = QString::fromUtf8(coll ? coll : "BINARY");
            else
                c.collation = u"BINARY"_s;
            t.columns << c;
        }
        return t;
    }

    // An index in `db` already serves these terms: its first |eq| columns are the equality columns
    // in any order, the next ones the tail in order (collations matching).
    static QString compatibleIndex(sqlite3 *db, const TableInfo &t, const QList<Term> &eq, const QList<Term> &tail)
    {
        Stmt list;
        if (!prepare(db, u"PRAGMA index_list(%1)"_s.arg(quoteLiteral(t.name)), list))
            return {};
        while (list.step()) {
            const QString index = list.text(1);
            Stmt info;
            if (!prepare(db, u"PRAGMA index_xinfo(%1)"_s.arg(quoteLiteral(index)), info))
                continue;
            QList<bool> used(eq.size(), false);
            qsizetype next = 0;
            bool match = true;
            while (info.step()) {
                const int pos = info.integer(0);
                const int col = info.integer(1);
                const QString coll = info.text(4);
                if (pos < eq.size()) {
                    bool found = false;
                    for (qsizetype i = 0; i < eq.size(); ++i) {
                        if (!used[i] && eq.at(i).column == col && !eq.at(i).collation.compare(coll, Qt::CaseInsensitive)) {
                            used[i] = found = true;
                            break;
                        }
                    }
                    if (!found) {
                        match = false;
                        break;
                    }
                } else if (next < tail.size()) {
                    if (tail.at(next).column != col || tail.at(next).collation.compare(coll, Qt::CaseInsensitive)) {
                        match = false;
                        break;
                    }
                    ++next;
                }
            }
            if (match)
                return index;
        }
        return {};
    }

    static bool hasColumn(const QList<Term> &list, int column)
    {
        return std::any_of(list.cbegin(), list.cend(), [&](const Term &t) { return t.column == column; });
    }

    // Creates the candidate for (eq, tail) in `db` unless an index there serves it already.
    Result<void> candidate(sqlite3 *db, const Scan &scan, const QList<Term> &eq, const QList<Term> &tail,
                           QList<IndexCandidate> &made, QStringList &covered, const QSet<QString> &candidateNames)
    {
        if (eq.isEmpty() && tail.isEmpty())
            return {};
        const TableInfo &t = tables.at(scan.table);
        const QString existing = compatibleIndex(db, t, eq, tail);
        if (!existing.isEmpty()) {
            if (!candidateNames.contains(existing) && !covered.contains(existing))
                covered << Tr::tr("the existing index %1 serves %2").arg(existing, t.name);
            return {};
        }
        IndexCandidate c;
        c.table = t.name;
        QStringList defs;
        for (const Term &term : eq + tail) {
            const ColumnInfo &col = t.columns.at(term.column);
            const bool ownCollation = !col.collation.compare(term.collation, Qt::CaseInsensitive);
            c.columns << col.name;
            c.collations << (ownCollation ? QString() : term.collation);
            c.descending << term.descending;
            defs << quoteId(col.name) + (ownCollation ? QString() : u" COLLATE "_s + quoteId(term.collation))
                    + (term.descending ? u" DESC"_s : QString());
        }
        auto r = exec(db, u"CREATE INDEX %1 ON %2(%3)"_s.arg(quoteId(c.indexName()), quoteId(t.name),
                                                            defs.join(u", "_s)));
        if (!r)
            return Error{Error::Kind::Database,
                         Tr::tr("Cannot create the candidate %1: %2").arg(c.toString(), r.error().message), {}};
        made << c;
        return {};
    }

    // The equality terms without repeats and without the tail's columns.
    static QList<Term> equalities(const Scan &scan, const QList<Term> &tail)
    {
        QList<Term> out;
        for (const Term &t : scan.eq) {
            if (!hasColumn(out, t.column) && !hasColumn(tail, t.column))
                out << t;
        }
        return out;
    }

    // The stat1 text for one index: "rows avg1 avg2 ..." from a scan of the source table, where
    // avgN = rows over the number of changes in the first N columns from row to row.
    Result<QString> stat(const QString &table, const QList<std::pair<QString, QString>> &columns)
    {
        QString key = table;
        for (const auto &[name, coll] : columns)
            key += u'\x1f' + name + u' ' + coll;
        if (statCache.contains(key))
            return statCache.value(key);
        QStringList cols;
        QStringList order;
        for (qsizetype i = 0; i < columns.size(); ++i) {
            const auto &[name, coll] = columns.at(i);
            cols << u"x.%1 IS quarry_rem(%2, x.%1) COLLATE %3"_s.arg(quoteId(name)).arg(i).arg(quoteId(coll));
            order << QString::number(i + 1);
        }
        Stmt q;
        if (!prepare(src.get(),
                     u"SELECT %1 FROM %2 x ORDER BY %3"_s.arg(cols.join(u", "_s), quoteId(table), order.join(u", "_s)),
                     q))
            return dbError(src.get(), Tr::tr("Cannot sample %1").arg(table));
        QString text;
        if (q.step()) {
            std::vector<long long> counts(size_t(columns.size()) + 1, 1);
            while (q.step()) {
                ++counts[0];
                qsizetype i = 0;
                while (i < columns.size() && q.integer(int(i)) != 0)
                    ++i;
                for (; i < columns.size(); ++i)
                    ++counts[size_t(i) + 1];
            }
            text = QString::number(counts[0]);
            for (size_t i = 1; i < counts.size(); ++i)
                text += u' ' + QString::number((counts[0] + counts[i] / 2) / counts[i]);
        }
        statCache.insert(key, text);
        return text;
    }

    Result<void> statistics(sqlite3 *db)
    {
        Stmt all;
        if (!prepare(db,
                     u"SELECT s.name, l.name FROM sqlite_schema AS s, pragma_index_list(s.name) AS l "
                     "WHERE s.type = 'table'"_s,
                     all))
            return dbError(db, Tr::tr("Cannot list the indexes"));
        QList<std::pair<QString, QString>> indexes;
        while (all.step())
            indexes << std::make_pair(all.text(0), all.text(1));
        if (indexes.isEmpty())
            return {};
        if (auto r = exec(db, u"ANALYZE"_s); !r)
            return r.error();
        for (const auto &[table, index] : std::as_const(indexes)) {
            Stmt xinfo;
            if (!prepare(db, u"SELECT name, coll FROM pragma_index_xinfo(%1) WHERE key"_s.arg(quoteLiteral(index)),
                         xinfo))
                return dbError(db, Tr::tr("Cannot read index %1").arg(index));
            QList<std::pair<QString, QString>> cols;
            bool expression = false;
            while (xinfo.step()) {
                if (sqlite3_column_type(xinfo.s, 0) == SQLITE_NULL)
                    expression = true;
                cols << std::make_pair(xinfo.text(0), xinfo.text(1));
            }
            if (expression || cols.isEmpty())
                continue;
            auto s = stat(table, cols);
            if (!s)
                return s.error();
            if (s.value().isEmpty())
                continue; // an empty table: no row, as ANALYZE would write none
            Stmt insert;
            if (!prepare(db, u"INSERT INTO sqlite_stat1 VALUES(?, ?, ?)"_s, insert))
                return dbError(db, Tr::tr("Cannot write the statistics"));
            const QByteArray t = table.toUtf8(), i = index.toUtf8(), v = s.value().toUtf8();
            sqlite3_bind_text(insert.s, 1, t.constData(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert.s, 2, i.constData(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(insert.s, 3, v.constData(), -1, SQLITE_TRANSIENT);
            sqlite3_step(insert.s);
        }
        if (auto r = exec(db, u"ANALYZE sqlite_schema"_s); !r)
            return r.error();
        return {};
    }

    // A fresh copy of the schema, the candidates of `scans`, statistics, EXPLAIN QUERY PLAN.
    Result<PlannedQuery> plan(const QString &sql, const QList<Scan> &scans, QList<IndexCandidate> *made = nullptr,
                              QStringList *covered = nullptr)
    {
        auto m = openMemory();
        if (!m)
            return m.error();
        DbPtr db = std::move(m).value();
        for (const QString &ddl : std::as_const(schemaSql)) {
            // A view that does not copy (it names an attached database, a missing function) only
            // matters to queries that read it: those fail when they are planned.
            if (auto r = exec(db.get(), ddl); !r && !viewSql.contains(ddl))
                return Error{Error::Kind::Database, Tr::tr("Cannot copy the schema: %1").arg(r.error().message), {}};
        }
        if (made) {
            QStringList coveredHere;
            QSet<QString> names;
            // .expert walks the scans newest first; candidates it made earlier count as existing.
            for (auto it = scans.crbegin(); it != scans.crend(); ++it) {
                const Scan &scan = *it;
                auto tryMake = [&](const QList<Term> &tail) -> Result<void> {
                    const qsizetype before = made->size();
                    auto r = candidate(db.get(), scan, equalities(scan, tail), tail, *made, coveredHere, names);
                    for (qsizetype i = before; i < made->size(); ++i)
                        names.insert(made->at(i).indexName());
                    return r;
                };
                if (auto r = tryMake({}); !r)
                    return r.error();
                const QList<Term> eq = equalities(scan, {});
                for (auto rit = scan.range.crbegin(); rit != scan.range.crend(); ++rit) {
                    if (hasColumn(eq, rit->column))
                        continue;
                    if (auto r = candidate(db.get(), scan, eq, {*rit}, *made, coveredHere, names); !r)
                        return r.error();
                    for (const IndexCandidate &c : std::as_const(*made))
                        names.insert(c.indexName());
                }
                if (!scan.order.isEmpty()) {
                    if (auto r = tryMake(scan.order); !r)
                        return r.error();
                }
            }
            if (covered)
                *covered = coveredHere;
        }
        if (auto r = statistics(db.get()); !r)
            return r.error();
        Stmt eqp;
        const QByteArray utf8 = (u"EXPLAIN QUERY PLAN "_s + sql).toUtf8();
        if (sqlite3_prepare_v2(db.get(), utf8.constData(), int(utf8.size()), &eqp.s, nullptr) != SQLITE_OK)
            return dbError(db.get(), Tr::tr("EXPLAIN QUERY PLAN failed"));
        PlannedQuery out;
        QHash<int, int> depth;
        while (eqp.step()) {
            const int id = eqp.integer(0);
            const int parent = eqp.integer(1);
            const QString detail = eqp.text(3);
            const int d = parent == 0 ? 0 : depth.value(parent, 0) + 1;
            depth.insert(id, d);
            out.lines << QString(d * 2, u' ') + detail;
            for (const QString &marker : {u" USING INDEX "_s, u" USING COVERING INDEX "_s}) {
                const qsizetype at = detail.indexOf(marker);
                if (at >= 0) {
                    QString name = detail.mid(at + marker.size());
                    const qsizetype end = name.indexOf(u" ("_s);
                    if (end >= 0)
                        name.truncate(end);
                    out.indexes << name;
                    break;
                }
            }
        }
        return out;
    }
};

Result<WorkloadAdvice> run(Expert &expert, const QString &database, const Workload &workload,
                           const AdvisorOptions &options)
{
    if (auto r = expert.load(); !r)
        return Error{r.error().kind, r.error().message, database};
    WorkloadAdvice out;
    out.engine = u"sqlite"_s;
    out.database = database;
    int done = 0;
    for (const WorkloadQuery &q : workload.queries) {
        if (options.cancelled && options.cancelled())
            return Error{Error::Kind::Internal, Tr::tr("Cancelled."), {}};
        out.queries << expert.advise(q);
        if (options.progress)
            options.progress(++done, int(workload.queries.size()));
    }
    out.notes = expert.notes();
    return out;
}

} // namespace

Result<WorkloadAdvice> SqliteExpert::adviseFile(const QString &path, const Workload &workload,
                                                const Dialect &indexDialect, const AdvisorOptions &options)
{
    if (!QFileInfo(path).isFile())
        return Error{Error::Kind::NotFound, Tr::tr("No SQLite database file here."), path};
    sqlite3 *raw = nullptr;
    const QByteArray uri = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() + "?mode=ro";
    const int rc = sqlite3_open_v2(uri.constData(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    DbPtr db(raw);
    if (rc != SQLITE_OK)
        return Error{Error::Kind::Io, Tr::tr("Cannot open the SQLite database: %1")
                                          .arg(QString::fromUtf8(raw ? sqlite3_errmsg(raw) : "out of memory")),
                     path};
    if (auto probe = exec(db.get(), u"SELECT count(*) FROM sqlite_schema"_s); !probe)
        return Error{Error::Kind::InvalidInput, Tr::tr("Not an SQLite database: %1").arg(probe.error().message), path};
    Expert expert(std::move(db), indexDialect, options);
    auto out = run(expert, path, workload, options);
    if (out)
        out.value().notes << Tr::tr("Statistics from the rows of %1 (read-only; nothing was changed).").arg(path);
    return out;
}

Result<WorkloadAdvice> SqliteExpert::adviseDdl(const QStringList &ddl, const Workload &workload,
                                               const Dialect &indexDialect, const AdvisorOptions &options)
{
    auto m = openMemory();
    if (!m)
        return m.error();
    DbPtr db = std::move(m).value();
    for (const QString &statement : ddl) {
        if (auto r = exec(db.get(), statement); !r)
            return Error{Error::Kind::InvalidInput, Tr::tr("The design's SQLite DDL does not run: %1").arg(r.error().message),
                         statement.section(u'\n', 0, 0)};
    }
    Expert expert(std::move(db), indexDialect, options);
    auto out = run(expert, Tr::tr("the design (SQLite DDL, no rows)"), workload, options);
    if (out)
        out.value().notes << Tr::tr("No database given: an empty in-memory copy of the design, so SQLite's default "
                                    "estimates apply (no statistics).");
    return out;
}

} // namespace quarry::schema
