// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/designadvisor.h"
#include "schema/dialectregistry.h"
#include "schema/validator.h"
#include "workspace/workspace.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

// Every rule has a row that must fire and rows that must stay quiet.
class TestDesignAdvisor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void rules_data();
    void rules();
    void sqliteFixesRun_data();
    void sqliteFixesRun();
    void sampleExplainsTheUniqueIndex();
    void everyRuleIsCovered();

private:
    QMap<QString, const Dialect *> m_dialects;
    QSet<QString> m_firedRules;
};

namespace {
Schema parse(const QString &tablesJson)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson((u"{\"tables\": ["_s + tablesJson + u"]}"_s).toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s in %s", qPrintable(pe.errorString()), qPrintable(tablesJson));
    auto s = Schema::fromJson(doc.object());
    if (!s)
        qFatal("bad test schema: %s", qPrintable(s.error().toString()));
    return s.value();
}

const QString customers = uR"J({"id": "t-c", "name": "customers", "columns": [
    {"id": "c-1", "name": "id", "type": "serial", "primaryKey": true, "nullable": false},
    {"id": "c-2", "name": "email", "type": "varchar", "length": 255, "nullable": false, "unique": true}]})J"_s;

// orders(id, customer_id -> customers.id, placed_at, note) with extra columns/keys/indexes spliced in
QString orders(const QString &customerColumn, const QString &fkExtra, const QString &tableExtra)
{
    return customers + uR"J(, {"id": "t-o", "name": "orders", "columns": [
        {"id": "o-1", "name": "id", "type": "serial", "primaryKey": true, "nullable": false},
        %1,
        {"id": "o-3", "name": "placed_at", "type": "timestamp", "nullable": false}],
      "foreignKeys": [{"id": "fk-1", "columns": ["customer_id"], "references": {"table": "customers", "columns": ["id"]} %2}]
      %3})J"_s.arg(customerColumn, fkExtra, tableExtra);
}
const QString mandatory = uR"J({"id": "o-2", "name": "customer_id", "type": "integer", "nullable": false})J"_s;
const QString optional = uR"J({"id": "o-2", "name": "customer_id", "type": "integer", "nullable": true})J"_s;
const QString indexed = uR"J(, "indexes": [{"id": "i-1", "name": "orders_customer_id_idx", "columns": ["customer_id"]}])J"_s;

QString single(const QString &columns, const QString &extra = {})
{
    return uR"J({"id": "t-x", "name": "people", "columns": [%1] %2})J"_s.arg(columns, extra);
}
const QString pk = uR"J({"id": "x-1", "name": "id", "type": "bigint", "primaryKey": true, "nullable": false})J"_s;
} // namespace

void TestDesignAdvisor::initTestCase()
{
    for (const QString id : {u"postgres"_s, u"sqlite"_s, u"mysql"_s}) {
        const Dialect *d = DialectRegistry::instance().dialect(id);
        QVERIFY2(d, qPrintable(u"dialect plugin %1 not loaded"_s.arg(id)));
        m_dialects.insert(id, d);
    }
}

void TestDesignAdvisor::rules_data()
{
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<QString>("tables");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("where");   // empty: the rule must not fire

    // fk-without-index
    QTest::newRow("fk without index fires") << u"postgres"_s << orders(mandatory, {}, {}) << u"fk-without-index"_s
                                            << u"orders.customer_id"_s;
    QTest::newRow("fk with index is quiet") << u"postgres"_s << orders(mandatory, {}, indexed) << u"fk-without-index"_s
                                            << QString();
    QTest::newRow("fk leading column of a composite index is quiet")
        << u"postgres"_s
        << orders(mandatory, {}, uR"J(, "indexes": [{"id": "i-1", "name": "orders_by_customer", "columns": ["customer_id", "placed_at"]}])J"_s)
        << u"fk-without-index"_s << QString();
    QTest::newRow("fk second column of an index fires")
        << u"postgres"_s
        << orders(mandatory, {}, uR"J(, "indexes": [{"id": "i-1", "name": "orders_by_date", "columns": ["placed_at", "customer_id"]}])J"_s)
        << u"fk-without-index"_s << u"orders.customer_id"_s;
    QTest::newRow("fk with only a partial index fires")
        << u"postgres"_s
        << orders(mandatory, {}, uR"J(, "indexes": [{"id": "i-1", "name": "orders_open", "columns": ["customer_id"], "where": "placed_at > '2020-01-01'"}])J"_s)
        << u"fk-without-index"_s << u"orders.customer_id"_s;
    QTest::newRow("fk on mysql is quiet (InnoDB indexes it)") << u"mysql"_s << orders(mandatory, {}, {})
                                                              << u"fk-without-index"_s << QString();

    // no-primary-key
    QTest::newRow("table without primary key fires")
        << u"postgres"_s << single(uR"J({"id": "x-2", "name": "name", "type": "text"})J"_s) << u"no-primary-key"_s
        << u"people"_s;
    QTest::newRow("table with primary key is quiet") << u"postgres"_s << single(pk) << u"no-primary-key"_s << QString();

    // duplicate-index
    QTest::newRow("identical indexes fire")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "a", "type": "text"}, {"id": "x-3", "name": "b", "type": "text"})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "ab1", "columns": ["a", "b"]}, {"id": "i-2", "name": "ab2", "columns": ["a", "b"]}])J"_s)
        << u"duplicate-index"_s << u"people.ab2"_s;
    QTest::newRow("same columns in another order are quiet")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "a", "type": "text"}, {"id": "x-3", "name": "b", "type": "text"})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "ab", "columns": ["a", "b"]}, {"id": "i-2", "name": "ba", "columns": ["b", "a"]}])J"_s)
        << u"duplicate-index"_s << QString();

    // prefix-index
    QTest::newRow("left prefix fires")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "a", "type": "text"}, {"id": "x-3", "name": "b", "type": "text"})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "a_only", "columns": ["a"]}, {"id": "i-2", "name": "ab", "columns": ["a", "b"]}])J"_s)
        << u"prefix-index"_s << u"people.a_only"_s;
    QTest::newRow("second column is not a prefix")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "a", "type": "text"}, {"id": "x-3", "name": "b", "type": "text"})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "b_only", "columns": ["b"]}, {"id": "i-2", "name": "ab", "columns": ["a", "b"]}])J"_s)
        << u"prefix-index"_s << QString();
    QTest::newRow("unique prefix index is quiet (it enforces something)")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "a", "type": "text"}, {"id": "x-3", "name": "b", "type": "text"})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "a_key", "unique": true, "columns": ["a"]}, {"id": "i-2", "name": "ab", "columns": ["a", "b"]}])J"_s)
        << u"prefix-index"_s << QString();

    // index-duplicates-constraint
    QTest::newRow("index on a unique column fires")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "email", "type": "text", "unique": true})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "people_email", "columns": ["email"]}])J"_s)
        << u"index-duplicates-constraint"_s << u"people.people_email"_s;
    QTest::newRow("index on the primary key fires")
        << u"postgres"_s << single(pk, uR"J(, "indexes": [{"id": "i-1", "name": "people_id", "columns": ["id"]}])J"_s)
        << u"index-duplicates-constraint"_s << u"people.people_id"_s;
    QTest::newRow("expression index on a unique column is quiet")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "email", "type": "text", "unique": true})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "people_email_lower", "columns": [{"expression": "lower(email)"}]}])J"_s)
        << u"index-duplicates-constraint"_s << QString();

    // json-wants-gin
    const QString doc = uR"J(, {"id": "x-2", "name": "doc", "type": "jsonb"})J"_s;
    QTest::newRow("btree on jsonb fires")
        << u"postgres"_s << single(pk + doc, uR"J(, "indexes": [{"id": "i-1", "name": "people_doc", "columns": ["doc"]}])J"_s)
        << u"json-wants-gin"_s << u"people.doc"_s;
    QTest::newRow("btree on an array fires")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "tags", "type": "text", "array": true})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "people_tags", "columns": ["tags"]}])J"_s)
        << u"json-wants-gin"_s << u"people.tags"_s;
    QTest::newRow("gin on jsonb is quiet")
        << u"postgres"_s
        << single(pk + doc, uR"J(, "indexes": [{"id": "i-1", "name": "people_doc", "method": "gin", "columns": ["doc"]}])J"_s)
        << u"json-wants-gin"_s << QString();
    QTest::newRow("sqlite has no gin: quiet")
        << u"sqlite"_s << single(pk + doc, uR"J(, "indexes": [{"id": "i-1", "name": "people_doc", "columns": ["doc"]}])J"_s)
        << u"json-wants-gin"_s << QString();

    // wide-text-primary-key
    QTest::newRow("text primary key fires")
        << u"postgres"_s << single(uR"J({"id": "x-1", "name": "email", "type": "text", "primaryKey": true, "nullable": false})J"_s)
        << u"wide-text-primary-key"_s << u"people.email"_s;
    QTest::newRow("char(2) code primary key is quiet")
        << u"postgres"_s
        << single(uR"J({"id": "x-1", "name": "code", "type": "char", "length": 2, "primaryKey": true, "nullable": false})J"_s)
        << u"wide-text-primary-key"_s << QString();

    // fk-nullable
    QTest::newRow("nullable customer_id fires") << u"postgres"_s << orders(optional, {}, indexed) << u"fk-nullable"_s
                                                << u"orders.customer_id"_s;
    QTest::newRow("not null customer_id is quiet") << u"postgres"_s << orders(mandatory, {}, indexed) << u"fk-nullable"_s
                                                   << QString();
    QTest::newRow("on delete set null is quiet")
        << u"postgres"_s << orders(optional, uR"J(, "onDelete": "setNull")J"_s, indexed) << u"fk-nullable"_s << QString();
    QTest::newRow("nullable self reference is quiet")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "people_id", "type": "bigint"})J"_s,
                  uR"J(, "foreignKeys": [{"id": "fk", "columns": ["people_id"], "references": {"table": "people", "columns": ["id"]}}])J"_s)
        << u"fk-nullable"_s << QString();
    QTest::newRow("nullable reviewer_id is quiet")
        << u"postgres"_s
        << customers + uR"J(, {"id": "t-r", "name": "reviews", "columns": [
              {"id": "r-1", "name": "id", "type": "serial", "primaryKey": true},
              {"id": "r-2", "name": "reviewer_id", "type": "integer"}],
              "foreignKeys": [{"id": "fk", "columns": ["reviewer_id"], "references": {"table": "customers", "columns": ["id"]}}]})J"_s
        << u"fk-nullable"_s << QString();

    // repeated-column-group
    QTest::newRow("phone1..phone3 fires")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "phone1", "type": "text"}, {"id": "x-3", "name": "phone2", "type": "text"},
                               {"id": "x-4", "name": "phone3", "type": "text"})J"_s)
        << u"repeated-column-group"_s << u"people.phone1"_s;
    QTest::newRow("one numbered column is quiet")
        << u"postgres"_s << single(pk + uR"J(, {"id": "x-2", "name": "address_line1", "type": "text"})J"_s)
        << u"repeated-column-group"_s << QString();
    QTest::newRow("sha1 and sha256 are quiet")
        << u"postgres"_s
        << single(pk + uR"J(, {"id": "x-2", "name": "sha1", "type": "text"}, {"id": "x-3", "name": "sha256", "type": "text"})J"_s)
        << u"repeated-column-group"_s << QString();

    // comma-separated-list
    QTest::newRow("text tags fires") << u"postgres"_s << single(pk + uR"J(, {"id": "x-2", "name": "tags", "type": "text"})J"_s)
                                     << u"comma-separated-list"_s << u"people.tags"_s;
    QTest::newRow("varchar friend_ids fires")
        << u"postgres"_s << single(pk + uR"J(, {"id": "x-2", "name": "friend_ids", "type": "varchar", "length": 500})J"_s)
        << u"comma-separated-list"_s << u"people.friend_ids"_s;
    QTest::newRow("text[] tags is quiet")
        << u"postgres"_s << single(pk + uR"J(, {"id": "x-2", "name": "tags", "type": "text", "array": true})J"_s)
        << u"comma-separated-list"_s << QString();
}

void TestDesignAdvisor::rules()
{
    QFETCH(QString, dialect);
    QFETCH(QString, tables);
    QFETCH(QString, rule);
    QFETCH(QString, where);
    const Schema schema = parse(tables);
    const QList<Problem> problems = Validator({m_dialects.value(dialect)}).validate(schema);
    QVERIFY2(!Validator::hasErrors(problems), qPrintable(problems.isEmpty() ? QString() : problems.first().message));
    const QList<Advice> advice = DesignAdvisor(*m_dialects.value(dialect)).advise(schema);
    QStringList seen;
    const Advice *hit = nullptr;
    for (const Advice &a : advice) {
        seen << a.rule + u" at "_s + a.where;
        if (a.rule == rule)
            hit = &a;
    }
    if (where.isEmpty()) {
        QVERIFY2(!hit, qPrintable(u"%1 fired at %2: %3"_s.arg(rule, hit ? hit->where : QString(), hit ? hit->message : QString())));
        return;
    }
    QVERIFY2(hit, qPrintable(u"%1 did not fire; advice: %2"_s.arg(rule, seen.join(u"; "_s))));
    QCOMPARE(hit->where, where);
    QVERIFY(!hit->message.isEmpty());
    QVERIFY2(hit->reason.size() > 60, qPrintable(hit->reason)); // a reason in words, not a code
    QVERIFY(!hit->objectId.isEmpty());
    m_firedRules.insert(rule);
}

void TestDesignAdvisor::sqliteFixesRun_data()
{
    QTest::addColumn<QString>("tables");
    QTest::newRow("fk index") << orders(mandatory, {}, {});
    QTest::newRow("duplicate of a unique")
        << single(pk + uR"J(, {"id": "x-2", "name": "email", "type": "text", "unique": true})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "people_email", "columns": ["email"]}])J"_s);
    QTest::newRow("prefix")
        << single(pk + uR"J(, {"id": "x-2", "name": "a", "type": "text"}, {"id": "x-3", "name": "b", "type": "text"})J"_s,
                  uR"J(, "indexes": [{"id": "i-1", "name": "a_only", "columns": ["a"]}, {"id": "i-2", "name": "ab", "columns": ["a", "b"]}])J"_s);
}

void TestDesignAdvisor::sqliteFixesRun()
{
    // The fix SQL is real SQL: it runs after the design's own DDL.
    QFETCH(QString, tables);
    const Schema schema = parse(tables);
    const Dialect *sqlite = m_dialects.value(u"sqlite"_s);
    const auto ddl = sqlite->createStatements(schema);
    QVERIFY(ddl);
    const QList<Advice> advice = DesignAdvisor(*sqlite).advise(schema);
    int fixes = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fix"_s);
        db.setDatabaseName(u":memory:"_s);
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &s : ddl.value())
            QVERIFY2(q.exec(s), qPrintable(q.lastError().text()));
        for (const Advice &a : advice) {
            for (const QString &s : a.fix) {
                QVERIFY2(q.exec(s), qPrintable(s + u" => "_s + q.lastError().text()));
                ++fixes;
            }
        }
    }
    QSqlDatabase::removeDatabase(u"fix"_s);
    QVERIFY(fixes > 0);
}

void TestDesignAdvisor::sampleExplainsTheUniqueIndex()
{
    const QString path = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    auto ws = quarry::workspace::Workspace::load(path);
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
    const auto schema = Schema::fromJson(ws.value()->section(quarry::workspace::Section::Schema));
    QVERIFY(schema);
    const QList<Advice> advice = DesignAdvisor(*m_dialects.value(u"postgres"_s)).advise(schema.value());
    QCOMPARE(advice.size(), 1);
    const Advice &a = advice.first();
    QCOMPARE(a.rule, u"index-duplicates-constraint"_s);
    QCOMPARE(a.where, u"users.idx_users_email"_s);
    QCOMPARE(a.objectId, u"idx-users-email"_s);
    QVERIFY2(a.message.contains(u"UNIQUE constraint on users.email"_s), qPrintable(a.message));
    QVERIFY2(a.reason.contains(u"already has an index on email"_s), qPrintable(a.reason));
    QCOMPARE(a.fix, QStringList{u"DROP INDEX idx_users_email"_s});
}

void TestDesignAdvisor::everyRuleIsCovered()
{
    for (const QString &rule : DesignAdvisor::rules())
        QVERIFY2(m_firedRules.contains(rule), qPrintable(rule + u" has no firing test row"_s));
}

QTEST_GUILESS_MAIN(TestDesignAdvisor)
#include "tst_designadvisor.moc"
