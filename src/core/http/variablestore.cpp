// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/variablestore.h"

namespace quarry::http {

void VariableStore::set(const QString &name, const QString &value)
{
    QMutexLocker lock(&m_mutex);
    m_values.insert(name, value);
}

void VariableStore::remove(const QString &name)
{
    QMutexLocker lock(&m_mutex);
    m_values.remove(name);
}

std::optional<QString> VariableStore::value(const QString &name) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_values.constFind(name);
    if (it == m_values.constEnd())
        return std::nullopt;
    return *it;
}

QHash<QString, QString> VariableStore::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_values;
}

void VariableStore::clear()
{
    QMutexLocker lock(&m_mutex);
    m_values.clear();
}

} // namespace quarry::http
