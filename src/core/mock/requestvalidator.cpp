// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/requestvalidator.h"

#include "mock/writeerror.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RequestValidator)
};

/// OpenAPI ignores these header parameters: HTTP itself defines them.
const QStringList IgnoredHeaders{u"accept"_s, u"content-type"_s, u"authorization"_s};

/// The schema `schema` stands for once its `$ref`s into the components are followed.
QJsonObject followRefs(QJsonObject schema, const QJsonObject &components)
{
    static const QString prefix = u"#/components/schemas/"_s;
    for (int step = 0; step < 16 && schema.value(u"$ref"_s).toString().startsWith(prefix); ++step)
        schema = components.value(u"schemas"_s).toObject().value(schema.value(u"$ref"_s).toString().mid(prefix.size())).toObject();
    return schema;
}

QString declaredType(const QJsonObject &schema)
{
    const QJsonValue type = schema.value(u"type"_s);
    if (type.isString())
        return type.toString();
    for (const QJsonValue &t : type.toArray()) {
        if (t.toString() != u"null"_s)
            return t.toString();
    }
    return {};
}

/// A schema made self-contained: the route's components travel with it.
QJsonValue rooted(const QJsonValue &schema, const QJsonObject &components)
{
    if (!schema.isObject() || components.isEmpty())
        return schema;
    QJsonObject root = schema.toObject();
    if (root.contains(u"$ref"_s))   // 3.0 ignores siblings of $ref: wrap it
        root = QJsonObject{{u"allOf"_s, QJsonArray{root}}};
    root.insert(u"components"_s, components);
    return root;
}

/// A parameter's text read as its declared type; left as text when it is not one (the schema
/// then reports the wrong type).
QJsonValue typed(const QString &text, const QString &type)
{
    bool ok = false;
    if (type == u"integer"_s) {
        const qint64 n = text.toLongLong(&ok);
        if (ok)
            return double(n);
        const double d = text.toDouble(&ok);
        return ok ? QJsonValue(d) : QJsonValue(text);
    }
    if (type == u"number"_s) {
        const double d = text.toDouble(&ok);
        return ok ? QJsonValue(d) : QJsonValue(text);
    }
    if (type == u"boolean"_s) {
        if (text == u"true"_s || text == u"false"_s)
            return text == u"true"_s;
        return text;
    }
    if (type == u"null"_s && text.isEmpty())
        return QJsonValue::Null;
    return text;
}

bool accepts(const QStringList &declared, const QString &contentType)
{
    const QString base = contentType.section(u';', 0, 0).trimmed().toLower();
    for (const QString &d : declared) {
        const QString want = d.section(u';', 0, 0).trimmed().toLower();
        if (want == base || want == u"*/*"_s || (want.endsWith(u"/*"_s) && base.startsWith(want.chopped(1))))
            return true;
    }
    return false;
}

bool isJson(const QString &mediaType)
{
    const QString base = mediaType.section(u';', 0, 0).trimmed().toLower();
    return base == u"application/json"_s || base.endsWith(u"+json"_s);
}

} // namespace

Result<RequestValidator> RequestValidator::compile(const QJsonObject &validation, const QString &where)
{
    RequestValidator v;
    v.m_enabled = validation.value(u"enabled"_s).toBool(true);
    const QString dialectName = validation.value(u"dialect"_s).toString(u"openapi-3.0"_s);
    const auto dialect = JsonSchema::dialectNamed(dialectName);
    if (!dialect)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The validation dialect must be openapi-3.0, openapi-3.1, draft-07 or draft-04, not \"%1\".")
                         .arg(dialectName),
                     where + u".validation.dialect"_s};
    const QJsonObject components = validation.value(u"components"_s).toObject();
    const QJsonObject body = validation.value(u"body"_s).toObject();
    v.m_bodyRequired = body.value(u"required"_s).toBool();
    for (const QJsonValue &t : body.value(u"mediaTypes"_s).toArray())
        v.m_mediaTypes.append(t.toString());
    if (body.contains(u"schema"_s)) {
        auto schema = JsonSchema::compile(rooted(body.value(u"schema"_s), components), *dialect);
        if (!schema)
            return Error{Error::Kind::InvalidInput, Tr::tr("The body schema: %1").arg(schema.error().message),
                         where + u".validation.body.schema"_s};
        v.m_body = schema.value();
    }
    const QJsonArray parameters = validation.value(u"parameters"_s).toArray();
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        const QJsonObject p = parameters.at(i).toObject();
        Parameter parameter;
        parameter.in = p.value(u"in"_s).toString();
        parameter.name = p.value(u"name"_s).toString();
        const QString at = where + u".validation.parameters[%1]"_s.arg(i);
        if (!QStringList{u"path"_s, u"query"_s, u"header"_s, u"cookie"_s}.contains(parameter.in) || parameter.name.isEmpty())
            return Error{Error::Kind::InvalidInput, Tr::tr("A parameter needs a name and \"in\": path, query or header."), at};
        if (parameter.in == u"cookie"_s
            || (parameter.in == u"header"_s && IgnoredHeaders.contains(parameter.name.toLower())))
            continue;
        parameter.required = p.value(u"required"_s).toBool(parameter.in == u"path"_s);
        parameter.explode = p.value(u"explode"_s).toBool(parameter.in == u"query"_s);
        const QJsonObject declared = followRefs(p.value(u"schema"_s).toObject(), components);
        parameter.type = declaredType(declared);
        parameter.itemType = declaredType(followRefs(declared.value(u"items"_s).toObject(), components));
        if (parameter.type == u"object"_s)
            continue;   // deepObject and friends are not read yet: such a parameter is not checked
        if (p.contains(u"schema"_s)) {
            auto schema = JsonSchema::compile(rooted(p.value(u"schema"_s), components), *dialect);
            if (!schema)
                return Error{Error::Kind::InvalidInput,
                             Tr::tr("The schema of the %1 parameter \"%2\": %3").arg(parameter.in, parameter.name, schema.error().message),
                             at + u".schema"_s};
            parameter.schema = schema.value();
        }
        v.m_parameters.append(parameter);
    }
    return v;
}

RequestValidator::Outcome RequestValidator::check(const Request &request, const QHash<QString, QString> &params) const
{
    Outcome out;
    QStringList checked;
    bool onlyTypes = true;
    auto fail = [&](const QString &in, const QString &name, const SchemaViolation &v) {
        out.errors.append({in, name, v});
        onlyTypes = onlyTypes && (v.constraint == u"type"_s || v.constraint == u"required-parameter"_s);
    };
    for (const Parameter &p : m_parameters) {
        QStringList values;
        if (p.in == u"path"_s) {
            if (params.contains(p.name))
                values.append(params.value(p.name));
        } else if (p.in == u"query"_s) {
            for (const auto &[key, value] : request.query) {
                if (key == p.name)
                    values.append(value);
            }
        } else if (request.hasHeader(p.name.toLatin1())) {
            values.append(QString::fromUtf8(request.header(p.name.toLatin1())).trimmed());
        }
        if (values.isEmpty()) {
            if (p.required)
                fail(p.in, p.name, {QString(), u"required-parameter"_s,
                                    Tr::tr("The %1 parameter \"%2\" is required.").arg(p.in, p.name)});
            continue;
        }
        checked.append(p.name);
        if (!p.schema)
            continue;
        QJsonValue value;
        if (p.type == u"array"_s) {
            if (!p.explode || p.in != u"query"_s)
                values = values.join(u',').split(u',');
            QJsonArray items;
            for (const QString &item : std::as_const(values))
                items.append(typed(item, p.itemType));
            value = items;
        } else {
            value = typed(values.first(), p.type);
        }
        for (const SchemaViolation &v : p.schema->validate(value))
            fail(p.in, p.name, v);
    }

    const QString contentType = QString::fromLatin1(request.header("content-type"));
    if (request.body.isEmpty()) {
        if (m_bodyRequired)
            fail(u"body"_s, QString(), {QString(), u"required-body"_s,
                                        Tr::tr("This operation needs a request body (%1).").arg(m_mediaTypes.join(u", "_s))});
    } else if (!m_mediaTypes.isEmpty() && !contentType.isEmpty() && !accepts(m_mediaTypes, contentType)) {
        out.status = 415;
        out.errors.append({u"body"_s, QString(), {QString(), u"mediaType"_s,
                                                  Tr::tr("The body is %1; this operation accepts %2.")
                                                      .arg(contentType.section(u';', 0, 0), m_mediaTypes.join(u", "_s))}});
        out.summary = Tr::tr("415: the body is %1, the operation accepts %2").arg(contentType, m_mediaTypes.join(u", "_s));
        return out;
    } else if (m_body && (contentType.isEmpty() ? (m_mediaTypes.isEmpty() || isJson(m_mediaTypes.first())) : isJson(contentType))) {
        checked.append(u"body"_s);
        auto violations = m_body->validateText(request.body);
        if (!violations) {
            fail(u"body"_s, QString(), {QString(), u"json"_s, Tr::tr("The body is not JSON: %1 (%2).")
                                                                 .arg(violations.error().message, violations.error().where)});
        } else {
            for (const SchemaViolation &v : violations.value())
                fail(u"body"_s, QString(), v);
        }
    }
    if (out.errors.isEmpty()) {
        out.summary = checked.isEmpty() ? Tr::tr("nothing to check in this request")
                                        : Tr::tr("valid: %1").arg(checked.join(u", "_s));
        return out;
    }
    bool malformed = onlyTypes;
    for (const Violation &v : std::as_const(out.errors))
        malformed = malformed || v.violation.constraint == u"json"_s || v.violation.constraint == u"required-body"_s;
    out.status = malformed ? 400 : 422;
    const Violation &first = out.errors.first();
    out.summary = Tr::tr("%1: %2%3 %4 — %5%6")
                      .arg(out.status)
                      .arg(first.in, first.name.isEmpty() ? QString() : u' ' + first.name,
                           first.violation.pointer.isEmpty() ? QString() : first.violation.pointer, first.violation.message,
                           out.errors.size() > 1 ? Tr::tr(" (and %n more)", nullptr, int(out.errors.size() - 1)) : QString());
    return out;
}

Response RequestValidator::problem(const Outcome &outcome, const QString &label)
{
    WriteError e;
    e.kind = outcome.status == 415 ? WriteError::Kind::MediaType
             : outcome.status == 400 ? WriteError::Kind::Malformed
                                     : WriteError::Kind::Rule;
    e.title = outcome.status == 415 ? u"Unsupported media type"_s
              : outcome.status == 400 ? u"Malformed request"_s
                                      : u"Request breaks the schema"_s;
    e.detail = Tr::tr("%1 checks its requests against the operation's schema; this one has %n problem(s).", nullptr,
                      int(outcome.errors.size()))
                   .arg(label);
    for (const Violation &v : outcome.errors)
        e.errors.append({v.violation.pointer, v.violation.constraint, v.violation.message,
                         v.in == u"body"_s ? QString() : v.in, v.name});
    return e.toResponse();
}

} // namespace quarry::mock
