// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/requestspec.h"
#include "http/variablescope.h"
#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace quarry::http {

/// A header as it will be sent, with where it came from ("request", "body: json",
/// "auth: login profile \"API\" from collection \"Users API\"").
struct QUARRY_CORE_EXPORT HeaderLine {
    QByteArray name;
    QByteArray value;
    QString source;
};

/// A request with every variable resolved and its body encoded: ready for the wire.
struct QUARRY_CORE_EXPORT PreparedRequest {
    QString id;
    QString name;
    QByteArray method;
    QUrl url;
    QList<HeaderLine> headers;
    QByteArray body;
    int timeoutMs = 0;
    bool followRedirects = true;
    bool verifyTls = true;

    /// Resolves variables, validates a JSON body, encodes form and multipart bodies, adds the
    /// Content-Type a body mode implies unless the request sets one. Errors name the request
    /// and the part ("header Accept", "body", "url").
    static Result<PreparedRequest> build(const RequestSpec &spec, const VariableScope &scope);

    /// Replaces (case-insensitively) or adds a header.
    void setHeader(const QByteArray &name, const QByteArray &value, const QString &source);
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    /// Adds `name=value` to the query string (percent-encoded).
    void addQueryItem(const QString &name, const QString &value);
};

} // namespace quarry::http
