// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "http/assertion.h"
#include "http/authspec.h"
#include "http/scripts.h"
#include "result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace quarry::http {

/// One row of a query-parameter, header or form table. Disabled rows are kept but not sent.
struct QUARRY_CORE_EXPORT KeyValue {
    QString name;
    QString value;
    bool enabled = true;
    /// Multipart only: `value` is a file path, sent as the file's bytes.
    bool isFile = false;
    QString contentType;   ///< multipart only; empty: guessed from the file name

    QJsonObject toJson() const;
    static KeyValue fromJson(const QJsonObject &object);
    bool operator==(const KeyValue &) const = default;
};

/// What a request carries after its headers. `text` holds JSON or raw text; `fields` the
/// form-urlencoded or multipart rows; `file` the path of a binary body.
struct QUARRY_CORE_EXPORT BodySpec {
    enum class Mode { None, Json, FormUrlEncoded, Multipart, Raw, Binary };
    Mode mode = Mode::None;
    QString text;
    QList<KeyValue> fields;
    QString file;
    QString contentType;   ///< raw/binary: the Content-Type to send unless a header sets one

    QJsonObject toJson() const;
    static Result<BodySpec> fromJson(const QJsonObject &object);
    static QString modeName(Mode mode);
    bool operator==(const BodySpec &) const = default;
};

/// A request as the user wrote it: `{{variables}}` unresolved, auth possibly inherited.
/// Stored in a collection item as `{type:"request", id, name, method, url, params, headers, body,
/// timeoutMs, followRedirects, verifyTls, auth, assertions, extract, scripts}`; defaults are omitted on save.
struct QUARRY_CORE_EXPORT RequestSpec {
    QString id;
    QString name;
    QString method = QStringLiteral("GET");
    QString url;
    QList<KeyValue> params;
    QList<KeyValue> headers;
    BodySpec body;
    int timeoutMs = 0;            ///< 0: the runner's default
    bool followRedirects = true;
    bool verifyTls = true;
    AuthSpec auth;                ///< Inherit by default
    QList<Assertion> assertions;
    QList<Extraction> extractions;
    Scripts scripts;              ///< run after the collection's and folders' own

    QJsonObject toJson() const;
    /// `where` of an error is the item's id or name.
    static Result<RequestSpec> fromJson(const QJsonObject &object);
    bool operator==(const RequestSpec &) const = default;
};

} // namespace quarry::http
