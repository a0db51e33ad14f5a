// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "openapi/openapiimporter.h"

#include "jsonpointer.h"
#include "openapi/openapidocument.h"
#include "openapi/openapirequestschema.h"
#include "openapi/openapisampler.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::openapi {

using namespace mock;   // the routes this module reads and writes

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(OpenApiImporter)
};

const QStringList OperationKeys{u"get"_s, u"put"_s, u"post"_s, u"delete"_s, u"options"_s, u"head"_s, u"patch"_s, u"trace"_s};

/// Route settings that OpenAPI has no field for, as the exporter writes them.
const QList<std::pair<QString, QString>> PolicyExtensions{{u"x-quarry-cors"_s, u"cors"_s},
                                                          {u"x-quarry-rate-limit"_s, u"rateLimit"_s},
                                                          {u"x-quarry-latency"_s, u"latency"_s},
                                                          {u"x-quarry-faults"_s, u"faults"_s}};

bool isJsonType(const QString &mediaType)
{
    const QString base = mediaType.section(u';', 0, 0).trimmed().toLower();
    return base == u"application/json"_s || base.endsWith(u"+json"_s);
}

QString preferredMediaType(const OpenApiDocument &doc, const QJsonObject &content, const QString &pointer)
{
    const QStringList types = doc.keys(content, pointer);
    for (const QString &t : types) {
        if (t.section(u';', 0, 0).trimmed().toLower() == u"application/json"_s)
            return t;
    }
    for (const QString &t : types) {
        if (isJsonType(t))
            return t;
    }
    return types.isEmpty() ? QString() : types.first();
}

QString bodyText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return v.toString();
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented));
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented));
    case QJsonValue::Undefined: return {};
    default: return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    }
}

QString headerText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject() || v.isArray())
        return bodyText(v).simplified();
    return bodyText(v);
}

QString idFor(const QString &method, const QString &path)
{
    QString slug = path;
    slug.replace(QRegularExpression(u"[{}:*]"_s), QString());
    slug.replace(QRegularExpression(u"[^A-Za-z0-9_.-]+"_s), u"-"_s);
    slug = slug.mid(slug.startsWith(u'-') ? 1 : 0);
    if (slug.endsWith(u'-'))
        slug.chop(1);
    return method.toLower() + (slug.isEmpty() ? QString() : u'-' + slug);
}

QString sanitizeId(const QString &id)
{
    QString s = id;
    s.replace(QRegularExpression(u"[^A-Za-z0-9_.-]+"_s), u"-"_s);
    return s;
}

/// The value of a header, parameter or media type: `example`, else the first of `examples`,
/// else one built from `schema`.
QJsonValue exampleOf(const OpenApiDocument &doc, OpenApiSampler &sampler, const QJsonObject &holder,
                     const QString &pointer, QStringList &warnings, const QString &label)
{
    if (holder.contains(u"example"_s))
        return holder.value(u"example"_s);
    const QJsonObject examples = holder.value(u"examples"_s).toObject();
    const QStringList names = doc.keys(examples, pointer + u"/examples"_s);
    if (!names.isEmpty()) {
        auto example = doc.dereference(examples.value(names.first()));
        if (!example) {
            warnings.append(u"%1: %2"_s.arg(label, example.error().message));
        } else if (example.value().contains(u"value"_s)) {
            return example.value().value(u"value"_s);
        } else if (example.value().contains(u"externalValue"_s)) {
            warnings.append(Tr::tr("%1: the example \"%2\" lives in another file (%3); the body was built from the schema instead.")
                                .arg(label, names.first(), example.value().value(u"externalValue"_s).toString()));
        }
    }
    if (holder.contains(u"schema"_s))
        return sampler.sample(holder.value(u"schema"_s), pointer + u"/schema"_s);
    return QJsonValue(QJsonValue::Undefined);
}

struct PendingResponse {
    QJsonObject json;
    int status = 200;
    bool isDefault = false;
    int position = -1;   ///< x-quarry-position, when the document came from Quarry
    bool hasRules = false;
    int group = 0;         ///< which documented response (status key) it comes from
    QString exampleName;   ///< set for the second and later named examples of a media type
};

struct PendingRoute {
    QJsonObject json;
    QStringList segments;
    int position = -1;
    int index = 0;
};

int segmentKind(const QString &segment)
{
    if (segment == u"*"_s)
        return 2;
    return segment.startsWith(u':') ? 1 : 0;
}

QString routeKey(const QString &method, const QString &path)
{
    QStringList segments = Route::splitPath(path);
    for (QString &s : segments) {
        if (s.startsWith(u':'))
            s = u":"_s;
    }
    return method.toUpper() + u' ' + segments.join(u'/');
}

class Importer
{
public:
    Importer(const OpenApiDocument &doc, const OpenApiImporter::Options &options)
        : m_doc(doc), m_options(options), m_sampler(doc)
    {
    }

    Result<OpenApiImport> run();

private:
    void importOperation(const QString &path, const QString &method, const QJsonObject &op, const QString &pointer,
                         const QJsonObject &pathItem);
    QList<PendingResponse> responsesOf(const QJsonObject &op, const QString &pointer, const QString &label);
    void addResponse(QList<PendingResponse> &out, int status, bool isDefault, const QJsonObject &response,
                     const QString &pointer, const QString &label);

    const OpenApiDocument &m_doc;
    OpenApiImporter::Options m_options;
    OpenApiSampler m_sampler;
    QList<PendingRoute> m_routes;
    QStringList m_warnings;
    QStringList m_secured;
    int m_operations = 0;
};

Result<OpenApiImport> Importer::run()
{
    const QJsonObject paths = m_doc.root().value(u"paths"_s).toObject();
    for (const QString &path : m_doc.keys(paths, u"/paths"_s)) {
        if (path.startsWith(u"x-"_s))
            continue;
        QString pointer = u"/paths/"_s + JsonPointer::escape(path);
        auto item = m_doc.dereference(paths.value(path), &pointer);
        if (!item) {
            m_warnings.append(u"%1: %2"_s.arg(path, item.error().message));
            continue;
        }
        for (const QString &key : m_doc.keys(item.value(), pointer)) {
            if (!OperationKeys.contains(key))
                continue;
            ++m_operations;
            // Documentation of a resource's item form: the resource route itself answers there.
            if (item.value().value(key).toObject().contains(u"x-quarry-resource-item"_s))
                continue;
            importOperation(path, key, item.value().value(key).toObject(), pointer + u'/' + key, item.value());
        }
    }
    if (m_operations == 0)
        return Error{Error::Kind::InvalidInput, Tr::tr("The document describes no operations under \"paths\"; there is nothing to import."),
                     m_doc.origin()};

    // OpenAPI matches a literal segment before a template; Quarry's router takes the first route
    // that matches, so literal segments go first. Documents from Quarry keep their own order.
    for (qsizetype i = 0; i < m_routes.size(); ++i)
        m_routes[i].index = int(i);
    std::stable_sort(m_routes.begin(), m_routes.end(), [](const PendingRoute &a, const PendingRoute &b) {
        if ((a.position >= 0) != (b.position >= 0))
            return a.position >= 0;
        if (a.position >= 0)
            return a.position < b.position;
        QList<int> ka, kb;
        for (const QString &s : a.segments)
            ka.append(segmentKind(s));
        for (const QString &s : b.segments)
            kb.append(segmentKind(s));
        if (ka != kb)
            return std::lexicographical_compare(ka.begin(), ka.end(), kb.begin(), kb.end());
        return a.index < b.index;
    });

    OpenApiImport result;
    QSet<QString> ids;
    for (qsizetype i = 0; i < m_routes.size(); ++i) {
        QJsonObject json = m_routes.at(i).json;
        QString id = json.value(u"id"_s).toString();
        const QString base = id;
        for (int n = 2; ids.contains(id); ++n)
            id = base + u'-' + QString::number(n);
        ids.insert(id);
        json.insert(u"id"_s, id);
        auto route = Route::fromJson(json, int(i));
        if (!route) {
            m_warnings.append(Tr::tr("%1 %2 was skipped: %3")
                                  .arg(json.value(u"method"_s).toString(), json.value(u"path"_s).toString(),
                                       route.error().toString()));
            continue;
        }
        result.routes.append(route.value());
    }
    if (!m_secured.isEmpty())
        m_warnings.append(Tr::tr("%n operation(s) declare security (%1); the imported routes do not check tokens until "
                                 "you turn on auth for them.",
                                 nullptr, int(m_secured.size()))
                              .arg(m_secured.size() > 3 ? m_secured.mid(0, 3).join(u", "_s) + u", ..."_s
                                                        : m_secured.join(u", "_s)));
    result.warnings = m_warnings + m_sampler.warnings();
    return result;
}

void Importer::importOperation(const QString &rawPath, const QString &method, const QJsonObject &op,
                               const QString &pointer, const QJsonObject &pathItem)
{
    const QString label = method.toUpper() + u' ' + rawPath;
    if (method == u"trace"_s) {
        m_warnings.append(Tr::tr("%1 was skipped: the mock server does not answer TRACE.").arg(label));
        return;
    }
    QJsonObject json;
    bool exact = true;
    QString path = op.contains(u"x-quarry-path"_s) ? op.value(u"x-quarry-path"_s).toString()
                                                   : OpenApiImporter::convertPath(m_options.pathPrefix + rawPath, &exact);
    if (!exact)
        m_warnings.append(Tr::tr("%1: a path segment mixes text and parameters; it became * in %2.").arg(label, path));
    const QString routeMethod = op.value(u"x-quarry-method"_s).toString(method.toUpper());
    json.insert(u"method"_s, routeMethod);
    json.insert(u"path"_s, path);
    const QString operationId = op.value(u"operationId"_s).toString();
    json.insert(u"id"_s, operationId.isEmpty() ? idFor(routeMethod, path) : sanitizeId(operationId));
    QString description = op.value(u"summary"_s).toString();
    if (description.isEmpty())
        description = op.value(u"description"_s).toString().section(u'\n', 0, 0).trimmed();
    if (description.isEmpty())
        description = pathItem.value(u"summary"_s).toString();
    if (!description.isEmpty())
        json.insert(u"description"_s, description);
    if (op.contains(u"x-quarry-enabled"_s))
        json.insert(u"enabled"_s, op.value(u"x-quarry-enabled"_s).toBool(true));
    if (op.value(u"x-quarry-query"_s).isObject())
        json.insert(u"query"_s, op.value(u"x-quarry-query"_s));
    if (op.value(u"x-quarry-mode"_s).isString())
        json.insert(u"responseMode"_s, op.value(u"x-quarry-mode"_s));
    if (op.value(u"x-quarry-resource"_s).isObject())
        json.insert(u"resource"_s, op.value(u"x-quarry-resource"_s));
    for (const auto &[extension, key] : PolicyExtensions) {
        if (op.value(extension).isObject())
            json.insert(key, op.value(extension));
    }
    if (op.value(u"x-quarry-auth"_s).isObject()) {
        json.insert(u"auth"_s, op.value(u"x-quarry-auth"_s));
    } else {
        const QJsonValue security = op.contains(u"security"_s) ? op.value(u"security"_s) : m_doc.root().value(u"security"_s);
        bool required = false;
        for (const QJsonValue &requirement : security.toArray())
            required = required || !requirement.toObject().isEmpty();
        // An empty requirement ({}) in the list makes security optional.
        for (const QJsonValue &requirement : security.toArray())
            required = required && !requirement.toObject().isEmpty();
        if (required)
            m_secured.append(label);
    }

    const QJsonObject extra = op.value(u"x-quarry-route"_s).toObject();
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        if (!json.contains(it.key()))
            json.insert(it.key(), it.value());
    }

    // A route Quarry exported carries its own in x-quarry-route; its parameters only document the path.
    if (!json.contains(u"validation"_s) && !op.contains(u"x-quarry-position"_s)) {
        const QJsonObject validation = OpenApiRequestSchema::of(m_doc, op, pathItem, label, m_warnings);
        if (!validation.isEmpty())
            json.insert(u"validation"_s, validation);
    }

    QList<PendingResponse> responses = responsesOf(op, pointer, label);
    QJsonArray array;
    for (const PendingResponse &r : std::as_const(responses))
        array.append(r.json);
    if (!array.isEmpty())
        json.insert(u"responses"_s, array);

    PendingRoute pending;
    pending.json = json;
    pending.segments = Route::splitPath(path);
    pending.position = op.value(u"x-quarry-position"_s).toInt(-1);
    m_routes.append(pending);
}

void Importer::addResponse(QList<PendingResponse> &out, int status, bool isDefault, const QJsonObject &response,
                           const QString &pointer, const QString &label)
{
    const bool fromQuarry = response.contains(u"x-quarry-position"_s);
    QJsonObject headers;
    const QJsonObject declared = response.value(u"headers"_s).toObject();
    for (const QString &name : m_doc.keys(declared, pointer + u"/headers"_s)) {
        if (name.compare(u"content-type"_s, Qt::CaseInsensitive) == 0)
            continue;
        QString at = pointer + u"/headers/"_s + JsonPointer::escape(name);
        auto header = m_doc.dereference(declared.value(name), &at);
        if (!header) {
            m_warnings.append(u"%1: %2"_s.arg(label, header.error().message));
            continue;
        }
        const QJsonValue v = exampleOf(m_doc, m_sampler, header.value(), at, m_warnings, label);
        if (!v.isUndefined() && !v.isNull())
            headers.insert(name, headerText(m_doc.inlineExampleRefs(v)));
    }

    const QJsonObject content = response.value(u"content"_s).toObject();
    const QString mediaType = preferredMediaType(m_doc, content, pointer + u"/content"_s);
    const QString mediaPointer = pointer + u"/content/"_s + JsonPointer::escape(mediaType);
    const QJsonObject media = content.value(mediaType).toObject();
    if (!mediaType.isEmpty())
        headers.insert(u"Content-Type"_s, mediaType);

    const int group = out.isEmpty() ? 0 : out.last().group + 1;
    auto make = [&](const QJsonValue &body, const QJsonObject &marks, const QString &exampleName = {}) {
        PendingResponse r;
        r.group = group;
        r.exampleName = exampleName;
        r.status = status;
        r.isDefault = isDefault;
        r.json.insert(u"status"_s, status);
        r.json.insert(u"headers"_s, marks.value(u"x-quarry-headers"_s).isObject() ? marks.value(u"x-quarry-headers"_s).toObject() : headers);
        r.json.insert(u"body"_s, bodyText(m_doc.inlineExampleRefs(body)));
        QString text = response.value(u"description"_s).toString().section(u'\n', 0, 0).trimmed();
        if (fromQuarry || marks.contains(u"x-quarry-position"_s))
            text = marks.value(u"x-quarry-label"_s).toString();
        if (!exampleName.isEmpty())
            text = marks.value(u"summary"_s).toString(exampleName);
        if (!text.isEmpty())
            r.json.insert(u"label"_s, text.left(120));
        if (marks.value(u"x-quarry-rules"_s).isArray()) {
            r.hasRules = true;
            if (!marks.value(u"x-quarry-rules"_s).toArray().isEmpty()) {
                r.json.insert(u"rules"_s, marks.value(u"x-quarry-rules"_s));
                r.json.insert(u"rulesMatch"_s, marks.value(u"x-quarry-rules-match"_s).toString(u"all"_s));
            }
        }
        r.position = marks.value(u"x-quarry-position"_s).toInt(-1);
        out.append(r);
    };

    // Quarry writes responses that share a status as named examples, each with its own marks.
    const QJsonObject examples = media.value(u"examples"_s).toObject();
    bool split = false;
    for (auto it = examples.begin(); it != examples.end(); ++it)
        split = split || it.value().toObject().contains(u"x-quarry-position"_s);
    if (split) {
        for (const QString &name : m_doc.keys(examples, mediaPointer + u"/examples"_s)) {
            const QJsonObject example = examples.value(name).toObject();
            make(example.value(u"value"_s), example);
        }
        return;
    }
    make(mediaType.isEmpty() ? QJsonValue(QJsonValue::Undefined)
                             : exampleOf(m_doc, m_sampler, media, mediaPointer, m_warnings, label),
         response);
    // Prism's convention for the other named examples: `Prefer: example=NAME` picks one.
    if (media.contains(u"example"_s) || fromQuarry)
        return;
    const QStringList names = m_doc.keys(examples, mediaPointer + u"/examples"_s);
    for (qsizetype i = 1; i < names.size(); ++i) {
        auto example = m_doc.dereference(examples.value(names.at(i)));
        if (example && example.value().contains(u"value"_s))
            make(example.value().value(u"value"_s), example.value(), names.at(i));
    }
}

QList<PendingResponse> Importer::responsesOf(const QJsonObject &op, const QString &pointer, const QString &label)
{
    QList<PendingResponse> out;
    const QJsonObject responses = op.value(u"responses"_s).toObject();
    const QString at = pointer + u"/responses"_s;
    static const QRegularExpression range(u"^([1-5])XX$"_s, QRegularExpression::CaseInsensitiveOption);
    const QStringList keys = m_doc.keys(responses, at);
    int documented = 0;
    for (const QString &key : keys)
        documented += key.startsWith(u"x-"_s) ? 0 : 1;
    for (const QString &key : keys) {
        if (key.startsWith(u"x-"_s))
            continue;
        QString responsePointer = at + u'/' + JsonPointer::escape(key);
        auto response = m_doc.dereference(responses.value(key), &responsePointer);
        if (!response) {
            m_warnings.append(u"%1: %2"_s.arg(label, response.error().message));
            continue;
        }
        if (response.value().value(u"x-quarry-synthesized"_s).toBool())
            continue;
        bool ok = false;
        int status = key.toInt(&ok);
        bool isDefault = false;
        if (key == u"default"_s) {
            status = documented == 1 ? 200 : 500;
            isDefault = true;
        } else if (const auto m = range.match(key); m.hasMatch()) {
            status = m.captured(1).toInt() * 100;
        } else if (!ok || status < 100 || status > 599) {
            m_warnings.append(Tr::tr("%1: the response \"%2\" is not a status code; it was skipped.").arg(label, key));
            continue;
        }
        addResponse(out, status, isDefault, response.value(), responsePointer, label);
    }
    if (out.isEmpty())
        return out;

    const bool fromQuarry = std::all_of(out.begin(), out.end(), [](const PendingResponse &r) { return r.position >= 0; });
    if (fromQuarry) {
        std::stable_sort(out.begin(), out.end(),
                         [](const PendingResponse &a, const PendingResponse &b) { return a.position < b.position; });
        return out;
    }
    // The answer by default: the first 2xx, else the lowest status.
    qsizetype primary = -1;
    for (qsizetype i = 0; i < out.size() && primary < 0; ++i) {
        if (out.at(i).status >= 200 && out.at(i).status < 300)
            primary = i;
    }
    if (primary < 0) {
        primary = 0;
        for (qsizetype i = 1; i < out.size(); ++i) {
            if (!out.at(i).isDefault && (out.at(primary).isDefault || out.at(i).status < out.at(primary).status))
                primary = i;
        }
    }
    // Order: the default answer first; then each response's other named examples before it, so
    // that the more specific rule (code and example) is tried before the one on the code alone.
    const int primaryGroup = out.at(primary).group;
    QList<PendingResponse> ordered;
    auto takeGroup = [&](int group, bool isPrimary) {
        for (const PendingResponse &r : std::as_const(out)) {
            if (r.group == group && r.exampleName.isEmpty() && isPrimary)
                ordered.append(r);
        }
        for (const PendingResponse &r : std::as_const(out)) {
            if (r.group == group && !r.exampleName.isEmpty())
                ordered.append(r);
        }
        for (const PendingResponse &r : std::as_const(out)) {
            if (r.group == group && r.exampleName.isEmpty() && !isPrimary)
                ordered.append(r);
        }
    };
    takeGroup(primaryGroup, true);
    QList<int> groups;
    for (const PendingResponse &r : std::as_const(out)) {
        if (r.group != primaryGroup && !groups.contains(r.group))
            groups.append(r.group);
    }
    for (const int g : std::as_const(groups))
        takeGroup(g, false);
    auto preferRule = [](const QString &pattern) {
        return QJsonObject{{u"source"_s, u"header"_s},
                           {u"name"_s, u"Prefer"_s},
                           {u"operator"_s, u"regex"_s},
                           {u"value"_s, u"\\b%1\\b"_s.arg(pattern)}};
    };
    for (qsizetype i = 1; i < ordered.size(); ++i) {
        PendingResponse &r = ordered[i];
        if (r.hasRules)
            continue;
        QJsonArray rules;
        if (r.group != primaryGroup)
            rules.append(preferRule(u"code="_s + (r.isDefault ? u"(%1|default)"_s.arg(r.status) : QString::number(r.status))));
        if (!r.exampleName.isEmpty())
            rules.append(preferRule(u"example="_s + QRegularExpression::escape(r.exampleName)));
        r.json.insert(u"rules"_s, rules);
        r.json.insert(u"rulesMatch"_s, u"all"_s);
    }
    return ordered;
}

} // namespace

QString OpenApiImporter::convertPath(const QString &openApiPath, bool *exact)
{
    static const QRegularExpression whole(u"^\\{([^{}]+)\\}$"_s);
    if (exact)
        *exact = true;
    QStringList segments = openApiPath.split(u'/');
    for (QString &segment : segments) {
        if (!segment.contains(u'{'))
            continue;
        const auto m = whole.match(segment);
        if (m.hasMatch()) {
            segment = u':' + m.captured(1);
        } else {
            segment = u"*"_s;
            if (exact)
                *exact = false;
        }
    }
    QString path = segments.join(u'/');
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    return path;
}

Result<OpenApiImport> OpenApiImporter::importRoutes(const OpenApiDocument &document, const Options &options)
{
    Importer importer(document, options);
    return importer.run();
}

OpenApiMerge OpenApiImporter::mergeRoutes(const QJsonArray &existing, const QList<Route> &routes)
{
    OpenApiMerge merge;
    merge.routes = existing;
    QHash<QString, qsizetype> byKey;
    for (qsizetype i = 0; i < existing.size(); ++i) {
        const QJsonObject o = existing.at(i).toObject();
        byKey.insert(routeKey(o.value(u"method"_s).toString(u"GET"_s), o.value(u"path"_s).toString()), i);
    }
    QSet<qsizetype> replacedAt;
    QList<QJsonObject> appended;
    for (const Route &route : routes) {
        const QString key = routeKey(route.method, route.path);
        QJsonObject json = route.toJson();
        if (byKey.contains(key) && !replacedAt.contains(byKey.value(key))) {
            const qsizetype at = byKey.value(key);
            merge.routes.replace(at, json);
            replacedAt.insert(at);
            merge.replaced.append(route.label());
        } else {
            appended.append(json);
            merge.added.append(route.label());
        }
    }
    for (const QJsonObject &json : std::as_const(appended))
        merge.routes.append(json);
    // Ids stay unique: the first holder of an id keeps it.
    QSet<QString> ids;
    for (qsizetype i = 0; i < merge.routes.size(); ++i) {
        QJsonObject o = merge.routes.at(i).toObject();
        QString id = o.value(u"id"_s).toString();
        if (id.isEmpty())
            continue;
        const QString base = id;
        for (int n = 2; ids.contains(id); ++n)
            id = base + u'-' + QString::number(n);
        ids.insert(id);
        if (id != base) {
            o.insert(u"id"_s, id);
            merge.routes.replace(i, o);
        }
    }
    return merge;
}

} // namespace quarry::openapi
