// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dialectregistry.h"
#include "schema/pgddlimporter.h"
#include "schema/validator.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

class TestPgDdlImporter : public QObject
{
    Q_OBJECT
private slots:
    void readsDesignFeatures();
    void syntaxErrorHasLineAndColumn_data();
    void syntaxErrorHasLineAndColumn();
    void importIsStable();
    void pagila();
    void pagilaEmitsRunnableSqlite();
};

namespace {
const char *sample = R"SQL(
-- a migration as people write them
CREATE SCHEMA sales;
CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN public.year AS integer CHECK (VALUE > 1900);

CREATE TABLE public.customers (
    id integer DEFAULT nextval('public.customers_id_seq'::regclass) NOT NULL,
    email character varying(320) NOT NULL,
    mood public.mood DEFAULT 'ok'::public.mood,
    born public.year,
    active boolean DEFAULT true NOT NULL,
    created_at timestamp(3) with time zone DEFAULT now() NOT NULL,
    CONSTRAINT customers_email_key UNIQUE (email)
);

CREATE TABLE sales.orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES public.customers(id) ON DELETE CASCADE,
    total numeric(10,2) DEFAULT 0 CHECK (total >= (0)::numeric),
    tags text[],
    doubled numeric GENERATED ALWAYS AS (total * 2) STORED
);

ALTER TABLE ONLY public.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
CREATE INDEX orders_recent ON sales.orders USING btree (customer_id, id DESC NULLS LAST) WHERE (total > (100)::numeric);
CREATE UNIQUE INDEX customers_lower_email ON public.customers (lower((email)::text));
CREATE INDEX orders_tags ON sales.orders USING gin (tags);
CREATE VIEW public.big_orders AS
 SELECT o.id, c.email FROM sales.orders o JOIN public.customers c ON c.id = o.customer_id WHERE o.total > 100;
COMMENT ON TABLE public.customers IS 'People who buy';
COMMENT ON COLUMN sales.orders.total IS 'In euros';
CREATE FUNCTION public.answer() RETURNS integer LANGUAGE sql AS $$ SELECT 42 $$;
ALTER TABLE public.customers OWNER TO postgres;
)SQL";
} // namespace

void TestPgDdlImporter::readsDesignFeatures()
{
    const auto imported = PgDdlImporter::import(QString::fromUtf8(sample));
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
    const Schema &s = imported.value().schema;
    QCOMPARE(s.namespaces.size(), 1);
    QCOMPARE(s.namespaces.first().name, u"sales"_s);
    QCOMPARE(s.enums.first().values, (QStringList{u"sad"_s, u"ok"_s, u"happy"_s}));

    const Table *customers = s.table(u"customers"_s);
    QVERIFY(customers);
    QCOMPARE(customers->id, u"tbl-customers"_s);
    QCOMPARE(customers->comment, u"People who buy"_s);
    QCOMPARE(customers->column(u"id"_s)->type.kind, TypeKind::Serial);      // integer + nextval()
    QVERIFY(customers->column(u"id"_s)->primaryKey);                        // from ALTER TABLE ... ADD
    QVERIFY(!customers->column(u"id"_s)->defaultValue.isSet());
    QCOMPARE(customers->column(u"email"_s)->type.kind, TypeKind::Varchar);
    QCOMPARE(customers->column(u"email"_s)->type.length, 320);
    QCOMPARE(customers->column(u"mood"_s)->type.kind, TypeKind::Enum);
    QCOMPARE(customers->column(u"mood"_s)->defaultValue.literal.toString(), u"ok"_s);
    QCOMPARE(customers->column(u"born"_s)->type.kind, TypeKind::Integer);   // the domain's base type
    QCOMPARE(customers->column(u"active"_s)->defaultValue.literal, QJsonValue(true));
    QCOMPARE(customers->column(u"created_at"_s)->type.kind, TypeKind::TimestampTz);
    QCOMPARE(customers->column(u"created_at"_s)->type.precision, 3);
    QCOMPARE(customers->column(u"created_at"_s)->defaultValue.expression, u"now()"_s);
    QCOMPARE(customers->uniques.first().columns, QStringList{u"email"_s});
    QCOMPARE(customers->indexes.first().elements.first().expression, u"lower((email)::text)"_s);
    QVERIFY(customers->indexes.first().unique);

    const Table *orders = s.table(u"orders"_s, u"sales"_s);
    QVERIFY(orders);
    QCOMPARE(orders->column(u"id"_s)->identity, Column::Identity::Always);
    QVERIFY(orders->column(u"id"_s)->primaryKey);
    QCOMPARE(orders->column(u"total"_s)->comment, u"In euros"_s);
    QCOMPARE(orders->column(u"total"_s)->defaultValue.expression, u"0"_s);
    QVERIFY(orders->column(u"tags"_s)->type.array);
    QCOMPARE(orders->column(u"doubled"_s)->generatedExpression, u"total * 2"_s);
    QCOMPARE(orders->checks.first().expression, u"total >= (0)::numeric"_s);
    const ForeignKey &fk = orders->foreignKeys.first();
    QCOMPARE(fk.columns, QStringList{u"customer_id"_s});
    QCOMPARE(fk.refTable, u"customers"_s);
    QCOMPARE(fk.refNamespace, QString());
    QCOMPARE(fk.refColumns, QStringList{u"id"_s});
    QCOMPARE(fk.onDelete, ReferentialAction::Cascade);
    const Index &recent = orders->indexes.at(0);
    QCOMPARE(recent.elements.size(), 2);
    QVERIFY(recent.elements.at(1).descending);
    QCOMPARE(recent.elements.at(1).nulls, IndexElement::Nulls::Last);
    QCOMPARE(recent.where, u"total > (100)::numeric"_s);
    QCOMPARE(orders->indexes.at(1).method, u"gin"_s);

    QCOMPARE(s.views.size(), 1);
    QVERIFY(s.views.first().sql.startsWith(u"SELECT o.id, c.email FROM sales.orders o"_s));
    QVERIFY(s.views.first().sql.endsWith(u"WHERE o.total > 100"_s));

    const QString notes = imported.value().notes.join(u'\n');
    QVERIFY2(notes.contains(u"line 33: CREATE FUNCTION public.answer is not part of a design; skipped."_s), qPrintable(notes));
    QVERIFY2(notes.contains(u"line 5: domain year is replaced by its base type"_s), qPrintable(notes));

    // The import is a valid design, and PostgreSQL DDL comes out of it.
    const Dialect *pg = DialectRegistry::instance().dialect(u"postgres"_s);
    QVERIFY(pg);
    const QList<Problem> problems = Validator({pg}).validate(s);
    QVERIFY2(!Validator::hasErrors(problems), qPrintable(problems.isEmpty() ? QString() : problems.first().message));
    QVERIFY(pg->createStatements(s));
}

void TestPgDdlImporter::syntaxErrorHasLineAndColumn_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("double comma") << u"CREATE TABLE t (id integer,, name text);"_s << u"line 1, column 28"_s
                                  << u"syntax error at or near \",\""_s;
    QTest::newRow("third line") << u"CREATE TABLE a (id integer);\n\nCREATE TABEL b (id integer);"_s
                                << u"line 3, column 8"_s << u"syntax error at or near \"TABEL\""_s;
    QTest::newRow("after non-ascii text") << u"-- 東京\nCREATE TABLE t (x integer CHECK (x >));"_s
                                          << u"line 2, column 37"_s << u"syntax error at or near \")\""_s;
}

void TestPgDdlImporter::syntaxErrorHasLineAndColumn()
{
    QFETCH(QString, sql);
    QFETCH(QString, where);
    QFETCH(QString, message);
    const auto imported = PgDdlImporter::import(sql);
    QVERIFY(!imported);
    QCOMPARE(imported.error().where, where);
    QCOMPARE(imported.error().message, message);
}

void TestPgDdlImporter::importIsStable()
{
    const auto a = PgDdlImporter::import(QString::fromUtf8(sample));
    const auto b = PgDdlImporter::import(QString::fromUtf8(sample));
    QVERIFY(a && b);
    QCOMPARE(a.value().schema.toJson(), b.value().schema.toJson());
}

void TestPgDdlImporter::pagila()
{
    QFile f(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/pagila/pagila-schema.sql"_s);
    if (!f.exists())
        f.setFileName(u"/work/shared/data/pagila/pagila-schema.sql"_s);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    const auto imported = PgDdlImporter::import(QString::fromUtf8(f.readAll()));
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
    const Schema &s = imported.value().schema;
    QStringList tables;
    for (const Table &t : s.tables)
        tables << t.name;
    tables.sort();
    QCOMPARE(tables, (QStringList{u"actor"_s, u"address"_s, u"category"_s, u"city"_s, u"country"_s, u"customer"_s,
                                  u"film"_s, u"film_actor"_s, u"film_category"_s, u"inventory"_s, u"language"_s,
                                  u"payment"_s, u"rental"_s, u"staff"_s, u"store"_s}));
    QCOMPARE(s.views.size(), 7); // the materialized view is skipped with a note
    const Table *film = s.table(u"film"_s);
    QCOMPARE(film->column(u"film_id"_s)->type.kind, TypeKind::Serial);
    QVERIFY(film->column(u"film_id"_s)->primaryKey);
    QCOMPARE(film->column(u"rating"_s)->type.kind, TypeKind::Enum);
    QCOMPARE(film->column(u"rating"_s)->type.enumName, u"mpaa_rating"_s);
    QCOMPARE(film->column(u"release_year"_s)->type.kind, TypeKind::Integer);
    QVERIFY(film->column(u"special_features"_s)->type.array);
    QCOMPARE(film->column(u"fulltext"_s)->type.custom, u"tsvector"_s);
    // 18 foreign keys on ordinary tables, and payment's three (customer, rental, staff) that
    // pagila declares on each partition.
    int fks = 0;
    for (const Table &t : s.tables)
        fks += int(t.foreignKeys.size());
    QCOMPARE(fks, 21);
    QStringList paymentRefs;
    for (const ForeignKey &fk : s.table(u"payment"_s)->foreignKeys)
        paymentRefs << fk.refTable;
    paymentRefs.sort();
    QCOMPARE(paymentRefs, (QStringList{u"customer"_s, u"rental"_s, u"staff"_s}));
    const QString notes = imported.value().notes.join(u'\n');
    QVERIFY2(notes.contains(u"payment_p2022_01"_s), qPrintable(notes));
    QVERIFY2(notes.contains(u"CREATE MATERIALIZED VIEW public.rental_by_category"_s), qPrintable(notes));
    const Dialect *pg = DialectRegistry::instance().dialect(u"postgres"_s);
    QVERIFY(pg);
    const QList<Problem> problems = Validator({pg}).validate(s);
    for (const Problem &p : problems)
        QVERIFY2(!p.isError(), qPrintable(p.where + u": "_s + p.message));
}

void TestPgDdlImporter::pagilaEmitsRunnableSqlite()
{
    // Pagila, read by PostgreSQL's parser, written for SQLite and created there (views aside:
    // their SQL is PostgreSQL's).
    const auto imported = PgDdlImporter::import([] {
        QFile f(u"/work/shared/data/pagila/pagila-schema.sql"_s);
        f.open(QIODevice::ReadOnly);
        return QString::fromUtf8(f.readAll());
    }());
    QVERIFY(imported);
    Schema s = imported.value().schema;
    s.views.clear();
    const Dialect *sqlite = DialectRegistry::instance().dialect(u"sqlite"_s);
    QVERIFY(sqlite);
    const auto ddl = sqlite->createStatements(s);
    QVERIFY2(ddl, qPrintable(ddl ? QString() : ddl.error().toString()));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"pagila"_s);
        db.setDatabaseName(u":memory:"_s);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &statement : ddl.value())
            QVERIFY2(q.exec(statement), qPrintable(statement + u"\n=> "_s + q.lastError().text()));
        QVERIFY(q.exec(u"SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name <> 'sqlite_sequence'"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 15);
    }
    QSqlDatabase::removeDatabase(u"pagila"_s);
}

QTEST_GUILESS_MAIN(TestPgDdlImporter)
#include "tst_pgddlimporter.moc"
