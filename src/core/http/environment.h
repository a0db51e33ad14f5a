// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace quarry::http {

/// A named value. A `secret` variable holds a reference (`env:NAME`, `keychain:NAME`, see
/// workspace::SecretRef) and is resolved only when a request uses it.
struct QUARRY_CORE_EXPORT Variable {
    QString name;
    QString value;
    bool secret = false;
    bool enabled = true;

    QJsonObject toJson() const;
    static Variable fromJson(const QJsonObject &object);
    bool operator==(const Variable &) const = default;
};

/// An environment as stored in the workspace's `environments` array:
/// `{id, name, global?:true, variables:[{name, value, secret?, enabled?}]}`. The one with
/// `global: true` is the global scope, consulted after the chosen environment and the collection.
struct QUARRY_CORE_EXPORT Environment {
    QString id;
    QString name;
    bool global = false;
    QList<Variable> variables;

    QJsonObject toJson() const;
    static Environment fromJson(const QJsonObject &object);
    static QList<Environment> listFromJson(const QJsonArray &array);
    static QJsonArray listToJson(const QList<Environment> &environments);
    /// By id, else by name (case-insensitive); nullptr when none.
    static const Environment *find(const QList<Environment> &list, const QString &idOrName);
    static const Environment *globals(const QList<Environment> &list);
    bool operator==(const Environment &) const = default;
};

} // namespace quarry::http
