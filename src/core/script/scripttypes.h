// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace quarry::script {

/// The request a script sees as `pm.request` (and sends with `pm.sendRequest`): variables
/// unresolved in a pre-request script, as sent in a test script. A pre-request script may change it.
struct QUARRY_CORE_EXPORT ScriptRequest {
    struct Header {
        QString key;
        QString value;
        bool disabled = false;
        bool operator==(const Header &) const = default;
    };
    QString name;
    QString id;
    QString method = QStringLiteral("GET");
    QString url;                  ///< with its query string
    QList<Header> headers;
    /// Postman's body modes: "raw", "urlencoded", "formdata", "file" or empty (none).
    QString bodyMode;
    QString raw;                  ///< raw
    QList<Header> fields;         ///< urlencoded, formdata
    QString language;             ///< raw: "json" or "text"
    bool operator==(const ScriptRequest &) const = default;
};

/// The response a test script sees as `pm.response` (and `pm.sendRequest` hands to its callback).
struct QUARRY_CORE_EXPORT ScriptResponse {
    int code = 0;
    QString status;               ///< the reason phrase, "OK"
    QList<QPair<QString, QString>> headers;
    QByteArray body;
    double responseTime = 0;      ///< ms
};

/// One `pm.test(...)` (or legacy `tests[...]`) result.
struct QUARRY_CORE_EXPORT TestResult {
    QString name;
    bool passed = false;
    bool skipped = false;
    QString error;                ///< "AssertionError: expected 404 to equal 200"
    QString script;               ///< where it came from: "request \"Get user\" test"
};

/// One line of `console.log/info/warn/error` output.
struct QUARRY_CORE_EXPORT ConsoleLine {
    QString level;                ///< "log", "info", "warn", "error"
    QString text;
    QString script;
};

/// What running one script produced. `error` is set when the script itself failed (a syntax error,
/// an exception outside pm.test, an unsupported call, the time budget exceeded): its `where` names
/// the script and the line.
struct QUARRY_CORE_EXPORT ScriptOutcome {
    QList<TestResult> tests;
    QList<ConsoleLine> console;
    std::optional<Error> error;
    bool nextRequestSet = false;  ///< postman.setNextRequest was called
    QString nextRequest;          ///< empty with nextRequestSet: stop after this request (null)
    double elapsedMs = 0;
};

} // namespace quarry::script
