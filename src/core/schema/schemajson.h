// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"
#include "schema/schema.h"

namespace quarry::schema {

/// The JSON form of a Schema (the workspace's `schema` section); used by Schema::fromJson/toJson.
class SchemaJson
{
public:
    static Result<Schema> read(const QJsonObject &json);
    static QJsonObject write(const Schema &schema);
};

} // namespace quarry::schema
