// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/sqlimport.h"

#include <QJsonObject>
#include <QStringList>

namespace quarry::schema {

/// Reading a schema file of any supported kind and merging it into a design, shared by
/// `quarry import sql|dbml` and the window's File > Import into Schema.
class QUARRY_CORE_EXPORT SchemaImport
{
public:
    /// Which reader a file needs: "dbml" (a .dbml name), "sqlite-db" (the SQLite database
    /// header), "sqlite" (a name containing "sqlite", or a first-line comment naming SQLite) or
    /// "postgres".
    static QString detectFormat(const QString &path);
    /// Reads `path` as `format` ("postgres", "sqlite", "sqlite-db", "dbml"; empty: detectFormat()).
    /// Errors: the file cannot be read (Io), or it does not parse: `where` is "FILE, line L, column C".
    static Result<SqlImport> readFile(const QString &path, const QString &format = {});
    /// `design` (a workspace's schema section) with the imported namespaces, enums, tables and
    /// views merged in by name: the same name replaces, a new one is appended; the import's own
    /// design-level keys (DBML's project and table groups) replace the design's.
    static QJsonObject merge(QJsonObject design, const Schema &imported, QStringList *added = nullptr,
                             QStringList *replaced = nullptr);
};

} // namespace quarry::schema
