// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "schema/dialect.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace quarry::schema {

/// What the registry knows about one plugin file or static plugin, loaded or not.
struct PluginInfo {
    enum class State { Loaded, Invalid, Failed, Duplicate };
    QString fileName;      ///< the plugin file; "(static)" for linked-in plugins
    QString id;            ///< from the metadata; may be empty when the metadata is broken
    QString displayName;
    QString version;
    State state = State::Failed;
    QString errorString;   ///< why it is not loaded, in words for the Problems dock
};

/// The SQL dialects available to this process: static plugins first, then plugin files.
///
/// A plugin file is loaded only after its metadata has been read without loading it (IID,
/// `MetaData.id`, supported `apiVersion`); a broken file becomes a PluginInfo with a readable
/// error, never a crash. Not thread-safe while loading; read-only lookups afterwards are.
class QUARRY_CORE_EXPORT DialectRegistry
{
public:
    static constexpr int ApiVersion = 2;

    DialectRegistry();
    ~DialectRegistry();
    DialectRegistry(const DialectRegistry &) = delete;
    DialectRegistry &operator=(const DialectRegistry &) = delete;

    /// The process-wide registry, loaded on first use from defaultSearchPaths().
    static DialectRegistry &instance();
    /// $QUARRY_PLUGIN_DIR, then <binary>/../lib/quarry/plugins (installed), then
    /// <binary>/../plugins (build tree).
    static QStringList defaultSearchPaths();

    void loadStatic();
    void loadFrom(const QStringList &directories);
    /// Reads one plugin file; returns what happened to it (also kept in plugins()).
    PluginInfo loadFile(const QString &path);

    const Dialect *dialect(const QString &id) const;
    QList<const Dialect *> dialects() const;
    const QList<PluginInfo> &plugins() const { return m_plugins; }

private:
    struct Entry;
    PluginInfo registerInstance(QObject *instance, PluginInfo info);
    QList<Entry> m_entries;
    QList<PluginInfo> m_plugins;
};

} // namespace quarry::schema
