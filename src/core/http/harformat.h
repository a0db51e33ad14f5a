// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/collection.h"
#include "result.h"

#include <QJsonObject>
#include <QStringList>

namespace quarry::http {

/// HAR 1.2 (a browser's "Save all as HAR") import: one request per entry, in recorded order, with
/// a check that the status is the recorded one. Pseudo-headers (:authority), Content-Length, Host
/// and Connection are left out: Qt computes them. Entries that are not http(s) are skipped
/// and listed in `warnings`.
class QUARRY_CORE_EXPORT HarFormat
{
public:
    static Result<Collection> importHar(const QJsonObject &har, const QString &collectionName, QStringList *warnings = nullptr);
};

} // namespace quarry::http
