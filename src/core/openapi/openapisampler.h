// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QJsonValue>
#include <QStringList>

namespace quarry::openapi {

class OpenApiDocument;

/// Builds an example value from an OpenAPI schema when the document gives none: a schema's own
/// `example` (or 3.1 `examples[0]`), else `default`, `const`, the first `enum` value, else a value
/// of its type (objects with every property, arrays with one item, strings by `format`, numbers at
/// their `minimum`). Local `$ref`s are followed; a schema that refers to itself again below stops
/// with null (or an empty array), so cycles end. Never fails: what it cannot follow becomes null
/// and a warning.
class QUARRY_CORE_EXPORT OpenApiSampler
{
public:
    /// `document` must outlive the sampler.
    explicit OpenApiSampler(const OpenApiDocument &document);

    /// An example for a response (writeOnly properties left out) or, with `forRequest`, a request
    /// body (readOnly properties left out).
    /// `pointer` says where the schema lives in the document (for the order of its properties).
    QJsonValue sample(const QJsonValue &schema, const QString &pointer = {}, bool forRequest = false);
    /// Messages about references that could not be followed, each once.
    QStringList warnings() const { return m_warnings; }

private:
    QJsonValue sampleAt(const QJsonValue &schema, const QString &pointer, int depth);
    void warn(const QString &message);

    const OpenApiDocument &m_document;
    QStringList m_refStack;
    QStringList m_warnings;
    bool m_forRequest = false;
};

} // namespace quarry::openapi
