// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QHash>
#include <QJsonValue>
#include <QStringList>

namespace quarry::openapi {

/// YAML text <-> JSON values, for OpenAPI documents. The only code that calls yaml-cpp; its
/// exceptions never leave this class.
class QUARRY_CORE_EXPORT OpenApiYaml
{
public:
    /// Key order of every mapping with more than one key, by the JSON pointer of the mapping
    /// ("" for the root, "/paths/~1pets/get"). QJsonObject sorts its keys; this keeps the document's.
    using KeyOrder = QHash<QString, QStringList>;

    /// Parses one YAML document (YAML 1.2 core schema: plain scalars become numbers, booleans and
    /// null; quoted and block scalars stay strings; !!str/!!int/!!float/!!bool/!!null tags are
    /// honoured). A syntax error's `where` is "origin, line L, column C". Mapping keys must be
    /// scalars. Aliases are expanded, with a limit on depth and size against alias bombs.
    static Result<QJsonValue> parse(const QByteArray &text, const QString &origin = {}, KeyOrder *order = nullptr);

    /// The value as block-style YAML that parses back to the same JSON (strings quoted whenever
    /// a plain scalar would read as something else). Ends with a newline.
    static QByteArray write(const QJsonValue &value);
};

} // namespace quarry::openapi
