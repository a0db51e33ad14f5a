// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "openapi/openapiyaml.h"
#include "quarry_core_export.h"
#include "result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace quarry::openapi {

/// An OpenAPI 3.0 or 3.1 document, read from YAML or JSON, as a JSON object plus the key order
/// the text had (QJsonObject sorts keys; paths, responses and named examples keep their order
/// through keys()).
class QUARRY_CORE_EXPORT OpenApiDocument
{
public:
    /// Reads a file (.json, or any other name as YAML; JSON text is recognised by its first
    /// character as well). Errors: unreadable file (Io), syntax errors with "path, line L,
    /// column C", and the checks of fromJson().
    static Result<OpenApiDocument> load(const QString &path);
    /// Parses YAML or JSON text; `origin` names it in errors.
    static Result<OpenApiDocument> fromText(const QByteArray &text, const QString &origin = {});
    /// Accepts `root` when it is an OpenAPI 3.0.x or 3.1.x document; Swagger 2.0, other versions
    /// and objects that are not OpenAPI at all are refused with a message that says which.
    static Result<OpenApiDocument> fromJson(const QJsonObject &root, const QString &origin = {},
                                            OpenApiYaml::KeyOrder order = {});

    const QJsonObject &root() const { return m_root; }
    QString origin() const { return m_origin; }
    /// The `openapi` field, such as "3.0.3".
    QString version() const { return m_root.value(QStringLiteral("openapi")).toString(); }
    bool isVersion31() const { return version().startsWith(QStringLiteral("3.1")); }

    /// The keys of the object at `pointer` (a JSON pointer into the document, "" for the root)
    /// in the order the text had them; sorted when the order is unknown.
    QStringList keys(const QJsonObject &object, const QString &pointer) const;

    /// The value a local reference ("#/components/schemas/Pet") points at, or an error naming
    /// the reference when it is external or leads nowhere.
    Result<QJsonValue> resolve(const QString &ref) const;
    /// `value` (an example) with each {"$ref": "#/components/examples/X"} inside it replaced by X's
    /// `value`, as GitHub's description means them (OpenAPI itself takes example values literally);
    /// a reference that leads nowhere, or round, stays as it is.
    QJsonValue inlineExampleRefs(const QJsonValue &value, int depth = 0) const;
    /// Follows `$ref` chains of `value` (at most 32 steps; a cycle is an error) and returns the
    /// object reached; `pointer` is updated to where that object lives.
    Result<QJsonObject> dereference(const QJsonValue &value, QString *pointer = nullptr) const;

private:
    QJsonObject m_root;
    QString m_origin;
    OpenApiYaml::KeyOrder m_order;
};

} // namespace quarry::openapi
