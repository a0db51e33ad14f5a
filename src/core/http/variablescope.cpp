// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/variablescope.h"

#include "workspace/secretref.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(VariableScope)
};
constexpr int MaxDepth = 10;

std::optional<QString> dynamicValue(const QString &name)
{
    if (name == u"$guid"_s || name == u"$randomUUID"_s)
        return QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (name == u"$timestamp"_s)
        return QString::number(QDateTime::currentSecsSinceEpoch());
    if (name == u"$isoTimestamp"_s)
        return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (name == u"$randomInt"_s)
        return QString::number(QRandomGenerator::global()->bounded(1001));
    return std::nullopt;
}
} // namespace

VariableScope::VariableScope() : m_runtime(std::make_shared<VariableStore>()) {}

void VariableScope::setEnvironment(const Environment *environment)
{
    m_environment = environment ? environment->variables : QList<Variable>{};
    m_environmentId = environment ? environment->id : QString();
    m_environmentName = environment ? environment->name : QString();
}

void VariableScope::setCollectionVariables(const QList<Variable> &variables)
{
    m_collection = variables;
}

void VariableScope::setGlobals(const Environment *globals)
{
    m_globals = globals ? globals->variables : QList<Variable>{};
}

void VariableScope::setOverride(const QString &name, const QString &value)
{
    m_overrides.insert(name, value);
}

void VariableScope::setLocal(const QString &name, const QString &value)
{
    m_local.insert(name, value);
}

void VariableScope::setRuntimeStore(std::shared_ptr<VariableStore> store)
{
    m_runtime = store ? std::move(store) : std::make_shared<VariableStore>();
}

std::optional<VariableScope::Found> VariableScope::lookup(const QString &name) const
{
    if (auto it = m_local.constFind(name); it != m_local.constEnd())
        return Found{*it, false, u"local"_s};
    if (auto it = m_overrides.constFind(name); it != m_overrides.constEnd())
        return Found{*it, false, u"--var"_s};
    if (auto v = m_runtime->value(name))
        return Found{*v, false, u"runtime"_s};
    const std::pair<const QList<Variable> *, QString> layers[] = {
        {&m_environment, u"environment"_s}, {&m_collection, u"collection"_s}, {&m_globals, u"globals"_s}};
    for (const auto &[list, label] : layers) {
        for (const Variable &v : *list) {
            if (v.enabled && v.name == name)
                return Found{v.value, v.secret, label};
        }
    }
    return std::nullopt;
}

bool VariableScope::isDefined(const QString &name) const
{
    return lookup(name).has_value() || dynamicValue(name).has_value();
}

Result<QString> VariableScope::value(const QString &name, const QString &context) const
{
    return resolveDepth(u"{{"_s + name + u"}}"_s, context, 0);
}

Result<QString> VariableScope::resolve(const QString &text, const QString &context) const
{
    return resolveDepth(text, context, 0);
}

QString VariableScope::replaceDefined(const QString &text) const
{
    QString out;
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u"{{"_s, pos);
        const qsizetype close = open < 0 ? -1 : text.indexOf(u"}}"_s, open + 2);
        if (close < 0)
            break;
        const QString whole = text.mid(open, close + 2 - open);
        const auto value = isDefined(whole.mid(2, whole.size() - 4).trimmed()) ? resolve(whole) : Result<QString>(whole);
        out += QStringView(text).mid(pos, open - pos);
        out += value ? value.value() : whole;
        pos = close + 2;
    }
    out += QStringView(text).mid(pos);
    return out;
}

QList<Variable> &VariableScope::layer(Layer layer)
{
    return layer == Layer::Environment ? m_environment : layer == Layer::Collection ? m_collection : m_globals;
}

const QList<Variable> &VariableScope::layer(Layer layer) const
{
    return layer == Layer::Environment ? m_environment : layer == Layer::Collection ? m_collection : m_globals;
}

std::optional<QString> VariableScope::layerValue(Layer which, const QString &name) const
{
    for (const Variable &v : layer(which)) {
        if (!v.enabled || v.name != name)
            continue;
        if (!v.secret)
            return v.value;
        const auto ref = workspace::SecretRef::parse(v.value);
        const auto secret = ref ? ref.value().resolve() : Result<QString>(ref.error());
        return secret ? std::optional<QString>(secret.value()) : std::nullopt;
    }
    return std::nullopt;
}

void VariableScope::setLayerValue(Layer which, const QString &name, const QString &value)
{
    for (Variable &v : layer(which)) {
        if (v.enabled && v.name == name) {
            v.value = value;
            v.secret = false;
            return;
        }
    }
    layer(which).append(Variable{name, value, false, true});
}

void VariableScope::unsetLayerValue(Layer which, const QString &name)
{
    layer(which).removeIf([&](const Variable &v) { return v.name == name; });
}

QHash<QString, QString> VariableScope::layerValues(Layer which) const
{
    QHash<QString, QString> out;
    for (const Variable &v : layer(which)) {
        if (v.enabled && !out.contains(v.name)) {
            if (auto value = layerValue(which, v.name))
                out.insert(v.name, *value);
        }
    }
    return out;
}

Result<QString> VariableScope::resolveDepth(const QString &text, const QString &context, int depth) const
{
    if (!text.contains(u"{{"_s))
        return text;
    if (depth > MaxDepth)
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("Variables refer to each other in a loop (more than %1 levels).").arg(MaxDepth), context};
    QString out;
    out.reserve(text.size());
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(u"{{"_s, pos);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf(u"}}"_s, open + 2);
        if (close < 0)
            break;
        out += QStringView(text).mid(pos, open - pos);
        const QString name = text.mid(open + 2, close - open - 2).trimmed();
        pos = close + 2;
        if (auto dynamic = dynamicValue(name)) {
            out += *dynamic;
            continue;
        }
        const auto found = lookup(name);
        if (!found) {
            const QString env = m_environmentName.isEmpty() ? Tr::tr("no environment is selected")
                                                            : Tr::tr("environment \"%1\"").arg(m_environmentName);
            return Error{Error::Kind::NotFound,
                         Tr::tr("The variable {{%1}} is not defined (%2; not in the collection, the globals or --var).")
                             .arg(name, env),
                         context};
        }
        QString value = found->value;
        if (found->secret) {
            const auto ref = workspace::SecretRef::parse(value);
            if (!ref)
                return Error{Error::Kind::InvalidInput,
                             Tr::tr("The secret variable {{%1}} must hold env:NAME or keychain:NAME.").arg(name), context};
            const auto secret = ref.value().resolve();
            if (!secret)
                return Error{secret.error().kind,
                             Tr::tr("The secret variable {{%1}} cannot be read: %2").arg(name, secret.error().message),
                             context};
            value = secret.value();
        } else {
            auto nested = resolveDepth(value, context, depth + 1);
            if (!nested)
                return nested.error();
            value = nested.value();
        }
        out += value;
    }
    out += QStringView(text).mid(pos);
    return out;
}

} // namespace quarry::http
