// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

#include <utility>

namespace quarry::mock {

/// RFC 9110 token: what a header name or a transfer coding may consist of.
QUARRY_CORE_EXPORT bool isHttpToken(QByteArrayView text);

/// Why a request's message framing cannot be trusted (RFC 9112 §6): `status` 400 (last coding not
/// chunked, chunked twice, a coding that is not a token, Transfer-Encoding with Content-Length or in
/// HTTP/1.0, more than one Content-Length even if equal) or 501 (a coding other than chunked), with
/// a sentence for the client; 0 when the framing is sound. The engine answers with the connection
/// closed, so bytes sent as a body can never run as the next request (request smuggling).
/// `fields` are the request's header fields (any case); `version` is 10 or 11.
struct QUARRY_CORE_EXPORT FramingVerdict {
    int status = 0;
    QString detail;

    static FramingVerdict check(const QList<std::pair<QByteArray, QByteArray>> &fields, int version);
};

} // namespace quarry::mock
