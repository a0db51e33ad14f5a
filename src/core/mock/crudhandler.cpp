// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/crudhandler.h"

#include "mock/conditionalrequest.h"
#include "mock/crudrules.h"
#include "mock/crudvalues.h"
#include "mock/problem.h"
#include "mock/writeerror.h"
#include "schema/schema.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Ctx {
    Exchange &ex;
    ResourceStore &store;
    const TableInfo &table;
    QString idColumn;
    const schema::Schema &schema;
    const schema::Table *design;   ///< null when the design has no such table
    const ColumnInfo *updatedAt = nullptr;   ///< the column that dates a row (CrudValues::updatedAtColumn)
};

void fail(Exchange &ex, int status, const QString &title, const QString &detail)
{
    ex.response = Problem{status, title, detail, {}, {}}.toResponse();
}

void refuse(Exchange &ex, const WriteError &error)
{
    ex.response = error.toResponse();
}

/// A 400 or 422 about one member of the body.
void refuse(Exchange &ex, WriteError::Kind kind, const QString &title, const QString &column, const QString &constraint,
            const QString &message)
{
    refuse(ex, WriteError{kind, title, message, {FieldError{FieldError::pointerTo(column), constraint, message}}});
}

QString describeParams(const QVariantList &params)
{
    QStringList out;
    for (const QVariant &v : params)
        out.append(v.isNull() ? u"NULL"_s : v.toString().left(40));
    return out.isEmpty() ? QString() : u" ["_s + out.join(u", "_s) + u']';
}

SqlOutcome run(Ctx &c, const QString &sql, const QVariantList &params = {}, bool rowsOfTable = true)
{
    SqlOutcome r = c.store.run(sql, params, rowsOfTable ? &c.table : nullptr);
    c.ex.note(u"sql"_s, r.ok() ? u"%1%2 → %3 row(s)"_s.arg(sql, describeParams(params)).arg(r.rows.isEmpty() ? r.changes : r.rows.size())
                               : u"%1%2 → error: %3"_s.arg(sql, describeParams(params), r.error),
              r.micros);
    return r;
}

std::optional<QJsonObject> parseBody(Exchange &ex)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(ex.request.body, &error);
    if (error.error != QJsonParseError::NoError) {
        const QString message = ex.request.body.trimmed().isEmpty()
                                    ? u"The request has no body; send a JSON object with the row's fields."_s
                                    : u"The body is not valid JSON: %1 at byte %2."_s.arg(error.errorString()).arg(error.offset);
        refuse(ex, WriteError{WriteError::Kind::Malformed, u"Invalid JSON"_s, message, {FieldError{{}, {}, message}}});
        return std::nullopt;
    }
    if (!doc.isObject()) {
        const QString message = u"Send one JSON object whose keys are the table's columns."_s;
        refuse(ex, WriteError{WriteError::Kind::Malformed, u"JSON object expected"_s, message, {FieldError{{}, u"type"_s, message}}});
        return std::nullopt;
    }
    return doc.object();
}

CrudRules rules(Ctx &c)
{
    return CrudRules(c.store, c.schema, c.design, c.table,
                     [&c](const QString &sql, const QVariantList &params) { return run(c, sql, params, false); });
}

void sqlFailure(Ctx &c, const SqlOutcome &r)
{
    if (r.isConstraintViolation()) {
        refuse(c.ex, rules(c).fromEngine(r));
    } else if (r.failure == SqlOutcome::Failure::Busy) {
        fail(c.ex, 503, u"Database busy"_s, u"The database stayed locked for too long: %1."_s.arg(r.error));
        c.ex.response.setHeader("Retry-After", "1");
    } else {
        fail(c.ex, 500, u"Database error"_s, r.error);
    }
}

QByteArray toJson(const QJsonValue &v)
{
    return v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
}

/// A row as GET /res/:id answers it, with the validators of those bytes.
void answerRow(Ctx &c, int status, const QJsonObject &row)
{
    c.ex.response = Response::json(status, toJson(row));
    c.ex.lastModified = CrudValues::lastModified(row, c.updatedAt);
    const QByteArray &m = c.ex.request.method;
    if (m != "GET" && m != "HEAD") {   // a read's validators are set by the conditional step
        c.ex.response.setHeader("ETag", ConditionalRequest::strongEtag(c.ex.response.body));
        if (c.ex.lastModified)
            c.ex.response.setHeader("Last-Modified", ConditionalRequest::httpDate(*c.ex.lastModified));
    }
}

/// The transaction of a conditional write: the row read for the preconditions cannot change
/// before the write. Rolled back unless committed.
class WriteTransaction
{
public:
    explicit WriteTransaction(Ctx &c) : m_c(c) {}
    ~WriteTransaction()
    {
        if (m_open)
            run(m_c, u"ROLLBACK"_s, {}, false);
    }
    bool begin()
    {
        const SqlOutcome r = run(m_c, m_c.store.beginWriteSql(), {}, false);
        m_open = r.ok();
        if (!m_open)
            sqlFailure(m_c, r);
        return m_open;
    }
    /// Keeps the answer already made, unless the commit fails.
    void commit()
    {
        if (!m_open)
            return;
        m_open = false;
        const SqlOutcome r = run(m_c, u"COMMIT"_s, {}, false);
        if (!r.ok())
            sqlFailure(m_c, r);
    }

private:
    Ctx &m_c;
    bool m_open = false;
};

/// For a PUT, PATCH or DELETE with If-Match, If-Unmodified-Since or If-None-Match: reads the row
/// inside `tx` and evaluates the preconditions against it (RFC 9110 §13.2.2). False: answered 412
/// (or an error).
bool preconditionsHold(Ctx &c, WriteTransaction &tx, const QVariant &id)
{
    if (!ConditionalRequest::hasPreconditions(c.ex.request))
        return true;
    if (!tx.begin())
        return false;
    const SqlOutcome r = run(c, u"SELECT * FROM %1 WHERE %2 = ?%3"_s.arg(c.store.quote(c.table.name), c.store.quote(c.idColumn),
                                                                        c.store.lockRowSql()),
                             {id});
    if (!r.ok()) {
        sqlFailure(c, r);
        return false;
    }
    std::optional<Validators> current;
    if (!r.rows.isEmpty()) {
        const QJsonObject row = r.rows.first().toObject();
        current = Validators{ConditionalRequest::strongEtag(toJson(row)), CrudValues::lastModified(row, c.updatedAt)};
    }
    const ConditionalRequest::Decision d = ConditionalRequest::evaluate(c.ex.request, current ? &*current : nullptr);
    c.ex.note(u"conditional"_s, d.why);
    if (d.outcome == ConditionalRequest::Outcome::Proceed)
        return true;
    c.ex.response = ConditionalRequest::preconditionFailed(d, current ? &*current : nullptr);
    return false;
}

/// A write that does not set the updated-at column sets it to now.
void stampUpdatedAt(Ctx &c, QJsonObject &body)
{
    if (!c.updatedAt || body.contains(c.updatedAt->name))
        return;
    body.insert(c.updatedAt->name, QJsonValue::fromVariant(CrudValues::now(*c.updatedAt)));
    c.ex.note(u"handler"_s, u"%1 set to now (the request did not set it)"_s.arg(c.updatedAt->name));
}

std::optional<QVariant> idValue(Ctx &c)
{
    const QString id = c.ex.params.value(u"id"_s);
    const ColumnInfo *col = c.table.column(c.idColumn);
    QString error;
    std::optional<QVariant> v = col ? CrudValues::fromText(*col, id, &error) : std::optional<QVariant>(QVariant(id.toLongLong()));
    if (!v)
        fail(c.ex, 404, u"Not found"_s, u"There is no %1 with %2 %3."_s.arg(c.table.name, c.idColumn, id));
    return v;
}

void list(Ctx &c)
{
    const Request &req = c.ex.request;
    QStringList where;
    QVariantList params;
    QHash<QString, QVariantList> equals;
    QStringList equalsOrder;
    QString sort, order, page, limit;
    for (const auto &[key, value] : req.query) {
        if (key == u"_sort"_s) { sort = value; continue; }
        if (key == u"_order"_s) { order = value; continue; }
        if (key == u"_page"_s) { page = value; continue; }
        if (key == u"_limit"_s) { limit = value; continue; }
        if (key.startsWith(u'_') || key == u"q"_s)
            continue;
        QString column = key;
        QString op;
        if (!c.table.column(column)) {
            for (const QString &suffix : {u"_gte"_s, u"_lte"_s, u"_gt"_s, u"_lt"_s, u"_ne"_s, u"_like"_s}) {
                if (key.endsWith(suffix) && c.table.column(key.chopped(suffix.size()))) {
                    column = key.chopped(suffix.size());
                    op = suffix;
                    break;
                }
            }
        }
        const ColumnInfo *col = c.table.column(column);
        if (!col) {
            QStringList names;
            for (const ColumnInfo &ci : c.table.columns)
                names.append(ci.name);
            return fail(c.ex, 400, u"Unknown filter"_s,
                        u"%1 has no column \"%2\". Filter on one of: %3 (with _gt, _gte, _lt, _lte, _ne or _like)."_s.arg(
                            c.table.name, key, names.join(u", "_s)));
        }
        const QString q = c.store.quote(column);
        if (op == u"_like"_s) {
            where.append(u"CAST("_s + q + u" AS TEXT) LIKE ?"_s);
            params.append(value.contains(u'%') ? value : u'%' + value + u'%');
            continue;
        }
        QString error;
        const auto bound = CrudValues::fromText(*col, value, &error);
        if (!bound)
            return fail(c.ex, 400, u"Wrong filter type"_s, error);
        if (op.isEmpty()) {
            if (!equals.contains(column))
                equalsOrder.append(column);
            equals[column].append(*bound);
            continue;
        }
        const QString sqlOp = op == u"_gt"_s ? u">"_s : op == u"_gte"_s ? u">="_s : op == u"_lt"_s ? u"<"_s
                                                                       : op == u"_lte"_s ? u"<="_s : u"<>"_s;
        where.append(q + u' ' + sqlOp + u" ?"_s);
        params.append(*bound);
    }
    for (const QString &column : std::as_const(equalsOrder)) {
        const QVariantList &values = equals.value(column);
        if (values.size() == 1) {
            where.append(c.store.quote(column) + u" = ?"_s);
        } else {
            QStringList marks(values.size(), u"?"_s);
            where.append(c.store.quote(column) + u" IN ("_s + marks.join(u", "_s) + u')');
        }
        params.append(values);
    }
    const QString whereSql = where.isEmpty() ? QString() : u" WHERE "_s + where.join(u" AND "_s);

    QStringList orderBy;
    const QStringList sorts = sort.split(u',', Qt::SkipEmptyParts);
    const QStringList orders = order.split(u',', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < sorts.size(); ++i) {
        QString column = sorts.at(i).trimmed();
        bool desc = false;
        if (column.startsWith(u'-')) {
            desc = true;
            column = column.mid(1);
        }
        if (i < orders.size())
            desc = orders.at(i).trimmed().compare(u"desc"_s, Qt::CaseInsensitive) == 0;
        else if (!orders.isEmpty())
            desc = orders.last().trimmed().compare(u"desc"_s, Qt::CaseInsensitive) == 0;
        if (!c.table.column(column))
            return fail(c.ex, 400, u"Unknown sort column"_s, u"%1 has no column \"%2\" to sort by."_s.arg(c.table.name, column));
        orderBy.append(c.store.quote(column) + (desc ? u" DESC"_s : u" ASC"_s));
    }
    if (orderBy.isEmpty())
        orderBy.append(c.store.quote(c.idColumn) + u" ASC"_s);

    qint64 pageSize = -1, pageNo = 1;
    bool ok = true;
    if (!limit.isEmpty()) {
        pageSize = limit.toLongLong(&ok);
        if (!ok || pageSize < 0)
            return fail(c.ex, 400, u"Invalid _limit"_s, u"_limit must be a whole number ≥ 0, not \"%1\"."_s.arg(limit));
    }
    if (!page.isEmpty()) {
        pageNo = page.toLongLong(&ok);
        if (!ok || pageNo < 1)
            return fail(c.ex, 400, u"Invalid _page"_s, u"_page counts from 1; \"%1\" is not a page number."_s.arg(page));
        if (pageSize < 0)
            pageSize = 10;
    }
    const QString table = c.store.quote(c.table.name);
    QString sql = u"SELECT * FROM "_s + table + whereSql + u" ORDER BY "_s + orderBy.join(u", "_s);
    QVariantList selectParams = params;
    if (pageSize >= 0) {
        // A page beyond 64 bits of rows is past the end: an empty page, not page 1.
        qint64 offset = 0;
        if (__builtin_mul_overflow(pageNo - 1, pageSize, &offset))
            offset = std::numeric_limits<qint64>::max();
        sql += u" LIMIT ? OFFSET ?"_s;
        selectParams << pageSize << offset;
    }
    const SqlOutcome rows = run(c, sql, selectParams);
    if (!rows.ok())
        return sqlFailure(c, rows);
    qint64 total = rows.rows.size();
    if (pageSize >= 0) {
        const SqlOutcome count = run(c, u"SELECT COUNT(*) AS n FROM "_s + table + whereSql, params, false);
        if (!count.ok())
            return sqlFailure(c, count);
        total = count.rows.first().toObject().value(u"n"_s).toVariant().toLongLong();
    }
    c.ex.response = Response::json(200, toJson(rows.rows));
    c.ex.response.setHeader("X-Total-Count", QByteArray::number(total));
    if (c.updatedAt) {
        // The newest row, but no earlier than the last removal (which leaves no date behind).
        std::optional<QDateTime> newest = c.store.removedSince(c.table.name);
        for (const QJsonValue &row : std::as_const(rows.rows)) {
            const auto t = CrudValues::lastModified(row.toObject(), c.updatedAt);
            if (!t) {
                newest.reset();
                break;
            }
            newest = std::max(*newest, *t);
        }
        c.ex.lastModified = newest;
    }
    if (pageSize > 0 && !page.isEmpty()) {
        const qint64 last = std::max<qint64>(1, (total + pageSize - 1) / pageSize);
        const QString host = QString::fromLatin1(req.header("host"));
        auto link = [&](qint64 p, const char *rel) {
            QStringList items;
            for (const auto &[k, v] : req.query) {
                if (k != u"_page"_s)
                    items.append(QString::fromLatin1(QUrl::toPercentEncoding(k)) + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(v)));
            }
            items.append(u"_page=%1"_s.arg(p));
            return u"<http://%1%2?%3>; rel=\"%4\""_s.arg(host, req.path, items.join(u'&'), QString::fromLatin1(rel));
        };
        QStringList links{link(1, "first")};
        if (pageNo > 1)
            links.append(link(std::min(pageNo - 1, last), "prev"));
        if (pageNo < last)
            links.append(link(pageNo + 1, "next"));
        links.append(link(last, "last"));
        c.ex.response.setHeader("Link", links.join(u", "_s).toUtf8());
    }
}

void getOne(Ctx &c)
{
    const auto id = idValue(c);
    if (!id)
        return;
    const SqlOutcome r = run(c, u"SELECT * FROM %1 WHERE %2 = ?"_s.arg(c.store.quote(c.table.name), c.store.quote(c.idColumn)), {*id});
    if (!r.ok())
        return sqlFailure(c, r);
    if (r.rows.isEmpty())
        return fail(c.ex, 404, u"Not found"_s, u"There is no %1 with %2 %3."_s.arg(c.table.name, c.idColumn, c.ex.params.value(u"id"_s)));
    answerRow(c, 200, r.rows.first().toObject());
}

/// Binds the body's members to columns (quoted in `columns`, by name in `byName`); on a member
/// that is no column or a value of the wrong type, answers 400, on a NULL for NOT NULL 422.
bool bindObject(Ctx &c, const QJsonObject &body, QStringList &columns, QVariantList &values,
                QHash<QString, QVariant> *byName = nullptr)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        const ColumnInfo *col = c.table.column(it.key());
        if (!col) {
            QStringList names;
            for (const ColumnInfo &ci : c.table.columns)
                names.append(ci.name);
            refuse(c.ex, WriteError::Kind::Malformed, u"Unknown field"_s, it.key(), {},
                   u"%1 has no column \"%2\". Its columns: %3."_s.arg(c.table.name, it.key(), names.join(u", "_s)));
            return false;
        }
        QString error;
        bool nullRefused = false;
        const auto v = CrudValues::fromJson(*col, it.value(), &error, &nullRefused);
        if (!v) {
            if (nullRefused)
                refuse(c.ex, WriteError::Kind::Rule, u"Constraint violated"_s, col->name, u"NOT NULL"_s, error);
            else
                refuse(c.ex, WriteError::Kind::Malformed, u"Wrong type"_s, col->name, u"type"_s, error);
            return false;
        }
        columns.append(c.store.quote(col->name));
        values.append(*v);
        if (byName)
            byName->insert(col->name, *v);
    }
    return true;
}

/// SQLite names no failed foreign key, so the parents are looked up through the design first.
bool parentsExist(Ctx &c, const QHash<QString, QVariant> &values)
{
    if (c.store.namesFailedForeignKeys())
        return true;
    if (const auto missing = rules(c).missingParents(values)) {
        refuse(c.ex, *missing);
        return false;
    }
    return true;
}

void create(Ctx &c)
{
    auto body = parseBody(c.ex);
    if (!body)
        return;
    if (c.updatedAt && !c.updatedAt->hasDefault)
        stampUpdatedAt(c, *body);
    QStringList columns;
    QVariantList values;
    QHash<QString, QVariant> byName;
    if (!bindObject(c, *body, columns, values, &byName) || !parentsExist(c, byName))
        return;
    const QString table = c.store.quote(c.table.name);
    QString sql;
    if (columns.isEmpty()) {
        sql = u"INSERT INTO %1 DEFAULT VALUES RETURNING *"_s.arg(table);
    } else {
        const QStringList marks(columns.size(), u"?"_s);
        sql = u"INSERT INTO %1 (%2) VALUES (%3) RETURNING *"_s.arg(table, columns.join(u", "_s), marks.join(u", "_s));
    }
    const SqlOutcome r = run(c, sql, values);
    if (!r.ok())
        return sqlFailure(c, r);
    const QJsonObject row = r.rows.first().toObject();
    answerRow(c, 201, row);
    const QJsonValue id = row.value(c.idColumn);
    const QString idText = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
    QString base = c.ex.request.path;
    while (base.endsWith(u'/'))
        base.chop(1);
    c.ex.response.setHeader("Location", (base + u'/' + idText).toUtf8());
}

void update(Ctx &c, bool replace)
{
    const auto id = idValue(c);
    if (!id)
        return;
    auto body = parseBody(c.ex);
    if (!body)
        return;
    if (body->contains(c.idColumn)) {
        const QJsonValue given = body->value(c.idColumn);
        const QString text = given.isDouble() ? QString::number(given.toInteger()) : given.toString();
        if (text != c.ex.params.value(u"id"_s))
            return refuse(c.ex, WriteError::Kind::Malformed, u"Id mismatch"_s, c.idColumn, {},
                          u"The body says %1 %2 but the URL says %3; the id of a row cannot change."_s.arg(
                              c.idColumn, text, c.ex.params.value(u"id"_s)));
        body->remove(c.idColumn);
    }
    if (!body->isEmpty())
        stampUpdatedAt(c, *body);
    if (replace) {
        for (const ColumnInfo &col : c.table.columns) {
            if (col.name == c.idColumn || body->contains(col.name) || col.hasDefault)
                continue;
            if (col.notNull)
                return refuse(c.ex, WriteError::Kind::Rule, u"Missing field"_s, col.name, u"NOT NULL"_s,
                              u"PUT replaces the whole row, and \"%1\" is required. Use PATCH to change some fields."_s.arg(col.name));
            body->insert(col.name, QJsonValue::Null);
        }
    }
    QStringList columns;
    QVariantList values;
    QHash<QString, QVariant> byName;
    if (!bindObject(c, *body, columns, values, &byName) || !parentsExist(c, byName))
        return;
    if (columns.isEmpty())
        return getOne(c);
    WriteTransaction tx(c);
    if (!preconditionsHold(c, tx, *id))
        return;
    QStringList sets;
    for (const QString &col : std::as_const(columns))
        sets.append(col + u" = ?"_s);
    values.append(*id);
    const SqlOutcome r = run(c, u"UPDATE %1 SET %2 WHERE %3 = ? RETURNING *"_s.arg(
                                    c.store.quote(c.table.name), sets.join(u", "_s), c.store.quote(c.idColumn)),
                             values);
    if (!r.ok())
        return sqlFailure(c, r);
    if (r.rows.isEmpty())
        return fail(c.ex, 404, u"Not found"_s, u"There is no %1 with %2 %3."_s.arg(c.table.name, c.idColumn, c.ex.params.value(u"id"_s)));
    answerRow(c, 200, r.rows.first().toObject());
    tx.commit();
}

void remove(Ctx &c)
{
    const auto id = idValue(c);
    if (!id)
        return;
    WriteTransaction tx(c);
    if (!preconditionsHold(c, tx, *id))
        return;
    if (!c.store.namesFailedForeignKeys()) {
        if (const auto referenced = rules(c).referencingRows(c.idColumn, *id))
            return refuse(c.ex, *referenced);
    }
    const SqlOutcome r = run(c, u"DELETE FROM %1 WHERE %2 = ? RETURNING %2"_s.arg(c.store.quote(c.table.name), c.store.quote(c.idColumn)), {*id});
    if (!r.ok())
        return sqlFailure(c, r);
    if (r.rows.isEmpty())
        return fail(c.ex, 404, u"Not found"_s, u"There is no %1 with %2 %3."_s.arg(c.table.name, c.idColumn, c.ex.params.value(u"id"_s)));
    c.ex.response = Response{};
    c.ex.response.status = 204;
    tx.commit();
    c.store.noteRemoved(c.table.name);
}

} // namespace

void CrudHandler::handle(Exchange &ex, ResourceStore &store, const ResourceSpec &resource, const schema::Schema &design)
{
    auto table = store.table(resource.table);
    if (!table) {
        store.refreshIfStale();   // created meanwhile, by the user or a design edit
        table = store.table(resource.table);
    }
    const schema::Table *designed = design.table(resource.table);
    if (!table) {
        QString detail;
        if (!designed)
            detail = u"The resource's table \"%1\" is neither in the workspace's schema nor in %2. Add it to the "
                     u"schema."_s.arg(resource.table, store.displayName());
        else if (store.dialectId() == u"postgres"_s)
            detail = u"The design's table \"%1\" is not in %2. Quarry creates tables in a PostgreSQL database only "
                     u"when you agree: set \"createTables\": true on the database entry or run quarry serve "
                     u"--create-tables; or create it yourself (quarry sql WORKSPACE --dialect postgres)."_s.arg(
                         resource.table, store.displayName());
        else
            detail = u"The design's table \"%1\" could not be created in %2; the server's log says why."_s.arg(
                resource.table, store.displayName());
        ex.note(u"handler"_s, detail);
        ex.response = Problem{500, u"Table missing"_s, detail, {}, QJsonObject{{u"table"_s, resource.table}}}.toResponse();
        return;
    }
    Ctx c{ex, store, *table, resource.idColumn.isEmpty() ? table->primaryKey : resource.idColumn, design, designed,
          CrudValues::updatedAtColumn(*table)};
    const QByteArray &m = ex.request.method;
    ex.note(u"handler"_s, u"resource %1 (%2): %3 %4"_s.arg(table->name, store.displayName(), QString::fromLatin1(m),
                                                          ex.resourceItem ? u"item"_s : u"collection"_s));
    if (!ex.resourceItem) {
        if (m == "GET" || m == "HEAD")
            return list(c);
        if (m == "POST")
            return create(c);
        fail(ex, 405, u"Method not allowed"_s,
             u"%1 on the collection %2 is not supported; use GET or POST here, or PUT/PATCH/DELETE on %2/ID."_s.arg(
                 QString::fromLatin1(m), ex.request.path));
        ex.response.setHeader("Allow", "GET, HEAD, POST");
        return;
    }
    if (m == "GET" || m == "HEAD")
        return getOne(c);
    if (m == "PUT")
        return update(c, true);
    if (m == "PATCH")
        return update(c, false);
    if (m == "DELETE")
        return remove(c);
    fail(ex, 405, u"Method not allowed"_s,
         u"%1 on a single %2 row is not supported; use GET, PUT, PATCH or DELETE."_s.arg(QString::fromLatin1(m), table->name));
    ex.response.setHeader("Allow", "GET, HEAD, PUT, PATCH, DELETE");
}

} // namespace quarry::mock
