// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "openapi/openapirequestschema.h"

#include "jsonpointer.h"
#include "openapi/openapidocument.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::openapi {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OpenApiRequestSchema)
};

QJsonObject setAt(QJsonObject object, const QStringList &tokens, qsizetype i, const QJsonValue &value)
{
    if (i == tokens.size() - 1) {
        object.insert(tokens.at(i), value);
        return object;
    }
    object.insert(tokens.at(i), setAt(object.value(tokens.at(i)).toObject(), tokens, i + 1, value));
    return object;
}

/// Copies into `components` what `value` refers to under #/components/, and what that refers to.
void collect(const OpenApiDocument &doc, const QJsonValue &value, QJsonObject &components, QSet<QString> &seen)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            collect(doc, item, components, seen);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject o = value.toObject();
    const QString ref = o.value(u"$ref"_s).toString();
    if (ref.startsWith(u"#/components/"_s) && !seen.contains(ref)) {
        seen.insert(ref);
        auto target = doc.resolve(ref);
        if (target) {
            auto tokens = JsonPointer::split(ref.mid(12));   // "/schemas/Pet" after "#/components"
            if (tokens && !tokens.value().isEmpty())
                components = setAt(components, tokens.value(), 0, target.value());
            collect(doc, target.value(), components, seen);
        }
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != u"example"_s && it.key() != u"examples"_s && it.key() != u"default"_s)
            collect(doc, it.value(), components, seen);
    }
}

/// A schema without its `example`/`examples` annotations: validation does not read them, and
/// GitHub's hold references into components the route does not carry.
QJsonValue withoutExamples(const QJsonValue &value, bool mapOfSchemas = false)
{
    if (value.isArray()) {
        QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i)
            list[i] = withoutExamples(list.at(i));
        return list;
    }
    if (!value.isObject())
        return value;
    QJsonObject o = value.toObject();
    if (mapOfSchemas) {   // {"Pet": schema, ...}: the keys are names
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = withoutExamples(it.value());
        return o;
    }
    o.remove(u"example"_s);
    o.remove(u"examples"_s);
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString &key = it.key();
        if (key == u"enum"_s || key == u"const"_s || key == u"default"_s)
            continue;   // values, not schemas
        it.value() = withoutExamples(it.value(), key == u"properties"_s || key == u"patternProperties"_s
                                                     || key == u"definitions"_s || key == u"$defs"_s);
    }
    return o;
}

bool isJsonType(const QString &mediaType)
{
    const QString base = mediaType.section(u';', 0, 0).trimmed().toLower();
    return base == u"application/json"_s || base.endsWith(u"+json"_s);
}

} // namespace

QJsonObject OpenApiRequestSchema::of(const OpenApiDocument &doc, const QJsonObject &op, const QJsonObject &pathItem,
                                     const QString &label, QStringList &warnings)
{
    QJsonObject components;
    QSet<QString> seen;
    QList<QJsonObject> parameters;
    for (const QJsonValue &list : {pathItem.value(u"parameters"_s), op.value(u"parameters"_s)}) {
        for (const QJsonValue &p : list.toArray()) {
            auto parameter = doc.dereference(p);
            if (!parameter) {
                warnings.append(u"%1: %2"_s.arg(label, parameter.error().message));
                continue;
            }
            QJsonObject declared = parameter.value();
            const QString in = declared.value(u"in"_s).toString();
            const QString name = declared.value(u"name"_s).toString();
            if (!declared.contains(u"schema"_s)) {
                const QJsonObject content = declared.value(u"content"_s).toObject();
                if (!content.isEmpty())
                    warnings.append(Tr::tr("%1: the %2 parameter \"%3\" is described by content, which is not checked.")
                                        .arg(label, in, name));
                continue;
            }
            QJsonObject kept{{u"in"_s, in}, {u"name"_s, name}, {u"schema"_s, withoutExamples(declared.value(u"schema"_s))}};
            if (declared.value(u"required"_s).toBool() || in == u"path"_s)
                kept.insert(u"required"_s, true);
            if (declared.contains(u"explode"_s))
                kept.insert(u"explode"_s, declared.value(u"explode"_s));
            // The operation's declaration replaces the path item's of the same name and place.
            parameters.removeIf([&](const QJsonObject &other) {
                return other.value(u"in"_s) == kept.value(u"in"_s) && other.value(u"name"_s) == kept.value(u"name"_s);
            });
            parameters.append(kept);
            collect(doc, kept.value(u"schema"_s), components, seen);
        }
    }
    QJsonObject validation;
    if (!parameters.isEmpty()) {
        QJsonArray list;
        for (const QJsonObject &p : std::as_const(parameters))
            list.append(p);
        validation.insert(u"parameters"_s, list);
    }
    if (op.contains(u"requestBody"_s)) {
        auto body = doc.dereference(op.value(u"requestBody"_s));
        if (!body) {
            warnings.append(u"%1: %2"_s.arg(label, body.error().message));
        } else {
            const QJsonObject content = body.value().value(u"content"_s).toObject();
            QJsonObject kept{{u"required"_s, body.value().value(u"required"_s).toBool()},
                             {u"mediaTypes"_s, QJsonArray::fromStringList(content.keys())}};
            QString json;
            for (auto it = content.begin(); it != content.end() && json.isEmpty(); ++it) {
                if (isJsonType(it.key()) && it.value().toObject().contains(u"schema"_s))
                    json = it.key();
            }
            if (!json.isEmpty()) {
                kept.insert(u"schema"_s, withoutExamples(content.value(json).toObject().value(u"schema"_s)));
                collect(doc, kept.value(u"schema"_s), components, seen);
            }
            validation.insert(u"body"_s, kept);
        }
    }
    if (validation.isEmpty())
        return validation;
    validation.insert(u"dialect"_s, doc.isVersion31() ? u"openapi-3.1"_s : u"openapi-3.0"_s);
    for (auto section = components.begin(); section != components.end(); ++section)
        section.value() = withoutExamples(section.value(), true);   // each section maps names to objects
    if (!components.isEmpty())
        validation.insert(u"components"_s, components);
    return validation;
}

void OpenApiRequestSchema::applyTo(QJsonObject &op, const QJsonObject &validation, QJsonObject &components)
{
    QJsonArray parameters = op.value(u"parameters"_s).toArray();
    for (const QJsonValue &v : validation.value(u"parameters"_s).toArray()) {
        const QJsonObject p = v.toObject();
        const QString in = p.value(u"in"_s).toString();
        qsizetype at = -1;
        for (qsizetype i = 0; i < parameters.size() && at < 0; ++i) {
            const QJsonObject other = parameters.at(i).toObject();
            if (other.value(u"in"_s) == p.value(u"in"_s) && other.value(u"name"_s) == p.value(u"name"_s))
                at = i;
        }
        if (at < 0 && in == u"path"_s)
            continue;   // the route's path names it differently
        QJsonObject written = at >= 0 ? parameters.at(at).toObject()
                                      : QJsonObject{{u"name"_s, p.value(u"name"_s)}, {u"in"_s, in}};
        if (p.contains(u"schema"_s))
            written.insert(u"schema"_s, p.value(u"schema"_s));
        if (p.value(u"required"_s).toBool() || in == u"path"_s)
            written.insert(u"required"_s, true);
        if (p.contains(u"explode"_s))
            written.insert(u"explode"_s, p.value(u"explode"_s));
        if (at >= 0)
            parameters[at] = written;
        else
            parameters.append(written);
    }
    if (!parameters.isEmpty())
        op.insert(u"parameters"_s, parameters);
    const QJsonObject body = validation.value(u"body"_s).toObject();
    if (!body.isEmpty() && !op.contains(u"requestBody"_s)) {
        QJsonObject content;
        QStringList types;
        for (const QJsonValue &t : body.value(u"mediaTypes"_s).toArray())
            types.append(t.toString());
        if (types.isEmpty())
            types.append(u"application/json"_s);
        for (const QString &type : std::as_const(types)) {
            QJsonObject media;
            if (isJsonType(type) && body.contains(u"schema"_s))
                media.insert(u"schema"_s, body.value(u"schema"_s));
            content.insert(type, media);
        }
        op.insert(u"requestBody"_s, QJsonObject{{u"required"_s, body.value(u"required"_s).toBool()}, {u"content"_s, content}});
    }
    const QJsonObject carried = validation.value(u"components"_s).toObject();
    for (auto section = carried.begin(); section != carried.end(); ++section) {
        QJsonObject merged = components.value(section.key()).toObject();
        const QJsonObject entries = section.value().toObject();
        for (auto it = entries.begin(); it != entries.end(); ++it) {
            if (!merged.contains(it.key()))
                merged.insert(it.key(), it.value());
        }
        components.insert(section.key(), merged);
    }
}

} // namespace quarry::openapi
