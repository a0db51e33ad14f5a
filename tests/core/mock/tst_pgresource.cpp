// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// CRUD resources on a real PostgreSQL server (QUARRY_TEST_PG_URL), in a schema of their own.
#include "db/pgconnection.h"
#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/pgstore.h"
#include "mock/requestlog.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::mock;

class TestPgResource : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void placeholders();
    void createTypedRows();
    void conflictsAndBadInput();
    void listFilters();
    void updateAndDelete();
    void ifMatchLocksTheRow();
    void missingTableAndDeadServer();
    void reconnectsAfterServerKilledConnection();
    void designedTablesOnlyWithConsent();

private:
    Response call(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                  const QList<HeaderField> &headers = {})
    {
        Request r;
        r.method = method;
        r.setTarget(target);
        r.body = body;
        r.headers = headers;
        r.clientAddress = u"127.0.0.1"_s;
        return m_server->handle(r);
    }
    static QJsonObject json(const Response &r) { return QJsonDocument::fromJson(r.body).object(); }

    QString m_url;
    QString m_schemaUrl;
    QString m_schema;
    std::unique_ptr<quarry::db::PgConnection> m_admin;
    std::unique_ptr<MockServer> m_server;
    QTemporaryDir m_dir;
};

void TestPgResource::initTestCase()
{
    m_url = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (m_url.isEmpty())
        QFAIL("QUARRY_TEST_PG_URL is not set. Run the suite with scripts/test.sh, or export "
              "QUARRY_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres.");
    auto admin = quarry::db::PgConnection::open(m_url);
    QVERIFY2(admin, qPrintable(admin ? QString() : admin.error().toString()));
    m_admin = std::move(admin).value();
    m_schema = u"quarry_mock_%1"_s.arg(QCoreApplication::applicationPid());
    QVERIFY(m_admin->query(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(m_schema)));
    QVERIFY(m_admin->query(u"CREATE SCHEMA %1"_s.arg(m_schema)));
    const auto created = m_admin->query(
        u"CREATE TABLE %1.users (id serial PRIMARY KEY, email varchar(255) NOT NULL UNIQUE, name text,"
        u" age integer, active boolean NOT NULL DEFAULT true, meta jsonb, created_at timestamp DEFAULT now())"_s.arg(m_schema));
    QVERIFY2(created, qPrintable(created ? QString() : created.error().toString()));
    m_schemaUrl = m_url + (m_url.contains(u'?') ? u"&"_s : u"?"_s) + u"options=-csearch_path%3D"_s + m_schema
                  + u"&application_name="_s + m_schema;

    m_server = std::make_unique<MockServer>();
    const QJsonObject mock{{u"routes"_s, QJsonArray{
        QJsonObject{{u"id"_s, u"users"_s}, {u"method"_s, u"ANY"_s}, {u"path"_s, u"/api/users"_s},
                    {u"resource"_s, QJsonObject{{u"table"_s, u"users"_s}, {u"database"_s, u"pg"_s}}}},
        QJsonObject{{u"id"_s, u"ghosts"_s}, {u"method"_s, u"ANY"_s}, {u"path"_s, u"/api/ghosts"_s},
                    {u"resource"_s, QJsonObject{{u"table"_s, u"ghosts"_s}, {u"database"_s, u"pg"_s}}}}}}};
    const QJsonArray dbs{QJsonObject{{u"id"_s, u"pg"_s}, {u"url"_s, m_schemaUrl}}};
    auto config = MockConfig::fromJson(mock, {}, dbs, m_dir.path());
    QVERIFY(config);
    const auto applied = m_server->configure(config.value());
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toString()));
}

void TestPgResource::cleanupTestCase()
{
    m_server.reset();
    if (m_admin)
        (void)m_admin->query(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(m_schema));
}

void TestPgResource::placeholders()
{
    QCOMPARE(PgStore::numberPlaceholders(u"SELECT * FROM \"a?\" WHERE x = ? AND y LIKE '?%' AND z = ?"_s),
             u"SELECT * FROM \"a?\" WHERE x = $1 AND y LIKE '?%' AND z = $2"_s);
}

void TestPgResource::createTypedRows()
{
    const Response r = call("POST", "/api/users", R"({"email": "ada@example.com", "name": "Ada", "age": 36, "meta": {"langs": ["en"]}})");
    QCOMPARE(r.status, 201);
    const QJsonObject row = json(r);
    QVERIFY(row.value(u"id"_s).isDouble());          // integer column comes back as a number
    QCOMPARE(row.value(u"active"_s), QJsonValue(true));  // boolean default, as a boolean
    QCOMPARE(row.value(u"meta"_s).toObject().value(u"langs"_s).toArray().at(0).toString(), u"en"_s);
    QVERIFY(!row.value(u"created_at"_s).toString().isEmpty());
    QCOMPARE(r.header("Location"), "/api/users/" + QByteArray::number(row.value(u"id"_s).toInteger()));
    const Response got = call("GET", r.header("Location"));
    QCOMPARE(got.status, 200);
    QCOMPARE(json(got), row);
    // really in the database
    const auto rows = m_admin->query(u"SELECT email FROM %1.users WHERE id = $1"_s.arg(m_schema), {row.value(u"id"_s).toInteger()});
    QVERIFY(rows);
    QCOMPARE(rows.value().rows.size(), 1);
}

void TestPgResource::conflictsAndBadInput()
{
    QCOMPARE(call("POST", "/api/users", R"({"email": "dup@example.com"})").status, 201);
    const Response dup = call("POST", "/api/users", R"({"email": "dup@example.com"})");
    QCOMPARE(dup.status, 409);
    QVERIFY(json(dup).value(u"detail"_s).toString().contains(u"users_email_key"_s));
    QCOMPARE(call("POST", "/api/users", R"({"email": "x@example.com", "age": "old"})").status, 400);
    QCOMPARE(call("POST", "/api/users", R"({"email": "x@example.com", "active": "yes"})").status, 400);
    const Response missing = call("POST", "/api/users", R"({"name": "no email"})");   // NOT NULL: SQLSTATE 23502
    QCOMPARE(missing.status, 422);
    QCOMPARE(json(missing).value(u"errors"_s).toArray().at(0).toObject().value(u"pointer"_s).toString(), u"/email"_s);
    const QJsonObject unique = json(dup).value(u"errors"_s).toArray().at(0).toObject();
    QCOMPARE(unique.value(u"pointer"_s).toString(), u"/email"_s);
    QCOMPARE(unique.value(u"constraint"_s).toString(), u"users_email_key"_s);
    QCOMPARE(call("POST", "/api/users", R"({"email": )").status, 400);
    QCOMPARE(call("GET", "/api/users/abc").status, 404);
}

void TestPgResource::listFilters()
{
    for (int i = 0; i < 12; ++i) {
        const QByteArray body = "{\"email\": \"f" + QByteArray::number(i) + "@example.com\", \"age\": "
                                + QByteArray::number(20 + i) + ", \"active\": " + (i % 3 ? "true" : "false") + "}";
        QCOMPARE(call("POST", "/api/users", body).status, 201);
    }
    Response r = call("GET", "/api/users?active=false&email_like=f");
    QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), 4);
    r = call("GET", "/api/users?age_gte=25&age_lt=30&_sort=age&_order=desc");
    const QJsonArray a = QJsonDocument::fromJson(r.body).array();
    QCOMPARE(a.size(), 5);
    QCOMPARE(a.at(0).toObject().value(u"age"_s).toInt(), 29);
    r = call("GET", "/api/users?age_like=2&_page=1&_limit=3&email_like=f");   // LIKE on an integer column
    QCOMPARE(r.status, 200);
    QCOMPARE(QJsonDocument::fromJson(r.body).array().size(), 3);
    QCOMPARE(r.header("X-Total-Count"), QByteArray("10"));
    QVERIFY(r.header("Link").contains("rel=\"next\""));
}

void TestPgResource::updateAndDelete()
{
    const QJsonObject row = json(call("POST", "/api/users", R"({"email": "u@example.com", "name": "U", "age": 5})"));
    const QByteArray item = "/api/users/" + QByteArray::number(row.value(u"id"_s).toInteger());
    Response r = call("PATCH", item, R"({"age": 6, "active": false})");
    QCOMPARE(r.status, 200);
    QCOMPARE(json(r).value(u"age"_s).toInt(), 6);
    QCOMPARE(json(r).value(u"active"_s), QJsonValue(false));
    r = call("PUT", item, R"({"email": "u2@example.com"})");
    QCOMPARE(r.status, 200);
    QVERIFY(json(r).value(u"name"_s).isNull());
    QCOMPARE(call("DELETE", item).status, 204);
    QCOMPARE(call("GET", item).status, 404);
    QCOMPARE(call("DELETE", item).status, 404);
}

void TestPgResource::ifMatchLocksTheRow()
{
    const Response created = call("POST", "/api/users", R"({"email": "lock@example.com", "age": 1})");
    QCOMPARE(created.status, 201);
    const QByteArray item = "/api/users/" + QByteArray::number(json(created).value(u"id"_s).toInteger());
    const QByteArray v1 = created.header("ETag");
    QVERIFY(!v1.isEmpty());
    QCOMPARE(call("GET", item).header("ETag"), v1);
    const Response v2 = call("PATCH", item, R"({"age": 2})", {{"If-Match", v1}});
    QCOMPARE(v2.status, 200);
    QCOMPARE(call("PATCH", item, R"({"age": 3})", {{"If-Match", v1}}).status, 412);
    QCOMPARE(call("DELETE", item, {}, {{"If-Match", v1}}).status, 412);
    // The read took the row's lock inside the write's transaction, and the refusals rolled back:
    // what another connection sees is the committed age 2.
    bool locked = false;
    for (const LogEntry &e : m_server->requestLog()->entries()) {
        for (const LifecycleStep &step : e.steps)
            locked = locked || step.message.contains(u"FOR UPDATE"_s);
    }
    QVERIFY(locked);
    const auto age = m_admin->query(u"SELECT age FROM %1.users WHERE email = 'lock@example.com'"_s.arg(m_schema));
    QVERIFY(age);
    QCOMPARE(age.value().rows.first().first().toInt(), 2);
    QCOMPARE(call("DELETE", item, {}, {{"If-Match", v2.header("ETag")}}).status, 204);
    const auto gone = m_admin->query(u"SELECT count(*) FROM %1.users WHERE email = 'lock@example.com'"_s.arg(m_schema));
    QVERIFY(gone);
    QCOMPARE(gone.value().rows.first().first().toInt(), 0);
}

void TestPgResource::missingTableAndDeadServer()
{
    const Response ghost = call("GET", "/api/ghosts");
    QCOMPARE(ghost.status, 500);
    QVERIFY(json(ghost).value(u"detail"_s).toString().contains(u"ghosts"_s));

    MockServer dead;
    const QJsonObject mock{{u"routes"_s, QJsonArray{QJsonObject{{u"id"_s, u"u"_s}, {u"path"_s, u"/u"_s},
        {u"resource"_s, QJsonObject{{u"table"_s, u"users"_s}, {u"database"_s, u"postgresql://postgres@127.0.0.1:1/none?connect_timeout=2"_s}}}}}}};
    auto config = MockConfig::fromJson(mock, {}, {}, m_dir.path());
    QVERIFY(config);
    const auto applied = dead.configure(config.value());
    QVERIFY(!applied);   // said at once, not at the first request
    Request r;
    r.method = "GET";
    r.setTarget("/u");
    const Response res = dead.handle(r);
    QCOMPARE(res.status, 503);
    QCOMPARE(res.header("Content-Type"), QByteArray("application/problem+json"));
}

void TestPgResource::reconnectsAfterServerKilledConnection()
{
    QCOMPARE(call("GET", "/api/users?_limit=1").status, 200);
    const auto killed = m_admin->query(
        u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1"_s, {m_schema});
    QVERIFY2(killed, qPrintable(killed ? QString() : killed.error().toString()));
    QVERIFY(!killed.value().rows.isEmpty());
    const Response lost = call("GET", "/api/users?_limit=1");
    QCOMPARE(lost.status, 500);   // the request that met the dead connection says so
    QCOMPARE(call("GET", "/api/users?_limit=1").status, 200);   // the next one reconnects
}

void TestPgResource::designedTablesOnlyWithConsent()
{
    const QString schemaName = m_schema + u"_design"_s;
    QVERIFY(m_admin->query(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(schemaName)));
    QVERIFY(m_admin->query(u"CREATE SCHEMA %1"_s.arg(schemaName)));
    const QString url = m_url + (m_url.contains(u'?') ? u"&"_s : u"?"_s) + u"options=-csearch_path%3D"_s + schemaName;
    const QJsonObject design = QJsonDocument::fromJson(R"json({"tables": [
      {"id": "t-a", "name": "authors", "columns": [
        {"id": "a1", "name": "id", "type": "serial", "primaryKey": true, "nullable": false},
        {"id": "a2", "name": "name", "type": "text", "nullable": false}]},
      {"id": "t-b", "name": "books", "columns": [
        {"id": "b1", "name": "id", "type": "serial", "primaryKey": true, "nullable": false},
        {"id": "b2", "name": "price", "type": "decimal", "precision": 10, "scale": 2},
        {"id": "b3", "name": "author_id", "type": "integer"},
        {"id": "b4", "name": "status", "type": "text", "nullable": false, "default": {"value": "draft"}}],
       "foreignKeys": [{"id": "f1", "columns": ["author_id"], "references": {"table": "authors", "columns": ["id"]}}],
       "checks": [{"id": "k1", "name": "price_nonneg", "expression": "price >= 0"},
                  {"id": "k2", "expression": "status IN ('draft', 'published')"}]}]})json").object();
    const QJsonObject mock{{u"routes"_s, QJsonArray{
        QJsonObject{{u"id"_s, u"a"_s}, {u"method"_s, u"ANY"_s}, {u"path"_s, u"/api/authors"_s},
                    {u"resource"_s, QJsonObject{{u"table"_s, u"authors"_s}, {u"database"_s, u"pg"_s}}}},
        QJsonObject{{u"id"_s, u"b"_s}, {u"method"_s, u"ANY"_s}, {u"path"_s, u"/api/books"_s},
                    {u"resource"_s, QJsonObject{{u"table"_s, u"books"_s}, {u"database"_s, u"pg"_s}}}}}}};
    QJsonObject entry{{u"id"_s, u"pg"_s}, {u"url"_s, url}};
    MockServer server;
    auto send = [&server](const QByteArray &method, const QByteArray &target, const QByteArray &body = {}) {
        Request r;
        r.method = method;
        r.setTarget(target);
        r.body = body;
        r.clientAddress = u"127.0.0.1"_s;
        return server.handle(r);
    };

    // Without consent nothing is created; the log and the 500 name what is missing and how to agree.
    auto config = MockConfig::fromJson(mock, design, QJsonArray{entry}, m_dir.path());
    QVERIFY(config);
    QVERIFY(server.configure(config.value()));
    Response r = send("GET", "/api/books");
    QCOMPARE(r.status, 500);
    const QString detail = json(r).value(u"detail"_s).toString();
    QVERIFY2(detail.contains(u"design's table \"books\""_s) && detail.contains(u"\"createTables\": true"_s)
                 && detail.contains(u"--create-tables"_s), qPrintable(detail));
    QVERIFY(!detail.contains(u"Add it to the"_s));
    bool noticed = false;
    for (const LogEntry &e : server.requestLog()->entries())
        noticed = noticed || (e.notice.contains(u"authors, books"_s) && e.notice.contains(u"createTables"_s));
    QVERIFY(noticed);
    const auto none = m_admin->query(u"SELECT count(*) FROM information_schema.tables WHERE table_schema = $1"_s, {schemaName});
    QVERIFY(none);
    QCOMPARE(none.value().rows.at(0).at(0).toString(), u"0"_s);

    // A table the user creates meanwhile is found without a restart.
    QVERIFY(m_admin->query(u"CREATE TABLE %1.authors (id serial PRIMARY KEY, name text NOT NULL)"_s.arg(schemaName)));
    QTRY_COMPARE(send("GET", "/api/authors").status, 200);

    // With "createTables": true on the entry the rest of the design is created, with its rules.
    entry.insert(u"createTables"_s, true);
    config = MockConfig::fromJson(mock, design, QJsonArray{entry}, m_dir.path());
    QVERIFY(config);
    const auto applied = server.configure(config.value());
    QVERIFY2(applied, qPrintable(applied ? QString() : applied.error().toString()));
    QCOMPARE(send("POST", "/api/authors", R"({"name": "Ann"})").status, 201);
    r = send("POST", "/api/books", R"({"author_id": 777})");
    QCOMPARE(r.status, 409);
    QJsonObject error = json(r).value(u"errors"_s).toArray().at(0).toObject();
    QCOMPARE(error.value(u"pointer"_s).toString(), u"/author_id"_s);
    QCOMPARE(error.value(u"constraint"_s).toString(), u"books_author_id_fkey"_s);
    r = send("POST", "/api/books", R"({"price": -3})");
    QCOMPARE(r.status, 422);
    error = json(r).value(u"errors"_s).toArray().at(0).toObject();
    QCOMPARE(error.value(u"pointer"_s).toString(), u"/price"_s);
    QCOMPARE(error.value(u"constraint"_s).toString(), u"price_nonneg"_s);
    r = send("POST", "/api/books", R"({"status": "lost"})");
    QCOMPARE(r.status, 422);
    QCOMPARE(json(r).value(u"errors"_s).toArray().at(0).toObject().value(u"pointer"_s).toString(), u"/status"_s);
    r = send("POST", "/api/books", R"({"author_id": 1, "price": 5})");
    QCOMPARE(r.status, 201);
    QCOMPARE(json(r).value(u"status"_s).toString(), u"draft"_s);
    r = send("DELETE", "/api/authors/1");
    QCOMPARE(r.status, 409);
    QCOMPARE(json(r).value(u"title"_s).toString(), u"Row still referenced"_s);
    QCOMPARE(json(r).value(u"errors"_s).toArray().at(0).toObject().value(u"constraint"_s).toString(),
             u"books_author_id_fkey"_s);
    (void)m_admin->query(u"DROP SCHEMA IF EXISTS %1 CASCADE"_s.arg(schemaName));
}

QTEST_GUILESS_MAIN(TestPgResource)
#include "tst_pgresource.moc"
