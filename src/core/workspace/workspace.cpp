// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "workspace/workspace.h"

#include "savefile.h"
#include "workspace/secretref.h"

#include "jsontext.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace quarry::workspace {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Workspace)
};

constexpr Section AllSections[] = {Section::Schema,       Section::Mock,         Section::Collections,
                                   Section::Environments, Section::AuthProfiles, Section::Databases};

bool isArraySection(Section s)
{
    return s == Section::Collections || s == Section::Environments || s == Section::AuthProfiles
        || s == Section::Databases;
}

QJsonValue emptySection(Section s)
{
    if (isArraySection(s))
        return QJsonArray{};
    if (s == Section::Mock)
        return QJsonObject{{u"server"_s, QJsonObject{{u"host"_s, u"127.0.0.1"_s}, {u"port"_s, 3000}}},
                           {u"routes"_s, QJsonArray{}}};
    return QJsonObject{{u"tables"_s, QJsonArray{}}};
}

/// Format 1 kept routes in a flat top-level array and environments as a name -> variables map.
void upgradeFrom1(QJsonObject &root)
{
    if (root.contains(u"routes"_s)) {
        QJsonObject mock = root.value(u"mock"_s).toObject();
        mock.insert(u"routes"_s, root.take(u"routes"_s));
        root.insert(u"mock"_s, mock);
    }
    const QJsonValue envs = root.value(u"environments"_s);
    if (envs.isObject()) {
        QJsonArray list;
        const QJsonObject map = envs.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            QJsonArray variables;
            const QJsonObject vars = it.value().toObject();
            for (auto v = vars.begin(); v != vars.end(); ++v)
                variables.append(QJsonObject{{u"name"_s, v.key()}, {u"value"_s, v.value().toString()}});
            list.append(QJsonObject{{u"name"_s, it.key()}, {u"variables"_s, variables}});
        }
        root.insert(u"environments"_s, list);
    }
}

void checkSecret(const QJsonValue &value, const QString &path, QList<Error> &out)
{
    if (value.isUndefined() || value.isNull())
        return;
    const QString text = value.toString();
    if (!value.isString() || (!text.isEmpty() && !SecretRef::isReference(text))) {
        out.append(Error{Error::Kind::InvalidInput,
                         Tr::tr("A secret is stored in plain text; store a reference such as env:NAME "
                                "or keychain:NAME instead."),
                         path});
    }
}

} // namespace

Workspace::Workspace(QObject *parent)
    : QObject(parent)
{
    m_root.insert(u"formatVersion"_s, CurrentFormatVersion);
    for (Section s : AllSections)
        m_root.insert(sectionKey(s), emptySection(s));
}

Workspace::~Workspace() = default;

QString Workspace::sectionKey(Section section)
{
    switch (section) {
    case Section::Schema: return u"schema"_s;
    case Section::Mock: return u"mock"_s;
    case Section::Collections: return u"collections"_s;
    case Section::Environments: return u"environments"_s;
    case Section::AuthProfiles: return u"authProfiles"_s;
    case Section::Databases: return u"databases"_s;
    }
    return {};
}

std::unique_ptr<Workspace> Workspace::createEmpty(const QString &name)
{
    auto ws = std::make_unique<Workspace>();
    if (!name.isEmpty())
        ws->m_root.insert(u"name"_s, name);
    return ws;
}

Result<std::unique_ptr<Workspace>> Workspace::fromJson(const QByteArray &json, const QString &origin)
{
    const QString where = origin.isEmpty() ? QString() : origin + u", "_s;
    const auto parsed = parseJson(json, origin);
    if (!parsed) {
        return Error{Error::Kind::InvalidInput, Tr::tr("The workspace file is not valid JSON: %1")
                         .arg(parsed.error().message.section(u": "_s, 1)), parsed.error().where};
    }
    const QJsonDocument &doc = parsed.value();
    if (!doc.isObject()) {
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The workspace file must hold a JSON object, not an array or a value."),
                     where + lineColumn(json, 0)};
    }
    QJsonObject root = doc.object();
    const QJsonValue versionValue = root.value(u"formatVersion"_s);
    const int version = versionValue.toInt(-1);
    if (!versionValue.isDouble() || version < 1 || versionValue.toDouble() != version) {
        const qsizetype at = json.indexOf("\"formatVersion\"");
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("This is not a Quarry workspace: it has no valid \"formatVersion\" (a whole number "
                            "from 1 to %1).")
                         .arg(CurrentFormatVersion),
                     where + lineColumn(json, at < 0 ? 0 : at)};
    }
    if (version > CurrentFormatVersion) {
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The workspace was written by a newer Quarry (format %1; this version reads up to "
                            "format %2). Update Quarry to open it; the file was left untouched.")
                         .arg(version)
                         .arg(CurrentFormatVersion),
                     where + lineColumn(json, json.indexOf("\"formatVersion\""))};
    }
    if (version < 2)
        upgradeFrom1(root);
    root.insert(u"formatVersion"_s, CurrentFormatVersion);
    for (Section s : AllSections) {
        const QString key = sectionKey(s);
        const QJsonValue value = root.value(key);
        if (value.isUndefined() || value.isNull()) {
            root.insert(key, emptySection(s));
        } else if (isArraySection(s) ? !value.isArray() : !value.isObject()) {
            const qsizetype at = json.indexOf("\"" + key.toUtf8() + "\"");
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("\"%1\" must be a JSON %2.").arg(key, isArraySection(s) ? u"array"_s : u"object"_s),
                         where + lineColumn(json, at < 0 ? 0 : at)};
        }
    }
    if (const QJsonValue history = root.value(u"history"_s); !history.isUndefined() && !history.isArray()) {
        return Error{Error::Kind::InvalidInput, Tr::tr("\"history\" must be a JSON array."),
                     where + lineColumn(json, std::max<qsizetype>(json.indexOf("\"history\""), 0))};
    }
    auto ws = std::make_unique<Workspace>();
    ws->m_root = root;
    ws->m_loadedFormatVersion = version;
    ws->m_modified = version != CurrentFormatVersion;
    return ws;
}

Result<std::unique_ptr<Workspace>> Workspace::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{Error::Kind::Io, Tr::tr("Cannot open the workspace: %1.").arg(file.errorString()), path};
    }
    auto result = fromJson(file.readAll(), QFileInfo(path).fileName());
    if (result)
        result.value()->m_filePath = QFileInfo(path).absoluteFilePath();
    return result;
}

QByteArray Workspace::toJson() const
{
    return QJsonDocument(m_root).toJson(QJsonDocument::Indented);
}

Result<void> Workspace::save()
{
    if (m_filePath.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("The workspace has no file yet; choose one with Save As."), {}};
    const QList<Error> secrets = plainSecrets();
    if (!secrets.isEmpty())
        return secrets.first();
    if (const auto saved = saveFile(m_filePath, toJson()); !saved)
        return Error{Error::Kind::Io, Tr::tr("Saving failed, the previous file is intact. %1").arg(saved.error().message),
                     m_filePath};
    setModified(false);
    return {};
}

Result<void> Workspace::saveAs(const QString &path)
{
    const QString previous = m_filePath;
    m_filePath = QFileInfo(path).absoluteFilePath();
    Result<void> result = save();
    const QString target = m_filePath;
    m_filePath = previous;
    if (result)
        setFilePath(target);
    return result;
}

void Workspace::setFilePath(const QString &path)
{
    const QString absolute = path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
    if (absolute == m_filePath)
        return;
    m_filePath = absolute;
    emit filePathChanged(m_filePath);
}

QString Workspace::name() const
{
    return m_root.value(u"name"_s).toString();
}

void Workspace::setName(const QString &name)
{
    if (name == this->name())
        return;
    m_root.insert(u"name"_s, name);
    setModified(true);
}

QString Workspace::displayName() const
{
    if (!name().isEmpty())
        return name();
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).completeBaseName();
    return Tr::tr("Untitled");
}

void Workspace::setModified(bool modified)
{
    if (m_modified == modified)
        return;
    m_modified = modified;
    emit modifiedChanged(modified);
}

QJsonObject Workspace::section(Section section) const
{
    return m_root.value(sectionKey(section)).toObject();
}

QJsonArray Workspace::sectionArray(Section section) const
{
    return m_root.value(sectionKey(section)).toArray();
}

void Workspace::setSection(Section section, const QJsonValue &value)
{
    const QString key = sectionKey(section);
    if (m_root.value(key) == value)
        return;
    m_root.insert(key, value);
    setModified(true);
    emit sectionChanged(section);
}

QJsonArray Workspace::history() const
{
    return m_root.value(u"history"_s).toArray();
}

void Workspace::setHistory(const QJsonArray &history)
{
    if (history == this->history())
        return;
    if (history.isEmpty())
        m_root.remove(u"history"_s);
    else
        m_root.insert(u"history"_s, history);
    emit historyChanged();
}

QList<Error> Workspace::plainSecrets() const
{
    QList<Error> out;
    const QJsonArray profiles = sectionArray(Section::AuthProfiles);
    for (qsizetype i = 0; i < profiles.size(); ++i) {
        const QJsonObject p = profiles.at(i).toObject();
        for (const QString &field : {u"secret"_s, u"privateKey"_s, u"clientSecret"_s})
            checkSecret(p.value(field), u"authProfiles[%1].%2"_s.arg(i).arg(field), out);
    }
    const QJsonArray dbs = sectionArray(Section::Databases);
    for (qsizetype i = 0; i < dbs.size(); ++i)
        checkSecret(dbs.at(i).toObject().value(u"password"_s), u"databases[%1].password"_s.arg(i), out);
    const QJsonArray envs = sectionArray(Section::Environments);
    for (qsizetype i = 0; i < envs.size(); ++i) {
        const QJsonArray vars = envs.at(i).toObject().value(u"variables"_s).toArray();
        for (qsizetype j = 0; j < vars.size(); ++j) {
            const QJsonObject v = vars.at(j).toObject();
            if (v.value(u"secret"_s).toBool())
                checkSecret(v.value(u"value"_s), u"environments[%1].variables[%2].value"_s.arg(i).arg(j), out);
        }
    }
    return out;
}

} // namespace quarry::workspace
