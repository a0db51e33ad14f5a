// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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
    void sqlRefusesBrokenDesign();
    void sqlReportsMalformedFile();
    void sqlUsageErrors_data();
    void sqlUsageErrors();
    void adviseExplainsTheSample();
    void adviseJson();
    void adviseWithoutWorkloadOnly();

private:
    struct Run {
        int code = -1;
        QString out;
        QString err;
    };
    Run quarry(const QStringList &args);
    QString write(const QString &name, const QByteArray &content);
    QString m_seed;
    QTemporaryDir m_dir;
};

TestSchemaCommands::Run TestSchemaCommands::quarry(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("QUARRY_BIN"), args);
    Run r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        r.err = u"timed out"_s;
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

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
                                     << u"unknown dialect \"oracle\"; available: mysql, postgres, sqlite"_s;
    QTest::newRow("stray option") << QStringList{u"sql"_s, u"x.quarry"_s, u"--dialect"_s, u"sqlite"_s, u"--fast"_s}
                                  << u"unexpected argument \"--fast\""_s;
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

QTEST_GUILESS_MAIN(TestSchemaCommands)
#include "tst_schemacommands.moc"
