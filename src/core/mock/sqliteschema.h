// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"

#include <QJsonObject>
#include <QStringList>

namespace quarry::mock {

/// SQLite DDL for the workspace's `schema` section, so CRUD resources have their tables.
/// A stop-gap owned by the mock server: it maps the portable column types (serial, integer,
/// varchar(n), text, boolean, timestamp, numeric, json, uuid, ...) and defaults; it will give way to
/// the schema module's DDL generator (TODO(#3): switch once schema::DdlGenerator lands).
class QUARRY_CORE_EXPORT SqliteSchema
{
public:
    /// CREATE TABLE IF NOT EXISTS / CREATE [UNIQUE] INDEX IF NOT EXISTS statements, in order.
    static Result<QStringList> createStatements(const QJsonObject &schema);
    static QString quote(const QString &identifier);
    /// The SQLite type for a portable type name ("varchar" -> "TEXT").
    static QString sqliteType(const QString &portableType);
};

} // namespace quarry::mock
