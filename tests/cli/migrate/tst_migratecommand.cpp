// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "../quarryrun.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace {
/// customers(id, name, mail, note) as a workspace; `mail` may be renamed, `note` dropped, `mail`'s
/// id changed (a design written without the database's history).
QByteArray workspace(const QString &mail = u"mail"_s, bool withNote = true, const QString &mailId = u"col-mail"_s,
                     bool scoreNotNull = false)
{
    QJsonArray columns{
        QJsonObject{{u"id"_s, u"col-id"_s}, {u"name"_s, u"id"_s}, {u"type"_s, u"serial"_s}, {u"primaryKey"_s, true}, {u"nullable"_s, false}},
        QJsonObject{{u"id"_s, u"col-name"_s}, {u"name"_s, u"name"_s}, {u"type"_s, u"varchar"_s}, {u"length"_s, 40}, {u"nullable"_s, false}},
        QJsonObject{{u"id"_s, mailId}, {u"name"_s, mail}, {u"type"_s, u"text"_s}},
        QJsonObject{{u"id"_s, u"col-score"_s}, {u"name"_s, u"score"_s}, {u"type"_s, u"integer"_s}, {u"nullable"_s, !scoreNotNull}},
    };
    if (withNote)
        columns.append(QJsonObject{{u"id"_s, u"col-note"_s}, {u"name"_s, u"note"_s}, {u"type"_s, u"text"_s}});
    const QJsonObject table{{u"id"_s, u"tbl-customers"_s}, {u"name"_s, u"customers"_s}, {u"columns"_s, columns}};
    return QJsonDocument(QJsonObject{{u"formatVersion"_s, 2}, {u"name"_s, u"shop"_s},
                                     {u"schema"_s, QJsonObject{{u"tables"_s, QJsonArray{table}}}}})
        .toJson();
}
} // namespace

// `quarry diff` and `quarry migrate` through QProcess, on a SQLite file and a PostgreSQL database;
// the data is put in and read back with the sqlite3 shell and psql.
class TestMigrateCommand : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void sqliteMigrateRenameAndDrift();
    void destructiveStepNeedsConsent();
    void failingCheckChangesNothing();
    void postgresRenameNamedByTheUser();
    void writtenMigrationsAreChecked();
    void usage_data();
    void usage();

private:
    using Run = quarry::test::QuarryRun;
    static Run quarry(const QStringList &args) { return quarry::test::runQuarry(args, 60000); }
    QString write(const QString &name, const QByteArray &content);
    QString sqlite(const QString &file, const QString &sql);
    QString psql(const QString &url, const QString &sql);
    QTemporaryDir m_dir;
    QString m_adminUrl;
    QString m_pgUrl;
};

QString TestMigrateCommand::write(const QString &name, const QByteArray &content)
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return {};
    return f.fileName();
}

QString TestMigrateCommand::sqlite(const QString &file, const QString &sql)
{
    QProcess shell;
    shell.start(u"sqlite3"_s, {file, sql});
    if (!shell.waitForFinished(30000) || shell.exitCode() != 0)
        return u"error: "_s + QString::fromUtf8(shell.readAllStandardError());
    return QString::fromUtf8(shell.readAllStandardOutput()).trimmed();
}

QString TestMigrateCommand::psql(const QString &url, const QString &sql)
{
    QProcess p;
    p.start(u"psql"_s, {url, u"-qAt"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s, u"-c"_s, sql});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return u"error: "_s + QString::fromUtf8(p.readAllStandardError());
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

void TestMigrateCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_adminUrl = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (m_adminUrl.isEmpty())
        QFAIL("QUARRY_TEST_PG_URL is not set (scripts/test.sh starts a throw-away PostgreSQL and sets it).");
    psql(m_adminUrl, u"DROP DATABASE IF EXISTS quarry_cli_migrate WITH (FORCE)"_s);
    QCOMPARE(psql(m_adminUrl, u"CREATE DATABASE quarry_cli_migrate"_s), QString());
    QUrl u(m_adminUrl);
    u.setPath(u"/quarry_cli_migrate"_s);
    m_pgUrl = u.toString();
}

void TestMigrateCommand::cleanupTestCase()
{
    if (!m_adminUrl.isEmpty())
        psql(m_adminUrl, u"DROP DATABASE IF EXISTS quarry_cli_migrate WITH (FORCE)"_s);
}

void TestMigrateCommand::sqliteMigrateRenameAndDrift()
{
    const QString db = m_dir.filePath(u"shop.db"_s);
    const QString v1 = write(u"v1.quarry"_s, workspace());
    const QString v2 = write(u"v2.quarry"_s, workspace(u"email"_s));
    // A new file: the design's tables are created.
    Run r = quarry({u"migrate"_s, u"sqlite:"_s + db, u"--to"_s, v1});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(u"create table customers"_s) && r.out.contains(u"Applied 1 step(s) in one transaction"_s), qPrintable(r.out));
    QCOMPARE(sqlite(db, u"INSERT INTO customers (name, mail) VALUES ('Ada', 'ada@example.com')"_s), QString());

    r = quarry({u"diff"_s, db, v1, u"--exit-code"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(u"No differences"_s), qPrintable(r.out));

    r = quarry({u"diff"_s, db, v2, u"--exit-code"_s});
    QVERIFY2(r.code == 1, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(u"-- 1. rename column customers.mail to email [safe]"_s), qPrintable(r.out));
    QVERIFY2(r.out.contains(u"ALTER TABLE customers RENAME COLUMN mail TO email;"_s), qPrintable(r.out));
    r = quarry({u"diff"_s, db, v2});   // drift without --exit-code is still a success
    QCOMPARE(r.code, 0);

    r = quarry({u"migrate"_s, db, u"--to"_s, v2, u"--dry-run"_s});
    QVERIFY2(r.code == 0 && r.out.contains(u"Dry run: nothing was changed."_s), qPrintable(r.err + r.out));
    QCOMPARE(sqlite(db, u"SELECT mail FROM customers"_s), u"ada@example.com"_s);

    r = quarry({u"migrate"_s, db, u"--to"_s, v2});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QCOMPARE(sqlite(db, u"SELECT email FROM customers"_s), u"ada@example.com"_s);
    const qsizetype at = r.out.indexOf(u"Backup made before the migration: "_s);
    QVERIFY2(at >= 0, qPrintable(r.out));
    const QString backup = r.out.mid(at + 34).section(u'\n', 0, 0).trimmed();
    QVERIFY2(QFileInfo::exists(backup), qPrintable(backup));
    QCOMPARE(sqlite(backup, u"SELECT mail FROM customers"_s), u"ada@example.com"_s);

    r = quarry({u"diff"_s, u"sqlite:"_s + db, v2, u"--exit-code"_s, u"--json"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json.value(u"differs"_s).toBool(true), false);
    QCOMPARE(json.value(u"dialect"_s).toString(), u"sqlite"_s);
    // Two workspaces: the dialect is asked for, PostgreSQL by default.
    r = quarry({u"diff"_s, v1, v2, u"--json"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonObject plan = QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"plan"_s).toObject();
    QCOMPARE(plan.value(u"dialect"_s).toString(), u"postgres"_s);
    QCOMPARE(plan.value(u"steps"_s).toArray().first().toObject().value(u"sql"_s).toArray().first().toString(),
             u"ALTER TABLE customers RENAME COLUMN mail TO email"_s);
}

void TestMigrateCommand::destructiveStepNeedsConsent()
{
    const QString db = m_dir.filePath(u"notes.db"_s);
    QVERIFY(quarry({u"migrate"_s, db.isEmpty() ? QString() : u"sqlite:"_s + db, u"--to"_s, write(u"d1.quarry"_s, workspace())}).code == 0);
    QCOMPARE(sqlite(db, u"INSERT INTO customers (name, note) VALUES ('Ada', 'keep'), ('Bob', NULL)"_s), QString());
    const QString dropped = write(u"d2.quarry"_s, workspace(u"mail"_s, false));
    Run r = quarry({u"migrate"_s, db, u"--to"_s, dropped});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"destroys data"_s) && r.err.contains(u"1 values are lost"_s) && r.err.contains(u"--allow-destructive"_s),
             qPrintable(r.err));
    QVERIFY2(r.out.contains(u"[destroys data]"_s), qPrintable(r.out));
    QCOMPARE(sqlite(db, u"SELECT note FROM customers WHERE name = 'Ada'"_s), u"keep"_s);
    r = quarry({u"migrate"_s, db, u"--to"_s, dropped, u"--allow-destructive"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY(sqlite(db, u"SELECT note FROM customers"_s).startsWith(u"error:"_s));
    QCOMPARE(sqlite(db, u"SELECT count(*) FROM customers"_s), u"2"_s);
}

void TestMigrateCommand::failingCheckChangesNothing()
{
    const QString db = m_dir.filePath(u"scores.db"_s);
    QVERIFY(quarry({u"migrate"_s, u"sqlite:"_s + db, u"--to"_s, write(u"s1.quarry"_s, workspace())}).code == 0);
    QCOMPARE(sqlite(db, u"INSERT INTO customers (name, score) VALUES ('Ada', 1), ('Bob', NULL)"_s), QString());
    const QString before = sqlite(db, u"SELECT sql FROM sqlite_schema ORDER BY name"_s);
    const Run r = quarry({u"migrate"_s, db, u"--to"_s, write(u"s2.quarry"_s, workspace(u"mail"_s, true, u"col-mail"_s, true)), u"--json"_s});
    QCOMPARE(r.code, 1);
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY2(json.value(u"error"_s).toString().contains(u"would fail: 1 rows are NULL"_s), qPrintable(r.out));
    QVERIFY(json.value(u"plan"_s).toObject().value(u"steps"_s).toArray().first().toObject().value(u"blocked"_s).toBool());
    QCOMPARE(sqlite(db, u"SELECT sql FROM sqlite_schema ORDER BY name"_s), before);
}

void TestMigrateCommand::postgresRenameNamedByTheUser()
{
    Run r = quarry({u"migrate"_s, m_pgUrl, u"--to"_s, write(u"p1.quarry"_s, workspace()), u"--json"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"dialect"_s).toString(), u"postgres"_s);
    QCOMPARE(psql(m_pgUrl, u"INSERT INTO customers (name, mail) VALUES ('Ada', 'ada@example.com')"_s), QString());
    // A design edited elsewhere: the column has a new id, so nothing says it is the old one.
    const QString elsewhere = write(u"p2.quarry"_s, workspace(u"email"_s, true, u"col-other"_s));
    r = quarry({u"migrate"_s, m_pgUrl, u"--to"_s, elsewhere, u"--dry-run"_s});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains(u"drop column customers.mail"_s) && r.out.contains(u"add column customers.email"_s), qPrintable(r.out));
    r = quarry({u"migrate"_s, m_pgUrl, u"--to"_s, elsewhere, u"--rename"_s, u"customers.mail=email"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(u"rename column customers.mail to email"_s), qPrintable(r.out));
    QCOMPARE(psql(m_pgUrl, u"SELECT email FROM customers"_s), u"ada@example.com"_s);
    r = quarry({u"diff"_s, m_pgUrl, elsewhere, u"--exit-code"_s});
    QVERIFY2(r.code == 0, qPrintable(r.out));
    QCOMPARE(psql(m_pgUrl, u"SELECT count(*) FROM quarry_migrations"_s), u"2"_s);
}

void TestMigrateCommand::writtenMigrationsAreChecked()
{
    const QString db = m_dir.filePath(u"versioned.db"_s);
    const QString dir = m_dir.filePath(u"migrations"_s);
    Run r = quarry({u"migrate"_s, db.isEmpty() ? QString() : u"sqlite:"_s + db, u"--to"_s, write(u"w1.quarry"_s, workspace()),
                    u"--write"_s, dir});
    QVERIFY2(r.code == 0, qPrintable(r.err + r.out));
    QFile first(dir + u"/V1__quarry_migration.sql"_s);
    QVERIFY2(first.open(QIODevice::ReadOnly), qPrintable(r.out));
    const QByteArray text = first.readAll();
    first.close();
    QVERIFY(text.startsWith("-- quarry-checksum: sha256:"));
    QVERIFY(text.contains("CREATE TABLE customers"));
    // A dry run writes the next file without applying it.
    const QString v2 = write(u"w2.quarry"_s, workspace(u"email"_s));
    r = quarry({u"migrate"_s, db, u"--to"_s, v2, u"--write"_s, dir, u"--dry-run"_s});
    QVERIFY2(r.code == 0 && QFileInfo::exists(dir + u"/V2__quarry_migration.sql"_s), qPrintable(r.err + r.out));
    QCOMPARE(sqlite(db, u"SELECT count(*) FROM pragma_table_info('customers') WHERE name = 'mail'"_s), u"1"_s);
    // An edited file is found before anything runs.
    QVERIFY(first.open(QIODevice::Append));
    first.write("DROP TABLE customers;\n");
    first.close();
    r = quarry({u"migrate"_s, db, u"--to"_s, v2, u"--write"_s, dir});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains(u"V1__quarry_migration.sql"_s) && r.err.contains(u"checksum does not match"_s), qPrintable(r.err));
    QCOMPARE(sqlite(db, u"SELECT count(*) FROM pragma_table_info('customers') WHERE name = 'mail'"_s), u"1"_s);
}

void TestMigrateCommand::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("diff without sides") << QStringList{u"diff"_s} << u"FROM and TO are needed."_s;
    QTest::newRow("diff bad rename") << QStringList{u"diff"_s, u"a"_s, u"b"_s, u"--rename"_s, u"x"_s} << u"--rename takes OLD=NEW"_s;
    QTest::newRow("migrate without --to") << QStringList{u"migrate"_s, u"sqlite:x.db"_s} << u"--to WORKSPACE is required."_s;
    QTest::newRow("migrate a workspace") << QStringList{u"migrate"_s, u"a.quarry"_s, u"--to"_s, u"b.quarry"_s} << u"is not a database"_s;
}

void TestMigrateCommand::usage()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = quarry(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestMigrateCommand)
#include "tst_migratecommand.moc"
