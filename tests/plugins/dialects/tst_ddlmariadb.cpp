// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "goldencase.h"
#include "schema/ddlwriter.h"
#include "schema/dialectregistry.h"
#include "schema/pgddlimporter.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

namespace {
struct Run {
    int exitCode = -1;
    QByteArray err;
};
} // namespace

/// The MySQL family's DDL on a real MariaDB 10.11 (scripts/test.sh starts one and sets
/// QUARRY_TEST_MARIADB_URL), run by the mariadb client: every golden design and the sample
/// workspace's design, in the MySQL and the MariaDB dialect, each in fresh databases; where the
/// two differ (functional indexes), MySQL's DDL is refused by MariaDB and MariaDB's runs and says
/// what it left out.
class TestDdlMariadb : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void executes_data();
    void executes();
    void functionalIndexes();

private:
    Run exec(const QString &database, const QByteArray &script);
    /// Drops the schema's databases (its namespaces are MariaDB databases) and `database`, then
    /// creates `database`.
    bool fresh(const QString &database, const Schema &schema);
    QStringList m_client;
};

void TestDdlMariadb::initTestCase()
{
    const QUrl url(qEnvironmentVariable("QUARRY_TEST_MARIADB_URL"));
    if (!url.isValid() || url.host().isEmpty())
        QFAIL("QUARRY_TEST_MARIADB_URL is not set (scripts/test.sh starts a throw-away MariaDB and sets it).");
    m_client = {u"--no-defaults"_s, u"--protocol=tcp"_s, u"-h"_s, url.host(), u"-P"_s, QString::number(url.port(3306)),
                u"-u"_s, url.userName()};
    const Run version = exec({}, "SELECT VERSION()");
    QVERIFY2(version.exitCode == 0, version.err.constData());
}

Run TestDdlMariadb::exec(const QString &database, const QByteArray &script)
{
    QProcess p;
    p.start(u"mariadb"_s, m_client + (database.isEmpty() ? QStringList() : QStringList{database}));
    p.write(script);
    p.closeWriteChannel();
    Run r;
    if (p.waitForFinished(60000)) {
        r.exitCode = p.exitCode();
        r.err = p.readAllStandardError();
    }
    return r;
}

bool TestDdlMariadb::fresh(const QString &database, const Schema &schema)
{
    QByteArray sql;
    for (const Namespace &ns : schema.namespaces)
        sql += "DROP DATABASE IF EXISTS `" + ns.name.toUtf8() + "`;\n";
    sql += "DROP DATABASE IF EXISTS `" + database.toUtf8() + "`;\nCREATE DATABASE `" + database.toUtf8() + "`;\n";
    const Run r = exec({}, sql);
    if (r.exitCode != 0)
        qWarning() << r.err;
    return r.exitCode == 0;
}

void TestDdlMariadb::executes_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("source");
    const QString root = QFINDTESTDATA("golden");
    const QString sample = QFINDTESTDATA("../../../resources/samples/seed.quarry");
    for (const QString dialect : {u"mysql"_s, u"mariadb"_s}) {
        for (const QString &name : golden::caseNames(root))
            QTest::newRow(qPrintable(dialect + u' ' + name)) << dialect << root + u'/' + name;
        QTest::newRow(qPrintable(dialect + u" sample workspace"_s)) << dialect << sample;
    }
}

void TestDdlMariadb::executes()
{
    QFETCH(QString, dialect);
    QFETCH(QString, source);
    Schema schema;
    if (source.endsWith(u".quarry"_s)) {
        QFile f(source);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const auto read = Schema::fromJson(QJsonDocument::fromJson(f.readAll()).object().value(u"schema"_s).toObject());
        QVERIFY(read);
        schema = read.value();
    } else {
        const auto read = golden::loadSchema(source);
        QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
        schema = read.value();
    }
    const Dialect *d = DialectRegistry::instance().dialect(dialect);
    QVERIFY2(d, qPrintable(dialect));
    const auto ddl = d->createStatements(schema);
    QVERIFY2(ddl, qPrintable(ddl ? QString() : ddl.error().message));
    QVERIFY(fresh(u"quarry_ddl"_s, schema));
    const Run r = exec(u"quarry_ddl"_s, DdlWriter::script(ddl.value()).toUtf8());
    if (source.endsWith(u"views-namespaces"_s))
        QEXPECT_FAIL("", "MySQL and MariaDB resolve an unqualified REFERENCES in the child table's database: "
                         "sales.invoices cannot reference regions of the default database, which has no name in the DDL",
                     Abort);
    QVERIFY2(r.exitCode == 0, (r.err + '\n' + DdlWriter::script(ddl.value()).toUtf8()).constData());
    // The tables are there, with their columns (views add theirs to the count).
    QByteArray count = "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema IN ('quarry_ddl'";
    for (const Namespace &ns : schema.namespaces)
        count += ", '" + ns.name.toUtf8() + '\'';
    count += ')';
    qsizetype columns = 0;
    for (const Table &t : schema.tables)
        columns += t.columns.size();
    QVERIFY(columns > 0);
    QProcess p;
    p.start(u"mariadb"_s, m_client + QStringList{u"-N"_s, u"-e"_s, QString::fromUtf8(count)});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.readAllStandardOutput().trimmed().toLongLong() >= columns, "the tables' columns are not all there");
}

void TestDdlMariadb::functionalIndexes()
{
    // The one difference in the DDL Quarry writes: MySQL 8.0.13 indexes an expression, MariaDB
    // 10.11 does not.
    const auto imported = PgDdlImporter::import(
        u"CREATE TABLE member (id int PRIMARY KEY, email varchar(200) NOT NULL);\n"
        u"CREATE INDEX member_email_lower ON member (lower(email));\n"
        u"CREATE INDEX member_email ON member (email);\n"_s);
    QVERIFY(imported);
    const Schema &schema = imported.value().schema;
    const Dialect *mysql = DialectRegistry::instance().dialect(u"mysql"_s);
    const Dialect *mariadb = DialectRegistry::instance().dialect(u"mariadb"_s);
    QVERIFY(mysql && mariadb);

    const auto my = mysql->createStatements(schema);
    QVERIFY(my);
    const QString mySql = DdlWriter::script(my.value());
    QVERIFY2(mySql.contains(u"((lower(email)))"_s), qPrintable(mySql));
    QVERIFY2(mySql.contains(u"-- member_email_lower is a functional index: MySQL 8.0.13 or later; MariaDB rejects it"_s),
             qPrintable(mySql));
    QVERIFY(fresh(u"quarry_functional"_s, schema));
    const Run refused = exec(u"quarry_functional"_s, mySql.toUtf8());
    QVERIFY2(refused.exitCode != 0 && refused.err.contains("syntax"), refused.err.constData());

    const auto maria = mariadb->createStatements(schema);
    QVERIFY(maria);
    const QString mariaSql = DdlWriter::script(maria.value());
    QVERIFY2(!mariaSql.contains(u"(lower(email))"_s), qPrintable(mariaSql));
    QVERIFY2(mariaSql.contains(u"-- MariaDB has no functional indexes: member_email_lower is left out"_s), qPrintable(mariaSql));
    QVERIFY(mariaSql.contains(u"CREATE INDEX member_email ON member (email)"_s));
    QVERIFY(fresh(u"quarry_functional"_s, schema));
    const Run ran = exec(u"quarry_functional"_s, mariaSql.toUtf8());
    QVERIFY2(ran.exitCode == 0, ran.err.constData());
}

QTEST_GUILESS_MAIN(TestDdlMariadb)
#include "tst_ddlmariadb.moc"
