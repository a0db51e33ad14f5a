// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/brunoformat.h"

#include "http/brulang.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(BrunoFormat)
};

const QStringList Methods{u"get"_s, u"post"_s, u"put"_s, u"patch"_s, u"delete"_s, u"options"_s, u"head"_s};

class Reader
{
public:
    Reader(QString root, QStringList *warnings) : m_root(std::move(root)), m_warnings(warnings) {}

    void warn(const QString &message)
    {
        if (m_warnings)
            m_warnings->append(message);
    }

    Result<BruDocument> read(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{Error::Kind::Io, Tr::tr("Cannot read %1: %2.").arg(path, file.errorString()), path};
        return BruDocument::parse(QString::fromUtf8(file.readAll()), QDir(m_root).relativeFilePath(path));
    }

    static QList<KeyValue> rows(const BruDocument &doc, const QString &block)
    {
        QList<KeyValue> out;
        if (const auto *b = doc.block(block)) {
            for (const BruDocument::Entry &e : b->entries) {
                KeyValue kv{e.key, e.value, e.enabled, false, {}};
                static const QRegularExpression file(uR"(^@file\((.*)\)$)"_s);
                if (const auto m = file.match(e.value); m.hasMatch()) {
                    kv.isFile = true;
                    kv.value = m.captured(1);
                }
                out.append(kv);
            }
        }
        return out;
    }

    /// `mode` is the method block's `auth:` (inherit, none, bearer, basic, apikey, ...).
    AuthSpec auth(const BruDocument &doc, const QString &mode, const QString &where, RequestSpec *request)
    {
        AuthSpec spec;
        if (mode.isEmpty() || mode == u"inherit"_s)
            return spec;
        if (mode == u"none"_s) {
            spec.type = AuthSpec::Type::None;
        } else if (mode == u"bearer"_s) {
            spec.type = AuthSpec::Type::Bearer;
            spec.token = doc.value(u"auth:bearer"_s, u"token"_s);
        } else if (mode == u"basic"_s) {
            spec.type = AuthSpec::Type::Basic;
            spec.username = doc.value(u"auth:basic"_s, u"username"_s);
            spec.password = doc.value(u"auth:basic"_s, u"password"_s);
        } else if (mode == u"apikey"_s && request) {
            const KeyValue kv{doc.value(u"auth:apikey"_s, u"key"_s), doc.value(u"auth:apikey"_s, u"value"_s), true, false, {}};
            if (doc.value(u"auth:apikey"_s, u"placement"_s) == u"queryparams"_s)
                request->params.append(kv);
            else
                request->headers.append(kv);
            spec.type = AuthSpec::Type::None;
        } else {
            warn(Tr::tr("%1: %2 auth is not supported and was left out.").arg(where, mode));
        }
        return spec;
    }

    /// vars:pre-request become statements at the top of the pre-request script, as Bruno sets them first.
    static Scripts scripts(const BruDocument &doc)
    {
        Scripts s;
        QStringList pre;
        if (const auto *vars = doc.block(u"vars:pre-request"_s)) {
            for (const BruDocument::Entry &e : vars->entries) {
                if (e.enabled)
                    pre.append(u"bru.setVar(%1, bru.interpolate(%2));"_s.arg(quoted(e.key), quoted(e.value)));
            }
        }
        if (const auto *b = doc.block(u"script:pre-request"_s))
            pre.append(b->text);
        s.preRequest = pre.join(u'\n');
        QStringList test;
        if (const auto *b = doc.block(u"script:post-response"_s))
            test.append(b->text);
        if (const auto *b = doc.block(u"tests"_s))
            test.append(b->text);
        s.test = test.join(u'\n');
        return s;
    }

    static QString quoted(const QString &text)
    {
        return QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    }

    Result<RequestSpec> request(const QString &path, const QString &where, double *seq)
    {
        auto doc = read(path);
        if (!doc)
            return doc.error();
        const BruDocument &d = doc.value();
        RequestSpec r;
        r.name = d.value(u"meta"_s, u"name"_s, QFileInfo(path).completeBaseName());
        r.id = u"bru-"_s + QDir(m_root).relativeFilePath(path).toLower().replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
        *seq = d.value(u"meta"_s, u"seq"_s, u"0"_s).toDouble();
        const QString type = d.value(u"meta"_s, u"type"_s, u"http"_s);
        const BruDocument::Block *method = nullptr;
        for (const QString &m : Methods) {
            if ((method = d.block(m)))
                break;
        }
        if (!method)
            return Error{Error::Kind::InvalidInput, Tr::tr("The request has no method block (get, post, ...)."), where};
        r.method = method->name.toUpper();
        r.url = d.value(method->name, u"url"_s);
        const qsizetype q = r.url.indexOf(u'?');
        if (q >= 0)   // Bruno repeats the query in params:query
            r.url.truncate(q);
        r.params = rows(d, u"params:query"_s);
        if (d.block(u"params:path"_s))
            for (const KeyValue &p : rows(d, u"params:path"_s))
                r.url.replace(u':' + p.name, p.value);
        r.headers = rows(d, u"headers"_s);
        const QString body = d.value(method->name, u"body"_s, u"none"_s);
        if (body == u"json"_s) {
            r.body.mode = BodySpec::Mode::Json;
            r.body.text = d.block(u"body:json"_s) ? d.block(u"body:json"_s)->text : QString();
        } else if (body == u"text"_s || body == u"xml"_s) {
            r.body.mode = BodySpec::Mode::Raw;
            r.body.contentType = body == u"xml"_s ? u"application/xml"_s : u"text/plain"_s;
            const auto *b = d.block(u"body:"_s + body);
            r.body.text = b ? b->text : QString();
        } else if (body == u"formUrlEncoded"_s || body == u"form-urlencoded"_s) {
            r.body.mode = BodySpec::Mode::FormUrlEncoded;
            r.body.fields = rows(d, u"body:form-urlencoded"_s);
        } else if (body == u"multipartForm"_s || body == u"multipart-form"_s) {
            r.body.mode = BodySpec::Mode::Multipart;
            r.body.fields = rows(d, u"body:multipart-form"_s);
        } else if (body != u"none"_s) {
            warn(Tr::tr("%1: the %2 body is not supported and was left out.").arg(where, body));
        }
        if (type != u"http"_s)
            warn(Tr::tr("%1: a %2 request is imported as plain HTTP.").arg(where, type));
        r.auth = auth(d, d.value(method->name, u"auth"_s), where, &r);
        r.scripts = scripts(d);
        if (const auto *asserts = d.block(u"assert"_s)) {
            static const QRegularExpression status(uR"(^eq\s+(\d{3})$)"_s);
            for (const BruDocument::Entry &e : asserts->entries) {
                const auto m = status.match(e.value);
                if (e.key == u"res.status"_s && m.hasMatch())
                    r.assertions.append(Assertion::statusEquals(m.captured(1).toInt()));
                else if (e.enabled)
                    warn(Tr::tr("%1: the assertion \"%2: %3\" is not supported and was left out.").arg(where, e.key, e.value));
            }
        }
        return r;
    }

    Result<QList<CollectionItem>> folder(const QString &dir, const QString &path)
    {
        struct Ordered {
            double seq;
            QString name;
            CollectionItem item;
        };
        QList<Ordered> list;
        const QDir d(dir);
        const QStringList files = d.entryList({u"*.bru"_s}, QDir::Files, QDir::Name);
        for (const QString &f : files) {
            if (f == u"folder.bru"_s || f == u"collection.bru"_s)
                continue;
            double seq = 0;
            auto r = request(d.filePath(f), path.isEmpty() ? f : path + u" / "_s + f, &seq);
            if (!r)
                return r.error();
            CollectionItem item;
            item.request = r.value();
            list.append({seq, f, item});
        }
        const QStringList dirs = d.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString &sub : dirs) {
            if (path.isEmpty() && (sub == u"environments"_s || sub == u"node_modules"_s || sub.startsWith(u'.')))
                continue;
            CollectionItem item;
            item.type = CollectionItem::Type::Folder;
            item.folderName = sub;
            item.folderId = u"bru-folder-"_s + d.relativeFilePath(sub).toLower().replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
            double seq = 1e9;
            const QString where = path.isEmpty() ? sub : path + u" / "_s + sub;
            if (QFile::exists(d.filePath(sub + u"/folder.bru"_s))) {
                auto doc = read(d.filePath(sub + u"/folder.bru"_s));
                if (!doc)
                    return doc.error();
                item.folderName = doc.value().value(u"meta"_s, u"name"_s, sub);
                seq = doc.value().value(u"meta"_s, u"seq"_s, u"1000000000"_s).toDouble();
                item.folderAuth = auth(doc.value(), doc.value().value(u"auth"_s, u"mode"_s), where, nullptr);
                item.folderScripts = scripts(doc.value());
                if (doc.value().block(u"headers"_s))
                    warn(Tr::tr("%1: folder headers are not supported and were left out.").arg(where));
            }
            auto children = folder(d.filePath(sub), where);
            if (!children)
                return children.error();
            item.items = children.value();
            list.append({seq, sub, item});
        }
        std::stable_sort(list.begin(), list.end(), [](const Ordered &a, const Ordered &b) { return a.seq < b.seq; });
        QList<CollectionItem> out;
        for (const Ordered &o : std::as_const(list))
            out.append(o.item);
        return out;
    }

private:
    QString m_root;
    QStringList *m_warnings;
};
} // namespace

bool BrunoFormat::recognises(const QByteArray &brunoJson)
{
    const QJsonObject o = QJsonDocument::fromJson(brunoJson).object();
    return o.value(u"type"_s).toString() == u"collection"_s && o.contains(u"name"_s) && o.contains(u"version"_s);
}

Result<CollectionBundle> BrunoFormat::importDirectory(const QString &directory, QStringList *warnings)
{
    const QDir dir(directory);
    QFile manifest(dir.filePath(u"bruno.json"_s));
    if (!manifest.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, Tr::tr("%1 has no bruno.json: it is not a Bruno collection.").arg(directory), directory};
    const QJsonObject config = QJsonDocument::fromJson(manifest.readAll()).object();
    Reader reader(directory, warnings);
    CollectionBundle out;
    out.collection.name = config.value(u"name"_s).toString(dir.dirName());
    out.collection.id = u"bru-"_s + out.collection.name.toLower().replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
    if (QFile::exists(dir.filePath(u"collection.bru"_s))) {
        auto doc = reader.read(dir.filePath(u"collection.bru"_s));
        if (!doc)
            return doc.error();
        out.collection.auth = reader.auth(doc.value(), doc.value().value(u"auth"_s, u"mode"_s), out.collection.name, nullptr);
        out.collection.scripts = Reader::scripts(doc.value());
        if (doc.value().block(u"headers"_s))
            reader.warn(Tr::tr("collection.bru: collection headers are not supported and were left out."));
    }
    auto items = reader.folder(directory, {});
    if (!items)
        return items.error();
    out.collection.items = items.value();

    const QDir environments(dir.filePath(u"environments"_s));
    const QStringList files = environments.entryList({u"*.bru"_s}, QDir::Files, QDir::Name);
    for (const QString &f : files) {
        auto doc = reader.read(environments.filePath(f));
        if (!doc)
            return doc.error();
        Environment e;
        e.name = QFileInfo(f).completeBaseName();
        e.id = u"bru-env-"_s + e.name.toLower().replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
        if (const auto *vars = doc.value().block(u"vars"_s)) {
            for (const BruDocument::Entry &v : vars->entries)
                e.variables.append(Variable{v.key, v.value, false, v.enabled});
        }
        if (const auto *secrets = doc.value().block(u"vars:secret"_s)) {
            // Bruno keeps the values outside the folder: the variable is a secret to be supplied.
            for (const QString &name : secrets->list) {
                const QString key = name.startsWith(u'~') ? name.mid(1) : name;
                e.variables.append(Variable{key, QString(), true, !name.startsWith(u'~')});
            }
        }
        out.environments.append(e);
    }
    if (auto valid = out.collection.validate(); !valid)
        return valid.error();
    return out;
}

} // namespace quarry::http
