// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jsonschema.h"

#include "jsonpointer.h"
#include "jsontext.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

// valijson reports a schema it cannot read by throwing; without this it would abort().
#define VALIJSON_USE_EXCEPTIONS 1
#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <cmath>

using namespace Qt::Literals::StringLiterals;
using Json = nlohmann::json;

namespace quarry {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(JsonSchema)
};

/// Keywords whose value is one schema, an array of schemas, or an object of schemas.
const QStringList SingleSchema{u"items"_s, u"additionalItems"_s, u"additionalProperties"_s, u"not"_s, u"contains"_s,
                               u"propertyNames"_s, u"if"_s, u"then"_s, u"else"_s};
const QStringList SchemaArrays{u"allOf"_s, u"anyOf"_s, u"oneOf"_s, u"items"_s, u"prefixItems"_s};
const QStringList SchemaMaps{u"properties"_s, u"patternProperties"_s, u"definitions"_s, u"$defs"_s,
                             u"dependencies"_s, u"dependentSchemas"_s};
/// The formats valijson checks; it reads the value as a string first, so they must only meet strings.
const QStringList CheckedFormats{u"date"_s, u"time"_s, u"date-time"_s};

bool isOpenApi(JsonSchema::Dialect d)
{
    return d == JsonSchema::Dialect::OpenApi30 || d == JsonSchema::Dialect::OpenApi31;
}

bool draft7Like(JsonSchema::Dialect d)
{
    return d != JsonSchema::Dialect::Draft4 && d != JsonSchema::Dialect::OpenApi30;
}

QJsonValue translateNode(const QJsonValue &value, JsonSchema::Dialect dialect, bool forRequest);

QJsonObject translateMap(const QJsonObject &map, JsonSchema::Dialect dialect, bool forRequest)
{
    QJsonObject out;
    for (auto it = map.begin(); it != map.end(); ++it)
        out.insert(it.key(), it.value().isObject() || it.value().isBool() ? translateNode(it.value(), dialect, forRequest)
                                                                         : it.value());
    return out;
}

QJsonValue translateNode(const QJsonValue &value, JsonSchema::Dialect dialect, bool forRequest)
{
    if (value.isBool() && draft7Like(dialect))   // valijson misses a `false` at the root or behind $ref
        return value.toBool() ? QJsonObject{} : QJsonObject{{u"not"_s, QJsonObject{}}};
    if (!value.isObject())
        return value;
    QJsonObject o = value.toObject();
    if (dialect == JsonSchema::Dialect::OpenApi30 && o.contains(u"$ref"_s))
        return QJsonObject{{u"$ref"_s, o.value(u"$ref"_s)}};   // 3.0: siblings of $ref are ignored
    for (const QString &key : SingleSchema) {
        if (o.value(key).isObject() || o.value(key).isBool())
            o.insert(key, translateNode(o.value(key), dialect, forRequest));
    }
    for (const QString &key : SchemaArrays) {
        if (!o.value(key).isArray())
            continue;
        QJsonArray list = o.value(key).toArray();
        for (qsizetype i = 0; i < list.size(); ++i)
            list[i] = translateNode(list.at(i), dialect, forRequest);
        o.insert(key, list);
    }
    for (const QString &key : SchemaMaps) {
        if (o.value(key).isObject())
            o.insert(key, translateMap(o.value(key).toObject(), dialect, forRequest));
    }

    if (dialect == JsonSchema::Dialect::OpenApi30 && o.value(u"nullable"_s).toBool()) {
        const QJsonValue type = o.value(u"type"_s);
        if (type.isString())
            o.insert(u"type"_s, QJsonArray{type, u"null"_s});
        if (o.value(u"enum"_s).isArray() && !o.value(u"enum"_s).toArray().contains(QJsonValue::Null)) {
            QJsonArray values = o.value(u"enum"_s).toArray();
            values.append(QJsonValue::Null);
            o.insert(u"enum"_s, values);
        }
    }
    o.remove(u"nullable"_s);
    if (dialect == JsonSchema::Dialect::OpenApi31) {
        if (o.value(u"prefixItems"_s).isArray()) {
            if (o.contains(u"items"_s))
                o.insert(u"additionalItems"_s, o.value(u"items"_s));
            o.insert(u"items"_s, o.take(u"prefixItems"_s));
        }
        QJsonObject dependencies = o.value(u"dependencies"_s).toObject();
        for (const QString &key : {u"dependentRequired"_s, u"dependentSchemas"_s}) {
            const QJsonObject part = o.take(key).toObject();
            for (auto it = part.begin(); it != part.end(); ++it)
                dependencies.insert(it.key(), it.value());
        }
        if (!dependencies.isEmpty())
            o.insert(u"dependencies"_s, dependencies);
    }
    if (isOpenApi(dialect) && forRequest && o.value(u"required"_s).isArray()) {
        // A readOnly member is the server's to send; a request need not carry it.
        const QJsonObject properties = o.value(u"properties"_s).toObject();
        QJsonArray required;
        for (const QJsonValue &name : o.value(u"required"_s).toArray()) {
            if (!properties.value(name.toString()).toObject().value(u"readOnly"_s).toBool())
                required.append(name);
        }
        o.insert(u"required"_s, required);
    }
    if (isOpenApi(dialect) && o.value(u"format"_s).toString() == u"int32"_s && o.value(u"type"_s) == u"integer"_s) {
        if (!o.contains(u"minimum"_s))
            o.insert(u"minimum"_s, -2147483648.0);
        if (!o.contains(u"maximum"_s))
            o.insert(u"maximum"_s, 2147483647.0);
    }
    if (o.contains(u"format"_s)) {
        const QString format = o.take(u"format"_s).toString();
        if (CheckedFormats.contains(format)) {
            if (o.value(u"type"_s) == u"string"_s) {
                o.insert(u"format"_s, format);
            } else if (draft7Like(dialect)) {
                QJsonArray all = o.value(u"allOf"_s).toArray();
                all.append(QJsonObject{{u"if"_s, QJsonObject{{u"type"_s, u"string"_s}}},
                                       {u"then"_s, QJsonObject{{u"format"_s, format}}}});
                o.insert(u"allOf"_s, all);
            }
        }
    }
    if (o.value(u"components"_s).isObject()) {   // where an imported route keeps the schemas it refers to
        QJsonObject components = o.value(u"components"_s).toObject();
        if (components.value(u"schemas"_s).isObject())
            components.insert(u"schemas"_s, translateMap(components.value(u"schemas"_s).toObject(), dialect, forRequest));
        o.insert(u"components"_s, components);
    }
    return o;
}

Json toJson(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return nullptr;
    case QJsonValue::Bool: return v.toBool();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (std::trunc(d) == d && std::fabs(d) < 9007199254740992.0)
            return qint64(d);
        return d;
    }
    case QJsonValue::String: return v.toString().toStdString();
    case QJsonValue::Array: {
        Json a = Json::array();
        for (const QJsonValue &item : v.toArray())
            a.push_back(toJson(item));
        return a;
    }
    case QJsonValue::Object: {
        Json o = Json::object();
        const QJsonObject object = v.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            o[it.key().toStdString()] = toJson(it.value());
        return o;
    }
    case QJsonValue::Undefined: break;
    }
    return nullptr;
}

/// The keyword behind each of valijson's messages (it names none).
const QList<std::pair<QString, QString>> KeywordOfMessage{
    {u"Value type not permitted"_s, u"type"_s},
    {u"Missing required property"_s, u"required"_s},
    {u"Failed to match against any enum"_s, u"enum"_s},
    {u"Failed to match expected value set by 'const'"_s, u"const"_s},
    {u"Failed to any values against subschema in 'contains'"_s, u"contains"_s},
    {u"Expected number less than or equal"_s, u"maximum"_s},
    {u"Expected number less than"_s, u"exclusiveMaximum"_s},
    {u"Expected number greater than or equal"_s, u"minimum"_s},
    {u"Expected number greater than"_s, u"exclusiveMinimum"_s},
    {u"Array should contain no more than"_s, u"maxItems"_s},
    {u"Array should contain no fewer than"_s, u"minItems"_s},
    {u"String should be no more than"_s, u"maxLength"_s},
    {u"String should be no fewer than"_s, u"minLength"_s},
    {u"Object should have no more than"_s, u"maxProperties"_s},
    {u"Object should have no fewer than"_s, u"minProperties"_s},
    {u"Value should be a multiple of"_s, u"multipleOf"_s},
    {u"Value could not be converted"_s, u"multipleOf"_s},
    {u"Failed to validate against any schemas allowed by anyOf"_s, u"anyOf"_s},
    {u"Failed to validate against any child schemas allowed by oneOf"_s, u"oneOf"_s},
    {u"Failed to validate against exactly one child schema"_s, u"oneOf"_s},
    {u"Failed to validate against child schema"_s, u"allOf"_s},
    {u"Target should not validate against schema specified in 'not'"_s, u"not"_s},
    {u"Failed to match regex"_s, u"pattern"_s},
    {u"Object contains a property that could not be validated"_s, u"additionalProperties"_s},
    {u"Failed to validate against additional properties"_s, u"additionalProperties"_s},
    {u"Elements at indexes"_s, u"uniqueItems"_s},
    {u"Missing dependency"_s, u"dependencies"_s},
    {u"Failed to validate against dependent schema"_s, u"dependencies"_s},
    {u"Failed to validate against a conditional schema"_s, u"if"_s},
    {u"Array contains more items than allowed"_s, u"additionalItems"_s},
    {u"Cannot validate item"_s, u"items"_s},
    {u"String should be a valid"_s, u"format"_s},
    {u"Failed to validate against schema associated with pattern"_s, u"patternProperties"_s},
    {u"Failed to validate against schema associated with property name"_s, u"properties"_s},
    {u"Failed to validate item"_s, u"items"_s},
};

/// Messages that only say a child failed; the child's own message is in the list too.
bool isSummary(const QString &message)
{
    return message.startsWith(u"Failed to validate against schema associated with property name"_s)
           || message.startsWith(u"Failed to validate item #"_s)
           || message.startsWith(u"Failed to validate against child schema"_s);
}

QString pointerOf(const std::vector<std::string> &context)
{
    QStringList tokens;
    for (std::size_t i = 1; i < context.size(); ++i) {   // [0] is "<root>"
        QString token = QString::fromStdString(context[i]);
        if (token.startsWith(u'[') && token.endsWith(u']'))
            token = token.mid(1, token.size() - 2);
        tokens.append(token);
    }
    return JsonPointer::join(tokens);
}

QString tidy(QString message)
{
    // std::to_string(double) writes "100.000000".
    static const QRegularExpression zeros(u"(\\d)\\.(\\d*?)0+\\b"_s);
    message.replace(zeros, u"\\1.\\2"_s);
    message.replace(QRegularExpression(u"(\\d)\\.(?!\\d)"_s), u"\\1"_s);
    return message;
}

} // namespace

struct JsonSchema::Compiled {
    valijson::Schema schema;
};

std::optional<JsonSchema::Dialect> JsonSchema::dialectNamed(const QString &name)
{
    if (name == u"openapi-3.0"_s)
        return Dialect::OpenApi30;
    if (name == u"openapi-3.1"_s)
        return Dialect::OpenApi31;
    if (name == u"draft-04"_s)
        return Dialect::Draft4;
    if (name == u"draft-06"_s)
        return Dialect::Draft6;
    if (name == u"draft-07"_s)
        return Dialect::Draft7;
    return std::nullopt;
}

QString JsonSchema::nameOf(Dialect dialect)
{
    switch (dialect) {
    case Dialect::Draft4: return u"draft-04"_s;
    case Dialect::Draft6: return u"draft-06"_s;
    case Dialect::Draft7: return u"draft-07"_s;
    case Dialect::OpenApi30: return u"openapi-3.0"_s;
    case Dialect::OpenApi31: return u"openapi-3.1"_s;
    }
    return {};
}

QStringList JsonSchema::supported2020()
{
    return {u"type"_s, u"enum"_s, u"const"_s, u"multipleOf"_s, u"maximum"_s, u"exclusiveMaximum"_s, u"minimum"_s,
            u"exclusiveMinimum"_s, u"maxLength"_s, u"minLength"_s, u"pattern"_s, u"maxItems"_s, u"minItems"_s,
            u"uniqueItems"_s, u"maxProperties"_s, u"minProperties"_s, u"required"_s, u"dependentRequired"_s,
            u"properties"_s, u"patternProperties"_s, u"additionalProperties"_s, u"propertyNames"_s, u"items"_s,
            u"prefixItems"_s, u"contains"_s, u"allOf"_s, u"anyOf"_s, u"oneOf"_s, u"not"_s, u"if"_s, u"then"_s,
            u"else"_s, u"dependentSchemas"_s, u"$ref"_s, u"$defs"_s, u"format (date, time, date-time)"_s};
}

QStringList JsonSchema::unsupported2020()
{
    return {u"unevaluatedProperties"_s, u"unevaluatedItems"_s, u"minContains"_s, u"maxContains"_s,
            u"$dynamicRef"_s, u"$dynamicAnchor"_s, u"$anchor"_s, u"$id (as a base for $ref)"_s, u"$vocabulary"_s,
            u"format (other than date, time, date-time)"_s, u"contentEncoding/contentMediaType/contentSchema"_s};
}

QJsonValue JsonSchema::translate(const QJsonValue &schema, Dialect dialect, bool forRequest)
{
    return translateNode(schema, dialect, forRequest);
}

Result<JsonSchema> JsonSchema::compile(const QJsonValue &schema, Dialect dialect, const Fetch &fetch)
{
    if (!schema.isObject() && !schema.isBool())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("A schema is a JSON object (or true or false), not %1.")
                         .arg(QString::fromUtf8(QJsonDocument(QJsonArray{schema}).toJson(QJsonDocument::Compact)).mid(1).chopped(1)),
                     {}};
    const Json document = toJson(translate(schema, dialect));
    const auto version = draft7Like(dialect) ? valijson::SchemaParser::kDraft7 : valijson::SchemaParser::kDraft4;
    auto compiled = std::make_shared<Compiled>();
    try {
        valijson::SchemaParser parser(version);
        valijson::adapters::NlohmannJsonAdapter adapter(document);
        if (fetch) {
            auto fetchDoc = [&fetch](const std::string &uri) -> const Json * {
                const std::optional<QByteArray> text = fetch(QString::fromStdString(uri));
                if (!text)
                    return nullptr;
                Json doc = Json::parse(text->constData(), text->constData() + text->size(), nullptr, false);
                return doc.is_discarded() ? nullptr : new Json(std::move(doc));
            };
            auto freeDoc = [](const Json *doc) { delete doc; };
            parser.populateSchema(adapter, compiled->schema, fetchDoc, freeDoc);
        } else {
            parser.populateSchema(adapter, compiled->schema);
        }
    } catch (const std::exception &e) {
        return Error{Error::Kind::InvalidInput, Tr::tr("The schema cannot be used: %1").arg(QString::fromStdString(e.what())), {}};
    }
    JsonSchema result;
    result.m_compiled = std::move(compiled);
    return result;
}

namespace {

QList<SchemaViolation> run(const valijson::Schema &schema, const Json &value)
{
    // The validator caches compiled regular expressions: one per thread, shared by every schema.
    thread_local valijson::Validator validator;
    valijson::ValidationResults results;
    QList<SchemaViolation> out;
    try {
        valijson::adapters::NlohmannJsonAdapter target(value);
        if (validator.validate(schema, target, &results))
            return out;
    } catch (const std::exception &e) {
        out.append({QString(), u"schema"_s,
                    Tr::tr("The schema could not be applied to this value: %1").arg(QString::fromStdString(e.what()))});
        return out;
    }
    valijson::ValidationResults::Error error;
    QList<SchemaViolation> summaries;
    while (results.popError(error)) {
        SchemaViolation v;
        v.pointer = pointerOf(error.context);
        v.message = tidy(QString::fromStdString(error.description));
        for (const auto &[prefix, keyword] : KeywordOfMessage) {
            if (v.message.startsWith(prefix)) {
                v.constraint = keyword;
                break;
            }
        }
        (isSummary(v.message) ? summaries : out).append(v);
    }
    return out.isEmpty() ? summaries : out;
}

} // namespace

QList<SchemaViolation> JsonSchema::validate(const QJsonValue &value) const
{
    if (!m_compiled)
        return {};
    return run(m_compiled->schema, toJson(value));
}

Result<QList<SchemaViolation>> JsonSchema::validateText(const QByteArray &json) const
{
    Json value = Json::parse(json.constData(), json.constData() + json.size(), nullptr, false);
    if (value.is_discarded()) {
        auto parsed = parseJson(json);
        return Error{Error::Kind::InvalidInput, parsed ? Tr::tr("The body is not JSON.") : parsed.error().message,
                     parsed ? QString() : parsed.error().where};
    }
    if (!m_compiled)
        return QList<SchemaViolation>{};
    return run(m_compiled->schema, value);
}

} // namespace quarry
