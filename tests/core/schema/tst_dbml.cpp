// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dbmlexporter.h"
#include "schema/dbmlimporter.h"
#include "schema/dialectregistry.h"
#include "schema/pgddlimporter.h"
#include "schema/validator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

// DBML import and export on their own; tst_dbmlinterop.cpp holds them against @dbml/core.
class TestDbml : public QObject
{
    Q_OBJECT
private slots:
    void readsEveryFeature();
    void refsBecomeForeignKeysOnTheManySide();
    void syntaxErrors_data();
    void syntaxErrors();
    void exportRoundTrip_data();
    void exportRoundTrip();
    void exportIsIdiomatic();
    void exportListsWhatDbmlCannotSay();

private:
    static QString read(const QString &path);
};

namespace {
// The shared sample data: beside the repository (../shared/data), else where the workshop keeps it.
QString sharedData(const QString &relative)
{
    const QString beside = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/"_s + relative;
    return QFile::exists(beside) ? beside : u"/work/shared/data/"_s + relative;
}
} // namespace

QString TestDbml::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

void TestDbml::readsEveryFeature()
{
    const auto imported = DbmlImporter::import(read(QFINDTESTDATA("dbml/features.dbml")));
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
    const Schema &s = imported.value().schema;
    QCOMPARE(s.namespaces.size(), 1);
    QCOMPARE(s.namespaces.first().name, u"lending"_s);
    const QJsonObject dbml = s.extra.value(u"dbml"_s).toObject();
    QCOMPARE(dbml.value(u"project"_s).toObject().value(u"name"_s).toString(), u"library"_s);
    QCOMPARE(dbml.value(u"project"_s).toObject().value(u"note"_s).toString(), u"# Library\nBooks, members and loans."_s);
    QCOMPARE(dbml.value(u"tableGroups"_s).toArray().size(), 2);

    QCOMPARE(s.enums.size(), 2);
    const EnumType *status = s.enumType(u"loan_status"_s, u"lending"_s);
    QVERIFY(status);
    QCOMPARE(status->values, (QStringList{u"requested"_s, u"active"_s, u"returned"_s, u"lost in transit"_s}));

    const Table *members = s.table(u"members"_s, u"lending"_s);
    QVERIFY(members);
    QCOMPARE(members->id, u"tbl-lending-members"_s);
    QCOMPARE(members->comment, u"People who borrow"_s);
    QCOMPARE(members->extra.value(u"dbml"_s).toObject().value(u"alias"_s).toString(), u"M"_s);
    QCOMPARE(members->extra.value(u"dbml"_s).toObject().value(u"headerColor"_s).toString(), u"#3498DB"_s);
    const Column *id = members->column(u"id"_s);
    QCOMPARE(id->type.kind, TypeKind::Serial);
    QVERIFY(id->primaryKey);
    const Column *email = members->column(u"email"_s);
    QCOMPARE(email->type.kind, TypeKind::Varchar);
    QCOMPARE(email->type.length, 320);
    QVERIFY(!email->nullable);
    QVERIFY(email->unique);
    QCOMPARE(email->comment, u"login name"_s);
    QCOMPARE(members->column(u"display_name"_s)->type.length, 80);
    QCOMPARE(members->column(u"joined_at"_s)->defaultValue.expression, u"now()"_s);
    QCOMPARE(members->column(u"active"_s)->defaultValue.literal, QJsonValue(true));
    QCOMPARE(members->column(u"credit"_s)->type.precision, 8);
    QCOMPARE(members->column(u"credit"_s)->defaultValue.literal, QJsonValue(0));
    QCOMPARE(members->column(u"rating"_s)->type.kind, TypeKind::Double);
    QCOMPARE(members->column(u"rating"_s)->defaultValue.literal, QJsonValue(-1.5));
    QCOMPARE(members->column(u"tier"_s)->defaultValue.literal, QJsonValue(u"basic"_s));
    QCOMPARE(members->column(u"settings"_s)->type.kind, TypeKind::Jsonb);

    const Table *books = s.table(u"books"_s);
    QCOMPARE(books->comment, u"A title in the catalogue"_s);
    QCOMPARE(books->column(u"isbn"_s)->type.kind, TypeKind::Char);
    QVERIFY(books->column(u"isbn"_s)->primaryKey);
    QCOMPARE(books->column(u"format"_s)->type.kind, TypeKind::Enum);
    QCOMPARE(books->column(u"format"_s)->type.enumName, u"format"_s);
    QCOMPARE(books->column(u"pages"_s)->type.kind, TypeKind::Integer);
    QCOMPARE(books->column(u"cover"_s)->type.kind, TypeKind::Binary);
    QVERIFY(books->column(u"tags"_s)->type.array);
    QCOMPARE(books->column(u"uid"_s)->type.kind, TypeKind::Uuid);
    QCOMPARE(books->indexes.size(), 4);
    QCOMPARE(books->indexes.at(0).name, u"books_title_idx"_s);
    QCOMPARE(books->indexes.at(0).method, u"hash"_s);
    QCOMPARE(books->indexes.at(0).comment, u"search by title"_s);
    QVERIFY(books->indexes.at(1).unique);
    QCOMPARE(books->indexes.at(1).elements.size(), 2);
    QCOMPARE(books->indexes.at(2).elements.first().expression, u"lower(title)"_s);
    QCOMPARE(books->indexes.at(3).elements.at(1).expression, u"length(title)"_s);

    const Table *copies = s.table(u"copies"_s);
    QVERIFY(copies->primaryKey);
    QCOMPARE(copies->primaryKey->name, u"copies_pk"_s);
    QCOMPARE(copies->primaryKey->columns, (QStringList{u"book_isbn"_s, u"copy_no"_s}));
    QVERIFY(!copies->column(u"copy_no"_s)->nullable);

    const Table *loans = s.table(u"loans"_s, u"lending"_s);
    QCOMPARE(loans->column(u"id"_s)->type.kind, TypeKind::BigSerial);
    QCOMPARE(loans->column(u"status"_s)->type.kind, TypeKind::Enum);
    QCOMPARE(loans->column(u"status"_s)->type.enumName, u"loan_status"_s);
    QCOMPARE(loans->column(u"returned_at"_s)->type.kind, TypeKind::TimestampTz);
    QCOMPARE(s.table(u"authors"_s)->column(u"id"_s)->type.kind, TypeKind::Serial);

    const QString notes = imported.value().notes.join(u'\n');
    QVERIFY2(notes.contains(u"many-to-many ref authors.name <> books.title needs a join table; skipped"_s), qPrintable(notes));
    QVERIFY2(notes.contains(u"TableGroup catalogue"_s), qPrintable(notes));

    // What was read is a design the validator accepts for PostgreSQL.
    const Dialect *pg = DialectRegistry::instance().dialect(u"postgres"_s);
    QVERIFY(pg);
    for (const Problem &p : Validator({pg}).validate(s))
        QVERIFY2(!p.isError(), qPrintable(p.where + u": "_s + p.message));
}

void TestDbml::refsBecomeForeignKeysOnTheManySide()
{
    const auto imported = DbmlImporter::import(read(QFINDTESTDATA("dbml/features.dbml")));
    QVERIFY(imported);
    const Schema &s = imported.value().schema;
    const Table *loans = s.table(u"loans"_s, u"lending"_s);
    QCOMPARE(loans->foreignKeys.size(), 2);
    const ForeignKey &member = loans->foreignKeys.at(0);
    QCOMPARE(member.name, u"loans_member"_s);
    QCOMPARE(member.refTable, u"members"_s);            // through the alias M
    QCOMPARE(member.refNamespace, u"lending"_s);
    QCOMPARE(member.onDelete, ReferentialAction::Cascade);
    const ForeignKey &copy = loans->foreignKeys.at(1);
    QCOMPARE(copy.columns, (QStringList{u"book_isbn"_s, u"copy_no"_s}));
    QCOMPARE(copy.refTable, u"copies"_s);
    QCOMPARE(copy.refColumns, (QStringList{u"book_isbn"_s, u"copy_no"_s}));
    QCOMPARE(copy.onDelete, ReferentialAction::Restrict);

    const Table *bookAuthors = s.table(u"book_authors"_s);  // "<" puts the key on the right side
    QCOMPARE(bookAuthors->foreignKeys.size(), 2);
    QCOMPARE(bookAuthors->foreignKeys.at(0).refTable, u"books"_s);
    QCOMPARE(bookAuthors->foreignKeys.at(0).onDelete, ReferentialAction::SetNull);
    QCOMPARE(bookAuthors->foreignKeys.at(1).name, u"by_author"_s);
    QCOMPARE(bookAuthors->foreignKeys.at(1).onUpdate, ReferentialAction::Cascade);
    QCOMPARE(bookAuthors->foreignKeys.at(1).onDelete, ReferentialAction::SetDefault);

    const Table *copies = s.table(u"copies"_s);              // inline ref: > books.isbn
    QCOMPARE(copies->foreignKeys.size(), 1);
    QCOMPARE(copies->foreignKeys.first().refTable, u"books"_s);
    const Table *cards = s.table(u"member_cards"_s);         // inline ref: - M.id, one-to-one
    QCOMPARE(cards->foreignKeys.first().refTable, u"members"_s);
    QCOMPARE(cards->foreignKeys.first().extra.value(u"dbml"_s).toObject().value(u"relation"_s).toString(), u"-"_s);
}

void TestDbml::syntaxErrors_data()
{
    QTest::addColumn<QString>("dbml");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown column setting") << u"Table a {\n  id int [pk, primary]\n}"_s << u"line 2, column 15"_s
                                            << u"Unknown column setting \"primary\""_s;
    QTest::newRow("missing type") << u"Table a {\n  id\n}"_s << u"line 2, column 5"_s << u"Expected the type of column id"_s;
    QTest::newRow("unclosed table") << u"Table a {\n  id int\n"_s << u"line 3, column 1"_s << u"Expected \"}\" to close table a"_s;
    QTest::newRow("two columns on a line") << u"Table a {\n  id int name text\n}"_s << u"line 2, column 10"_s
                                           << u"Expected a new line after column id"_s;
    QTest::newRow("unknown top-level word") << u"// comment\nTabel a {\n}"_s << u"line 2, column 1"_s << u"Expected Table, Ref"_s;
    QTest::newRow("unclosed string") << u"Table a {\n  id int [note: 'oops]\n}"_s << u"line 2, column 17"_s
                                     << u"The string that starts here is not closed on its line."_s;
    QTest::newRow("ref to a missing column") << u"Table a {\n  id int\n}\nTable b {\n  a_id int\n}\nRef: b.a_id > a.idd"_s
                                             << u"line 7, column 15"_s << u"Ref to column a.idd, which is not defined."_s;
    QTest::newRow("bad relation") << u"Table a {\n  id int\n}\nRef: a.id a.id"_s << u"line 4, column 11"_s
                                  << u"Expected a relation (>, <, - or <>)"_s;
    QTest::newRow("stray character") << u"Table a {\n  id int\n}\nRef: a.id = a.id"_s << u"line 4, column 11"_s
                                     << u"Unexpected character \"=\"."_s;
    QTest::newRow("unknown action") << u"Table a {\n  id int\n}\nRef: a.id > a.id [delete: explode]"_s << u"line 4, column 27"_s
                                    << u"Unknown delete action \"explode\""_s;
    QTest::newRow("unclosed comment") << u"Table a {\n  /* no end\n}"_s << u"line 2, column 3"_s << u"not closed with */"_s;
}

void TestDbml::syntaxErrors()
{
    QFETCH(QString, dbml);
    QFETCH(QString, where);
    QFETCH(QString, message);
    const auto imported = DbmlImporter::import(dbml);
    QVERIFY(!imported);
    QCOMPARE(imported.error().where, where);
    QVERIFY2(imported.error().message.contains(message), qPrintable(imported.error().message));
}

void TestDbml::exportRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("features") << QFINDTESTDATA("dbml/features.dbml");
    QTest::newRow("ecommerce") << QFINDTESTDATA("dbml/ecommerce.dbml");
    QTest::newRow("terse") << QFINDTESTDATA("dbml/compact.dbml");
}

void TestDbml::exportRoundTrip()
{
    // import(export(model)) == model for a design that came from DBML.
    QFETCH(QString, file);
    const auto first = DbmlImporter::import(read(file));
    QVERIFY2(first, qPrintable(first ? QString() : first.error().toString()));
    QStringList notes;
    const QString dbml = DbmlExporter::write(first.value().schema, &notes);
    QCOMPARE(notes, QStringList());
    const auto second = DbmlImporter::import(dbml);
    QVERIFY2(second, qPrintable(second ? QString() : second.error().toString() + u"\n"_s + dbml));
    const QByteArray a = QJsonDocument(first.value().schema.toJson()).toJson();
    const QByteArray b = QJsonDocument(second.value().schema.toJson()).toJson();
    if (a != b)
        qWarning("%s", qPrintable(dbml));
    QCOMPARE(b, a);
    QCOMPARE(DbmlExporter::write(second.value().schema), dbml); // and the text is stable
}

void TestDbml::exportIsIdiomatic()
{
    const auto imported = DbmlImporter::import(read(QFINDTESTDATA("dbml/features.dbml")));
    QVERIFY(imported);
    const QString dbml = DbmlExporter::write(imported.value().schema);
    if (qEnvironmentVariableIsSet("QUARRY_TEST_VERBOSE"))
        qInfo("%s", qPrintable(dbml));
    QVERIFY2(dbml.contains(u"Table lending.members as M [headercolor: #3498DB] {\n  id int [pk, increment]\n"
                           u"  email varchar(320) [not null, unique, note: 'login name']\n"_s),
             qPrintable(dbml));
    QVERIFY2(dbml.contains(u"  indexes {\n    title [name: 'books_title_idx', type: hash, note: 'search by title']\n"
                           u"    (format, pages) [unique]\n    `lower(title)`\n"_s),
             qPrintable(dbml));
    QVERIFY2(dbml.contains(u"Ref loans_member: lending.loans.member_id > lending.members.id [delete: cascade]"_s), qPrintable(dbml));
    QVERIFY2(dbml.contains(u"Enum lending.loan_status {\n  requested\n  active [note: 'the book is out']\n"_s), qPrintable(dbml));
    QVERIFY2(dbml.contains(u"  \"lost in transit\"\n"_s), qPrintable(dbml));
}

void TestDbml::exportListsWhatDbmlCannotSay()
{
    QFile f(sharedData(u"pagila/pagila-schema.sql"_s));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto pagila = PgDdlImporter::import(QString::fromUtf8(f.readAll()));
    QVERIFY(pagila);
    QStringList notes;
    const QString dbml = DbmlExporter::write(pagila.value().schema, &notes);
    QVERIFY(dbml.contains(u"Enum mpaa_rating {"_s));
    QVERIFY(dbml.contains(u"Table film {"_s));
    const QString all = notes.join(u'\n');
    QVERIFY2(all.contains(u"DBML cannot express view actor_info; left out."_s), qPrintable(all));
    QVERIFY2(all.contains(u"the gist method of index film_fulltext_idx"_s) || all.contains(u"method of index"_s), qPrintable(all));
    // What DBML can say comes back: tables, columns, keys and refs.
    const auto back = DbmlImporter::import(dbml);
    QVERIFY2(back, qPrintable(back ? QString() : back.error().toString()));
    const Schema &a = pagila.value().schema;
    const Schema &b = back.value().schema;
    QCOMPARE(b.tables.size(), a.tables.size());
    for (const Table &t : a.tables) {
        const Table *u = b.table(t.name, t.nameSpace);
        QVERIFY2(u, qPrintable(t.name));
        QCOMPARE(u->columns.size(), t.columns.size());
        QCOMPARE(u->foreignKeys.size(), t.foreignKeys.size());
        QCOMPARE(u->primaryKeyColumns(), t.primaryKeyColumns());
        for (const Column &c : t.columns)
            QCOMPARE(u->column(c.name)->type.kind, c.type.kind == TypeKind::Custom && a.enumType(c.type.custom) ? TypeKind::Enum : c.type.kind);
    }
}

QTEST_GUILESS_MAIN(TestDbml)
#include "tst_dbml.moc"
