// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QByteArray>

namespace quarry::auth {

/// Base64url without padding, as JOSE writes it (RFC 7515 section 2, RFC 4648 section 5).
class QUARRY_CORE_EXPORT Base64Url
{
public:
    static QByteArray encode(const QByteArray &data);
    /// Strict: only the url-safe alphabet, no padding, no whitespace, no length of 4n+1 and no
    /// stray bits in the last character, so one value has exactly one encoding. `what` names the
    /// input in the error ("header", "signature").
    static Result<QByteArray> decode(QByteArrayView text, const QString &what = {});
};

} // namespace quarry::auth
