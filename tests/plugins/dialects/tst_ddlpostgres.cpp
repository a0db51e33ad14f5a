// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/pgconnection.h"
#include "goldencase.h"
#include "schema/dialectregistry.h"
#include "schema/pgddlimporter.h"

#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

// Runs every golden case's PostgreSQL DDL on the suite's PostgreSQL 15, each in a fresh database.
class TestDdlPostgres : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void executes_data();
    void executes();
    void cycleAcceptsRows();
    void pagilaRoundTrip();

private:
    QString databaseUrl(const QString &database) const;
    std::unique_ptr<quarry::db::PgConnection> freshDatabase();
    QString m_root;
    QString m_url;
    const Dialect *m_dialect = nullptr;
    QStringList m_created;
    bool adminExec(const QString &sql);

public:
    ~TestDdlPostgres() override
    {
        for (const QString &db : std::as_const(m_created))
            adminExec(u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(db));
        QSqlDatabase::removeDatabase(u"admin"_s);
    }
};

// CREATE/DROP DATABASE cannot run in the transaction PgConnection opens, so the test's admin
// statements go through Qt's PostgreSQL driver in autocommit mode.
bool TestDdlPostgres::adminExec(const QString &sql)
{
    QSqlDatabase db = QSqlDatabase::database(u"admin"_s, false);
    if (!db.isValid()) {
        const QUrl url(m_url);
        db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"admin"_s);
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
    }
    if (!db.isOpen() && !db.open()) {
        qWarning() << db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qWarning() << q.lastError().text();
        return false;
    }
    return true;
}

QString TestDdlPostgres::databaseUrl(const QString &database) const
{
    // postgresql://user@host:port/db?params -> same URL, other database
    const qsizetype slash = m_url.indexOf(u'/', m_url.indexOf(u"://"_s) + 3);
    const qsizetype query = m_url.indexOf(u'?');
    QString url = slash < 0 ? m_url : m_url.left(slash);
    url += u'/' + database;
    if (query >= 0)
        url += m_url.mid(query);
    return url;
}

void TestDdlPostgres::initTestCase()
{
    m_url = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    QVERIFY2(!m_url.isEmpty(), "QUARRY_TEST_PG_URL is not set: this db test needs the suite's PostgreSQL 15 "
                               "(postgresql://user@host:port/db)");
    auto probe = quarry::db::PgConnection::open(m_url);
    QVERIFY2(probe, qPrintable(probe ? QString() : probe.error().toString()));
    m_root = QFINDTESTDATA("golden");
    m_dialect = DialectRegistry::instance().dialect(u"postgres"_s);
    QVERIFY2(m_dialect, "the postgres dialect plugin did not load");
}

std::unique_ptr<quarry::db::PgConnection> TestDdlPostgres::freshDatabase()
{
    const QString name = u"quarry_ddl_"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
    if (!adminExec(u"CREATE DATABASE "_s + name))
        return nullptr;
    m_created << name;
    auto conn = quarry::db::PgConnection::open(databaseUrl(name));
    if (!conn) {
        qWarning() << conn.error().toString();
        return nullptr;
    }
    return std::move(conn).value();
}

void TestDdlPostgres::executes_data()
{
    QTest::addColumn<QString>("folder");
    for (const QString &name : golden::caseNames(QFINDTESTDATA("golden")))
        QTest::newRow(qPrintable(name)) << QFINDTESTDATA("golden") + u'/' + name;
}

void TestDdlPostgres::executes()
{
    QFETCH(QString, folder);
    const auto schema = golden::loadSchema(folder);
    QVERIFY(schema);
    const auto ddl = m_dialect->createStatements(schema.value());
    QVERIFY2(ddl, qPrintable(ddl ? QString() : ddl.error().toString()));
    auto db = freshDatabase();
    QVERIFY(db);
    for (const QString &statement : ddl.value()) {
        const auto r = db->query(statement);
        QVERIFY2(r, qPrintable(statement + u"\n=> "_s + (r ? QString() : r.error().toString())));
    }
    for (const Table &t : schema.value().tables) {
        const QString ns = t.nameSpace.isEmpty() ? u"public"_s : t.nameSpace;
        const auto cols = db->query(u"SELECT count(*) FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2"_s,
                                    {ns, t.name});
        QVERIFY(cols);
        QCOMPARE(cols.value().rows.first().first().toInt(), t.columns.size());
        for (const Index &ix : t.indexes) {
            const auto found = db->query(u"SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexname = $2"_s, {ns, ix.name});
            QVERIFY(found);
            QCOMPARE(found.value().rows.first().first().toInt(), 1);
        }
        const auto fks = db->query(u"SELECT count(*) FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid "
                                   u"JOIN pg_namespace n ON n.oid = r.relnamespace "
                                   u"WHERE c.contype = 'f' AND n.nspname = $1 AND r.relname = $2"_s,
                                   {ns, t.name});
        QVERIFY(fks);
        QCOMPARE(fks.value().rows.first().first().toInt(), t.foreignKeys.size());
        if (!t.comment.isEmpty()) {
            const auto c = db->query(u"SELECT obj_description(($1 || '.' || quote_ident($2))::regclass, 'pg_class')"_s,
                                     {ns, t.name});
            QVERIFY(c);
            QCOMPARE(c.value().rows.first().first().toString(), t.comment);
        }
    }
    for (const View &v : schema.value().views) {
        const auto r = db->query(u"SELECT * FROM "_s + (v.nameSpace.isEmpty() ? QString() : v.nameSpace + u'.') + v.name);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
    }
}

void TestDdlPostgres::cycleAcceptsRows()
{
    // The deferred ALTER TABLE really created the cycle: both directions are enforced.
    const auto schema = golden::loadSchema(m_root + u"/fk-cycle"_s);
    QVERIFY(schema);
    const auto ddl = m_dialect->createStatements(schema.value());
    QVERIFY(ddl);
    auto db = freshDatabase();
    QVERIFY(db);
    for (const QString &statement : ddl.value())
        QVERIFY(db->query(statement));
    QVERIFY(db->query(u"INSERT INTO departments (name) VALUES ('R&D')"_s));
    QVERIFY(db->query(u"INSERT INTO employees (department_id) VALUES (1)"_s));
    QVERIFY(db->query(u"UPDATE departments SET head_id = 1"_s));
    QVERIFY(!db->query(u"UPDATE departments SET head_id = 99"_s));
    QVERIFY(!db->query(u"INSERT INTO employees (department_id) VALUES (99)"_s));
    QVERIFY(db->query(u"DELETE FROM employees"_s));
    const auto head = db->query(u"SELECT head_id FROM departments"_s);
    QVERIFY(head);
    QVERIFY(!head.value().rows.first().first().isValid()); // ON DELETE SET NULL
}

void TestDdlPostgres::pagilaRoundTrip()
{
    // Pagila loaded by psql from its own file, and Pagila imported through libpg_query and
    // written back by the postgres dialect: the tables must come out the same.
    const QString file = u"/work/shared/data/pagila/pagila-schema.sql"_s;
    QVERIFY(QFile::exists(file));
    auto original = freshDatabase();
    QVERIFY(original);
    QProcess psql;
    psql.start(u"psql"_s, {databaseUrl(m_created.last()), u"-q"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-f"_s, file});
    QVERIFY(psql.waitForFinished(60000));
    QVERIFY2(psql.exitCode() == 0, psql.readAllStandardError().constData());

    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto imported = quarry::schema::PgDdlImporter::import(QString::fromUtf8(f.readAll()));
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
    Schema design = imported.value().schema;
    design.views.clear(); // they call pagila's functions, which are not part of a design
    const auto ddl = m_dialect->createStatements(design);
    QVERIFY2(ddl, qPrintable(ddl ? QString() : ddl.error().toString()));
    auto copy = freshDatabase();
    QVERIFY(copy);
    for (const QString &statement : ddl.value()) {
        const auto r = copy->query(statement);
        QVERIFY2(r, qPrintable(statement + u"\n=> "_s + (r ? QString() : r.error().toString())));
    }

    QStringList tables;
    for (const Table &t : design.tables)
        tables << t.name;
    const QString columns = u"SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' "
                            u"|| coalesce(character_maximum_length, 0)::text || ' ' || coalesce(numeric_precision, 0)::text "
                            u"FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN ('%1') "
                            u"ORDER BY table_name, ordinal_position"_s.arg(tables.join(u"', '"_s));
    const QString keys = u"SELECT r.relname::text || ' ' || c.contype::text || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c "
                         u"JOIN pg_class r ON r.oid = c.conrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
                         u"WHERE n.nspname = 'public' AND r.relname IN ('%1') AND c.contype IN ('p', 'f', 'u') "
                         u"ORDER BY 1"_s.arg(tables.join(u"', '"_s));
    for (const QString &sql : {columns, keys}) {
        const auto a = original->query(sql);
        const auto b = copy->query(sql);
        QVERIFY2(a, qPrintable(a ? QString() : a.error().toString()));
        QVERIFY2(b, qPrintable(b ? QString() : b.error().toString()));
        QStringList left;
        QStringList right;
        for (const auto &row : a.value().rows)
            left << row.first().toString();
        for (const auto &row : b.value().rows)
            right << row.first().toString();
        QVERIFY(left.size() > 20);
        if (sql == keys) {
            // Pagila declares payment's foreign keys on each partition only; the design gives them
            // to payment itself, so the copy has those three in addition.
            QStringList extra;
            for (const QString &k : std::as_const(right)) {
                if (!left.contains(k))
                    extra << k;
            }
            QCOMPARE(extra, (QStringList{u"payment f FOREIGN KEY (customer_id) REFERENCES customer(customer_id)"_s,
                                         u"payment f FOREIGN KEY (rental_id) REFERENCES rental(rental_id)"_s,
                                         u"payment f FOREIGN KEY (staff_id) REFERENCES staff(staff_id)"_s}));
            for (const QString &k : extra)
                right.removeOne(k);
        }
        QCOMPARE(right, left);
    }
}

QTEST_GUILESS_MAIN(TestDdlPostgres)
#include "tst_ddlpostgres.moc"
