// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "db/connection.h"
#include "schema/schema.h"

#include <QHash>

namespace quarry::db {
class PgConnection;
}

namespace quarry::schema {

// Shared by the catalog queries of PgIntrospector and PgDefinitions (their $1 is kSystemSchemas).
// System schemas; pg_toast, pg_temp_N and the like are caught by the "pg_" prefix.
inline const QString kSystemSchemas = QStringLiteral("{pg_catalog,information_schema}");

// Objects come in name order (public first), so the same design reads the same however it was
// created. A relation, type or schema created by an extension (CREATE EXTENSION) is not part of the design.
#define USER_NAMESPACE(n) "(" n ".nspname <> ALL($1::text[]) AND " n ".nspname NOT LIKE 'pg\\_%')"
#define NOT_EXTENSION(cls, oid) \
    "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '" cls "'::regclass AND d.objid = " oid \
    " AND d.deptype = 'e')"



/// PgIntrospector's reading of what a design keeps beside its tables: domains, sequences,
/// routines (functions, procedures, aggregates) and triggers, from pg_catalog. Objects of system
/// schemas and of extensions are left out; names are "name" in public, else "namespace.name".
/// Every function blocks on the connection and returns the database's error, never throws.
struct PgDefinitions {
    /// The portable type of a pg_type row (its element type for an array): a built-in type,
    /// an enum, or the type's name as written (qualified outside public and pg_catalog).
    static ColumnType columnType(const QString &typeName, const QString &typeKind, const QString &typeNamespace,
                                 bool array, int typmod);
    /// "public" is the default namespace, written as an empty one.
    static QString nameSpace(const QString &schemaName);

    static db::DbResult<QList<Domain>> domains(db::PgConnection &connection);
    /// The sequences that are not an identity column's, by their pg_class oid (as text).
    static db::DbResult<QList<std::pair<QString, Sequence>>> sequences(db::PgConnection &connection);
    static db::DbResult<QList<Routine>> routines(db::PgConnection &connection);
    /// The user triggers (not those behind foreign keys, not a partition's clones) of the
    /// relations in `oidArray` ("{1,2}"), by relation oid.
    static db::DbResult<QHash<QString, QList<Trigger>>> triggers(db::PgConnection &connection, const QString &oidArray,
                                                                 const QHash<QString, QString> &tableNames);
    /// Whether `s` is what `serial`/`bigserial` on table.column creates: its name, type and options.
    static bool isSerialSequence(const Sequence &s, const QString &table, const QString &column, TypeKind kind);
};

} // namespace quarry::schema
