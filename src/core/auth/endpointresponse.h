// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace quarry::auth {

/// An HTTP answer of an auth endpoint (login, OAuth2 token), independent of the server engine:
/// the mock server copies it into its response.
struct QUARRY_CORE_EXPORT EndpointResponse {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; ///< Content-Type, Cache-Control, WWW-Authenticate
    QByteArray body;
    QString note; ///< one line for the request log's lifecycle ("token issued to ada@example.com")

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

} // namespace quarry::auth
