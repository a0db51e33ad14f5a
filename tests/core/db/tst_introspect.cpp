// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/introspect.h"
#include "db/pgconnection.h"
#include "schema/dialectregistry.h"
#include "schema/pgddlimporter.h"
#include "schema/schemajson.h"
#include "schema/sqliteddlimporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;
using quarry::Error;
using quarry::db::PgConnection;

namespace {
template <typename R>
QByteArray why(const R &result)
{
    return result.ok() ? QByteArray() : result.error().toString().toUtf8();
}

QString sharedData(const QString &relative)
{
    const QString beside = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/"_s + relative;
    return QFile::exists(beside) ? beside : u"/work/shared/data/"_s + relative;
}

QString readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

QStringList sortedNames(const auto &list)
{
    QStringList names;
    for (const auto &o : list)
        names << (o.nameSpace.isEmpty() ? o.name : o.nameSpace + u'.' + o.name);
    names.sort();
    return names;
}

QString describe(const ColumnDefault &d)
{
    if (d.kind == ColumnDefault::Kind::Literal)
        return u"literal "_s + QJsonDocument(QJsonArray{d.literal}).toJson(QJsonDocument::Compact);
    return d.kind == ColumnDefault::Kind::Expression ? u"expr "_s + d.expression : u"none"_s;
}

QString describe(const ForeignKey &fk)
{
    return u"%1 (%2) -> %3.%4 (%5) del %6 upd %7"_s.arg(fk.name, fk.columns.join(u','), fk.refNamespace, fk.refTable,
                                                          fk.refColumns.join(u','))
        .arg(int(fk.onDelete))
        .arg(int(fk.onUpdate));
}

QString describe(const Index &ix)
{
    QStringList parts;
    for (const IndexElement &e : ix.elements)
        parts << (e.column.isEmpty() ? u"expr("_s + e.expression + u')' : e.column) + (e.descending ? u" desc"_s : QString())
                + u" nulls%1"_s.arg(int(e.nulls));
    return u"%1 %2 %3 [%4] where %5"_s.arg(ix.name, ix.unique ? u"unique"_s : u"plain"_s, ix.effectiveMethod(),
                                            parts.join(u", "_s), ix.where);
}

QStringList describeKeys(const Table &t)
{
    QStringList out{u"pk "_s + t.primaryKeyColumns().join(u',')};
    for (const KeyConstraint &u : t.uniques)
        out << u"unique %1 (%2)"_s.arg(u.name, u.columns.join(u','));
    for (const ForeignKey &fk : t.foreignKeys)
        out << describe(fk);
    for (const Index &ix : t.indexes)
        out << describe(ix);
    for (const CheckConstraint &c : t.checks)
        out << u"check "_s + c.name;
    out.sort();
    return out;
}
} // namespace

/// quarry::schema::introspect against real databases: pagila loaded into the test PostgreSQL by psql
/// gives the model PgDdlImporter makes of the same file; what PostgreSQL deparses differently
/// (defaults with casts, index expressions, view text) is named in the test. Chinook, made a SQLite
/// file by the sqlite3 shell, gives what SqliteDdlImporter makes of its SQL. The PostgreSQL DDL of
/// an introspected design creates the same design again. Bad URLs and dead servers are errors
/// with the URL (password masked) as `where`.
class TestIntrospect : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void pagilaMatchesTheImporter();
    void pagilaRoundTrip();
    void typesKeysAndIndexes();
    void deparsedTextIsTheOnlyDifference();
    void chinookMatchesTheImporter();
    void badUrls_data();
    void badUrls();

private:
    /// A fresh database on the test server; its URL.
    QString createDatabase(const QString &name);
    /// Runs `command` on the server's default database, or with command "-" `script` on `url`.
    bool psql(const QString &command, const QString &script = {}, const QString &url = {});
    QString m_url;
    std::unique_ptr<PgConnection> m_admin;
    QStringList m_created;
    QString m_pagilaUrl;
};

void TestIntrospect::initTestCase()
{
    m_url = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (m_url.isEmpty())
        QFAIL("QUARRY_TEST_PG_URL is not set (scripts/test.sh starts a throw-away PostgreSQL and sets it).");
    auto conn = PgConnection::open(m_url);
    QVERIFY2(conn.ok(), why(conn).constData());
    m_admin = std::move(conn).value();

    m_pagilaUrl = createDatabase(u"quarry_introspect_pagila"_s);
    QVERIFY(!m_pagilaUrl.isEmpty());
    QProcess psql;
    psql.start(u"psql"_s, {m_pagilaUrl, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-f"_s,
                           sharedData(u"pagila/pagila-schema.sql"_s)});
    QVERIFY(psql.waitForFinished(60000));
    QVERIFY2(psql.exitCode() == 0, psql.readAllStandardError().constData());
}

void TestIntrospect::cleanupTestCase()
{
    for (const QString &db : std::as_const(m_created))
        psql(u"DROP DATABASE IF EXISTS "_s + db + u" WITH (FORCE)"_s);
}

bool TestIntrospect::psql(const QString &command, const QString &script, const QString &url)
{
    QProcess p;
    if (command == u"-"_s) {
        p.start(u"psql"_s, {url, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-f"_s, u"-"_s});
        p.write(script.toUtf8());
        p.closeWriteChannel();
    } else {
        p.start(u"psql"_s, {m_url, u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-c"_s, command});
    }
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning() << command << p.readAllStandardError();
        return false;
    }
    return true;
}

QString TestIntrospect::createDatabase(const QString &name)
{
    // Names are this test's own constants; CREATE DATABASE takes no parameters.
    // (CREATE DATABASE cannot run in PgConnection's transaction; psql runs it bare.)
    psql(u"DROP DATABASE IF EXISTS "_s + name + u" WITH (FORCE)"_s);
    if (!psql(u"CREATE DATABASE "_s + name))
        return {};
    m_created << name;
    QUrl u(m_url);
    u.setPath(u'/' + name);
    return u.toString();
}

void TestIntrospect::pagilaMatchesTheImporter()
{
    const auto live = quarry::schema::introspect(m_pagilaUrl);
    QVERIFY2(live, why(live).constData());
    const auto file = PgDdlImporter::import(readAll(sharedData(u"pagila/pagila-schema.sql"_s)));
    QVERIFY2(file, why(file).constData());
    Schema a = live.value().schema;
    const Schema &b = file.value().schema;
    // What introspection keeps that PgDdlImporter does not read from the file: the materialized
    // view rental_by_category, the domain a column is declared with (film.release_year is a
    // year), and pagila's sequences, which its columns do not own: the importer makes those
    // columns serial, introspection keeps integer DEFAULT nextval(...) and the sequences.
    QCOMPARE(a.views.size(), 8);
    a.views.removeIf([](const View &v) { return v.materialized; });
    QCOMPARE(a.sequences.size(), 13);
    QCOMPARE(a.domains.size(), 2);
    int unfolded = 0;
    for (Table &t : a.tables) {
        for (Column &c : t.columns) {
            c.type.domain.clear();
            if (c.defaultValue.expression.startsWith(u"nextval("_s) && c.type.kind == TypeKind::Integer) {
                c.type.kind = TypeKind::Serial;
                c.defaultValue = {};
                ++unfolded;
            }
        }
    }
    QCOMPARE(unfolded, 13);

    QCOMPARE(sortedNames(a.tables), sortedNames(b.tables));
    QCOMPARE(a.tables.size(), 15);
    QCOMPARE(sortedNames(a.views), sortedNames(b.views));
    QCOMPARE(sortedNames(a.enums), sortedNames(b.enums));
    QStringList nsA, nsB;
    for (const Namespace &n : a.namespaces)
        nsA << n.name;
    for (const Namespace &n : b.namespaces)
        nsB << n.name;
    QCOMPARE(nsA, nsB);
    for (const EnumType &e : b.enums)
        QCOMPARE(a.enumType(e.name, e.nameSpace)->values, e.values);
    int defaults = 0;
    for (const Table &tb : b.tables) {
        const Table *ta = a.table(tb.name, tb.nameSpace);
        QVERIFY(ta);
        QCOMPARE(ta->id, tb.id);
        QCOMPARE(ta->columns.size(), tb.columns.size());
        for (qsizetype i = 0; i < tb.columns.size(); ++i) {
            const Column &ca = ta->columns.at(i);
            const Column &cb = tb.columns.at(i);
            const QByteArray where = (tb.name + u'.' + cb.name).toUtf8();
            QVERIFY2(ca.name == cb.name, where.constData());
            QVERIFY2(ca.id == cb.id, where.constData());
            QVERIFY2(ca.type == cb.type, (where + ": " + ca.type.displayName().toUtf8() + " vs " + cb.type.displayName().toUtf8()).constData());
            QVERIFY2(ca.nullable == cb.nullable, where.constData());
            QVERIFY2(ca.primaryKey == cb.primaryKey, where.constData());
            QVERIFY2(ca.identity == cb.identity, where.constData());
            QVERIFY2(ca.comment == cb.comment, where.constData());
            QVERIFY2(ca.defaultValue == cb.defaultValue,
                     (where + ": " + describe(ca.defaultValue).toUtf8() + " vs " + describe(cb.defaultValue).toUtf8()).constData());
            defaults += cb.defaultValue.isSet() ? 1 : 0;
        }
        QCOMPARE(describeKeys(*ta), describeKeys(tb));
    }
    QVERIFY(defaults > 10);
    // pagila's partitions of payment are folded into it, and their foreign keys with them.
    QVERIFY2(live.value().notes.join(u'\n').contains(u"payment_p2022_01"_s), qPrintable(live.value().notes.join(u'\n')));
}

void TestIntrospect::pagilaRoundTrip()
{
    const auto first = quarry::schema::introspect(m_pagilaUrl);
    QVERIFY2(first, why(first).constData());
    const Dialect *pg = DialectRegistry::instance().dialect(u"postgres"_s);
    QVERIFY(pg);
    // Its views call its own functions (group_concat, ...), which the design keeps and the DDL
    // creates before them.
    const Schema &design = first.value().schema;
    QCOMPARE(design.views.size(), 8);
    QVERIFY(design.routines.size() >= 10);
    const auto ddl = pg->createStatements(design);
    QVERIFY2(ddl, why(ddl).constData());
    const QString url = createDatabase(u"quarry_introspect_roundtrip"_s);
    auto conn = PgConnection::open(url);
    QVERIFY2(conn, why(conn).constData());
    for (const QString &statement : ddl.value()) {
        const auto done = conn.value()->query(statement);
        QVERIFY2(done, qPrintable(statement + u"\n=> "_s + QString::fromUtf8(why(done))));
    }
    const auto second = quarry::schema::introspect(url);
    QVERIFY2(second, why(second).constData());
    const QByteArray a = QJsonDocument(design.toJson()).toJson();
    const QByteArray b = QJsonDocument(second.value().schema.toJson()).toJson();
    if (a != b) {
        QFile::remove(u"/tmp/introspect-first.json"_s);
        QFile fa(u"/tmp/introspect-first.json"_s), fb(u"/tmp/introspect-second.json"_s);
        if (fa.open(QIODevice::WriteOnly) && fb.open(QIODevice::WriteOnly)) {
            fa.write(a);
            fb.write(b);
        }
    }
    QVERIFY2(a == b, "the design differs after a round trip; see /tmp/introspect-first.json and -second.json");
}

void TestIntrospect::typesKeysAndIndexes()
{
    // What pagila does not have: identity, composite and named keys, actions, checks, arrays,
    // expression, partial, descending and hash indexes, a non-public schema and comments.
    const QString url = createDatabase(u"quarry_introspect_kinds"_s);
    auto conn = PgConnection::open(url);
    QVERIFY2(conn, why(conn).constData());
    const QStringList setup = {
        u"CREATE SCHEMA shop"_s,
        u"COMMENT ON SCHEMA shop IS 'the shop'"_s,
        u"CREATE TYPE shop.mood AS ENUM ('sad', 'ok', 'happy')"_s,
        u"CREATE TABLE shop.customer (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(200) NOT NULL, "
        u"tags text[] DEFAULT '{}', mood shop.mood DEFAULT 'ok', price numeric(10,2) CHECK (price >= 0), "
        u"seen timestamp(3) with time zone, CONSTRAINT customer_email_key UNIQUE (email))"_s,
        u"CREATE TABLE shop.line (customer_id bigint, n int, note text, PRIMARY KEY (customer_id, n), "
        u"CONSTRAINT line_customer FOREIGN KEY (customer_id) REFERENCES shop.customer (id) ON DELETE CASCADE ON UPDATE SET NULL)"_s,
        u"COMMENT ON TABLE shop.line IS 'order lines'"_s,
        u"COMMENT ON COLUMN shop.line.note IS 'free text'"_s,
        u"CREATE INDEX line_lower_note ON shop.line (lower(note) DESC NULLS LAST, n) WHERE note IS NOT NULL"_s,
        u"CREATE UNIQUE INDEX customer_seen ON shop.customer USING btree (seen DESC)"_s,
        u"CREATE INDEX customer_mood ON shop.customer USING hash (mood)"_s,
        u"CREATE EXTENSION IF NOT EXISTS pg_trgm"_s,   // its functions and types are not the design
    };
    for (const QString &statement : setup) {
        const auto done = conn.value()->query(statement);
        if (!done && statement.contains(u"EXTENSION"_s))
            continue;   // contrib not installed: the rest still counts
        QVERIFY2(done, qPrintable(statement + u" => "_s + QString::fromUtf8(why(done))));
    }
    const auto got = quarry::schema::introspect(url);
    QVERIFY2(got, why(got).constData());
    const Schema &s = got.value().schema;
    QCOMPARE(s.namespaces.size(), 1);
    QCOMPARE(s.namespaces.first().comment, u"the shop"_s);
    QCOMPARE(s.enums.size(), 1);
    QCOMPARE(s.enums.first().values, (QStringList{u"sad"_s, u"ok"_s, u"happy"_s}));
    const Table *customer = s.table(u"customer"_s, u"shop"_s);
    QVERIFY(customer);
    QCOMPARE(customer->column(u"id"_s)->identity, Column::Identity::Always);
    QCOMPARE(customer->column(u"id"_s)->type.kind, TypeKind::BigInt);
    QVERIFY(customer->column(u"id"_s)->primaryKey);
    QCOMPARE(customer->column(u"email"_s)->type.length, 200);
    QVERIFY(!customer->column(u"email"_s)->nullable);
    QVERIFY(customer->column(u"tags"_s)->type.array);
    QCOMPARE(customer->column(u"tags"_s)->defaultValue.literal.toString(), u"{}"_s);
    QCOMPARE(customer->column(u"mood"_s)->type.kind, TypeKind::Enum);
    QCOMPARE(customer->column(u"mood"_s)->defaultValue.literal.toString(), u"ok"_s);
    QCOMPARE(customer->column(u"price"_s)->type.precision, 10);
    QCOMPARE(customer->column(u"price"_s)->type.scale, 2);
    QCOMPARE(customer->column(u"seen"_s)->type.kind, TypeKind::TimestampTz);
    QCOMPARE(customer->column(u"seen"_s)->type.precision, 3);
    QCOMPARE(customer->uniques.size(), 1);
    QCOMPARE(customer->uniques.first().columns, QStringList{u"email"_s});
    QCOMPARE(customer->checks.size(), 1);
    QCOMPARE(customer->checks.first().expression, u"price >= 0::numeric"_s);
    QCOMPARE(customer->indexes.size(), 2);
    const Table *line = s.table(u"line"_s, u"shop"_s);
    QVERIFY(line);
    QCOMPARE(line->comment, u"order lines"_s);
    QCOMPARE(line->column(u"note"_s)->comment, u"free text"_s);
    QVERIFY(line->primaryKey);
    QCOMPARE(line->primaryKey->columns, (QStringList{u"customer_id"_s, u"n"_s}));
    QCOMPARE(line->foreignKeys.size(), 1);
    const ForeignKey &fk = line->foreignKeys.first();
    QCOMPARE(fk.refNamespace, u"shop"_s);
    QCOMPARE(fk.refTable, u"customer"_s);
    QCOMPARE(fk.onDelete, ReferentialAction::Cascade);
    QCOMPARE(fk.onUpdate, ReferentialAction::SetNull);
    QCOMPARE(line->indexes.size(), 1);
    const Index &ix = line->indexes.first();
    QCOMPARE(ix.elements.size(), 2);
    QCOMPARE(ix.elements.at(0).expression, u"lower(note)"_s);
    QVERIFY(ix.elements.at(0).descending);
    QCOMPARE(ix.elements.at(0).nulls, IndexElement::Nulls::Last);
    QCOMPARE(ix.elements.at(1).column, u"n"_s);
    QVERIFY(ix.elements.at(1).isPlainColumn());
    QCOMPARE(ix.where, u"note IS NOT NULL"_s);
    for (const Index &i : customer->indexes) {
        if (i.name == u"customer_mood"_s)
            QCOMPARE(i.method, u"hash"_s);
        else
            QVERIFY(i.unique && i.elements.first().descending && i.elements.first().nulls == IndexElement::Nulls::Default);
    }
    // Nothing of pg_trgm: no extra tables, types or functions.
    QCOMPARE(s.tables.size(), 2);
}

void TestIntrospect::deparsedTextIsTheOnlyDifference()
{
    // The same DDL read by PgDdlImporter and, once run, by introspection: the model is the same
    // except for text PostgreSQL stores deparsed (pg_get_expr, pg_get_viewdef): casts it adds,
    // its own parentheses and line layout. Those are listed here, one by one.
    const QString ddl =
        u"CREATE TABLE item (id serial PRIMARY KEY, sku varchar(20) NOT NULL DEFAULT 'none', qty int DEFAULT 0, "
        u"price numeric(8,2) CHECK (price >= 0), name text, total numeric GENERATED ALWAYS AS (price * qty) STORED, "
        u"added timestamptz DEFAULT now(), CONSTRAINT item_sku_key UNIQUE (sku));\n"
        u"CREATE INDEX item_lower_name ON item (lower(name)) WHERE qty > 0;\n"
        u"CREATE VIEW cheap AS SELECT id, sku FROM item WHERE price < 10;\n"_s;
    const auto file = PgDdlImporter::import(ddl);
    QVERIFY2(file, why(file).constData());
    const QString url = createDatabase(u"quarry_introspect_deparsed"_s);
    QVERIFY(psql(u"-"_s, ddl, url));
    const auto live = quarry::schema::introspect(url);
    QVERIFY2(live, why(live).constData());
    Schema a = live.value().schema;
    Schema b = file.value().schema;
    QCOMPARE(a.tables.size(), 1);
    Table &ta = a.tables.first();
    Table &tb = b.tables.first();
    // 1. A CHECK on numeric: PostgreSQL casts the constant.
    QCOMPARE(tb.checks.first().expression, u"price >= 0"_s);
    QCOMPARE(ta.checks.first().expression, u"price >= 0::numeric"_s);
    // 2. The generated column's expression: PostgreSQL casts qty to numeric.
    QCOMPARE(tb.column(u"total"_s)->generatedExpression, u"price * qty"_s);
    QCOMPARE(ta.column(u"total"_s)->generatedExpression, u"price * (qty)::numeric"_s);
    // 3. A check's name: PostgreSQL names an unnamed one (item_price_check), the DDL has none.
    QCOMPARE(tb.checks.first().name, QString());
    QCOMPARE(ta.checks.first().name, u"item_price_check"_s);
    // 4. The view's query: pg_get_viewdef's layout, qualified columns.
    QCOMPARE(b.views.first().sql, u"SELECT id, sku FROM item WHERE price < 10"_s);
    QCOMPARE(a.views.first().sql.simplified(), u"SELECT item.id, item.sku FROM item WHERE item.price < 10::numeric"_s);
    // Everything else is the same.
    ta.checks.clear();
    tb.checks.clear();
    ta.column(u"total"_s)->generatedExpression.clear();
    tb.column(u"total"_s)->generatedExpression.clear();
    a.views.clear();
    b.views.clear();
    QCOMPARE(QJsonDocument(a.toJson()).toJson(), QJsonDocument(b.toJson()).toJson());
}

void TestIntrospect::chinookMatchesTheImporter()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(u"chinook.db"_s);
    QProcess shell;
    shell.setStandardInputFile(sharedData(u"chinook/Chinook_Sqlite.sql"_s));
    shell.start(u"sqlite3"_s, {u"-bail"_s, db});
    QVERIFY(shell.waitForFinished(60000));
    QVERIFY2(shell.exitCode() == 0, shell.readAllStandardError().constData());
    const auto live = quarry::schema::introspect(u"sqlite:"_s + db);
    QVERIFY2(live, why(live).constData());
    const auto file = SqliteDdlImporter::import(readAll(sharedData(u"chinook/Chinook_Sqlite.sql"_s)));
    QVERIFY2(file, why(file).constData());
    QCOMPARE(live.value().schema.tables.size(), 11);
    QCOMPARE(QJsonDocument(live.value().schema.toJson()).toJson(), QJsonDocument(file.value().schema.toJson()).toJson());
}

void TestIntrospect::badUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("where");
    QTest::newRow("dead server") << u"postgresql://bob:s3cret@127.0.0.1:1/x"_s << int(Error::Kind::Network)
                                 << u"postgresql://bob:***@127.0.0.1:1/x"_s;
    QTest::newRow("unknown scheme") << u"mysql://root@localhost/db"_s << int(Error::Kind::InvalidInput)
                                    << u"mysql://root@localhost/db"_s;
    QTest::newRow("no sqlite file") << u"sqlite:/nonexistent/dir/x.db"_s << int(Error::Kind::NotFound)
                                    << u"sqlite:/nonexistent/dir/x.db"_s;
    QTest::newRow("not a database") << u"sqlite:"_s + sharedData(u"chinook/Chinook_Sqlite.sql"_s)
                                    << int(Error::Kind::InvalidInput) << u"sqlite:"_s + sharedData(u"chinook/Chinook_Sqlite.sql"_s);
    QTest::newRow("empty sqlite") << u"sqlite:"_s << int(Error::Kind::InvalidInput) << u"sqlite:"_s;
}

void TestIntrospect::badUrls()
{
    QFETCH(QString, url);
    QFETCH(int, kind);
    QFETCH(QString, where);
    const auto r = quarry::schema::introspect(url);
    QVERIFY(!r);
    QCOMPARE(int(r.error().kind), kind);
    QCOMPARE(r.error().where, where);
    QVERIFY(!r.error().message.isEmpty());
    QVERIFY(!r.error().toString().contains(u"s3cret"_s));
}

QTEST_GUILESS_MAIN(TestIntrospect)
#include "tst_introspect.moc"
