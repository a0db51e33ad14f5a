// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace quarry::mock {

/// One HTTP header as received or sent; names keep their spelling, lookups ignore case.
using HeaderField = std::pair<QByteArray, QByteArray>;

/// An HTTP request as the engine parsed it. Plain data: safe to copy between threads.
struct QUARRY_CORE_EXPORT Request {
    QByteArray method;        ///< "GET", as sent (methods are case-sensitive in HTTP)
    QByteArray target;        ///< the raw request target, "/api/users?page=2"
    QString path;             ///< the target's path, percent-decoded: "/api/users"
    QList<std::pair<QString, QString>> query;   ///< decoded query items in order
    QList<HeaderField> headers;
    QByteArray body;
    int version = 11;         ///< 10 for HTTP/1.0, 11 for HTTP/1.1
    QString clientAddress;    ///< "127.0.0.1"
    quint16 clientPort = 0;

    /// The first header of that name (case-insensitive), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const { return !header(name).isNull(); }
    /// The first query item of that name, or a null QString.
    QString queryValue(const QString &name) const;
    /// Splits a raw target into path and query (both decoded) and stores them.
    void setTarget(const QByteArray &rawTarget);
};

} // namespace quarry::mock
