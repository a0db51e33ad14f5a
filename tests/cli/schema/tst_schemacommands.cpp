// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "../quarryrun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

// `quarry sql` and `quarry advise` as a user runs them: the real binary through QProcess.
class TestSchemaCommands : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void sqlPrintsTheGoldenDdl_data();
    void sqlPrintsTheGoldenDdl();
    void sqlJson();
    void importSqlPagila();
    void importSqlReportsWhereItFails();
    void importSqlSqliteChinook();
    void importSqlSqliteDatabaseFile();
    void importSqlSqliteReportsWhereItFails();
    void importDbmlExportDbml();
    void importDbmlReportsWhereItFails();
    void dbmlUsageErrors_data();
    void dbmlUsageErrors();
    void sqlRefusesBrokenDesign();
    void sqlReportsMalformedFile();
    void sqlUsageErrors_data();
    void sqlUsageErrors();
    void adviseExplainsTheSample();
    void adviseJson();
    void adviseWithoutWorkloadOnly();

private:
    using Run = quarry::test::QuarryRun;
    static Run quarry(const QStringList &args) { return quarry::test::runQuarry(args, 30000); }
    QString write(const QString &name, const QByteArray &content);
    QString m_seed;
    QTemporaryDir m_dir;
};

QString TestSchemaCommands::write(const QString &name, const QByteArray &content)
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(content);
    return f.fileName();
}

void TestSchemaCommands::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("QUARRY_BIN")), "QUARRY_BIN does not name the quarry binary");
    QVERIFY(m_dir.isValid());
    m_seed = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    QVERIFY(QFile::exists(m_seed));
}

void TestSchemaCommands::sqlPrintsTheGoldenDdl_data()
{
    QTest::addColumn<QString>("dialect");
    for (const QString d : {u"postgres"_s, u"sqlite"_s, u"mysql"_s})
        QTest::newRow(qPrintable(d)) << d;
}

void TestSchemaCommands::sqlPrintsTheGoldenDdl()
{
    // The seed's users design comes first, exactly as pinned in the dialect golden files; the login
    // accounts table follows.
    QFETCH(QString, dialect);
    const Run r = quarry({u"sql"_s, m_seed, u"--dialect"_s, dialect});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile golden(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/plugins/dialects/golden/seed-users/expected."_s
                 + dialect + u".sql"_s);
    QVERIFY(golden.open(QIODevice::ReadOnly));
    const QString users = QString::fromUtf8(golden.readAll());
    QVERIFY2(r.out.startsWith(users + u'\n'), qPrintable(r.out));
    QVERIFY2(r.out.mid(users.size()).contains(u"CREATE TABLE accounts"_s), qPrintable(r.out));
    QCOMPARE(r.err, QString());
}

void TestSchemaCommands::sqlJson()
{
    const Run r = quarry({u"sql"_s, m_seed, u"--dialect=postgres"_s, u"--json"_s});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(u"dialect"_s).toString(), u"postgres"_s);
    const QJsonArray statements = o.value(u"statements"_s).toArray();
    QCOMPARE(statements.size(), 4); // users, its index, accounts, the comment on accounts
    QVERIFY(statements.at(0).toString().startsWith(u"CREATE TABLE users (\n    id SERIAL PRIMARY KEY,"_s));
    QCOMPARE(statements.at(1).toString(), u"CREATE INDEX idx_users_email ON users (email)"_s);
}

void TestSchemaCommands::sqlRefusesBrokenDesign()
{
    const QString path = write(u"broken.quarry"_s, R"J({"formatVersion": 2, "name": "broken", "schema": {"tables": [
 {"id": "t-o", "name": "orders", "columns": [{"id": "c1", "name": "id", "type": "serial", "primaryKey": true},
   {"id": "c2", "name": "customer_id", "type": "integer"}, {"id": "c3", "name": "order", "type": "integer"}],
  "foreignKeys": [{"id": "fk", "columns": ["customer_id"], "references": {"table": "customers", "columns": ["id"]}}]}]}})J");
    const Run r = quarry({u"sql"_s, path, u"--dialect"_s, u"sqlite"_s});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.out, QString());
    QVERIFY2(r.err.contains(u"error: orders.customer_id: The foreign key references the table \"customers\", which does not exist."_s),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(u"warning: orders.order: "_s), qPrintable(r.err)); // reserved in SQLite
}

void TestSchemaCommands::sqlReportsMalformedFile()
{
    const QString bad = write(u"bad.quarry"_s, "{\"formatVersion\": 2,\n \"schema\": {\"tables\": [}\n");
    Run r = quarry({u"sql"_s, bad, u"--dialect"_s, u"postgres"_s});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"line 2, column"_s), qPrintable(r.err));
    // Valid JSON with a schema of the wrong shape: the JSON path says where.
    const QString shape = write(u"shape.quarry"_s,
                                R"J({"formatVersion": 2, "schema": {"tables": [{"name": "a", "columns": [{"name": "x", "type": "text", "nullable": "no"}]}]}})J");
    r = quarry({u"sql"_s, shape, u"--dialect"_s, u"postgres"_s});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"schema.tables[0].columns[0].nullable"_s), qPrintable(r.err));
    r = quarry({u"sql"_s, m_dir.filePath(u"missing.quarry"_s), u"--dialect"_s, u"postgres"_s});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.startsWith(u"quarry sql: "_s));
}

void TestSchemaCommands::sqlUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no dialect") << QStringList{u"sql"_s, u"x.quarry"_s} << u"Usage: quarry sql"_s;
    QTest::newRow("unknown dialect") << QStringList{u"sql"_s, u"x.quarry"_s, u"--dialect"_s, u"oracle"_s}
                                     << u"unknown dialect \"oracle\"; available: mariadb, mysql, postgres, sqlite"_s;
    QTest::newRow("stray option") << QStringList{u"sql"_s, u"x.quarry"_s, u"--dialect"_s, u"sqlite"_s, u"--fast"_s}
                                  << u"unknown option --fast"_s;
}

void TestSchemaCommands::sqlUsageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = quarry(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

void TestSchemaCommands::adviseExplainsTheSample()
{
    const Run r = quarry({u"advise"_s, m_seed});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"warning: users.idx_users_email: idx_users_email duplicates the index of the UNIQUE "
                            u"constraint on users.email. [index-duplicates-constraint]"_s),
             qPrintable(r.out));
    QVERIFY(r.out.contains(u"  Why: A UNIQUE constraint is enforced with a unique index"_s));
    QVERIFY(r.out.contains(u"  Fix: DROP INDEX idx_users_email;"_s));
    QVERIFY(r.out.contains(u"1 item(s) of advice for PostgreSQL."_s));
}

void TestSchemaCommands::adviseJson()
{
    const QString path = write(u"shop.quarry"_s, R"J({"formatVersion": 2, "schema": {"tables": [
 {"id": "t-c", "name": "customers", "columns": [{"id": "c1", "name": "id", "type": "serial", "primaryKey": true}]},
 {"id": "t-o", "name": "orders", "columns": [{"id": "o1", "name": "id", "type": "serial", "primaryKey": true},
   {"id": "o2", "name": "customer_id", "type": "integer", "nullable": false}],
  "foreignKeys": [{"id": "fk", "columns": ["customer_id"], "references": {"table": "customers", "columns": ["id"]}}]}]}})J");
    const Run r = quarry({u"advise"_s, path, u"--json"_s, u"--dialect"_s, u"sqlite"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(u"dialect"_s).toString(), u"sqlite"_s);
    const QJsonArray advice = o.value(u"advice"_s).toArray();
    QCOMPARE(advice.size(), 1);
    const QJsonObject a = advice.first().toObject();
    QCOMPARE(a.value(u"rule"_s).toString(), u"fk-without-index"_s);
    QCOMPARE(a.value(u"severity"_s).toString(), u"warning"_s);
    QCOMPARE(a.value(u"where"_s).toString(), u"orders.customer_id"_s);
    QCOMPARE(a.value(u"objectId"_s).toString(), u"fk"_s);
    QCOMPARE(a.value(u"fix"_s).toArray().first().toString(), u"CREATE INDEX orders_customer_id_idx ON orders (customer_id)"_s);
}

void TestSchemaCommands::adviseWithoutWorkloadOnly()
{
    // A database plans a workload; without one there is nothing for it to do (cli.advise tests workloads).
    const Run r = quarry({u"advise"_s, m_seed, u"--db"_s, u"sqlite:seed.db"_s});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(u"give the workload with --queries FILE"_s), qPrintable(r.err));
}

void TestSchemaCommands::importSqlPagila()
{
    QString pagila = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/pagila/pagila-schema.sql"_s;
    if (!QFile::exists(pagila))
        pagila = u"/work/shared/data/pagila/pagila-schema.sql"_s;
    QTemporaryDir dir;
    const QString ws = dir.filePath(u"pagila.quarry"_s);
    Run r = quarry({u"import"_s, u"sql"_s, pagila, u"--into"_s, ws});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"replaced"_s) && r.out.contains(u" 0 replaced"_s), qPrintable(r.out));
    QVERIFY2(r.err.contains(u"is not part of a design; skipped"_s), qPrintable(r.err)); // functions are named
    r = quarry({u"sql"_s, ws, u"--dialect"_s, u"postgres"_s});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(u"CREATE TABLE rental"_s));
    // Importing again replaces by name instead of duplicating.
    r = quarry({u"import"_s, u"sql"_s, pagila, u"--into"_s, ws});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u": 0 added"_s), qPrintable(r.out));
}

void TestSchemaCommands::importSqlReportsWhereItFails()
{
    QTemporaryDir dir;
    const QString sql = dir.filePath(u"bad.sql"_s);
    QFile f(sql);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("CREATE TABLE t (\n  id int,\n  name text,,\n);\n");
    f.close();
    const QString ws = dir.filePath(u"w.quarry"_s);
    const Run r = quarry({u"import"_s, u"sql"_s, sql, u"--into"_s, ws});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"bad.sql, line 3, column 13: syntax error"_s), qPrintable(r.err));
    QVERIFY(!QFile::exists(ws)); // nothing written on failure
    QCOMPARE(quarry({u"import"_s, u"sql"_s, sql}).code, 2);
}

namespace {
QString chinookScript()
{
    const QString beside = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/chinook/Chinook_Sqlite.sql"_s;
    return QFile::exists(beside) ? beside : u"/work/shared/data/chinook/Chinook_Sqlite.sql"_s;
}
} // namespace

void TestSchemaCommands::importSqlSqliteChinook()
{
    // "Chinook_Sqlite.sql": the name says SQLite, so no --dialect is needed.
    QTemporaryDir dir;
    const QString ws = dir.filePath(u"chinook.quarry"_s);
    Run r = quarry({u"import"_s, u"sql"_s, chinookScript(), u"--into"_s, ws});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Imported Chinook_Sqlite.sql into chinook.quarry: 11 added, 0 replaced."_s), qPrintable(r.out));
    QVERIFY2(r.err.contains(u"statement(s) that read or change data"_s), qPrintable(r.err));
    r = quarry({u"sql"_s, ws, u"--dialect"_s, u"sqlite"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"\"TrackId\" INTEGER PRIMARY KEY AUTOINCREMENT"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"CONSTRAINT \"PK_PlaylistTrack\" PRIMARY KEY (\"PlaylistId\", \"TrackId\")"_s), qPrintable(r.out));
    // The same file read as PostgreSQL fails on SQLite's [brackets], with the place.
    r = quarry({u"import"_s, u"sql"_s, chinookScript(), u"--into"_s, ws, u"--dialect"_s, u"postgres"_s});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"Chinook_Sqlite.sql, line "_s), qPrintable(r.err));
}

void TestSchemaCommands::importSqlSqliteDatabaseFile()
{
    // A database file is read directly (its header says SQLite), whatever its name.
    QTemporaryDir dir;
    const QString script = write(u"shop.sql"_s, "-- SQLite\nCREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);\n"
                                                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id));\n"
                                                "CREATE INDEX orders_customer ON orders (customer_id);\n");
    const QString fromScript = dir.filePath(u"a.quarry"_s);
    Run r = quarry({u"import"_s, u"sql"_s, script, u"--into"_s, fromScript}); // first line names SQLite
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString db = dir.filePath(u"shop.data"_s);
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"shop"_s);
        c.setDatabaseName(db);
        QVERIFY(c.open());
        QSqlQuery q(c);
        QFile f(script);
        QVERIFY(f.open(QIODevice::ReadOnly));
        for (const QByteArray &statement : f.readAll().split(';')) {
            if (!statement.trimmed().isEmpty())
                QVERIFY2(q.exec(QString::fromUtf8(statement)), qPrintable(q.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(u"shop"_s);
    const QString fromDb = dir.filePath(u"b.quarry"_s);
    r = quarry({u"import"_s, u"sql"_s, db, u"--into"_s, fromDb});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"2 added"_s), qPrintable(r.out));
    const Run a = quarry({u"sql"_s, fromScript, u"--dialect"_s, u"postgres"_s});
    const Run b = quarry({u"sql"_s, fromDb, u"--dialect"_s, u"postgres"_s});
    QCOMPARE(b.out, a.out);
    QVERIFY(a.out.contains(u"CREATE INDEX orders_customer ON orders (customer_id)"_s));
    r = quarry({u"import"_s, u"sql"_s, db, u"--into"_s, fromDb, u"--dialect"_s, u"postgres"_s});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"is a SQLite database, not PostgreSQL DDL"_s), qPrintable(r.err));
}

void TestSchemaCommands::importSqlSqliteReportsWhereItFails()
{
    QTemporaryDir dir;
    const QString sql = write(u"bad.sqlite.sql"_s, "CREATE TABLE t (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NUL\n);\n");
    const QString ws = dir.filePath(u"w.quarry"_s);
    const Run r = quarry({u"import"_s, u"sql"_s, sql, u"--into"_s, ws});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"bad.sqlite.sql, line 3, column 17: near \"NUL\": syntax error"_s), qPrintable(r.err));
    QVERIFY(!QFile::exists(ws));
    QCOMPARE(quarry({u"import"_s, u"sql"_s, sql, u"--into"_s, ws, u"--dialect"_s, u"oracle"_s}).code, 2);
}

void TestSchemaCommands::importDbmlExportDbml()
{
    QTemporaryDir dir;
    const QString source = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/core/schema/dbml/features.dbml"_s;
    const QString ws = dir.filePath(u"library.quarry"_s);
    Run r = quarry({u"import"_s, u"dbml"_s, source, u"--into"_s, ws});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"Imported features.dbml into library.quarry: 10 added, 0 replaced."_s), qPrintable(r.out));
    QVERIFY2(r.err.contains(u"note: line 99: the many-to-many ref"_s), qPrintable(r.err));
    r = quarry({u"sql"_s, ws, u"--dialect"_s, u"postgres"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(u"CREATE TYPE lending.loan_status AS ENUM"_s), qPrintable(r.out));

    // export to stdout and to a file give the same text; importing it again gives the same design.
    const Run out = quarry({u"export"_s, u"dbml"_s, ws});
    QCOMPARE(out.code, 0);
    QVERIFY2(out.out.startsWith(u"Project library {\n"_s), qPrintable(out.out));
    QVERIFY2(out.out.contains(u"Table lending.members as M [headercolor: #3498DB] {"_s), qPrintable(out.out));
    QVERIFY2(out.out.contains(u"TableGroup catalogue {"_s), qPrintable(out.out));
    const QString exported = dir.filePath(u"library.dbml"_s);
    r = quarry({u"export"_s, u"dbml"_s, ws, u"--output"_s, exported});
    QCOMPARE(r.code, 0);
    QFile f(exported);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(f.readAll()), out.out);
    const QString again = dir.filePath(u"again.quarry"_s);
    r = quarry({u"import"_s, u"dbml"_s, exported, u"--into"_s, again});
    QCOMPARE(r.code, 0);
    QCOMPARE(quarry({u"sql"_s, again, u"--dialect"_s, u"postgres"_s}).out, quarry({u"sql"_s, ws, u"--dialect"_s, u"postgres"_s}).out);
    QCOMPARE(quarry({u"export"_s, u"dbml"_s, again}).out, out.out);
    // Importing the file again replaces by name.
    r = quarry({u"import"_s, u"dbml"_s, source, u"--into"_s, ws});
    QVERIFY2(r.out.contains(u": 0 added, 10 replaced."_s), qPrintable(r.out));

    // --json prints the design without a workspace.
    r = quarry({u"import"_s, u"dbml"_s, source, u"--json"_s});
    QCOMPARE(r.code, 0);
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"tables"_s).toArray().size(), 7);

    // A workspace exported from SQL: what DBML cannot say is listed as notes.
    r = quarry({u"export"_s, u"dbml"_s, m_seed});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(u"Table users {"_s), qPrintable(r.out));
}

void TestSchemaCommands::importDbmlReportsWhereItFails()
{
    QTemporaryDir dir;
    const QString dbml = write(u"bad.dbml"_s, "Table users {\n  id int [pk]\n  email varchar [unique, note: 'x']\n}\n"
                                               "Ref: users.id > orders.user_id\n");
    const QString ws = dir.filePath(u"w.quarry"_s);
    const Run r = quarry({u"import"_s, u"dbml"_s, dbml, u"--into"_s, ws});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"quarry import dbml: bad.dbml, line 5, column 17: Ref to table orders, which is not defined."_s),
             qPrintable(r.err));
    QVERIFY(!QFile::exists(ws));
}

void TestSchemaCommands::dbmlUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("import without --into") << QStringList{u"import"_s, u"dbml"_s, u"x.dbml"_s} << u"Usage: quarry import dbml"_s;
    QTest::newRow("import unknown option") << QStringList{u"import"_s, u"dbml"_s, u"x.dbml"_s, u"--into"_s, u"w"_s, u"--fast"_s}
                                           << u"unknown option --fast"_s;
    QTest::newRow("export without workspace") << QStringList{u"export"_s, u"dbml"_s} << u"which workspace?"_s;
    QTest::newRow("export -o without file") << QStringList{u"export"_s, u"dbml"_s, u"w.quarry"_s, u"-o"_s}
                                            << u"-o needs a value (FILE)"_s;
}

void TestSchemaCommands::dbmlUsageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = quarry(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestSchemaCommands)
#include "tst_schemacommands.moc"
