// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "goldencase.h"
#include "schema/ddlwriter.h"
#include "schema/dialectregistry.h"
#include "workspace/workspace.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

// Golden DDL for every dialect plugin, and the SQLite DDL executed in-process. Set
// QUARRY_UPDATE_GOLDEN=1 to rewrite the expected files (then read the diff before committing).
class TestDdlGolden : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void golden_data();
    void golden();
    void sqliteExecutes_data();
    void sqliteExecutes();
    void seedEmitsTheSeedShape();
    void cycleIsBrokenPerDialect();
    void sqliteEnforcesEnumsAndCascades();
    void invalidDesignIsRefused();
    void quoteIdentifier_data();
    void quoteIdentifier();
    void typeNames_data();
    void typeNames();

private:
    QString m_root;
    QMap<QString, const Dialect *> m_dialects;
};

void TestDdlGolden::initTestCase()
{
    m_root = QFINDTESTDATA("golden");
    QVERIFY(!m_root.isEmpty());
    for (const QString id : {u"postgres"_s, u"sqlite"_s, u"mysql"_s}) {
        const Dialect *d = DialectRegistry::instance().dialect(id);
        QVERIFY2(d, qPrintable(u"dialect plugin %1 not loaded from %2"_s.arg(id, qEnvironmentVariable("QUARRY_PLUGIN_DIR"))));
        m_dialects.insert(id, d);
    }
}

void TestDdlGolden::golden_data()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("dialect");
    for (const QString &name : golden::caseNames(m_root)) {
        for (const QString &d : m_dialects.keys())
            QTest::newRow(qPrintable(name + u'/' + d)) << m_root + u'/' + name << d;
    }
}

void TestDdlGolden::golden()
{
    QFETCH(QString, folder);
    QFETCH(QString, dialect);
    const auto schema = golden::loadSchema(folder);
    QVERIFY2(schema, qPrintable(schema ? QString() : schema.error().toString()));
    const auto ddl = m_dialects.value(dialect)->createStatements(schema.value());
    QVERIFY2(ddl, qPrintable(ddl ? QString() : ddl.error().toString()));
    const QString actual = DdlWriter::script(ddl.value());
    const QString expectedPath = folder + u"/expected."_s + dialect + u".sql"_s;
    QFile expectedFile(expectedPath);
    if (qEnvironmentVariableIntValue("QUARRY_UPDATE_GOLDEN")) {
        QVERIFY(expectedFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
        expectedFile.write(actual.toUtf8());
        QSKIP("golden file rewritten");
    }
    QVERIFY2(expectedFile.open(QIODevice::ReadOnly), qPrintable(expectedPath + u" is missing"_s));
    QCOMPARE(actual, QString::fromUtf8(expectedFile.readAll()));
}

void TestDdlGolden::sqliteExecutes_data()
{
    QTest::addColumn<QString>("folder");
    for (const QString &name : golden::caseNames(m_root))
        QTest::newRow(qPrintable(name)) << m_root + u'/' + name;
}

void TestDdlGolden::sqliteExecutes()
{
    QFETCH(QString, folder);
    const auto schema = golden::loadSchema(folder);
    QVERIFY(schema);
    const auto ddl = m_dialects.value(u"sqlite"_s)->createStatements(schema.value());
    QVERIFY(ddl);
    const QString connection = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(u":memory:"_s);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA foreign_keys = ON"_s));
        for (const QString &statement : ddl.value())
            QVERIFY2(q.exec(statement), qPrintable(statement + u"\n=> "_s + q.lastError().text()));
        // Every table, index and view of the design is in the catalogue.
        for (const Table &t : schema.value().tables) {
            QVERIFY(q.exec(u"SELECT count(*) FROM pragma_table_xinfo('%1')"_s.arg(t.name)));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), t.columns.size());
            for (const Index &ix : t.indexes) {
                QVERIFY(q.exec(u"SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = '%1'"_s.arg(ix.name)));
                QVERIFY(q.next());
                QCOMPARE(q.value(0).toInt(), 1);
            }
            QVERIFY(q.exec(u"SELECT count(*) FROM pragma_foreign_key_list('%1')"_s.arg(t.name)));
            QVERIFY(q.next());
            int fkColumns = 0;
            for (const ForeignKey &fk : t.foreignKeys)
                fkColumns += int(fk.columns.size());
            QCOMPARE(q.value(0).toInt(), fkColumns);
        }
        for (const View &v : schema.value().views) {
            QVERIFY2(q.exec(u"SELECT * FROM \"%1\""_s.arg(v.name)), qPrintable(q.lastError().text()));
        }
        QVERIFY(q.exec(u"PRAGMA foreign_key_check"_s));
        QVERIFY(!q.next());
    }
    QSqlDatabase::removeDatabase(connection);
}

void TestDdlGolden::seedEmitsTheSeedShape()
{
    const QString path = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    auto ws = quarry::workspace::Workspace::load(path);
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
    const auto schema = Schema::fromJson(ws.value()->section(quarry::workspace::Section::Schema));
    QVERIFY(schema);
    const auto ddl = m_dialects.value(u"postgres"_s)->createStatements(schema.value());
    QVERIFY(ddl);
    QCOMPARE(ddl.value().first(), u"CREATE TABLE users (\n"
                                  u"    id SERIAL PRIMARY KEY,\n"
                                  u"    email VARCHAR(255) UNIQUE NOT NULL,\n"
                                  u"    name VARCHAR(255),\n"
                                  u"    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP\n"
                                  u")"_s);
}

void TestDdlGolden::cycleIsBrokenPerDialect()
{
    const auto schema = golden::loadSchema(m_root + u"/fk-cycle"_s);
    QVERIFY(schema);
    for (const QString id : {u"postgres"_s, u"mysql"_s}) {
        const auto ddl = m_dialects.value(id)->createStatements(schema.value());
        QVERIFY(ddl);
        // departments comes first (design order) without its FK to employees, which is added later.
        QVERIFY(ddl.value().at(0).startsWith(u"CREATE TABLE departments"_s));
        QVERIFY(!ddl.value().at(0).contains(u"REFERENCES"_s));
        QVERIFY2(ddl.value().last().contains(u"ALTER TABLE departments ADD CONSTRAINT departments_head_fk FOREIGN KEY"_s),
                 qPrintable(ddl.value().last()));
    }
    const auto sqlite = m_dialects.value(u"sqlite"_s)->createStatements(schema.value());
    QVERIFY(sqlite);
    for (const QString &s : sqlite.value())
        QVERIFY2(!s.contains(u"ALTER TABLE"_s), qPrintable(s));
    QVERIFY(sqlite.value().at(0).startsWith(u"-- departments references employees, created later"_s));
    QVERIFY(sqlite.value().at(0).contains(u"REFERENCES employees"_s));
}

void TestDdlGolden::sqliteEnforcesEnumsAndCascades()
{
    // The emitted constraints do their job on the engine, not only parse.
    const QString connection = u"enforce"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(u":memory:"_s);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"PRAGMA foreign_keys = ON"_s));
        auto run = [&](const QString &name) {
            const auto ddl = m_dialects.value(u"sqlite"_s)->createStatements(golden::loadSchema(m_root + u'/' + name).value());
            if (!ddl)
                return false;
            for (const QString &statement : ddl.value()) {
                if (!q.exec(statement))
                    return false;
            }
            return true;
        };
        QVERIFY(run(u"enums-comments"_s));
        QVERIFY(q.exec(u"INSERT INTO orders (status) VALUES ('paid')"_s));
        QVERIFY2(!q.exec(u"INSERT INTO orders (status) VALUES ('lost')"_s), "the enum CHECK let a bad value in");
        QVERIFY(q.exec(u"INSERT INTO orders DEFAULT VALUES"_s));
        QVERIFY(q.exec(u"SELECT status FROM orders WHERE id = 2"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"new"_s);
        QVERIFY(q.exec(u"DROP TABLE orders"_s));

        QVERIFY(run(u"fk-cascade"_s));
        QVERIFY(q.exec(u"INSERT INTO customers (email) VALUES ('ada@example.com')"_s));
        QVERIFY(q.exec(u"INSERT INTO orders (customer_id) VALUES (1)"_s));
        QVERIFY(q.exec(u"INSERT INTO order_lines (order_id, line_no) VALUES (1, 1)"_s));
        QVERIFY2(!q.exec(u"INSERT INTO orders (customer_id) VALUES (42)"_s), "a dangling foreign key was accepted");
        QVERIFY2(!q.exec(u"INSERT INTO orders (customer_id, total) VALUES (1, -5)"_s), "the CHECK let a negative total in");
        QVERIFY(q.exec(u"DELETE FROM customers"_s));
        QVERIFY(q.exec(u"SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM order_lines)"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(connection);
}

void TestDdlGolden::invalidDesignIsRefused()
{
    auto schema = golden::loadSchema(m_root + u"/fk-cascade"_s);
    QVERIFY(schema);
    Schema broken = schema.value();
    broken.table(u"orders"_s)->foreignKeys.first().refTable = u"clients"_s;
    for (const Dialect *d : std::as_const(m_dialects)) {
        const auto ddl = d->createStatements(broken);
        QVERIFY(!ddl);
        QCOMPARE(ddl.error().where, u"orders.customer_id"_s);
        QVERIFY(ddl.error().message.contains(u"clients"_s));
    }
}

void TestDdlGolden::quoteIdentifier_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("postgres plain") << u"postgres"_s << u"users"_s << u"\"users\""_s;
    QTest::newRow("postgres embedded quote") << u"postgres"_s << u"a\"b"_s << u"\"a\"\"b\""_s;
    QTest::newRow("sqlite keyword") << u"sqlite"_s << u"order"_s << u"\"order\""_s;
    QTest::newRow("mysql plain") << u"mysql"_s << u"users"_s << u"`users`"_s;
    QTest::newRow("mysql embedded backtick") << u"mysql"_s << u"a`b"_s << u"`a``b`"_s;
}

void TestDdlGolden::quoteIdentifier()
{
    QFETCH(QString, dialect);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    QCOMPARE(m_dialects.value(dialect)->quoteIdentifier(name), expected);
}

void TestDdlGolden::typeNames_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("array");
    QTest::addColumn<QString>("expected");
    QTest::newRow("postgres varchar") << u"postgres"_s << int(TypeKind::Varchar) << 255 << false << u"VARCHAR(255)"_s;
    QTest::newRow("postgres text array") << u"postgres"_s << int(TypeKind::Text) << 0 << true << u"TEXT[]"_s;
    QTest::newRow("postgres binary") << u"postgres"_s << int(TypeKind::Binary) << 0 << false << u"BYTEA"_s;
    QTest::newRow("sqlite serial") << u"sqlite"_s << int(TypeKind::Serial) << 0 << false << u"INTEGER"_s;
    QTest::newRow("sqlite timestamptz avoids INT affinity") << u"sqlite"_s << int(TypeKind::TimestampTz) << 0 << false
                                                            << u"TEXT"_s;
    QTest::newRow("sqlite array is JSON text") << u"sqlite"_s << int(TypeKind::Integer) << 0 << true << u"TEXT"_s;
    QTest::newRow("mysql timestamp") << u"mysql"_s << int(TypeKind::Timestamp) << 0 << false << u"DATETIME"_s;
    QTest::newRow("mysql varchar without length") << u"mysql"_s << int(TypeKind::Varchar) << 0 << false
                                                  << u"VARCHAR(255)"_s;
    QTest::newRow("mysql uuid") << u"mysql"_s << int(TypeKind::Uuid) << 0 << false << u"CHAR(36)"_s;
}

void TestDdlGolden::typeNames()
{
    QFETCH(QString, dialect);
    QFETCH(int, kind);
    QFETCH(int, length);
    QFETCH(bool, array);
    QFETCH(QString, expected);
    ColumnType t;
    t.kind = TypeKind(kind);
    t.length = length;
    t.array = array;
    QCOMPARE(m_dialects.value(dialect)->typeName(t), expected);
}

QTEST_GUILESS_MAIN(TestDdlGolden)
#include "tst_ddlgolden.moc"
