// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// Served tables follow the design (keys, foreign keys with their actions, checks, defaults) and
// refuse writes by one contract; a design edit reaches the running server's SQLite file.
#include "mockcall.h"
#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/requestlog.h"
#include "schema/schema.h"
#include "workspace/workspace.h"

#include "rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;
using quarry::workspace::Section;

namespace {

const char *Design = R"json({"tables": [
  {"id": "tbl-authors", "name": "authors", "columns": [
    {"id": "c-a-id", "name": "id", "type": "serial", "primaryKey": true, "nullable": false},
    {"id": "c-a-name", "name": "name", "type": "text", "nullable": false}]},
  {"id": "tbl-books", "name": "books", "columns": [
    {"id": "c-b-id", "name": "id", "type": "serial", "primaryKey": true, "nullable": false},
    {"id": "c-b-title", "name": "title", "type": "text", "nullable": false, "default": {"value": "Untitled"}},
    {"id": "c-b-isbn", "name": "isbn", "type": "varchar", "length": 20},
    {"id": "c-b-price", "name": "price", "type": "decimal", "precision": 10, "scale": 2},
    {"id": "c-b-author", "name": "author_id", "type": "integer"},
    {"id": "c-b-status", "name": "status", "type": "text", "nullable": false, "default": {"value": "draft"}}],
   "uniques": [{"id": "uq-isbn", "name": "books_isbn_key", "columns": ["isbn"]}],
   "foreignKeys": [{"id": "fk-author", "columns": ["author_id"], "references": {"table": "authors", "columns": ["id"]}}],
   "checks": [{"id": "ck-price", "name": "price_nonneg", "expression": "price >= 0"},
              {"id": "ck-status", "expression": "status IN ('draft', 'published')"}]},
  {"id": "tbl-reviews", "name": "reviews", "columns": [
    {"id": "c-r-id", "name": "id", "type": "serial", "primaryKey": true, "nullable": false},
    {"id": "c-r-book", "name": "book_id", "type": "integer", "nullable": false},
    {"id": "c-r-stars", "name": "stars", "type": "integer"}],
   "foreignKeys": [{"id": "fk-book", "columns": ["book_id"], "references": {"table": "books", "columns": ["id"]},
                    "onDelete": "cascade"}]}
]})json";

const char *Mock = R"({"routes": [
  {"id": "authors", "method": "ANY", "path": "/api/authors", "resource": {"table": "authors"}},
  {"id": "books", "method": "ANY", "path": "/api/books", "resource": {"table": "books"}},
  {"id": "reviews", "method": "ANY", "path": "/api/reviews", "resource": {"table": "reviews"}},
  {"id": "essays", "method": "ANY", "path": "/api/essays", "resource": {"table": "essays"}}
]})";

RawResponse exchange(quint16 port, const QByteArray &bytes)
{
    RawClient client;
    if (!client.connectTo(port))
        return {};
    client.send(bytes);
    return client.readResponse().value_or(RawResponse{});
}

QJsonObject obj(const char *json) { return QJsonDocument::fromJson(QByteArray(json)).object(); }

} // namespace

class TestServed : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void foreignKeyToAMissingParentIs409();
    void checkAndNotNullAre422();
    void uniqueIs409NamingTheConstraint();
    void defaultsApply();
    void deletingAReferencedParentIs409();
    void cascadeDeletesTheChildren();
    void designEditsReachTheRunningServer();
    void aTableFromAnotherDesignIsNamed();

private:
    Response call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {})
    {
        return mockCall(*m_server, method, target, body);
    }
    static QJsonObject json(const Response &r) { return QJsonDocument::fromJson(r.body).object(); }
    static QJsonObject firstError(const Response &r)
    {
        return json(r).value(u"errors"_s).toArray().at(0).toObject();
    }
    QStringList columnsOf(const QString &table) const;
    QStringList tables() const;
    QStringList notices() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<quarry::workspace::Workspace> m_ws;
    std::unique_ptr<MockServer> m_server;
    QString m_dbPath;
};

void TestServed::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_ws = quarry::workspace::Workspace::createEmpty(u"served"_s);
    m_ws->setFilePath(m_dir->filePath(u"served.quarry"_s));
    m_ws->setSection(Section::Schema, obj(Design));
    m_ws->setSection(Section::Mock, obj(Mock));
    m_server = std::make_unique<MockServer>();
    const auto applied = m_server->configureFromWorkspace(*m_ws);
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toString()));
    m_dbPath = m_dir->filePath(u"served.db"_s);
    QCOMPARE(m_server->config().defaultDatabase, u"sqlite:"_s + m_dbPath);
    QCOMPARE(call("POST", "/api/authors", R"({"name": "Ann"})").status, 201);
}

void TestServed::cleanup()
{
    m_server.reset();
    m_ws.reset();
    m_dir.reset();
}

QStringList TestServed::columnsOf(const QString &table) const
{
    QStringList names;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(m_dbPath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?)", -1, &stmt, nullptr);
    const QByteArray t = table.toUtf8();
    sqlite3_bind_text(stmt, 1, t.constData(), int(t.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        names << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return names;
}

QStringList TestServed::tables() const
{
    QStringList names;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(m_dbPath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                       -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        names << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return names;
}

QStringList TestServed::notices() const
{
    QStringList out;
    for (const LogEntry &e : m_server->requestLog()->entries()) {
        if (!e.notice.isEmpty())
            out << e.notice;
    }
    return out;
}

void TestServed::foreignKeyToAMissingParentIs409()
{
    const Response r = call("POST", "/api/books", R"({"title": "Orphan", "author_id": 777})");
    QCOMPARE(r.status, 409);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(firstError(r).value(u"pointer"_s).toString(), u"/author_id"_s);
    QCOMPARE(firstError(r).value(u"constraint"_s).toString(), u"books_author_id_fkey"_s);
    QVERIFY2(firstError(r).value(u"message"_s).toString().contains(u"No authors row has id = 777"_s), r.body.constData());
    QCOMPARE(QJsonDocument::fromJson(call("GET", "/api/books").body).array().size(), 0);

    QCOMPARE(call("POST", "/api/books", R"({"title": "Owned", "author_id": 1})").status, 201);
    QCOMPARE(call("POST", "/api/books", R"({"title": "Anonymous", "author_id": null})").status, 201);
    // PATCH is checked the same way.
    const Response patched = call("PATCH", "/api/books/1", R"({"author_id": 778})");
    QCOMPARE(patched.status, 409);
    QCOMPARE(firstError(patched).value(u"pointer"_s).toString(), u"/author_id"_s);
}

void TestServed::checkAndNotNullAre422()
{
    Response r = call("POST", "/api/books", R"({"title": "Cheap", "price": -3})");
    QCOMPARE(r.status, 422);
    QCOMPARE(firstError(r).value(u"pointer"_s).toString(), u"/price"_s);
    QCOMPARE(firstError(r).value(u"constraint"_s).toString(), u"price_nonneg"_s);
    QVERIFY(firstError(r).value(u"message"_s).toString().contains(u"price >= 0"_s));

    // An unnamed check is named by its expression.
    r = call("POST", "/api/books", R"({"title": "Odd", "status": "lost"})");
    QCOMPARE(r.status, 422);
    QCOMPARE(firstError(r).value(u"pointer"_s).toString(), u"/status"_s);
    QCOMPARE(firstError(r).value(u"constraint"_s).toString(), u"CHECK (status IN ('draft', 'published'))"_s);

    r = call("POST", "/api/authors", R"({})");
    QCOMPARE(r.status, 422);
    QCOMPARE(firstError(r).value(u"pointer"_s).toString(), u"/name"_s);
    QCOMPARE(firstError(r).value(u"constraint"_s).toString(), u"NOT NULL"_s);

    r = call("POST", "/api/books", R"({"price": "ten"})");
    QCOMPARE(r.status, 400);
    QCOMPARE(firstError(r).value(u"pointer"_s).toString(), u"/price"_s);
    QCOMPARE(call("POST", "/api/books", "not json").status, 400);
}

void TestServed::uniqueIs409NamingTheConstraint()
{
    QCOMPARE(call("POST", "/api/books", R"({"isbn": "978-3"})").status, 201);
    const Response r = call("POST", "/api/books", R"({"isbn": "978-3"})");
    QCOMPARE(r.status, 409);
    QCOMPARE(firstError(r).value(u"pointer"_s).toString(), u"/isbn"_s);
    QCOMPARE(firstError(r).value(u"constraint"_s).toString(), u"books_isbn_key"_s);
}

void TestServed::defaultsApply()
{
    const Response r = call("POST", "/api/books", R"({"price": 12.5})");
    QCOMPARE(r.status, 201);
    QCOMPARE(json(r).value(u"title"_s).toString(), u"Untitled"_s);
    QCOMPARE(json(r).value(u"status"_s).toString(), u"draft"_s);
}

void TestServed::deletingAReferencedParentIs409()
{
    QCOMPARE(call("POST", "/api/books", R"({"title": "Kept", "author_id": 1})").status, 201);
    const Response r = call("DELETE", "/api/authors/1");
    QCOMPARE(r.status, 409);
    QCOMPARE(json(r).value(u"title"_s).toString(), u"Row still referenced"_s);
    QCOMPARE(firstError(r).value(u"constraint"_s).toString(), u"books_author_id_fkey"_s);
    QVERIFY(firstError(r).value(u"message"_s).toString().startsWith(u"1 books row(s) still refer"_s));
    QCOMPARE(call("GET", "/api/authors/1").status, 200);
    QCOMPARE(call("DELETE", "/api/books/1").status, 204);
    QCOMPARE(call("DELETE", "/api/authors/1").status, 204);
}

void TestServed::cascadeDeletesTheChildren()
{
    QCOMPARE(call("POST", "/api/books", R"({"title": "Reviewed"})").status, 201);
    QCOMPARE(call("POST", "/api/reviews", R"({"book_id": 1, "stars": 5})").status, 201);
    QCOMPARE(call("POST", "/api/reviews", R"({"book_id": 1, "stars": 4})").status, 201);
    QCOMPARE(call("POST", "/api/reviews", R"({"book_id": 9, "stars": 1})").status, 409);
    QCOMPARE(call("DELETE", "/api/books/1").status, 204);
    QCOMPARE(QJsonDocument::fromJson(call("GET", "/api/reviews").body).array().size(), 0);
}

void TestServed::designEditsReachTheRunningServer()
{
    m_server->watch(m_ws.get());
    QSignalSpy failed(m_server.get(), &MockServer::configurationFailed);
    ServerOptions one;
    one.threads = 1;   // one network thread: its cached statements meet the design change
    auto started = m_server->start(one);
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    const quint16 port = started.value();
    QCOMPARE(tables(), (QStringList{u"authors"_s, u"books"_s, u"reviews"_s}));
    // The route for essays has no table yet.
    QCOMPARE(exchange(port, "GET /api/essays HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status, 500);
    // A cached SELECT * must see a column added later.
    QCOMPARE(exchange(port, "GET /api/books HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status, 200);

    // One committed edit, made through the model as the designer makes it: a new table, a new
    // column, a renamed table, a renamed column, a dropped column and a changed type.
    auto parsed = quarry::schema::Schema::fromJson(obj(Design));
    QVERIFY(parsed);
    quarry::schema::Schema edited = parsed.value();
    QVERIFY(edited.renameTable(u"tbl-authors"_s, u"writers"_s));
    QVERIFY(edited.renameColumn(u"tbl-books"_s, u"c-b-title"_s, u"headline"_s));
    quarry::schema::Table *booksTable = edited.table(u"books"_s);
    quarry::schema::Column pages;
    pages.id = u"c-b-pages"_s;
    pages.name = u"pages"_s;
    pages.type.kind = quarry::schema::TypeKind::Integer;
    pages.nullable = false;
    pages.defaultValue.kind = quarry::schema::ColumnDefault::Kind::Literal;
    pages.defaultValue.literal = 0;
    booksTable->columns.append(pages);
    booksTable->column(u"price"_s)->type = quarry::schema::ColumnType{quarry::schema::TypeKind::Integer};
    quarry::schema::Table *reviewsTable = edited.table(u"reviews"_s);
    reviewsTable->columns.removeIf([](const quarry::schema::Column &c) { return c.name == u"stars"_s; });
    quarry::schema::Table essays;
    essays.id = u"tbl-essays"_s;
    essays.name = u"essays"_s;
    quarry::schema::Column essayId;
    essayId.id = u"c-e-id"_s;
    essayId.name = u"id"_s;
    essayId.type.kind = quarry::schema::TypeKind::Serial;
    essayId.primaryKey = true;
    essayId.nullable = false;
    quarry::schema::Column essayBook;
    essayBook.id = u"c-e-book"_s;
    essayBook.name = u"book_id"_s;
    essayBook.type.kind = quarry::schema::TypeKind::Integer;
    essays.columns = {essayId, essayBook};
    quarry::schema::ForeignKey toBook;
    toBook.id = u"fk-e-book"_s;
    toBook.columns = {u"book_id"_s};
    toBook.refTable = u"books"_s;
    toBook.refColumns = {u"id"_s};
    essays.foreignKeys = {toBook};
    edited.tables.append(essays);
    const QJsonObject design = edited.toJson();
    QCOMPARE(call("POST", "/api/books", R"({"title": "Kept"})").status, 201);   // a row the edit must keep
    m_ws->setSection(Section::Schema, design);

    // Applied by the migration engine, rows kept: the new table and column, the renames and the
    // type (SQLite's table rebuild). Not applied, and said so: the drop.
    QTRY_VERIFY(!notices().isEmpty() || !failed.isEmpty());
    QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
    QTRY_COMPARE(tables(), (QStringList{u"books"_s, u"essays"_s, u"reviews"_s, u"writers"_s}));
    QVERIFY(columnsOf(u"books"_s).contains(u"pages"_s));
    QVERIFY(columnsOf(u"books"_s).contains(u"headline"_s));
    QVERIFY(!columnsOf(u"books"_s).contains(u"title"_s));
    QVERIFY(columnsOf(u"reviews"_s).contains(u"stars"_s));
    QTRY_VERIFY(notices().size() >= 4);
    const QString all = notices().join(u'\n');
    QVERIFY2(all.contains(u"Created table essays."_s), qPrintable(all));
    QVERIFY2(all.contains(u"Applied to the served database: rename table authors to writers."_s), qPrintable(all));
    QVERIFY2(all.contains(u"Applied to the served database: rename column books.title to headline."_s), qPrintable(all));
    QVERIFY2(all.contains(u"Applied to the served database: rebuild table books: "_s) && all.contains(u"add column books.pages"_s)
                 && all.contains(u"change the type of books.price"_s),
             qPrintable(all));
    QVERIFY2(all.contains(u"Column reviews.stars was removed from the design"_s), qPrintable(all));
    QVERIFY2(!all.contains(u"renamed to"_s), qPrintable(all));

    // The running server serves the new table and column at once, with the design's rules.
    auto r = exchange(port, "GET /api/books HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), 1);
    QCOMPARE(QJsonDocument::fromJson(r.body).array().at(0).toObject().value(u"headline"_s).toString(), u"Kept"_s);
    QCOMPARE(call("POST", "/api/books", R"({"pages": 12})").status, 201);
    QCOMPARE(QJsonDocument::fromJson(call("GET", "/api/books/2").body).object().value(u"pages"_s).toInt(), 12);
    r = exchange(port, "GET /api/books HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");   // prepared before the change
    QCOMPARE(QJsonDocument::fromJson(r.body).array().at(1).toObject().value(u"pages"_s).toInt(), 12);
    const QByteArray essay = R"({"book_id": 99})";
    r = exchange(port, "POST /api/essays HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                                + QByteArray::number(essay.size()) + "\r\nConnection: close\r\n\r\n" + essay);
    QCOMPARE(r.status, 409);

    // The same design again (a route edit reconfigures too) says nothing new.
    const qsizetype said = notices().size();
    m_ws->setSection(Section::Mock, obj(Mock));
    QCOMPARE(notices().size(), said);
}

void TestServed::aTableFromAnotherDesignIsNamed()
{
    // A file made before (here: authors without NOT NULL, as the old stop-gap DDL wrote it).
    QTemporaryDir dir;
    const QString path = dir.filePath(u"older.db"_s);
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS \"authors\" (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT, \"name\" TEXT)",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    sqlite3_close(db);
    auto ws = quarry::workspace::Workspace::createEmpty(u"older"_s);
    ws->setFilePath(dir.filePath(u"older.quarry"_s));
    ws->setSection(Section::Schema, obj(Design));
    ws->setSection(Section::Mock, obj(Mock));
    MockServer server;
    QVERIFY(server.configureFromWorkspace(*ws));
    QStringList said;
    for (const LogEntry &e : server.requestLog()->entries())
        said << e.notice;
    QCOMPARE(said.size(), 1);   // books and reviews were made now, from the design
    QVERIFY2(said.first().contains(u"Table authors of the served file was not made from this design"_s), qPrintable(said.first()));
    // Said once, not again at the next edit.
    ws->setSection(Section::Mock, obj(Mock));
    QCOMPARE(server.requestLog()->entries().size(), 1);
}

QTEST_GUILESS_MAIN(TestServed)
#include "tst_served.moc"
