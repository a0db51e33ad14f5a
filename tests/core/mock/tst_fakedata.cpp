// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors

// Fake data (issue #13, point 5): locale data from @faker-js/faker, reproducible by seed, the
// {{#repeat}} block of response templates, and rows generated for a design that a real SQLite
// database with the same constraints accepts.

#include "mock/fakedata.h"
#include "mock/fakelocale.h"
#include "mock/fixturegenerator.h"
#include "mock/mockconfig.h"
#include "mock/mockserver.h"
#include "mock/templaterenderer.h"
#include "schema/schema.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;
using namespace quarry::mock;

namespace {

/// Every kind of value once, as text.
QStringList drawAll(FakeData &f)
{
    return {f.firstName(), f.lastName(), f.name(), f.jobTitle(), f.streetAddress(), f.city(), f.postcode(),
            f.state(), f.country(), f.phone(), f.company(), f.catchPhrase(), f.productName(), f.department(),
            f.price(), f.email(), f.userName(), f.url(), f.ipv4(), f.imageUrl(), f.uuid(),
            QString::number(f.integer(1, 6)), QString::number(f.number(0, 1, 3)), f.date(), f.dateTime(),
            f.month(), f.weekday(), f.word(), f.lorem(5), f.paragraph(2), f.boolean() ? u"t"_s : u"f"_s};
}

QStringList localeList(const QString &locale, const QString &section, const QString &key)
{
    QFile f(QFINDTESTDATA(u"../../../resources/fakedata/"_s + locale + u".json"_s));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonValue v = QJsonDocument::fromJson(f.readAll()).object().value(section).toObject().value(key);
    QStringList out;
    for (const QJsonValue &item : (v.isObject() ? v.toObject().value(u"generic"_s) : v).toArray())
        out.append(item.toString());
    return out;
}

const char *Design = R"json({
  "enums": [{"name": "status", "values": ["active", "paused", "closed"]}],
  "tables": [
    {"name": "users", "columns": [
       {"name": "id", "type": "serial", "primaryKey": true, "nullable": false},
       {"name": "email", "type": "varchar", "length": 40, "nullable": false, "unique": true},
       {"name": "first_name", "type": "varchar", "length": 30, "nullable": false},
       {"name": "city", "type": "text"},
       {"name": "age", "type": "integer", "nullable": false},
       {"name": "status", "type": "enum", "enum": "status", "nullable": false},
       {"name": "code", "type": "char", "length": 3, "nullable": false, "unique": true},
       {"name": "created_at", "type": "timestamp", "default": {"expression": "CURRENT_TIMESTAMP"}}],
     "checks": [{"expression": "age >= 18 AND age <= 99"}, {"expression": "length(first_name) >= 2"}]},
    {"name": "orders", "columns": [
       {"name": "id", "type": "integer", "primaryKey": true, "nullable": false},
       {"name": "user_id", "type": "integer", "nullable": false},
       {"name": "total", "type": "decimal", "precision": 8, "scale": 2, "nullable": false},
       {"name": "kind", "type": "varchar", "length": 10, "nullable": false},
       {"name": "note", "type": "text"}],
     "foreignKeys": [{"columns": ["user_id"], "references": {"table": "users", "columns": ["id"]}}],
     "checks": [{"expression": "total > 0"}, {"expression": "kind IN ('online', 'shop')"}]}
  ]})json";

/// The design's constraints, written by hand for SQLite, so the database itself judges the rows.
const QStringList Ddl{
    u"PRAGMA foreign_keys = ON"_s,
    u"CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(40) NOT NULL UNIQUE CHECK (length(email) <= 40), "
    u"first_name VARCHAR(30) NOT NULL CHECK (length(first_name) BETWEEN 2 AND 30), city TEXT, "
    u"age INTEGER NOT NULL CHECK (age >= 18 AND age <= 99), "
    u"status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'closed')), "
    u"code CHAR(3) NOT NULL UNIQUE CHECK (length(code) = 3), created_at TEXT DEFAULT CURRENT_TIMESTAMP)"_s,
    u"CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), "
    u"total NUMERIC NOT NULL CHECK (total > 0 AND total < 1000000), kind VARCHAR(10) NOT NULL CHECK (kind IN ('online', 'shop')), "
    u"note TEXT)"_s};

} // namespace

class TestFakeData : public QObject
{
    Q_OBJECT
private slots:
    void sameSeedSameValues();
    void localesUseTheirData();
    void formatsAreFilledIn_data();
    void formatsAreFilledIn();
    void unknownLocale();
    void repeatBlock();
    void repeatErrors();
    void repeatThroughServerIsReproducible();
    void serverLocaleIsChecked();
    void generatedRowsSatisfyTheDatabase();
    void generatedRowsAreReproducible();
};

void TestFakeData::sameSeedSameValues()
{
    FakeData a(7, u"de"_s), b(7, u"de"_s), c(8, u"de"_s);
    QStringList first, second, other;
    for (int i = 0; i < 20; ++i) {
        first += drawAll(a);
        second += drawAll(b);
        other += drawAll(c);
    }
    QCOMPARE(first, second);
    QVERIFY(first != other);
    a.reseed(7);
    FakeData d(7, u"de"_s);
    QCOMPARE(drawAll(a), drawAll(d));
}

void TestFakeData::localesUseTheirData()
{
    const QStringList german = localeList(u"de"_s, u"person"_s, u"first_name"_s);
    const QStringList english = localeList(u"en"_s, u"person"_s, u"first_name"_s);
    QVERIFY(german.size() > 50 && english.size() > 50);
    FakeData de(3, u"de"_s), en(3, u"en"_s), ja(3, u"ja"_s);
    QCOMPARE(de.locale(), u"de"_s);
    for (int i = 0; i < 30; ++i) {
        QVERIFY(german.contains(de.firstName()));
        QVERIFY(english.contains(en.firstName()));
    }
    // Japanese names are written in Japanese; e-mail addresses stay ASCII.
    static const QRegularExpression cjk(u"[\\x{3040}-\\x{30ff}\\x{4e00}-\\x{9fff}]"_s);
    QVERIFY2(cjk.match(ja.name()).hasMatch(), qPrintable(ja.name()));
    static const QRegularExpression ascii(u"^[a-z0-9._]+@example\\.com$"_s);
    for (FakeData *f : {&de, &en, &ja})
        QVERIFY2(ascii.match(f->email()).hasMatch(), qPrintable(f->email()));
    QVERIFY(FakeLocale::available().contains(u"pt_BR"_s));
    QCOMPARE(FakeLocale::named(u"de-DE"_s)->id(), u"de"_s);
    QVERIFY(!FakeLocale::named(u"de"_s)->title().isEmpty());
}

void TestFakeData::formatsAreFilledIn_data()
{
    QTest::addColumn<QString>("locale");
    for (const QString &locale : FakeLocale::available())
        QTest::newRow(qPrintable(locale)) << locale;
}

void TestFakeData::formatsAreFilledIn()
{
    QFETCH(QString, locale);
    FakeData f(11, locale);
    for (int i = 0; i < 40; ++i) {
        const QStringList values = drawAll(f);
        for (const QString &v : values) {
            QVERIFY2(!v.trimmed().isEmpty(), qPrintable(values.join(u" | "_s)));
            QVERIFY2(!v.contains(u"{{"_s) && !v.contains(u'#') && !v.contains(u'!'), qPrintable(v));
        }
    }
    FakeData en(1, u"en"_s);
    static const QRegularExpression zip(u"^\\d{5}(-\\d{4})?$"_s);
    QVERIFY(zip.match(en.postcode()).hasMatch());
    const QString price = en.price(5, 6);
    QVERIFY2(QRegularExpression(u"^5\\.\\d\\d$|^6\\.00$"_s).match(price).hasMatch(), qPrintable(price));
    QVERIFY(en.imageUrl(200, 100).endsWith(u"/200/100"_s));
}

void TestFakeData::unknownLocale()
{
    FakeData f(1, u"xx"_s);   // falls back to en
    QCOMPARE(f.locale(), u"en"_s);
    QVERIFY(!f.setLocale(u"klingon"_s));
    QCOMPARE(f.locale(), u"en"_s);
    QVERIFY(f.setLocale(u"fr_FR"_s));
    QCOMPARE(f.locale(), u"fr"_s);
}

void TestFakeData::repeatBlock()
{
    FakeData f(5);
    auto out = TemplateRenderer::expandRepeats(u"[{{#repeat 3}}{\"i\": {{@index}}}{{/repeat}}]"_s, f);
    QVERIFY(out);
    QCOMPARE(out.value(), u"[{\"i\": 0},{\"i\": 1},{\"i\": 2}]"_s);
    // Nested, without commas, and a count in a range.
    out = TemplateRenderer::expandRepeats(u"{{#repeat 2}}[{{#repeat 2 comma=false}}x{{@index}}{{/repeat}}]{{/repeat}}"_s, f);
    QVERIFY(out);
    QCOMPARE(out.value(), u"[x0x1],[x0x1]"_s);
    for (int i = 0; i < 20; ++i) {
        out = TemplateRenderer::expandRepeats(u"{{#repeat 2 4}}a{{/repeat}}"_s, f);
        QVERIFY(out);
        QVERIFY(out.value().count(u'a') >= 2 && out.value().count(u'a') <= 4);
    }
    QCOMPARE(TemplateRenderer::expandRepeats(u"{{#repeat 0}}a{{/repeat}}[]"_s, f).value(), u"[]"_s);
}

void TestFakeData::repeatErrors()
{
    FakeData f(5);
    auto out = TemplateRenderer::expandRepeats(u"{{#repeat 3}}never closed"_s, f);
    QVERIFY(!out);
    QVERIFY2(out.error().message.contains(u"not closed"_s), qPrintable(out.error().message));
    out = TemplateRenderer::expandRepeats(u"{{#repeat 99999}}a{{/repeat}}"_s, f);
    QVERIFY(!out);
    // 10,000 copies of 10,000 copies would be 10^8: refused, not built.
    out = TemplateRenderer::expandRepeats(u"{{#repeat 10000}}{{#repeat 10000}}aaaaaaaa{{/repeat}}{{/repeat}}"_s, f);
    QVERIFY(!out);
    QVERIFY2(out.error().message.contains(u"characters"_s), qPrintable(out.error().message));
}

void TestFakeData::repeatThroughServerIsReproducible()
{
    const QByteArray mock = R"({"server": {"seed": 42, "locale": "fr"}, "routes": [{"id": "u", "path": "/users", "responses": [{"headers": {"Content-Type": "application/json"}, "body":
        "[{{#repeat 20}}{\"id\": {{@index}}, \"name\": \"{{fake.name}}\", \"city\": \"{{fake.city}}\", \"phone\": \"{{fake.phone}}\", \"price\": {{#fake.price}}1,99{{/fake.price}}, \"avatar\": \"{{#fake.image}}64,64{{/fake.image}}\"}{{/repeat}}]"}]}]})";
    QTemporaryDir dir;
    QList<QByteArray> bodies;
    for (int run = 0; run < 2; ++run) {
        MockServer server;
        auto config = MockConfig::fromJson(QJsonDocument::fromJson(mock).object(), {}, {}, dir.path());
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        QVERIFY(server.configure(config.value()));
        Request r;
        r.method = "GET";
        r.setTarget("/users");
        const Response answer = server.handle(r);
        QCOMPARE(answer.status, 200);
        bodies.append(answer.body);
    }
    QCOMPARE(bodies.at(0), bodies.at(1));
    QJsonParseError error{};
    const QJsonArray users = QJsonDocument::fromJson(bodies.first(), &error).array();
    QVERIFY2(error.error == QJsonParseError::NoError, bodies.first().constData());
    QCOMPARE(users.size(), 20);
    QCOMPARE(users.at(19).toObject().value(u"id"_s).toInt(), 19);
    QVERIFY(users.at(0).toObject().value(u"name"_s) != users.at(1).toObject().value(u"name"_s));
    QVERIFY(localeList(u"fr"_s, u"location"_s, u"city_name"_s).size() > 10);
}

void TestFakeData::serverLocaleIsChecked()
{
    QTemporaryDir dir;
    auto config = MockConfig::fromJson(QJsonObject{{u"server"_s, QJsonObject{{u"locale"_s, u"xx"_s}}}}, {}, {}, dir.path());
    QVERIFY(!config);
    QCOMPARE(config.error().where, u"mock.server.locale"_s);
    QVERIFY(config.error().message.contains(u"de, en"_s));
}

void TestFakeData::generatedRowsSatisfyTheDatabase()
{
    auto design = schema::Schema::fromJson(QJsonDocument::fromJson(Design).object());
    QVERIFY2(design, qPrintable(design ? QString() : design.error().toString()));
    FakeData fake(9, u"de"_s);
    FixtureGenerator generator(design.value(), fake);
    auto orders = generator.generate(u"orders"_s, 300);
    QVERIFY2(orders, qPrintable(orders ? QString() : orders.error().toString()));
    QCOMPARE(orders.value().size(), 300);
    const auto generated = generator.generated();
    QCOMPARE(generated.size(), 2);
    QCOMPARE(generated.at(0).first, u"users"_s);   // parents first
    QCOMPARE(generated.at(0).second.size(), 30);
    QVERIFY(!generated.at(0).second.first().toObject().contains(u"created_at"_s));   // the database's default

    QTemporaryDir dir;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"fixtures"_s);
        db.setDatabaseName(dir.filePath(u"f.db"_s));
        QVERIFY(db.open());
        QSqlQuery q(db);
        for (const QString &statement : Ddl)
            QVERIFY2(q.exec(statement), qPrintable(q.lastError().text()));
        for (const auto &[table, rows] : generated) {
            for (const QJsonValue &v : rows) {
                const QJsonObject row = v.toObject();
                QStringList marks(row.size(), u"?"_s);
                QSqlQuery insert(db);
                QVERIFY(insert.prepare(u"INSERT INTO %1 (%2) VALUES (%3)"_s.arg(table, row.keys().join(u", "_s), marks.join(u", "_s))));
                for (const QString &key : row.keys())
                    insert.addBindValue(row.value(key).toVariant());
                QVERIFY2(insert.exec(), qPrintable(table + u": "_s + insert.lastError().text() + u" in "_s
                                                   + QString::fromUtf8(QJsonDocument(row).toJson(QJsonDocument::Compact))));
            }
        }
        QVERIFY(q.exec(u"SELECT COUNT(*), COUNT(DISTINCT user_id) FROM orders"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 300);
        QVERIFY(q.value(1).toInt() > 10);   // spread over the users
        QVERIFY(q.exec(u"SELECT COUNT(*) FROM users WHERE created_at IS NOT NULL"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 30);
    }
    QSqlDatabase::removeDatabase(u"fixtures"_s);

    // More rows of a table with rows: keys go on, unique values stay unique.
    auto more = generator.generate(u"users"_s, 50);
    QVERIFY(more);
    QSet<QString> emails, codes;
    for (const QJsonValue &v : generator.generated().at(0).second) {
        emails.insert(v.toObject().value(u"email"_s).toString());
        codes.insert(v.toObject().value(u"code"_s).toString());
    }
    QCOMPARE(emails.size(), 80);
    QCOMPARE(codes.size(), 80);
    QCOMPARE(more.value().last().toObject().value(u"id"_s).toInt(), 80);
    QVERIFY(!generator.generate(u"nowhere"_s, 1));
}

void TestFakeData::generatedRowsAreReproducible()
{
    auto design = schema::Schema::fromJson(QJsonDocument::fromJson(Design).object());
    QVERIFY(design);
    FakeData a(21), b(21), c(22);
    FixtureGenerator ga(design.value(), a), gb(design.value(), b), gc(design.value(), c);
    const QJsonArray ra = ga.generate(u"users"_s, 25).value();
    QCOMPARE(ra, gb.generate(u"users"_s, 25).value());
    QVERIFY(ra != gc.generate(u"users"_s, 25).value());
}

QTEST_GUILESS_MAIN(TestFakeData)
#include "tst_fakedata.moc"
