// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "http/environment.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace quarry::app {

/// Fills an environment chooser: "(none)", then each environment of the workspace's section (the
/// global scope is always consulted and is not one to choose), data = the environment's id. Keeps
/// `keep` when it is still there; otherwise selects the first environment, as a request with
/// {{baseUrl}} cannot be sent without one.
inline void fillEnvironmentCombo(QComboBox *combo, const QJsonArray &environments, const QString &keep)
{
    const QString none = QCoreApplication::translate("quarry::app::EnvironmentCombo", "(none)");
    combo->clear();
    combo->addItem(none);
    for (const QJsonValue &e : environments) {
        const auto env = http::Environment::fromJson(e.toObject());
        if (!env.global)
            combo->addItem(env.name, env.id.isEmpty() ? env.name : env.id);
    }
    const int index = keep == none ? -1 : combo->findText(keep);
    combo->setCurrentIndex(index >= 0 ? index : std::min(1, combo->count() - 1));
}

} // namespace quarry::app
