// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

// One request handed to a MockServer in-process (no socket), as the mock tests send them.

#include "mock/mockserver.h"
#include "mock/request.h"
#include "mock/response.h"

inline quarry::mock::Response mockCall(quarry::mock::MockServer &server, const QByteArray &method,
                                       const QByteArray &target, const QByteArray &body = {})
{
    quarry::mock::Request r;
    r.method = method;
    r.setTarget(target);
    r.body = body;
    r.headers.append({QByteArray("Host"), QByteArray("127.0.0.1:3000")});
    r.clientAddress = QStringLiteral("127.0.0.1");
    return server.handle(r);
}
