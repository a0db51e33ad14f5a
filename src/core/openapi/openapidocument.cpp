// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "openapi/openapidocument.h"

#include "jsonpointer.h"
#include "jsontext.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::openapi {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OpenApiDocument)
};

bool looksLikeJson(const QByteArray &text)
{
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

} // namespace

Result<OpenApiDocument> OpenApiDocument::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, Tr::tr("Cannot read %1: %2.").arg(path, file.errorString()), path};
    return fromText(file.readAll(), path);
}

Result<OpenApiDocument> OpenApiDocument::fromText(const QByteArray &text, const QString &origin)
{
    OpenApiYaml::KeyOrder order;
    QJsonValue value;
    if (looksLikeJson(text)) {
        auto doc = parseJson(text, origin);
        if (!doc)
            return doc.error();
        value = doc.value().isObject() ? QJsonValue(doc.value().object()) : QJsonValue(doc.value().array());
        // JSON is YAML too: a second reading recovers the key order QJsonDocument drops.
        (void)OpenApiYaml::parse(text, origin, &order);
    } else {
        auto parsed = OpenApiYaml::parse(text, origin, &order);
        if (!parsed)
            return parsed.error();
        value = parsed.value();
    }
    if (!value.isObject())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("This is not an OpenAPI document: its top level is not a mapping with an \"openapi\" field."),
                     origin};
    return fromJson(value.toObject(), origin, std::move(order));
}

Result<OpenApiDocument> OpenApiDocument::fromJson(const QJsonObject &root, const QString &origin, OpenApiYaml::KeyOrder order)
{
    const QString where = origin.isEmpty() ? u"openapi"_s : origin;
    if (root.contains(u"swagger"_s)) {
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Swagger/OpenAPI %1 is not supported; Quarry reads OpenAPI 3.0 and 3.1. Convert the "
                            "document first (for example with swagger2openapi or editor.swagger.io).")
                         .arg(root.value(u"swagger"_s).toVariant().toString()),
                     where};
    }
    const QJsonValue version = root.value(u"openapi"_s);
    if (version.isUndefined())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("This is not an OpenAPI document: it has no \"openapi\" field with the version."), where};
    const QString v = version.isString() ? version.toString() : version.toVariant().toString();
    if (!version.isString() || !(v.startsWith(u"3.0"_s) || v.startsWith(u"3.1"_s)))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("OpenAPI version \"%1\" is not supported; Quarry reads 3.0.x and 3.1.x (written as a "
                            "string, such as \"3.0.3\").")
                         .arg(v),
                     where};
    if (root.contains(u"paths"_s) && !root.value(u"paths"_s).isObject())
        return Error{Error::Kind::InvalidInput, Tr::tr("\"paths\" must be a mapping of paths to operations."),
                     where};
    if (!root.contains(u"paths"_s) && v.startsWith(u"3.0"_s))
        return Error{Error::Kind::InvalidInput, Tr::tr("An OpenAPI 3.0 document needs \"paths\"."), where};
    OpenApiDocument doc;
    doc.m_root = root;
    doc.m_origin = origin;
    doc.m_order = std::move(order);
    return doc;
}

QStringList OpenApiDocument::keys(const QJsonObject &object, const QString &pointer) const
{
    QStringList result;
    const auto it = m_order.constFind(pointer);
    if (it != m_order.constEnd()) {
        for (const QString &key : it.value()) {
            if (object.contains(key))
                result.append(key);
        }
    }
    // Keys the recorded order does not know (an edited object, a merge) follow, sorted.
    if (result.size() != object.size()) {
        const QSet<QString> seen(result.begin(), result.end());
        for (const QString &key : object.keys()) {
            if (!seen.contains(key))
                result.append(key);
        }
    }
    return result;
}

Result<QJsonValue> OpenApiDocument::resolve(const QString &ref) const
{
    if (!ref.startsWith(u'#'))
        return Error{Error::Kind::NotFound,
                     Tr::tr("The reference \"%1\" points outside the document; Quarry resolves only local "
                            "references (#/components/...).")
                         .arg(ref),
                     ref};
    const QString fragment = QString::fromUtf8(QByteArray::fromPercentEncoding(ref.mid(1).toUtf8()));
    if (!fragment.isEmpty() && !fragment.startsWith(u'/'))
        return Error{Error::Kind::NotFound, Tr::tr("The reference \"%1\" is not a JSON pointer.").arg(ref), ref};
    const auto found = JsonPointer::resolve(m_root, fragment);
    if (!found)
        return Error{Error::Kind::NotFound, Tr::tr("The reference \"%1\" leads nowhere.").arg(ref), ref};
    return found;
}

QJsonValue OpenApiDocument::inlineExampleRefs(const QJsonValue &value, int depth) const
{
    if (depth > 16)
        return value;
    if (value.isArray()) {
        QJsonArray list = value.toArray();
        for (qsizetype i = 0; i < list.size(); ++i)
            list[i] = inlineExampleRefs(list.at(i), depth);
        return list;
    }
    if (!value.isObject())
        return value;
    QJsonObject o = value.toObject();
    const QString ref = o.value(u"$ref"_s).toString();
    if (o.size() == 1 && ref.startsWith(u"#/components/examples/"_s)) {
        auto example = resolve(ref);
        if (example && example.value().toObject().contains(u"value"_s))
            return inlineExampleRefs(example.value().toObject().value(u"value"_s), depth + 1);
        return value;
    }
    for (auto it = o.begin(); it != o.end(); ++it)
        it.value() = inlineExampleRefs(it.value(), depth);
    return o;
}

Result<QJsonObject> OpenApiDocument::dereference(const QJsonValue &value, QString *pointer) const
{
    QJsonValue current = value;
    QStringList seen;
    while (current.isObject() && current.toObject().contains(u"$ref"_s)) {
        const QString ref = current.toObject().value(u"$ref"_s).toString();
        if (seen.contains(ref) || seen.size() >= 32)
            return Error{Error::Kind::InvalidInput, Tr::tr("The reference \"%1\" refers to itself.").arg(ref), ref};
        seen.append(ref);
        auto next = resolve(ref);
        if (!next)
            return next.error();
        current = next.value();
        if (pointer)
            *pointer = ref.mid(1);
    }
    return current.toObject();
}

} // namespace quarry::openapi
