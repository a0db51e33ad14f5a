// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/environment.h"
#include "http/variablestore.h"
#include "result.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace quarry::http {

/// Resolves `{{name}}` in text. Lookup order, first match wins: local values (set for one
/// exchange, e.g. {{refreshToken}}), overrides (`--var`), runtime values (extracted), the
/// environment, the collection's variables, the globals. `{{$guid}}`, `{{$timestamp}}`,
/// `{{$isoTimestamp}}` and `{{$randomInt}}` are generated. Values may refer to other variables.
/// Secret variables are resolved through workspace::SecretRef each time they are used.
/// Copyable; copies share the runtime store (which is thread-safe).
class QUARRY_CORE_EXPORT VariableScope
{
public:
    VariableScope();

    void setEnvironment(const Environment *environment);   ///< copied; nullptr: none
    void setCollectionVariables(const QList<Variable> &variables);
    void setGlobals(const Environment *globals);
    void setOverride(const QString &name, const QString &value);
    void setLocal(const QString &name, const QString &value);
    void setRuntimeStore(std::shared_ptr<VariableStore> store);
    VariableStore &runtime() const { return *m_runtime; }

    /// The environment's id ("" when none); tokens are stored per environment.
    QString environmentId() const { return m_environmentId; }
    QString environmentName() const { return m_environmentName; }

    /// The text with every {{variable}} replaced. An undefined variable, a secret that cannot be
    /// resolved or a reference loop is an Error whose `where` is `context`.
    Result<QString> resolve(const QString &text, const QString &context = {}) const;
    /// The value of one variable (resolved), or an Error as above.
    Result<QString> value(const QString &name, const QString &context = {}) const;
    bool isDefined(const QString &name) const;
    /// `{{name}}` replaced where defined; undefined ones and ones that fail to resolve stay as written.
    QString replaceDefined(const QString &text) const;

    /// One layer alone, as scripts reach them (pm.environment, pm.collectionVariables, pm.globals).
    /// Changes live in this scope (and its later copies) for the rest of a run; the workspace is
    /// not changed. A secret's value is its resolved value; setting it makes it a plain value.
    enum class Layer { Environment, Collection, Globals };
    std::optional<QString> layerValue(Layer layer, const QString &name) const;
    void setLayerValue(Layer layer, const QString &name, const QString &value);
    void unsetLayerValue(Layer layer, const QString &name);
    QHash<QString, QString> layerValues(Layer layer) const;

private:
    struct Found {
        QString value;
        bool secret = false;
        QString layer;
    };
    std::optional<Found> lookup(const QString &name) const;
    Result<QString> resolveDepth(const QString &text, const QString &context, int depth) const;
    QList<Variable> &layer(Layer layer);
    const QList<Variable> &layer(Layer layer) const;

    QHash<QString, QString> m_local;
    QHash<QString, QString> m_overrides;
    std::shared_ptr<VariableStore> m_runtime;
    QList<Variable> m_environment;
    QString m_environmentId;
    QString m_environmentName;
    QList<Variable> m_collection;
    QList<Variable> m_globals;
};

} // namespace quarry::http
