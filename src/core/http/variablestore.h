// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace quarry::http {

/// Variables set while running (extracted from responses). Thread-safe: a run's workers share one.
class QUARRY_CORE_EXPORT VariableStore
{
public:
    void set(const QString &name, const QString &value);
    void remove(const QString &name);
    std::optional<QString> value(const QString &name) const;
    QHash<QString, QString> snapshot() const;
    void clear();

private:
    mutable QMutex m_mutex;
    QHash<QString, QString> m_values;
};

} // namespace quarry::http
