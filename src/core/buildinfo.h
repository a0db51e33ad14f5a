// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QList>
#include <QString>

namespace quarry {

struct ComponentVersion {
    QString name;      ///< "Qt", "libpqxx", "SQLite", "OpenSSL", ...
    QString version;   ///< as the component reports it at run time where it can
};

QUARRY_CORE_EXPORT QString quarryVersion();
/// The libraries this build runs on, for the About dialog and `quarry --version --verbose`.
QUARRY_CORE_EXPORT QList<ComponentVersion> componentVersions();

} // namespace quarry
