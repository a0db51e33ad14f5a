// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/environment.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

QJsonObject Variable::toJson() const
{
    QJsonObject o{{u"name"_s, name}, {u"value"_s, value}};
    if (secret)
        o.insert(u"secret"_s, true);
    if (!enabled)
        o.insert(u"enabled"_s, false);
    return o;
}

Variable Variable::fromJson(const QJsonObject &object)
{
    Variable v;
    v.name = object.value(u"name"_s).toString();
    const QJsonValue value = object.value(u"value"_s);
    v.value = value.isString() ? value.toString() : value.toVariant().toString();
    v.secret = object.value(u"secret"_s).toBool(false);
    v.enabled = object.value(u"enabled"_s).toBool(true);
    return v;
}

QJsonObject Environment::toJson() const
{
    QJsonArray vars;
    for (const Variable &v : variables)
        vars.append(v.toJson());
    QJsonObject o{{u"id"_s, id}, {u"name"_s, name}, {u"variables"_s, vars}};
    if (global)
        o.insert(u"global"_s, true);
    return o;
}

Environment Environment::fromJson(const QJsonObject &object)
{
    Environment e;
    e.id = object.value(u"id"_s).toString();
    e.name = object.value(u"name"_s).toString();
    e.global = object.value(u"global"_s).toBool(false);
    const QJsonArray vars = object.value(u"variables"_s).toArray();
    for (const QJsonValue &v : vars)
        e.variables.append(Variable::fromJson(v.toObject()));
    return e;
}

QList<Environment> Environment::listFromJson(const QJsonArray &array)
{
    QList<Environment> out;
    for (const QJsonValue &v : array)
        out.append(fromJson(v.toObject()));
    return out;
}

QJsonArray Environment::listToJson(const QList<Environment> &environments)
{
    QJsonArray out;
    for (const Environment &e : environments)
        out.append(e.toJson());
    return out;
}

const Environment *Environment::find(const QList<Environment> &list, const QString &idOrName)
{
    for (const Environment &e : list) {
        if (e.id == idOrName)
            return &e;
    }
    for (const Environment &e : list) {
        if (e.name.compare(idOrName, Qt::CaseInsensitive) == 0)
            return &e;
    }
    return nullptr;
}

const Environment *Environment::globals(const QList<Environment> &list)
{
    for (const Environment &e : list) {
        if (e.global)
            return &e;
    }
    return nullptr;
}

} // namespace quarry::http
