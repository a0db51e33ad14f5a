// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/preparedrequest.h"
#include "http/requestspec.h"
#include "result.h"

#include <QString>
#include <QStringList>

namespace quarry::http {

/// curl command lines: "paste a curl command" import and "copy as curl".
class QUARRY_CORE_EXPORT CurlFormat
{
public:
    /// A POSIX-shell curl command that sends exactly this request (headers and body as prepared,
    /// so variables and auth are resolved: the command may hold a token).
    static QString toCurl(const PreparedRequest &request);
    /// Parses `curl ...` as pasted from a browser's dev tools or API docs (quotes, backslash-newline
    /// continuations; -X, -H, -d/--data*, --data-urlencode, -F, -u, -G, -I, -L, -k, -A, -b, -e,
    /// -m, --url, --json). Unknown options are listed in `warnings`, not fatal.
    static Result<RequestSpec> fromCurl(const QString &command, QStringList *warnings = nullptr);
    /// Shell-like word splitting; an error for an unterminated quote.
    static Result<QStringList> splitShellWords(const QString &command);
};

} // namespace quarry::http
