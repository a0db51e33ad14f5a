// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

// The OpenAPI tests' way of serving imported routes on a real socket (a free port on 127.0.0.1).

#include "mock/mockconfig.h"
#include "mock/mockserver.h"

#include <QJsonArray>
#include <QJsonObject>

namespace quarry::test {

/// Configures `server` with `routes` (SQLite files, if any, in `dir`) and starts it; the error, or empty.
inline QString serveRoutes(mock::MockServer &server, const QList<mock::Route> &routes, const QString &dir)
{
    QJsonArray list;
    for (const mock::Route &r : routes)
        list.append(r.toJson());
    auto config = mock::MockConfig::fromJson(QJsonObject{{QStringLiteral("routes"), list}}, {}, {}, dir);
    if (!config)
        return config.error().toString();
    if (auto configured = server.configure(config.value()); !configured)
        return configured.error().toString();
    if (auto started = server.start(mock::ServerOptions{}); !started)
        return started.error().toString();
    return {};
}

} // namespace quarry::test
