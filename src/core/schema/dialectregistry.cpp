// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dialectregistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QLibrary>
#include <QLoggingCategory>
#include <QPluginLoader>

#include <memory>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcPlugins, "quarry.plugins")

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DialectRegistry)
};

/// Checks Qt's plugin metadata (IID and our "MetaData" object) and fills `info`; false if unusable.
bool checkMetaData(const QJsonObject &meta, PluginInfo &info)
{
    const QString iid = meta.value(u"IID"_s).toString();
    if (iid != QLatin1String(QuarryDialect_iid)) {
        info.state = PluginInfo::State::Invalid;
        info.errorString = iid.isEmpty()
            ? Tr::tr("Not a Qt plugin, or its metadata cannot be read.")
            : Tr::tr("It implements \"%1\", not the dialect interface \"%2\".").arg(iid, QLatin1String(QuarryDialect_iid));
        return false;
    }
    const QJsonObject data = meta.value(u"MetaData"_s).toObject();
    info.id = data.value(u"id"_s).toString();
    info.displayName = data.value(u"displayName"_s).toString(info.id);
    info.version = data.value(u"version"_s).toString();
    if (info.id.isEmpty()) {
        info.state = PluginInfo::State::Invalid;
        info.errorString = Tr::tr("Its metadata has no \"id\".");
        return false;
    }
    const int api = data.value(u"apiVersion"_s).toInt(-1);
    if (api != DialectRegistry::ApiVersion) {
        info.state = PluginInfo::State::Invalid;
        info.errorString = Tr::tr("It was built for dialect API %1; this Quarry supports API %2.")
                               .arg(api < 0 ? u"(none)"_s : QString::number(api))
                               .arg(DialectRegistry::ApiVersion);
        return false;
    }
    return true;
}
} // namespace

struct DialectRegistry::Entry {
    QString id;
    QObject *object = nullptr;       // owned by the static plugin or by `loader`
    const Dialect *dialect = nullptr;
    std::shared_ptr<QPluginLoader> loader;
};

DialectRegistry::DialectRegistry() = default;

// Plugin instances are deliberately not unloaded: Qt keeps the root instances alive until exit.
DialectRegistry::~DialectRegistry() = default;

DialectRegistry &DialectRegistry::instance()
{
    static DialectRegistry *registry = [] {
        auto *r = new DialectRegistry; // lives until exit: plugin code may still be referenced
        r->loadStatic();
        r->loadFrom(defaultSearchPaths());
        for (const PluginInfo &p : r->plugins()) {
            if (p.state != PluginInfo::State::Loaded)
                qCWarning(lcPlugins) << "plugin not loaded:" << p.fileName << p.errorString;
        }
        return r;
    }();
    return *registry;
}

QStringList DialectRegistry::defaultSearchPaths()
{
    QStringList paths;
    const QString env = qEnvironmentVariable("QUARRY_PLUGIN_DIR");
    if (!env.isEmpty())
        paths += env.split(QDir::listSeparator(), Qt::SkipEmptyParts);
    if (QCoreApplication::instance()) {
        const QString bin = QCoreApplication::applicationDirPath();
        paths << bin + u"/../lib/quarry/plugins"_s << bin + u"/../lib/x86_64-linux-gnu/quarry/plugins"_s
              << bin + u"/../plugins"_s;
    }
    QStringList existing;
    for (const QString &p : paths) {
        const QString canonical = QFileInfo(p).canonicalFilePath();
        if (!canonical.isEmpty() && !existing.contains(canonical))
            existing << canonical;
    }
    return existing;
}

void DialectRegistry::loadStatic()
{
    const QList<QStaticPlugin> statics = QPluginLoader::staticPlugins();
    for (const QStaticPlugin &plugin : statics) {
        PluginInfo info;
        info.fileName = u"(static)"_s;
        if (plugin.metaData().value(u"IID"_s).toString() != QLatin1String(QuarryDialect_iid))
            continue; // another kind of static plugin (a Qt platform plugin, say)
        if (!checkMetaData(plugin.metaData(), info)) {
            m_plugins.append(info);
            continue;
        }
        m_plugins.append(registerInstance(plugin.instance(), info));
    }
}

void DialectRegistry::loadFrom(const QStringList &directories)
{
    for (const QString &dirPath : directories) {
        const QDir dir(dirPath);
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        for (const QString &file : files) {
            const QString path = dir.filePath(file);
            if (QLibrary::isLibrary(path))
                loadFile(path);
        }
    }
}

PluginInfo DialectRegistry::loadFile(const QString &path)
{
    PluginInfo info;
    info.fileName = path;
    auto loader = std::make_shared<QPluginLoader>(path);
    const QJsonObject meta = loader->metaData();
    if (meta.isEmpty()) {
        info.state = PluginInfo::State::Invalid;
        info.errorString = Tr::tr("Not a Qt plugin, or its metadata cannot be read: %1.").arg(loader->errorString());
    } else if (checkMetaData(meta, info)) {
        QObject *object = loader->instance();
        if (!object) {
            info.state = PluginInfo::State::Failed;
            info.errorString = Tr::tr("It could not be loaded: %1.").arg(loader->errorString());
        } else {
            info = registerInstance(object, info);
            if (info.state == PluginInfo::State::Loaded)
                m_entries.last().loader = loader;
        }
    }
    m_plugins.append(info);
    return info;
}

PluginInfo DialectRegistry::registerInstance(QObject *instance, PluginInfo info)
{
    const Dialect *dialect = qobject_cast<Dialect *>(instance);
    if (!dialect) {
        info.state = PluginInfo::State::Failed;
        info.errorString = Tr::tr("Its metadata names the dialect interface, but the plugin does not implement it.");
        return info;
    }
    if (dialect->id() != info.id) {
        info.state = PluginInfo::State::Invalid;
        info.errorString = Tr::tr("Its metadata says \"%1\" but the dialect calls itself \"%2\".").arg(info.id, dialect->id());
        return info;
    }
    if (this->dialect(info.id)) {
        info.state = PluginInfo::State::Duplicate;
        info.errorString = Tr::tr("A dialect \"%1\" is already loaded; this copy is ignored.").arg(info.id);
        return info;
    }
    m_entries.append(Entry{info.id, instance, dialect, nullptr});
    info.state = PluginInfo::State::Loaded;
    return info;
}

const Dialect *DialectRegistry::dialect(const QString &id) const
{
    for (const Entry &e : m_entries) {
        if (e.id == id)
            return e.dialect;
    }
    return nullptr;
}

QList<const Dialect *> DialectRegistry::dialects() const
{
    QList<const Dialect *> out;
    for (const Entry &e : m_entries)
        out.append(e.dialect);
    return out;
}

} // namespace quarry::schema
