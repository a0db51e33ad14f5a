// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors

// quarry::JsonSchema against the official JSON-Schema-Test-Suite (Debian json-schema-test-suite:
// drafts 4, 6 and 7, required keywords; optional/ is left out) and the OpenAPI translations.

#include "jsonschema.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::JsonSchema;

namespace {

const QString SuiteDir = u"/usr/share/json-schema-test-suite"_s;

/// The suite's remote references point at http://localhost:1234/, served from its remotes/ folder.
std::optional<QByteArray> fetchRemote(const QString &uri)
{
    const QString prefix = u"http://localhost:1234/"_s;
    if (!uri.startsWith(prefix))
        return std::nullopt;
    QFile f(SuiteDir + u"/remotes/"_s + uri.mid(prefix.size()).section(u'#', 0, 0));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    return f.readAll();
}

struct Tally {
    int passed = 0;
    int total = 0;
};

} // namespace

class TestJsonSchema : public QObject
{
    Q_OBJECT
private slots:
    void officialSuite_data();
    void officialSuite();
    void openApi30Nullable();
    void openApi30ReadOnlyIsNotRequiredInRequests();
    void openApi31PrefixItemsAndDependentRequired();
    void violationsNamePointerAndKeyword();
    void badSchemaIsAnError();
    void notJsonIsAnError();
};

void TestJsonSchema::officialSuite_data()
{
    QTest::addColumn<QString>("draft");
    QTest::addColumn<int>("dialect");
    QTest::addColumn<double>("floor");   // the measured rate, so a regression fails
    QTest::newRow("draft4") << u"draft4"_s << int(JsonSchema::Dialect::Draft4) << 0.95;
    QTest::newRow("draft6") << u"draft6"_s << int(JsonSchema::Dialect::Draft6) << 0.95;
    QTest::newRow("draft7") << u"draft7"_s << int(JsonSchema::Dialect::Draft7) << 0.95;
}

void TestJsonSchema::officialSuite()
{
    QFETCH(QString, draft);
    QFETCH(int, dialect);
    QFETCH(double, floor);
    const QDir dir(SuiteDir + u"/tests/"_s + draft);
    const QStringList files = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    QVERIFY2(!files.isEmpty(), qPrintable(u"the suite is missing: install json-schema-test-suite (%1)"_s.arg(dir.path())));
    QMap<QString, Tally> byKeyword;
    Tally all;
    QStringList failures;
    for (const QString &file : files) {
        QFile f(dir.filePath(file));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray groups = QJsonDocument::fromJson(f.readAll()).array();
        QVERIFY2(!groups.isEmpty(), qPrintable(file));
        const QString keyword = file.chopped(5);
        Tally &tally = byKeyword[keyword];
        for (const QJsonValue &g : groups) {
            const QJsonObject group = g.toObject();
            auto schema = JsonSchema::compile(group.value(u"schema"_s), JsonSchema::Dialect(dialect), fetchRemote);
            for (const QJsonValue &t : group.value(u"tests"_s).toArray()) {
                const QJsonObject test = t.toObject();
                bool ok = false;
                if (schema) {
                    const bool valid = schema.value().validate(test.value(u"data"_s)).isEmpty();
                    ok = valid == test.value(u"valid"_s).toBool();
                }
                ++tally.total;
                ++all.total;
                tally.passed += ok ? 1 : 0;
                all.passed += ok ? 1 : 0;
                if (!ok)
                    failures.append(u"%1: %2 / %3%4"_s.arg(keyword, group.value(u"description"_s).toString(),
                                                           test.value(u"description"_s).toString(),
                                                           schema ? QString() : u" (schema refused: "_s + schema.error().message + u')'));
            }
        }
    }
    for (auto it = byKeyword.begin(); it != byKeyword.end(); ++it)
        qInfo("%s %-22s %5.1f%% (%d/%d)", qPrintable(draft), qPrintable(it.key()),
              100.0 * it->passed / std::max(1, it->total), it->passed, it->total);
    qInfo("%s all %.1f%% (%d/%d)", qPrintable(draft), 100.0 * all.passed / all.total, all.passed, all.total);
    for (const QString &failure : std::as_const(failures))
        qInfo("  failed: %s", qPrintable(failure));
    QVERIFY2(double(all.passed) / all.total >= floor, qPrintable(u"pass rate fell below %1"_s.arg(floor)));
    // The keywords request validation relies on most pass whole.
    for (const QString &core : {u"type"_s, u"required"_s, u"enum"_s, u"maximum"_s, u"minimum"_s, u"maxLength"_s,
                                u"minLength"_s, u"pattern"_s, u"additionalProperties"_s, u"allOf"_s, u"anyOf"_s, u"oneOf"_s})
        QVERIFY2(byKeyword.value(core).passed == byKeyword.value(core).total && byKeyword.value(core).total > 0,
                 qPrintable(core));
}

void TestJsonSchema::openApi30Nullable()
{
    const QJsonObject schema{{u"type"_s, u"object"_s},
                             {u"properties"_s, QJsonObject{{u"tag"_s, QJsonObject{{u"type"_s, u"string"_s}, {u"nullable"_s, true}}},
                                                           {u"name"_s, QJsonObject{{u"type"_s, u"string"_s}}}}}};
    auto compiled = JsonSchema::compile(schema, JsonSchema::Dialect::OpenApi30);
    QVERIFY(compiled);
    QVERIFY(compiled.value().validate(QJsonObject{{u"tag"_s, QJsonValue::Null}}).isEmpty());
    const auto violations = compiled.value().validate(QJsonObject{{u"name"_s, QJsonValue::Null}});
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().pointer, u"/name"_s);
    QCOMPARE(violations.first().constraint, u"type"_s);
    // Without translation the draft would refuse null for tag.
    auto raw = JsonSchema::compile(schema, JsonSchema::Dialect::Draft4);
    QVERIFY(raw);
    QCOMPARE(raw.value().validate(QJsonObject{{u"tag"_s, QJsonValue::Null}}).size(), 1);
}

void TestJsonSchema::openApi30ReadOnlyIsNotRequiredInRequests()
{
    const QJsonObject schema{{u"type"_s, u"object"_s},
                             {u"required"_s, QJsonArray{u"id"_s, u"name"_s}},
                             {u"properties"_s, QJsonObject{{u"id"_s, QJsonObject{{u"type"_s, u"integer"_s}, {u"readOnly"_s, true}}},
                                                           {u"name"_s, QJsonObject{{u"type"_s, u"string"_s}}}}}};
    auto compiled = JsonSchema::compile(schema, JsonSchema::Dialect::OpenApi30);
    QVERIFY(compiled);
    QVERIFY(compiled.value().validate(QJsonObject{{u"name"_s, u"Rex"_s}}).isEmpty());
    const auto missing = compiled.value().validate(QJsonObject{{u"id"_s, 1}});
    QCOMPARE(missing.size(), 1);
    QCOMPARE(missing.first().constraint, u"required"_s);
    QVERIFY(missing.first().message.contains(u"name"_s));
}

void TestJsonSchema::openApi31PrefixItemsAndDependentRequired()
{
    const QJsonObject tuple{{u"type"_s, u"array"_s},
                            {u"prefixItems"_s, QJsonArray{QJsonObject{{u"type"_s, u"string"_s}}, QJsonObject{{u"type"_s, u"integer"_s}}}},
                            {u"items"_s, false}};
    auto compiled = JsonSchema::compile(tuple, JsonSchema::Dialect::OpenApi31);
    QVERIFY(compiled);
    QVERIFY(compiled.value().validate(QJsonArray{u"a"_s, 1}).isEmpty());
    QVERIFY(!compiled.value().validate(QJsonArray{1, u"a"_s}).isEmpty());
    QVERIFY(!compiled.value().validate(QJsonArray{u"a"_s, 1, 2}).isEmpty());
    const QJsonObject card{{u"dependentRequired"_s, QJsonObject{{u"card"_s, QJsonArray{u"billing"_s}}}},
                           {u"type"_s, QJsonArray{u"object"_s, u"null"_s}}};
    auto dependent = JsonSchema::compile(card, JsonSchema::Dialect::OpenApi31);
    QVERIFY(dependent);
    QVERIFY(dependent.value().validate(QJsonValue::Null).isEmpty());
    const auto violations = dependent.value().validate(QJsonObject{{u"card"_s, 1}});
    QCOMPARE(violations.size(), 1);
    QCOMPARE(violations.first().constraint, u"dependencies"_s);
}

void TestJsonSchema::violationsNamePointerAndKeyword()
{
    const QByteArray text = R"({"type": "object", "properties": {"pets": {"type": "array", "items": {
        "type": "object", "required": ["name"], "properties": {"age": {"type": "integer", "maximum": 40}}}}}})";
    auto compiled = JsonSchema::compile(QJsonDocument::fromJson(text).object(), JsonSchema::Dialect::Draft7);
    QVERIFY(compiled);
    auto violations = compiled.value().validateText(R"({"pets": [{"name": "a"}, {"age": 41}]})");
    QVERIFY(violations);
    QCOMPARE(violations.value().size(), 2);
    QStringList seen;
    for (const auto &v : violations.value())
        seen.append(v.pointer + u' ' + v.constraint + u' ' + v.message);
    seen.sort();
    QCOMPARE(seen.at(0), u"/pets/1 required Missing required property 'name'."_s);
    QCOMPARE(seen.at(1), u"/pets/1/age maximum Expected number less than or equal to 40"_s);
    // 64-bit integers stay exact in text.
    auto big = JsonSchema::compile(QJsonObject{{u"type"_s, u"integer"_s}}, JsonSchema::Dialect::Draft7);
    QVERIFY(big.value().validateText("9007199254740993").value().isEmpty());
}

void TestJsonSchema::badSchemaIsAnError()
{
    auto compiled = JsonSchema::compile(QJsonObject{{u"$ref"_s, u"#/components/schemas/Missing"_s}}, JsonSchema::Dialect::OpenApi30);
    QVERIFY(!compiled);
    QVERIFY2(compiled.error().message.contains(u"cannot be used"_s), qPrintable(compiled.error().message));
    QVERIFY(!JsonSchema::compile(QJsonValue(5), JsonSchema::Dialect::Draft7));
    QVERIFY(!JsonSchema::compile(QJsonObject{{u"type"_s, 7}}, JsonSchema::Dialect::Draft7));
}

void TestJsonSchema::notJsonIsAnError()
{
    auto compiled = JsonSchema::compile(QJsonObject{}, JsonSchema::Dialect::Draft7);
    QVERIFY(compiled);
    auto result = compiled.value().validateText("{\"a\": tru}");
    QVERIFY(!result);
    QVERIFY2(result.error().where.contains(u"line 1"_s), qPrintable(result.error().where));
}

QTEST_GUILESS_MAIN(TestJsonSchema)
#include "tst_jsonschema.moc"
