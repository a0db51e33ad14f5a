// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace quarry {

/// One way a JSON value breaks a schema: where (an RFC 6901 pointer into the value, "" for the
/// whole value), which keyword ("required", "type", "maximum", ...) and a sentence.
struct QUARRY_CORE_EXPORT SchemaViolation {
    QString pointer;
    QString constraint;
    QString message;
};

/// A compiled JSON Schema, validated by valijson (Debian's libvalijson-dev; drafts 4 and 7, draft 6
/// read as 7). OpenAPI schema objects are translated first: 3.0's `nullable`, and `readOnly`
/// members that a request need not send; 3.1's (JSON Schema 2020-12) `prefixItems`,
/// `dependentRequired` and `dependentSchemas` into their draft-7 spelling. Keywords that neither
/// draft 7 nor the translation knows are ignored, as annotations are (see unsupported2020()).
///
/// Compiling is done once; validate() is thread-safe and may run on many threads at once.
class QUARRY_CORE_EXPORT JsonSchema
{
public:
    enum class Dialect { Draft4, Draft6, Draft7, OpenApi30, OpenApi31 };
    /// Fetches a document a remote `$ref` names ("http://host/x.json"); nullopt: not available.
    using Fetch = std::function<std::optional<QByteArray>(const QString &uri)>;

    /// `schema` may hold `$ref`s into itself ("#/definitions/X", "#/components/schemas/X"): the
    /// referenced parts must be inside it. Errors: InvalidInput naming what valijson refused.
    static Result<JsonSchema> compile(const QJsonValue &schema, Dialect dialect, const Fetch &fetch = {});

    /// The schema valijson sees for an OpenAPI schema object; `forRequest` drops readOnly members
    /// from `required` (OpenAPI: they are the server's to send). Other dialects pass through.
    static QJsonValue translate(const QJsonValue &schema, Dialect dialect, bool forRequest = true);
    /// "openapi-3.0" -> OpenApi30, "openapi-3.1" -> OpenApi31, "draft-04|06|07"; nullopt otherwise.
    static std::optional<Dialect> dialectNamed(const QString &name);
    static QString nameOf(Dialect dialect);

    /// JSON Schema 2020-12 keywords (OpenAPI 3.1) that are checked, and those that are not.
    static QStringList supported2020();
    static QStringList unsupported2020();

    /// Violations of `value`; empty when it is valid.
    QList<SchemaViolation> validate(const QJsonValue &value) const;
    /// Parses `json` first (64-bit integers exact). Error (InvalidInput, with line and column)
    /// when it is not JSON.
    Result<QList<SchemaViolation>> validateText(const QByteArray &json) const;

private:
    struct Compiled;
    std::shared_ptr<const Compiled> m_compiled;
};

} // namespace quarry
