// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dbmlimporter.h"
#include "schema/pgddlimporter.h"
#include "schema/schema.h"
#include "schema/sqliteddlimporter.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

class TestSchemaModel : public QObject
{
    Q_OBJECT
private slots:
    void seedLoadsAndRoundTrips();
    void roundTripIsLossless_data();
    void roundTripIsLossless();
    void readsEveryField();
    void missingIdsAreGenerated();
    void badJsonHasPath_data();
    void badJsonHasPath();
    void renameColumnRewritesReferences();
    void renameTableRewritesReferences();
    void referentialActionText();
    void importersMakeTheSameIds();

private:
    static QJsonObject load(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }
};

void TestSchemaModel::seedLoadsAndRoundTrips()
{
    const QString path = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s;
    auto ws = quarry::workspace::Workspace::load(path);
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
    const QJsonObject section = ws.value()->section(quarry::workspace::Section::Schema);
    const auto schema = Schema::fromJson(section);
    QVERIFY2(schema, qPrintable(schema ? QString() : schema.error().toString()));
    QCOMPARE(schema.value().tables.size(), 2); // users, then the login accounts
    const Table &users = schema.value().tables.first();
    QCOMPARE(users.id, u"tbl-users"_s);
    QCOMPARE(users.primaryKeyColumns(), QStringList{u"id"_s});
    QCOMPARE(users.column(u"email"_s)->type.kind, TypeKind::Varchar);
    QCOMPARE(users.column(u"email"_s)->type.length, 255);
    QCOMPARE(users.column(u"created_at"_s)->defaultValue.expression, u"CURRENT_TIMESTAMP"_s);
    QCOMPARE(schema.value().toJson(), section);
}

void TestSchemaModel::roundTripIsLossless_data()
{
    QTest::addColumn<QString>("path");
    const QDir golden(QFINDTESTDATA("../../plugins/dialects/golden"));
    QVERIFY(golden.exists());
    for (const QString &dir : golden.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        QTest::newRow(qPrintable(dir)) << golden.filePath(dir + u"/schema.json"_s);
}

void TestSchemaModel::roundTripIsLossless()
{
    QFETCH(QString, path);
    const QJsonObject json = load(path);
    QVERIFY(!json.isEmpty());
    const auto schema = Schema::fromJson(json);
    QVERIFY2(schema, qPrintable(schema ? QString() : schema.error().toString()));
    QCOMPARE(QJsonDocument(schema.value().toJson()).toJson(), QJsonDocument(json).toJson());
    // A second round trip through the value is stable too.
    const auto again = Schema::fromJson(schema.value().toJson());
    QVERIFY(again);
    QCOMPARE(again.value().toJson(), json);
}

void TestSchemaModel::readsEveryField()
{
    const QJsonObject json = QJsonDocument::fromJson(R"J({
      "namespaces": [{"id": "ns-1", "name": "sales", "comment": "Sales"}],
      "enums": [{"id": "e-1", "name": "mood", "namespace": "sales", "values": ["sad", "ok"]}],
      "tables": [{
        "id": "t-1", "name": "orders", "namespace": "sales", "comment": "Orders", "x": 120,
        "columns": [
          {"id": "c-1", "name": "id", "type": "bigint", "identity": "always", "nullable": false},
          {"id": "c-2", "name": "total", "type": "decimal", "precision": 10, "scale": 2, "default": {"value": 0}},
          {"id": "c-3", "name": "tags", "type": "text", "array": true},
          {"id": "c-4", "name": "m", "type": "enum", "enum": "mood"},
          {"id": "c-5", "name": "doc", "type": "tsvector"},
          {"id": "c-6", "name": "twice", "type": "integer", "generated": {"expression": "total * 2"}}
        ],
        "primaryKey": {"id": "pk-1", "name": "orders_pk", "columns": ["id"]},
        "uniques": [{"id": "u-1", "columns": ["m", "doc"]}],
        "foreignKeys": [{"id": "fk-1", "columns": ["id"], "references": {"namespace": "sales", "table": "orders", "columns": ["id"]},
                         "onDelete": "cascade", "onUpdate": "setNull"}],
        "checks": [{"id": "ck-1", "name": "positive", "expression": "total >= 0"}],
        "indexes": [{"id": "i-1", "name": "orders_doc", "method": "gin", "where": "total > 0", "unique": true,
                     "columns": ["doc", {"expression": "lower(m::text)", "order": "desc", "nulls": "last"}]}]
      }],
      "views": [{"id": "v-1", "name": "big", "namespace": "sales", "sql": "SELECT 1"}]
    })J").object();
    const auto parsed = Schema::fromJson(json);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
    const Schema &s = parsed.value();
    QCOMPARE(s.namespaces.first().comment, u"Sales"_s);
    QCOMPARE(s.enums.first().values, (QStringList{u"sad"_s, u"ok"_s}));
    const Table &t = s.tables.first();
    QCOMPARE(t.extra.value(u"x"_s).toInt(), 120);
    QCOMPARE(t.columns.at(0).identity, Column::Identity::Always);
    QCOMPARE(t.columns.at(1).type.precision, 10);
    QCOMPARE(t.columns.at(1).defaultValue.kind, ColumnDefault::Kind::Literal);
    QVERIFY(t.columns.at(2).type.array);
    QCOMPARE(t.columns.at(3).type.enumName, u"mood"_s);
    QCOMPARE(t.columns.at(4).type.kind, TypeKind::Custom);
    QCOMPARE(t.columns.at(4).type.custom, u"tsvector"_s);
    QCOMPARE(t.columns.at(5).generatedExpression, u"total * 2"_s);
    QCOMPARE(t.primaryKey->name, u"orders_pk"_s);
    QCOMPARE(t.foreignKeys.first().onDelete, ReferentialAction::Cascade);
    QCOMPARE(t.foreignKeys.first().onUpdate, ReferentialAction::SetNull);
    const Index &ix = t.indexes.first();
    QCOMPARE(ix.method, u"gin"_s);
    QCOMPARE(ix.where, u"total > 0"_s);
    QVERIFY(ix.unique);
    QCOMPARE(ix.elements.size(), 2);
    QVERIFY(ix.elements.at(0).isPlainColumn());
    QCOMPARE(ix.elements.at(1).expression, u"lower(m::text)"_s);
    QVERIFY(ix.elements.at(1).descending);
    QCOMPARE(ix.elements.at(1).nulls, IndexElement::Nulls::Last);
    QCOMPARE(s.views.first().sql, u"SELECT 1"_s);
    // Written back, only the defaults the input left out appear ("nullable": true); all else is equal.
    QJsonObject written = s.toJson();
    QJsonArray columns = written[u"tables"_s][0][u"columns"_s].toArray();
    for (qsizetype i = 0; i < columns.size(); ++i) {
        QJsonObject c = columns.at(i).toObject();
        if (!json[u"tables"_s][0][u"columns"_s][i].toObject().contains(u"nullable"_s)) {
            QCOMPARE(c.take(u"nullable"_s), QJsonValue(true));
            columns[i] = c;
        }
    }
    QJsonObject table = written[u"tables"_s][0].toObject();
    table[u"columns"_s] = columns;
    written[u"tables"_s] = QJsonArray{table};
    QCOMPARE(written, json);
}

void TestSchemaModel::missingIdsAreGenerated()
{
    const QJsonObject json = QJsonDocument::fromJson(
        R"J({"tables": [{"name": "a", "columns": [{"name": "x", "type": "integer"}, {"name": "y", "type": "integer"}]}]})J")
                                 .object();
    const auto s = Schema::fromJson(json);
    QVERIFY(s);
    const Table &t = s.value().tables.first();
    QVERIFY(t.id.startsWith(u"tbl-"_s));
    QVERIFY(t.columns.at(0).id.startsWith(u"col-"_s));
    QVERIFY(t.columns.at(0).id != t.columns.at(1).id);
    // Once written, the ids are kept: the next load sees the same ones.
    const auto again = Schema::fromJson(s.value().toJson());
    QVERIFY(again);
    QCOMPARE(again.value().tables.first().columns.at(1).id, t.columns.at(1).id);
}

void TestSchemaModel::badJsonHasPath_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("where");
    QTest::newRow("tables not an array") << uR"J({"tables": {}})J"_s << u"schema.tables"_s;
    QTest::newRow("column without type") << uR"J({"tables": [{"name": "a", "columns": [{"name": "x"}]}]})J"_s
                                         << u"schema.tables[0].columns[0].type"_s;
    QTest::newRow("nullable not bool")
        << uR"J({"tables": [{"name": "a", "columns": [{"name": "x", "type": "text", "nullable": "no"}]}]})J"_s
        << u"schema.tables[0].columns[0].nullable"_s;
    QTest::newRow("unknown action")
        << uR"J({"tables": [{"name": "a", "columns": [], "foreignKeys": [{"columns": ["x"], "references": {"table": "b", "columns": ["y"]}, "onDelete": "explode"}]}]})J"_s
        << u"schema.tables[0].foreignKeys[0].onDelete"_s;
    QTest::newRow("fk without references")
        << uR"J({"tables": [{"name": "a", "columns": [], "foreignKeys": [{"columns": ["x"]}]}]})J"_s
        << u"schema.tables[0].foreignKeys[0].references"_s;
    QTest::newRow("index key with both column and expression")
        << uR"J({"tables": [{"name": "a", "columns": [], "indexes": [{"columns": [{"column": "x", "expression": "y"}]}]}]})J"_s
        << u"schema.tables[0].indexes[0].columns[0]"_s;
    QTest::newRow("negative length")
        << uR"J({"tables": [{"name": "a", "columns": [{"name": "x", "type": "varchar", "length": -1}]}]})J"_s
        << u"schema.tables[0].columns[0].length"_s;
    QTest::newRow("enum column without enum")
        << uR"J({"tables": [{"name": "a", "columns": [{"name": "x", "type": "enum"}]}]})J"_s
        << u"schema.tables[0].columns[0].enum"_s;
}

void TestSchemaModel::badJsonHasPath()
{
    QFETCH(QString, json);
    QFETCH(QString, where);
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &pe);
    QCOMPARE(pe.error, QJsonParseError::NoError);
    const auto s = Schema::fromJson(doc.object());
    QVERIFY(!s);
    QCOMPARE(s.error().where, where);
    QVERIFY(!s.error().message.isEmpty());
}

void TestSchemaModel::renameColumnRewritesReferences()
{
    const auto parsed = Schema::fromJson(QJsonDocument::fromJson(R"J({"tables": [
      {"id": "t-c", "name": "customers", "columns": [{"id": "c-id", "name": "id", "type": "integer", "primaryKey": true}]},
      {"id": "t-o", "name": "orders", "columns": [{"id": "o-id", "name": "id", "type": "integer", "primaryKey": true},
                                                 {"id": "o-c", "name": "customer", "type": "integer"}],
       "foreignKeys": [{"id": "fk", "columns": ["customer"], "references": {"table": "customers", "columns": ["id"]}}],
       "indexes": [{"id": "ix", "name": "orders_customer", "columns": ["customer"]}]}]})J")
                                             .object());
    QVERIFY(parsed);
    Schema s = parsed.value();
    QVERIFY(s.renameColumn(u"t-o"_s, u"o-c"_s, u"customer_id"_s));
    QVERIFY(s.renameColumn(u"t-c"_s, u"c-id"_s, u"customer_no"_s));
    const Table *orders = s.table(u"orders"_s);
    QCOMPARE(orders->column(u"customer_id"_s)->id, u"o-c"_s);
    QCOMPARE(orders->foreignKeys.first().columns, QStringList{u"customer_id"_s});
    QCOMPARE(orders->foreignKeys.first().refColumns, QStringList{u"customer_no"_s});
    QCOMPARE(orders->indexes.first().elements.first().column, u"customer_id"_s);
    QVERIFY(!s.renameColumn(u"t-o"_s, u"missing"_s, u"x"_s));
}

void TestSchemaModel::renameTableRewritesReferences()
{
    const auto parsed = Schema::fromJson(QJsonDocument::fromJson(R"J({"tables": [
      {"id": "t-c", "name": "customers", "columns": [{"id": "c-id", "name": "id", "type": "integer", "primaryKey": true}]},
      {"id": "t-o", "name": "orders", "columns": [{"id": "o-c", "name": "customer_id", "type": "integer"}],
       "foreignKeys": [{"id": "fk", "columns": ["customer_id"], "references": {"table": "customers", "columns": ["id"]}}]}]})J")
                                             .object());
    QVERIFY(parsed);
    Schema s = parsed.value();
    QVERIFY(s.renameTable(u"t-c"_s, u"clients"_s));
    QCOMPARE(s.tableById(u"t-c"_s)->name, u"clients"_s);
    QCOMPARE(s.table(u"orders"_s)->foreignKeys.first().refTable, u"clients"_s);
}

void TestSchemaModel::referentialActionText()
{
    // One mapping for the JSON names, SQL's words (DDL, DBML, the designer) and PostgreSQL's codes.
    for (const ReferentialAction a : ReferentialActions::All) {
        QCOMPARE(ReferentialActions::fromText(ReferentialActions::jsonName(a)), a);
        QCOMPARE(ReferentialActions::fromText(ReferentialActions::sql(a)), a);
        QCOMPARE(ReferentialActions::fromText(ReferentialActions::sql(a).toLower()), a);
    }
    QCOMPARE(ReferentialActions::sql(ReferentialAction::SetNull), u"SET NULL"_s);
    QCOMPARE(ReferentialActions::jsonName(ReferentialAction::SetDefault), u"setDefault"_s);
    QCOMPARE(ReferentialActions::fromText(u" Set   Null "_s), ReferentialAction::SetNull);
    QCOMPARE(ReferentialActions::fromText(u"NOACTION"_s), ReferentialAction::NoAction);
    QVERIFY(!ReferentialActions::fromText(u"delete"_s));
    QVERIFY(!ReferentialActions::fromText(QString()));
    QCOMPARE(ReferentialActions::fromPgCode(u"n"), ReferentialAction::SetNull);
    QCOMPARE(ReferentialActions::fromPgCode(u"c"), ReferentialAction::Cascade);
    QCOMPARE(ReferentialActions::fromPgCode(u"a"), ReferentialAction::NoAction);
}

void TestSchemaModel::importersMakeTheSameIds()
{
    QCOMPARE(ObjectIds::table(u"sales"_s, u"order"_s), u"tbl-sales-order"_s);
    QCOMPARE(ObjectIds::table({}, u"order"_s), u"tbl-order"_s);
    QCOMPARE(ObjectIds::column(u"order"_s, u"id"_s), u"col-order-id"_s);
    QCOMPARE(ObjectIds::foreignKey(u"order"_s, u"customer_id"_s), u"fk-order-customer_id"_s);

    // The same design read from PostgreSQL DDL, SQLite DDL and DBML gets the same ids, so an
    // import can replace what an earlier import of another format made.
    const QString ddl = u"CREATE TABLE authors (id integer PRIMARY KEY, name text NOT NULL);\n"
                        u"CREATE TABLE books (id integer PRIMARY KEY, author_id integer REFERENCES authors (id));\n"
                        u"CREATE INDEX books_author ON books (author_id);\n"_s;
    const QString dbml = u"Table authors {\n  id integer [pk]\n  name text [not null]\n}\n"
                         u"Table books {\n  id integer [pk]\n  author_id integer [ref: > authors.id]\n"
                         u"  indexes {\n    author_id [name: 'books_author']\n  }\n}\n"_s;
    const auto pg = PgDdlImporter::import(ddl);
    const auto sqlite = SqliteDdlImporter::import(ddl);
    const auto fromDbml = DbmlImporter::import(dbml);
    QVERIFY2(pg, qPrintable(pg ? QString() : pg.error().toString()));
    QVERIFY2(sqlite, qPrintable(sqlite ? QString() : sqlite.error().toString()));
    QVERIFY2(fromDbml, qPrintable(fromDbml ? QString() : fromDbml.error().toString()));
    for (const SqlImport *in : {&pg.value(), &sqlite.value(), &fromDbml.value()}) {
        const Table *books = in->schema.table(u"books"_s);
        QVERIFY(books);
        QCOMPARE(books->id, u"tbl-books"_s);
        QCOMPARE(books->columns.value(1).id, u"col-books-author_id"_s);
        QCOMPARE(books->foreignKeys.value(0).id, u"fk-books-author_id"_s);
        QCOMPARE(books->indexes.value(0).id, u"idx-books-books_author"_s);
    }
}

QTEST_GUILESS_MAIN(TestSchemaModel)
#include "tst_schemamodel.moc"
