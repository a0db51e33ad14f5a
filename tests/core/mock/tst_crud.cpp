// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mockcall.h"
#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/requestlog.h"
#include "mock/sqlitestore.h"
#include "schema/dialectregistry.h"
#include "schema/schema.h"

#include "rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <limits>
#include <thread>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;

namespace {

const char *Schema = R"({"tables": [
  {"name": "users", "columns": [
    {"name": "id", "type": "serial", "primaryKey": true, "nullable": false},
    {"name": "email", "type": "varchar", "length": 255, "nullable": false, "unique": true},
    {"name": "name", "type": "varchar", "length": 255, "nullable": true},
    {"name": "age", "type": "integer", "nullable": true},
    {"name": "score", "type": "numeric", "nullable": true},
    {"name": "created_at", "type": "timestamp", "nullable": true, "default": {"expression": "CURRENT_TIMESTAMP"}}],
   "indexes": [{"name": "idx_users_email", "columns": ["email"]}]},
  {"name": "order", "columns": [
    {"name": "code", "type": "text", "primaryKey": true},
    {"name": "note", "type": "text"}]}
]})";

const char *Mock = R"({"routes": [
  {"id": "users", "method": "ANY", "path": "/api/users", "resource": {"table": "users"}},
  {"id": "orders", "method": "ANY", "path": "/api/orders", "resource": {"table": "order"}},
  {"id": "ghost", "method": "ANY", "path": "/api/ghosts", "resource": {"table": "ghosts"}}
]})";

QJsonObject obj(const char *json) { return QJsonDocument::fromJson(QByteArray(json)).object(); }

} // namespace

class TestCrud : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void servedTablesComeFromTheSqliteDialect();
    void createAndGet();
    void createReturns409OnDuplicate();
    void badInput_data();
    void badInput();
    void listFiltersSortPaginate();
    void filterErrors();
    void pageBeyondTheEndIsEmpty();
    void largestIntegerIdRoundTrips();
    void putPatchDelete();
    void textPrimaryKeyAndQuotedTableName();
    void missingTable();
    void notFoundListsItemRoutes();
    void sqlStepsInLifecycle();
    void walMode();
    void concurrentPostsOverSockets();
    void fixturesFillEmptyTablesOnce();
    void durableWritesSyncEveryCommit();

private:
    Response call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {})
    {
        return mockCall(*m_server, method, target, body);
    }
    QJsonObject json(const Response &r) { return QJsonDocument::fromJson(r.body).object(); }
    QJsonArray jsonArray(const Response &r) { return QJsonDocument::fromJson(r.body).array(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockServer> m_server;
    QString m_dbPath;
};

void TestCrud::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<MockServer>();
    QJsonArray dbs{QJsonObject{{u"id"_s, u"db"_s}, {u"url"_s, u"sqlite:data/test.db"_s}}};
    QDir(m_dir->path()).mkpath(u"data"_s);
    auto config = MockConfig::fromJson(obj(Mock), obj(Schema), dbs, m_dir->path());
    QVERIFY(config);
    m_dbPath = m_dir->filePath(u"data/test.db"_s);
    QCOMPARE(config.value().defaultDatabase, u"sqlite:"_s + m_dbPath);
    const auto applied = m_server->configure(config.value());
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toString()));
}

void TestCrud::cleanup()
{
    m_server.reset();
    m_dir.reset();
}

void TestCrud::servedTablesComeFromTheSqliteDialect()
{
    // SQLite keeps each CREATE statement as it was run: the served file holds the dialect's DDL.
    const quarry::schema::Dialect *sqlite = quarry::schema::DialectRegistry::instance().dialect(u"sqlite"_s);
    QVERIFY(sqlite);
    const auto design = quarry::schema::Schema::fromJson(obj(Schema));
    QVERIFY(design);
    const auto ddl = sqlite->createStatements(design.value());
    QVERIFY(ddl);
    QStringList stored;
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(m_dbPath.toUtf8().constData(), &db), SQLITE_OK);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
                       -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        stored << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    QCOMPARE(stored, ddl.value());
    QVERIFY2(stored.at(0).contains(u"id INTEGER PRIMARY KEY AUTOINCREMENT"_s), qPrintable(stored.at(0)));
    QVERIFY(stored.at(0).contains(u"email VARCHAR(255) UNIQUE NOT NULL"_s));
    QVERIFY(stored.at(0).contains(u"created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP"_s));
}

void TestCrud::createAndGet()
{
    const Response created = call("POST", "/api/users", R"({"email": "ada@example.com", "name": "Ada", "age": 36})");
    QCOMPARE(created.status, 201);
    const QJsonObject row = json(created);
    QCOMPARE(row.value(u"email"_s).toString(), u"ada@example.com"_s);
    QVERIFY(row.value(u"id"_s).toInteger() > 0);
    QVERIFY(!row.value(u"created_at"_s).toString().isEmpty());   // the default ran and came back
    const QByteArray location = created.header("Location");
    QCOMPARE(location, "/api/users/" + QByteArray::number(row.value(u"id"_s).toInteger()));
    const Response got = call("GET", location);
    QCOMPARE(got.status, 200);
    QCOMPARE(json(got), row);
    const Response missing = call("GET", "/api/users/9999");
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(call("GET", "/api/users/not-a-number").status, 404);
}

void TestCrud::createReturns409OnDuplicate()
{
    QCOMPARE(call("POST", "/api/users", R"({"email": "a@x.org"})").status, 201);
    const Response dup = call("POST", "/api/users", R"({"email": "a@x.org"})");
    QCOMPARE(dup.status, 409);
    QVERIFY(json(dup).value(u"detail"_s).toString().contains(u"users.email"_s));
    const QJsonObject error = json(dup).value(u"errors"_s).toArray().at(0).toObject();
    QCOMPARE(error.value(u"pointer"_s).toString(), u"/email"_s);
    QCOMPARE(error.value(u"constraint"_s).toString(), u"UNIQUE (email)"_s);
    QCOMPARE(jsonArray(call("GET", "/api/users")).size(), 1);
}

void TestCrud::badInput_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("constraint");
    QTest::newRow("invalid JSON") << QByteArray(R"({"email": )") << 400 << u"Invalid JSON"_s << QString() << QString();
    QTest::newRow("empty body") << QByteArray() << 400 << u"Invalid JSON"_s << QString() << QString();
    QTest::newRow("array instead of object") << QByteArray(R"([{"email": "x"}])") << 400 << u"JSON object expected"_s
                                             << QString() << u"type"_s;
    QTest::newRow("unknown field") << QByteArray(R"({"email": "x@y", "nickname": "z"})") << 400 << u"Unknown field"_s
                                   << u"/nickname"_s << QString();
    QTest::newRow("string for integer") << QByteArray(R"({"email": "x@y", "age": "old"})") << 400 << u"Wrong type"_s
                                        << u"/age"_s << u"type"_s;
    QTest::newRow("fraction for integer") << QByteArray(R"({"email": "x@y", "age": 3.5})") << 400 << u"Wrong type"_s
                                          << u"/age"_s << u"type"_s;
    QTest::newRow("number for text") << QByteArray(R"({"email": 12})") << 400 << u"Wrong type"_s << u"/email"_s
                                     << u"type"_s;
    QTest::newRow("null for NOT NULL") << QByteArray(R"({"email": null})") << 422 << u"Constraint violated"_s
                                       << u"/email"_s << u"NOT NULL"_s;
    QTest::newRow("missing NOT NULL") << QByteArray(R"({"name": "x"})") << 422 << u"Constraint violated"_s
                                      << u"/email"_s << u"NOT NULL"_s;
}

void TestCrud::badInput()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, title);
    QFETCH(QString, pointer);
    QFETCH(QString, constraint);
    const Response r = call("POST", "/api/users", body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/problem+json"));
    QCOMPARE(json(r).value(u"title"_s).toString(), title);
    QVERIFY(!json(r).value(u"detail"_s).toString().isEmpty());
    const QJsonArray errors = json(r).value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(u"pointer"_s).toString(), pointer);
    QCOMPARE(errors.at(0).toObject().value(u"constraint"_s).toString(), constraint);
    QVERIFY(!errors.at(0).toObject().value(u"message"_s).toString().isEmpty());
}

void TestCrud::listFiltersSortPaginate()
{
    for (int i = 1; i <= 25; ++i) {
        const QByteArray body = QJsonDocument(QJsonObject{{u"email"_s, u"u%1@x.org"_s.arg(i)},
                                                          {u"name"_s, i % 2 ? u"Odd %1"_s.arg(i) : u"Even %1"_s.arg(i)},
                                                          {u"age"_s, 20 + i}})
                                    .toJson();
        QCOMPARE(call("POST", "/api/users", body).status, 201);
    }
    Response r = call("GET", "/api/users");
    QCOMPARE(jsonArray(r).size(), 25);
    QCOMPARE(r.header("X-Total-Count"), QByteArray("25"));

    r = call("GET", "/api/users?age_gt=40");
    QCOMPARE(jsonArray(r).size(), 5);
    r = call("GET", "/api/users?age_gte=40&age_lt=43");
    QCOMPARE(jsonArray(r).size(), 3);
    r = call("GET", "/api/users?name_like=Even");
    QCOMPARE(jsonArray(r).size(), 12);
    r = call("GET", "/api/users?age=21&age=22&age=99");
    QCOMPARE(jsonArray(r).size(), 2);
    r = call("GET", "/api/users?age_ne=21");
    QCOMPARE(jsonArray(r).size(), 24);
    r = call("GET", "/api/users?email=u7%40x.org");
    QCOMPARE(jsonArray(r).size(), 1);
    QCOMPARE(jsonArray(r).at(0).toObject().value(u"age"_s).toInt(), 27);

    r = call("GET", "/api/users?_sort=age&_order=desc&_limit=3");
    QJsonArray a = jsonArray(r);
    QCOMPARE(a.size(), 3);
    QCOMPARE(a.at(0).toObject().value(u"age"_s).toInt(), 45);
    QCOMPARE(a.at(2).toObject().value(u"age"_s).toInt(), 43);
    QCOMPARE(r.header("X-Total-Count"), QByteArray("25"));

    r = call("GET", "/api/users?_page=2&_limit=10&_sort=id");
    a = jsonArray(r);
    QCOMPARE(a.size(), 10);
    QCOMPARE(a.at(0).toObject().value(u"age"_s).toInt(), 31);
    QCOMPARE(r.header("X-Total-Count"), QByteArray("25"));
    const QByteArray link = r.header("Link");
    QVERIFY2(link.contains("_page=1>; rel=\"first\""), link.constData());
    QVERIFY(link.contains("_page=1>; rel=\"prev\""));
    QVERIFY(link.contains("_page=3>; rel=\"next\""));
    QVERIFY(link.contains("_page=3>; rel=\"last\""));
    QVERIFY(link.contains("http://127.0.0.1:3000/api/users?_limit=10&_sort=id&_page=3"));

    r = call("GET", "/api/users?_page=3");   // default page size 10
    QCOMPARE(jsonArray(r).size(), 5);
    r = call("GET", "/api/users?name_like=Odd&_page=1&_limit=5");
    QCOMPARE(jsonArray(r).size(), 5);
    QCOMPARE(r.header("X-Total-Count"), QByteArray("13"));
}

void TestCrud::filterErrors()
{
    QCOMPARE(call("GET", "/api/users?nickname=x").status, 400);
    QCOMPARE(call("GET", "/api/users?age=old").status, 400);
    QCOMPARE(call("GET", "/api/users?_sort=nope").status, 400);
    QCOMPARE(call("GET", "/api/users?_page=0").status, 400);
    QCOMPARE(call("GET", "/api/users?_limit=-2").status, 400);
    // an injection attempt is only ever a value
    const Response r = call("GET", "/api/users?name=x%27%3B%20DROP%20TABLE%20users%3B--");
    QCOMPARE(r.status, 200);
    QCOMPARE(call("GET", "/api/users").status, 200);
}

void TestCrud::pageBeyondTheEndIsEmpty()
{
    for (int i = 0; i < 3; ++i)
        QCOMPARE(call("POST", "/api/users", "{\"email\": \"p" + QByteArray::number(i) + "@x.org\"}").status, 201);
    for (const QByteArray &query : {QByteArray("_page=9223372036854775807"), QByteArray("_page=9223372036854775807&_limit=2"),
                                    QByteArray("_page=4611686018427387905&_limit=2"), QByteArray("_page=2&_limit=9223372036854775807")}) {
        const Response r = call("GET", "/api/users?" + query);
        QCOMPARE(r.status, 200);
        QVERIFY2(jsonArray(r).isEmpty(), query.constData());
        QCOMPARE(r.header("X-Total-Count"), QByteArray("3"));
    }
    QCOMPARE(jsonArray(call("GET", "/api/users?_page=2&_limit=2")).size(), 1);
}

void TestCrud::largestIntegerIdRoundTrips()
{
    const Response created = call("POST", "/api/users", R"({"id": 9223372036854775807, "email": "max@x.org", "age": -9223372036854775808})");
    QCOMPARE(created.status, 201);
    QCOMPARE(created.header("Location"), QByteArray("/api/users/9223372036854775807"));
    const Response got = call("GET", "/api/users/9223372036854775807");
    QCOMPARE(got.status, 200);
    QCOMPARE(json(got).value(u"id"_s).toInteger(), std::numeric_limits<qint64>::max());
    QCOMPARE(json(got).value(u"age"_s).toInteger(), std::numeric_limits<qint64>::min());
    QVERIFY(got.body.contains("9223372036854775807"));
    // Beyond 64 bits, or a fraction, is not an integer.
    QCOMPARE(call("POST", "/api/users", R"({"email": "big@x.org", "age": 9223372036854775808})").status, 400);
    QCOMPARE(call("POST", "/api/users", R"({"email": "half@x.org", "age": 1.5})").status, 400);
    QCOMPARE(call("POST", "/api/users", R"({"id": 5, "email": "float@x.org", "age": 3e2})").status, 201);
}

void TestCrud::putPatchDelete()
{
    const QJsonObject row = json(call("POST", "/api/users", R"({"email": "p@x.org", "name": "Pat", "age": 30})"));
    const QByteArray item = "/api/users/" + QByteArray::number(row.value(u"id"_s).toInteger());

    Response r = call("PATCH", item, R"({"age": 31})");
    QCOMPARE(r.status, 200);
    QCOMPARE(json(r).value(u"age"_s).toInt(), 31);
    QCOMPARE(json(r).value(u"name"_s).toString(), u"Pat"_s);

    r = call("PUT", item, R"({"email": "p2@x.org"})");
    QCOMPARE(r.status, 200);
    QCOMPARE(json(r).value(u"email"_s).toString(), u"p2@x.org"_s);
    QVERIFY(json(r).value(u"name"_s).isNull());   // PUT replaced the row
    QVERIFY(json(r).value(u"age"_s).isNull());
    QCOMPARE(json(r).value(u"created_at"_s), row.value(u"created_at"_s));

    QCOMPARE(call("PUT", item, R"({"name": "no email"})").status, 422);
    QCOMPARE(call("PATCH", item, R"({"id": 12345})").status, 400);
    QCOMPARE(call("PATCH", "/api/users/777", R"({"age": 1})").status, 404);
    QCOMPARE(call("PUT", "/api/users/777", R"({"email": "q@x.org"})").status, 404);

    call("POST", "/api/users", R"({"email": "taken@x.org"})");
    QCOMPARE(call("PATCH", item, R"({"email": "taken@x.org"})").status, 409);

    r = call("DELETE", item);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(call("GET", item).status, 404);
    QCOMPARE(call("DELETE", item).status, 404);
    QCOMPARE(call("DELETE", "/api/users").status, 405);
}

void TestCrud::textPrimaryKeyAndQuotedTableName()
{
    Response r = call("POST", "/api/orders", R"({"code": "A-1", "note": "first"})");
    QCOMPARE(r.status, 201);
    QCOMPARE(r.header("Location"), QByteArray("/api/orders/A-1"));
    QCOMPARE(json(call("GET", "/api/orders/A-1")).value(u"note"_s).toString(), u"first"_s);
    QCOMPARE(call("POST", "/api/orders", R"({"code": "A-1"})").status, 409);
}

void TestCrud::missingTable()
{
    const Response r = call("GET", "/api/ghosts");
    QCOMPARE(r.status, 500);
    QVERIFY(json(r).value(u"detail"_s).toString().contains(u"ghosts"_s));
}

void TestCrud::notFoundListsItemRoutes()
{
    const Response r = call("GET", "/api/nothing");
    QCOMPARE(r.status, 404);
    const QString detail = json(r).value(u"detail"_s).toString();
    QVERIFY2(detail.contains(u"GET, POST /api/users, GET, PUT, PATCH, DELETE /api/users/:id"_s), qPrintable(detail));
    const QJsonArray routes = json(r).value(u"routes"_s).toArray();
    QCOMPARE(routes.size(), 6);   // three resources, each a collection and its items
    QCOMPARE(routes.at(3).toString(), u"GET, PUT, PATCH, DELETE /api/orders/:id"_s);
    // What the list names is what the server answers.
    QCOMPARE(call("POST", "/api/users", R"({"email": "listed@example.com"})").status, 201);
    QCOMPARE(call("GET", "/api/users/1").status, 200);
    QCOMPARE(call("PATCH", "/api/users/1", R"({"age": 2})").status, 200);
}

void TestCrud::sqlStepsInLifecycle()
{
    // handle() posts to the log; the ring buffer has it at once
    call("POST", "/api/users", R"({"email": "log@x.org"})");
    const auto entries = m_server->requestLog()->entries();
    QVERIFY(!entries.isEmpty());
    const LogEntry &e = entries.last();
    QCOMPARE(e.status, 201);
    QCOMPARE(e.routeId, u"users"_s);
    bool sawSql = false;
    for (const LifecycleStep &s : e.steps) {
        if (s.step == u"sql"_s) {
            sawSql = true;
            QVERIFY(s.message.startsWith(u"INSERT INTO \"users\""_s));
            QVERIFY(s.message.contains(u"[log@x.org]"_s));   // bound, shown separately
            QVERIFY(s.micros >= 0);
        }
    }
    QVERIFY(sawSql);
}

void TestCrud::walMode()
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(m_dbPath.toUtf8().constData(), &db), SQLITE_OK);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
    QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))), QByteArray("wal"));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

void TestCrud::concurrentPostsOverSockets()
{
    ServerOptions o;
    o.threads = 4;
    auto port = m_server->start(o);
    QVERIFY(port);
    std::atomic<int> created{0}, other{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            RawClient c;
            if (!c.connectTo(port.value()))
                return;
            for (int i = 0; i < 50; ++i) {
                const QByteArray body = "{\"email\": \"t" + QByteArray::number(t) + "-" + QByteArray::number(i) + "@x.org\"}";
                c.send("POST /api/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                       + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                const auto r = c.readResponse();
                (r && r->status == 201 ? created : other)++;
            }
        });
    }
    for (auto &t : threads)
        t.join();
    QCOMPARE(other.load(), 0);
    QCOMPARE(created.load(), 200);
    m_server->stop();
    QCOMPARE(call("GET", "/api/users").header("X-Total-Count"), QByteArray("200"));
}

void TestCrud::fixturesFillEmptyTablesOnce()
{
    QJsonObject mock = obj(Mock);
    mock.insert(u"fixtures"_s, QJsonObject{{u"users"_s, QJsonArray{
        QJsonObject{{u"email"_s, u"ada@example.com"_s}, {u"name"_s, u"Ada"_s}, {u"age"_s, 36}},
        QJsonObject{{u"email"_s, u"linus@example.com"_s}, {u"name"_s, u"Linus"_s}}}}});
    const QJsonArray dbs{QJsonObject{{u"id"_s, u"db"_s}, {u"url"_s, u"sqlite:data/test.db"_s}}};
    auto config = MockConfig::fromJson(mock, obj(Schema), dbs, m_dir->path());
    QVERIFY(config);
    QVERIFY(m_server->configure(config.value()));
    QJsonArray rows = jsonArray(call("GET", "/api/users"));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).toObject().value(u"age"_s).toInt(), 36);
    // configured again (an edit, a restart): the table is not empty, nothing is added
    QVERIFY(m_server->configure(config.value()));
    QCOMPARE(jsonArray(call("GET", "/api/users")).size(), 2);
    // a table nobody has is reported
    mock.insert(u"fixtures"_s, QJsonObject{{u"nobody"_s, QJsonArray{QJsonObject{{u"x"_s, 1}}}}});
    auto bad = MockConfig::fromJson(mock, obj(Schema), dbs, m_dir->path());
    QVERIFY(bad);
    const auto applied = m_server->configure(bad.value());
    QVERIFY(!applied);
    QVERIFY(applied.error().message.contains(u"nobody"_s));
}

void TestCrud::durableWritesSyncEveryCommit()
{
    auto normal = SqliteStore::open(m_dir->filePath(u"normal.db"_s));
    QVERIFY(normal);
    QCOMPARE(normal.value()->run(u"PRAGMA synchronous"_s).rows.first().toObject().value(u"synchronous"_s).toInt(), 1);
    auto durable = SqliteStore::open(m_dir->filePath(u"durable.db"_s), true);
    QVERIFY(durable);
    QCOMPARE(durable.value()->run(u"PRAGMA synchronous"_s).rows.first().toObject().value(u"synchronous"_s).toInt(), 2);
    QCOMPARE(durable.value()->run(u"PRAGMA journal_mode"_s).rows.first().toObject().value(u"journal_mode"_s).toString(), u"wal"_s);
    auto config = MockConfig::fromJson(obj(R"({"server": {"durableWrites": true}})"), {}, {}, m_dir->path());
    QVERIFY(config);
    QVERIFY(config.value().durableWrites);
}

QTEST_GUILESS_MAIN(TestCrud)
#include "tst_crud.moc"
