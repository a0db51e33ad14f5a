// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dialectregistry.h"
#include "schema/validator.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

// Each row is a small design with one mistake; the validator must name the problem and where.
class TestValidator : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void problems_data();
    void problems();
    void validDesignHasNoProblems();
    void reservedWordsNameTheDialects();

private:
    QList<const Dialect *> m_dialects;
};

namespace {
Schema parse(const QString &json)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(pe.errorString()));
    auto s = Schema::fromJson(doc.object());
    if (!s)
        qFatal("bad test schema: %s", qPrintable(s.error().toString()));
    return s.value();
}

// customers(id serial pk, email varchar unique) and orders(id, customer_id integer -> customers.id)
QString design(const QString &ordersColumns, const QString &ordersExtra = {}, const QString &more = {})
{
    return uR"J({"tables": [
      {"id": "t-c", "name": "customers", "columns": [
         {"id": "c-1", "name": "id", "type": "serial", "primaryKey": true, "nullable": false},
         {"id": "c-2", "name": "email", "type": "varchar", "length": 255, "unique": true}]},
      {"id": "t-o", "name": "orders", "columns": [%1] %2}
      %3]})J"_s.arg(ordersColumns, ordersExtra, more);
}
const QString ordersCols = uR"J({"id": "o-1", "name": "id", "type": "serial", "primaryKey": true},
                                {"id": "o-2", "name": "customer_id", "type": "integer"})J"_s;
} // namespace

void TestValidator::initTestCase()
{
    for (const QString id : {u"postgres"_s, u"sqlite"_s, u"mysql"_s}) {
        const Dialect *d = DialectRegistry::instance().dialect(id);
        QVERIFY2(d, qPrintable(u"dialect plugin %1 not found in %2"_s.arg(id, qEnvironmentVariable("QUARRY_PLUGIN_DIR"))));
        m_dialects << d;
    }
}

void TestValidator::problems_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("where");
    QTest::addColumn<bool>("isError");

    const QString fk = uR"J(, "foreignKeys": [{"id": "fk", "columns": ["customer_id"], "references": {"table": "%1", "columns": ["%2"]}}])J"_s;
    QTest::newRow("fk to missing table") << design(ordersCols, fk.arg(u"clients"_s, u"id"_s)) << u"broken-reference"_s
                                         << u"orders.customer_id"_s << true;
    QTest::newRow("fk to missing column") << design(ordersCols, fk.arg(u"customers"_s, u"uid"_s))
                                          << u"broken-reference"_s << u"orders.customer_id"_s << true;
    QTest::newRow("fk from missing column")
        << design(uR"J({"id": "o-1", "name": "id", "type": "serial", "primaryKey": true})J"_s,
                  fk.arg(u"customers"_s, u"id"_s))
        << u"broken-reference"_s << u"orders.customer_id"_s << true;
    QTest::newRow("fk type mismatch")
        << design(uR"J({"id": "o-1", "name": "id", "type": "serial", "primaryKey": true},
                      {"id": "o-2", "name": "customer_id", "type": "varchar", "length": 20})J"_s,
                  fk.arg(u"customers"_s, u"id"_s))
        << u"type-mismatch"_s << u"orders.customer_id"_s << true;
    QTest::newRow("fk bigint to serial")
        << design(uR"J({"id": "o-1", "name": "id", "type": "serial", "primaryKey": true},
                      {"id": "o-2", "name": "customer_id", "type": "bigint"})J"_s,
                  fk.arg(u"customers"_s, u"id"_s))
        << u"type-mismatch"_s << u"orders.customer_id"_s << true;
    QTest::newRow("fk to a column that is no key")
        << design(uR"J({"id": "o-1", "name": "id", "type": "serial", "primaryKey": true},
                      {"id": "o-2", "name": "customer_id", "type": "varchar", "length": 255})J"_s,
                  uR"J(, "foreignKeys": [{"id": "fk", "columns": ["customer_id"], "references": {"table": "customers", "columns": ["email"]}}])J"_s)
               .replace(u"\"unique\": true"_s, u"\"unique\": false"_s)
        << u"fk-not-key"_s << u"orders.customer_id"_s << true;
    QTest::newRow("set null on not null")
        << design(uR"J({"id": "o-1", "name": "id", "type": "serial", "primaryKey": true},
                      {"id": "o-2", "name": "customer_id", "type": "integer", "nullable": false})J"_s,
                  uR"J(, "foreignKeys": [{"id": "fk", "columns": ["customer_id"], "onDelete": "setNull", "references": {"table": "customers", "columns": ["id"]}}])J"_s)
        << u"invalid-action"_s << u"orders.customer_id"_s << true;
    QTest::newRow("duplicate column")
        << design(ordersCols + uR"J(, {"id": "o-3", "name": "customer_id", "type": "integer"})J"_s)
        << u"duplicate-name"_s << u"orders.customer_id"_s << true;
    QTest::newRow("duplicate table")
        << design(ordersCols, {}, uR"J(, {"id": "t-x", "name": "orders", "columns": [{"id": "x-1", "name": "a", "type": "text"}]})J"_s)
        << u"duplicate-name"_s << u"orders"_s << true;
    QTest::newRow("duplicate id")
        << design(uR"J({"id": "o-1", "name": "id", "type": "serial", "primaryKey": true},
                      {"id": "o-1", "name": "customer_id", "type": "integer"})J"_s)
        << u"duplicate-id"_s << u"orders.customer_id"_s << true;
    QTest::newRow("index on missing column")
        << design(ordersCols, uR"J(, "indexes": [{"id": "i", "name": "orders_x", "columns": ["x"]}])J"_s)
        << u"broken-reference"_s << u"orders.x"_s << true;
    QTest::newRow("index name clashes with table")
        << design(ordersCols, uR"J(, "indexes": [{"id": "i", "name": "customers", "columns": ["customer_id"]}])J"_s)
        << u"duplicate-name"_s << u"orders.customers"_s << true;
    QTest::newRow("two primary keys")
        << design(ordersCols, uR"J(, "primaryKey": {"id": "pk", "columns": ["customer_id"]})J"_s)
        << u"duplicate-primary-key"_s << u"orders"_s << true;
    QTest::newRow("unique on missing column")
        << design(ordersCols, uR"J(, "uniques": [{"id": "u", "columns": ["nope"]}])J"_s) << u"broken-reference"_s
        << u"orders.nope"_s << true;
    QTest::newRow("missing enum")
        << design(ordersCols + uR"J(, {"id": "o-3", "name": "status", "type": "enum", "enum": "order_status"})J"_s)
        << u"broken-reference"_s << u"orders.status"_s << true;
    QTest::newRow("undeclared namespace")
        << design(ordersCols, {}, uR"J(, {"id": "t-x", "name": "x", "namespace": "sales", "columns": [{"id": "x-1", "name": "a", "type": "text"}]})J"_s)
        << u"broken-reference"_s << u"sales.x"_s << true;
    QTest::newRow("empty check")
        << design(ordersCols, uR"J(, "checks": [{"id": "ck", "expression": " "}])J"_s) << u"empty-check"_s << u"orders"_s
        << true;
    QTest::newRow("identity on text")
        << design(ordersCols + uR"J(, {"id": "o-3", "name": "code", "type": "text", "identity": "always"})J"_s)
        << u"invalid-type"_s << u"orders.code"_s << true;
    QTest::newRow("reserved column name")
        << design(ordersCols + uR"J(, {"id": "o-3", "name": "order", "type": "integer"})J"_s) << u"reserved-word"_s
        << u"orders.order"_s << false;
    QTest::newRow("reserved table name")
        << design(ordersCols, {}, uR"J(, {"id": "t-x", "name": "user", "columns": [{"id": "x-1", "name": "a", "type": "text"}]})J"_s)
        << u"reserved-word"_s << u"user"_s << false;
    QTest::newRow("long name")
        << design(ordersCols + uR"J(, {"id": "o-3", "name": "%1", "type": "integer"})J"_s.arg(QString(70, u'a')))
        << u"name-too-long"_s << u"orders."_s + QString(70, u'a') << false;
    QTest::newRow("gin index elsewhere")
        << design(ordersCols, uR"J(, "indexes": [{"id": "i", "name": "orders_c", "method": "gin", "columns": ["customer_id"]}])J"_s)
        << u"unsupported-feature"_s << u"orders.orders_c"_s << false;
    QTest::newRow("same name in two namespaces, flattened by SQLite")
        << uR"J({"namespaces": [{"id": "ns", "name": "sales"}], "tables": [
              {"id": "t-1", "name": "orders", "columns": [{"id": "c-1", "name": "id", "type": "integer"}]},
              {"id": "t-2", "name": "orders", "namespace": "sales", "columns": [{"id": "c-2", "name": "id", "type": "integer"}]}]})J"_s
        << u"namespace-collision"_s << u"sales.orders"_s << false;
    QTest::newRow("custom type") << design(ordersCols + uR"J(, {"id": "o-3", "name": "doc", "type": "tsvector"})J"_s)
                                 << u"custom-type"_s << u"orders.doc"_s << false;
}

void TestValidator::problems()
{
    QFETCH(QString, json);
    QFETCH(QString, code);
    QFETCH(QString, where);
    QFETCH(bool, isError);
    const QList<Problem> found = Validator(m_dialects).validate(parse(json));
    QStringList seen;
    bool matched = false;
    for (const Problem &p : found) {
        seen << u"%1 at %2: %3"_s.arg(p.code, p.where, p.message);
        if (p.code == code && p.where == where && p.isError() == isError) {
            matched = true;
            QVERIFY(!p.message.isEmpty());
            QVERIFY(!p.objectId.isEmpty());
        }
    }
    QVERIFY2(matched, qPrintable(u"expected %1 at %2; found:\n"_s.arg(code, where) + seen.join(u'\n')));
    QCOMPARE(Validator::hasErrors(found), isError);
}

void TestValidator::validDesignHasNoProblems()
{
    const Schema s = parse(design(ordersCols, uR"J(, "foreignKeys": [{"id": "fk", "columns": ["customer_id"],
        "references": {"table": "customers", "columns": ["id"]}}], "indexes": [{"id": "i", "name": "orders_customer_id_idx",
        "columns": ["customer_id"]}])J"_s));
    const QList<Problem> found = Validator(m_dialects).validate(s);
    QStringList seen;
    for (const Problem &p : found)
        seen << p.code + u' ' + p.where;
    QVERIFY2(found.isEmpty(), qPrintable(seen.join(u'\n')));
}

void TestValidator::reservedWordsNameTheDialects()
{
    // "key" is reserved in MySQL and SQLite but not in PostgreSQL.
    const Schema s = parse(design(ordersCols + uR"J(, {"id": "o-3", "name": "key", "type": "integer"})J"_s));
    const QList<Problem> found = Validator(m_dialects).validate(s);
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.first().message.contains(u"SQLite, MySQL"_s), qPrintable(found.first().message));
    QVERIFY(!found.first().message.contains(u"PostgreSQL"_s));
    QVERIFY(Validator({m_dialects.first()}).validate(s).isEmpty());
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
