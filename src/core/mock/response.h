// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "mock/request.h"
#include "quarry_core_export.h"

namespace quarry::mock {

/// What the engine sends back. The engine adds Content-Length, Date, Server and Connection itself.
struct QUARRY_CORE_EXPORT Response {
    int status = 200;
    QList<HeaderField> headers;
    QByteArray body;
    /// Wait this long before answering; the engine waits on a timer, never blocking a thread.
    int delayMs = 0;
    /// Close the connection without answering (fault injection).
    bool dropConnection = false;
    /// Close the connection after answering even if the client wants to keep it.
    bool closeConnection = false;

    QByteArray header(QByteArrayView name) const;
    /// Replaces every header of that name (case-insensitive) with one value.
    void setHeader(const QByteArray &name, const QByteArray &value);
    void removeHeader(QByteArrayView name);

    static Response json(int status, const QByteArray &body);
};

} // namespace quarry::mock
