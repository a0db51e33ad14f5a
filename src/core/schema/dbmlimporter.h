// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "result.h"
#include "schema/sqlimport.h"

namespace quarry::schema {

/// Reads DBML, the language of dbdiagram.io (https://dbml.dbdiagram.io/docs), into a Schema with a
/// hand-written lexer and recursive-descent parser: Project, Table (schema-qualified names, alias,
/// headercolor and note settings, Note blocks), columns with their settings (pk, increment, not
/// null, null, unique, default, note, inline ref), indexes blocks (composite, `expressions`, pk,
/// unique, name, type, note), Ref in the short and the long form with composite columns and
/// delete/update actions, Enum (schema-qualified), TableGroup, comments and '''multi-line''' strings.
///
/// Mapping: a ref becomes a foreign key on its many side (`>` the left endpoint, `<` the right one,
/// `-` the left one); many-to-many refs (`<>`) have no foreign key and are left out with a note.
/// `int [increment]` is serial, `bigint [increment]` bigserial; types are mapped to the portable
/// kinds as dbdiagram's SQL export does (int/integer, varchar(n), text, timestamp, boolean,
/// decimal(p,s), json/jsonb, uuid, enum names), unknown ones are kept as written. What DBML has
/// and the model has not (the alias, headercolor, the relation kind of a ref, the Project, table
/// groups) is kept in the objects' `extra` under "dbml" so that DbmlExporter writes it back.
/// Object ids are derived from names (ObjectIds), as by every importer.
class QUARRY_CORE_EXPORT DbmlImporter
{
public:
    /// Text that is not valid DBML yields an Error whose `where` is "line L, column C" and whose
    /// message says what was expected; nothing throws.
    static Result<SqlImport> import(const QString &dbml);
};

} // namespace quarry::schema
