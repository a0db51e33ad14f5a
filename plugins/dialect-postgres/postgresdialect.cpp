// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "postgresdialect.h"

#include "db/connection.h"
#include "postgresddlwriter.h"

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

QString PostgresDialect::id() const
{
    return u"postgres"_s;
}

QString PostgresDialect::displayName() const
{
    return u"PostgreSQL"_s;
}

QString PostgresDialect::quoteIdentifier(const QString &name) const
{
    return quarry::db::quoteIdentifier(name);
}

QStringList PostgresDialect::reservedWords() const
{
    // The "reserved" and "reserved (can be function or type)" keywords of PostgreSQL 15
    // (Appendix C, SQL Key Words): these cannot be table or column names without quotes.
    return {u"ALL"_s, u"ANALYSE"_s, u"ANALYZE"_s, u"AND"_s, u"ANY"_s, u"ARRAY"_s, u"AS"_s, u"ASC"_s,
            u"ASYMMETRIC"_s, u"AUTHORIZATION"_s, u"BINARY"_s, u"BOTH"_s, u"CASE"_s, u"CAST"_s, u"CHECK"_s,
            u"COLLATE"_s, u"COLLATION"_s, u"COLUMN"_s, u"CONCURRENTLY"_s, u"CONSTRAINT"_s, u"CREATE"_s,
            u"CROSS"_s, u"CURRENT_CATALOG"_s, u"CURRENT_DATE"_s, u"CURRENT_ROLE"_s, u"CURRENT_SCHEMA"_s,
            u"CURRENT_TIME"_s, u"CURRENT_TIMESTAMP"_s, u"CURRENT_USER"_s, u"DEFAULT"_s, u"DEFERRABLE"_s,
            u"DESC"_s, u"DISTINCT"_s, u"DO"_s, u"ELSE"_s, u"END"_s, u"EXCEPT"_s, u"FALSE"_s, u"FETCH"_s,
            u"FOR"_s, u"FOREIGN"_s, u"FREEZE"_s, u"FROM"_s, u"FULL"_s, u"GRANT"_s, u"GROUP"_s, u"HAVING"_s,
            u"ILIKE"_s, u"IN"_s, u"INITIALLY"_s, u"INNER"_s, u"INTERSECT"_s, u"INTO"_s, u"IS"_s, u"ISNULL"_s,
            u"JOIN"_s, u"LATERAL"_s, u"LEADING"_s, u"LEFT"_s, u"LIKE"_s, u"LIMIT"_s, u"LOCALTIME"_s,
            u"LOCALTIMESTAMP"_s, u"NATURAL"_s, u"NOT"_s, u"NOTNULL"_s, u"NULL"_s, u"OFFSET"_s, u"ON"_s,
            u"ONLY"_s, u"OR"_s, u"ORDER"_s, u"OUTER"_s, u"OVERLAPS"_s, u"PLACING"_s, u"PRIMARY"_s,
            u"REFERENCES"_s, u"RETURNING"_s, u"RIGHT"_s, u"SELECT"_s, u"SESSION_USER"_s, u"SIMILAR"_s,
            u"SOME"_s, u"SYMMETRIC"_s, u"TABLE"_s, u"TABLESAMPLE"_s, u"THEN"_s, u"TO"_s, u"TRAILING"_s,
            u"TRUE"_s, u"UNION"_s, u"UNIQUE"_s, u"USER"_s, u"USING"_s, u"VARIADIC"_s, u"VERBOSE"_s, u"WHEN"_s,
            u"WHERE"_s, u"WINDOW"_s, u"WITH"_s};
}

DialectFeatures PostgresDialect::features() const
{
    DialectFeatures f;
    f.namespaces = true;
    f.nativeEnums = true;
    f.sequences = true;
    f.alterAddForeignKey = true;
    f.partialIndexes = true;
    f.arrays = true;
    f.indexMethods = {u"btree"_s, u"hash"_s, u"gin"_s, u"gist"_s, u"brin"_s, u"spgist"_s};
    f.maxIdentifierLength = 63; // NAMEDATALEN - 1; longer names are silently truncated
    return f;
}

QString PostgresDialect::typeName(const ColumnType &type) const
{
    QString sql;
    switch (type.kind) {
    case TypeKind::SmallInt: sql = u"SMALLINT"_s; break;
    case TypeKind::Integer: sql = u"INTEGER"_s; break;
    case TypeKind::BigInt: sql = u"BIGINT"_s; break;
    case TypeKind::Serial: sql = u"SERIAL"_s; break;
    case TypeKind::BigSerial: sql = u"BIGSERIAL"_s; break;
    case TypeKind::Decimal:
        sql = type.precision > 0 ? u"NUMERIC(%1,%2)"_s.arg(type.precision).arg(type.scale) : u"NUMERIC"_s;
        break;
    case TypeKind::Real: sql = u"REAL"_s; break;
    case TypeKind::Double: sql = u"DOUBLE PRECISION"_s; break;
    case TypeKind::Boolean: sql = u"BOOLEAN"_s; break;
    case TypeKind::Char: sql = type.length > 0 ? u"CHAR(%1)"_s.arg(type.length) : u"CHAR"_s; break;
    case TypeKind::Varchar: sql = type.length > 0 ? u"VARCHAR(%1)"_s.arg(type.length) : u"VARCHAR"_s; break;
    case TypeKind::Text: sql = u"TEXT"_s; break;
    case TypeKind::Date: sql = u"DATE"_s; break;
    case TypeKind::Time: sql = type.precision > 0 ? u"TIME(%1)"_s.arg(type.precision) : u"TIME"_s; break;
    case TypeKind::Timestamp:
        sql = type.precision > 0 ? u"TIMESTAMP(%1)"_s.arg(type.precision) : u"TIMESTAMP"_s;
        break;
    case TypeKind::TimestampTz:
        sql = type.precision > 0 ? u"TIMESTAMPTZ(%1)"_s.arg(type.precision) : u"TIMESTAMPTZ"_s;
        break;
    case TypeKind::Interval: sql = u"INTERVAL"_s; break;
    case TypeKind::Uuid: sql = u"UUID"_s; break;
    case TypeKind::Json: sql = u"JSON"_s; break;
    case TypeKind::Jsonb: sql = u"JSONB"_s; break;
    case TypeKind::Binary: sql = u"BYTEA"_s; break;
    case TypeKind::Enum: sql = quoteIdentifier(type.enumName); break;
    case TypeKind::Custom: sql = type.custom; break;
    }
    if (type.array)
        sql += u"[]"_s;
    return sql;
}

quarry::Result<QStringList> PostgresDialect::createStatements(const Schema &schema) const
{
    PostgresDdlWriter writer(*this);
    return writer.write(schema);
}

quarry::Result<QStringList> PostgresDialect::createStatements(const Schema &schema, const DdlScope &scope) const
{
    PostgresDdlWriter writer(*this);
    return writer.write(schema, scope);
}

QString PostgresDialect::addColumnStatement(const Schema &schema, const Table &table, const Column &column) const
{
    PostgresDdlWriter writer(*this);
    return writer.addColumn(schema, table, column);
}

QString PostgresDialect::createIndexStatement(const Table &table, const Index &index) const
{
    PostgresDdlWriter writer(*this);
    return writer.createIndex(table, index);
}

QString PostgresDialect::dropIndexStatement(const Table &table, const Index &index) const
{
    PostgresDdlWriter writer(*this);
    return writer.dropIndex(table, index);
}

QString PostgresDialect::setNotNullStatement(const Table &table, const Column &column) const
{
    PostgresDdlWriter writer(*this);
    return writer.setNotNull(table, column);
}
