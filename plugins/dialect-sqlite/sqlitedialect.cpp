// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "sqlitedialect.h"

#include "db/connection.h"
#include "sqliteddlwriter.h"

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

QString SqliteDialect::id() const
{
    return u"sqlite"_s;
}

QString SqliteDialect::displayName() const
{
    return u"SQLite"_s;
}

QString SqliteDialect::quoteIdentifier(const QString &name) const
{
    return quarry::db::quoteIdentifier(name);
}

QStringList SqliteDialect::reservedWords() const
{
    // https://www.sqlite.org/lang_keywords.html (3.40)
    return {u"ABORT"_s, u"ACTION"_s, u"ADD"_s, u"AFTER"_s, u"ALL"_s, u"ALTER"_s, u"ALWAYS"_s, u"ANALYZE"_s,
            u"AND"_s, u"AS"_s, u"ASC"_s, u"ATTACH"_s, u"AUTOINCREMENT"_s, u"BEFORE"_s, u"BEGIN"_s, u"BETWEEN"_s,
            u"BY"_s, u"CASCADE"_s, u"CASE"_s, u"CAST"_s, u"CHECK"_s, u"COLLATE"_s, u"COLUMN"_s, u"COMMIT"_s,
            u"CONFLICT"_s, u"CONSTRAINT"_s, u"CREATE"_s, u"CROSS"_s, u"CURRENT"_s, u"CURRENT_DATE"_s,
            u"CURRENT_TIME"_s, u"CURRENT_TIMESTAMP"_s, u"DATABASE"_s, u"DEFAULT"_s, u"DEFERRABLE"_s, u"DEFERRED"_s,
            u"DELETE"_s, u"DESC"_s, u"DETACH"_s, u"DISTINCT"_s, u"DO"_s, u"DROP"_s, u"EACH"_s, u"ELSE"_s, u"END"_s,
            u"ESCAPE"_s, u"EXCEPT"_s, u"EXCLUDE"_s, u"EXCLUSIVE"_s, u"EXISTS"_s, u"EXPLAIN"_s, u"FAIL"_s,
            u"FILTER"_s, u"FIRST"_s, u"FOLLOWING"_s, u"FOR"_s, u"FOREIGN"_s, u"FROM"_s, u"FULL"_s, u"GENERATED"_s,
            u"GLOB"_s, u"GROUP"_s, u"GROUPS"_s, u"HAVING"_s, u"IF"_s, u"IGNORE"_s, u"IMMEDIATE"_s, u"IN"_s,
            u"INDEX"_s, u"INDEXED"_s, u"INITIALLY"_s, u"INNER"_s, u"INSERT"_s, u"INSTEAD"_s, u"INTERSECT"_s,
            u"INTO"_s, u"IS"_s, u"ISNULL"_s, u"JOIN"_s, u"KEY"_s, u"LAST"_s, u"LEFT"_s, u"LIKE"_s, u"LIMIT"_s,
            u"MATCH"_s, u"MATERIALIZED"_s, u"NATURAL"_s, u"NO"_s, u"NOT"_s, u"NOTHING"_s, u"NOTNULL"_s, u"NULL"_s,
            u"NULLS"_s, u"OF"_s, u"OFFSET"_s, u"ON"_s, u"OR"_s, u"ORDER"_s, u"OTHERS"_s, u"OUTER"_s, u"OVER"_s,
            u"PARTITION"_s, u"PLAN"_s, u"PRAGMA"_s, u"PRECEDING"_s, u"PRIMARY"_s, u"QUERY"_s, u"RAISE"_s,
            u"RANGE"_s, u"RECURSIVE"_s, u"REFERENCES"_s, u"REGEXP"_s, u"REINDEX"_s, u"RELEASE"_s, u"RENAME"_s,
            u"REPLACE"_s, u"RESTRICT"_s, u"RETURNING"_s, u"RIGHT"_s, u"ROLLBACK"_s, u"ROW"_s, u"ROWS"_s,
            u"SAVEPOINT"_s, u"SELECT"_s, u"SET"_s, u"TABLE"_s, u"TEMP"_s, u"TEMPORARY"_s, u"THEN"_s, u"TIES"_s,
            u"TO"_s, u"TRANSACTION"_s, u"TRIGGER"_s, u"UNBOUNDED"_s, u"UNION"_s, u"UNIQUE"_s, u"UPDATE"_s,
            u"USING"_s, u"VACUUM"_s, u"VALUES"_s, u"VIEW"_s, u"VIRTUAL"_s, u"WHEN"_s, u"WHERE"_s, u"WINDOW"_s,
            u"WITH"_s, u"WITHOUT"_s};
}

DialectFeatures SqliteDialect::features() const
{
    DialectFeatures f;
    f.namespaces = false;
    f.nativeEnums = false;
    f.alterAddForeignKey = false;
    f.partialIndexes = true;
    f.arrays = false;
    f.indexMethods = {u"btree"_s};
    return f;
}

QString SqliteDialect::typeName(const ColumnType &type) const
{
    // Declared types are chosen for SQLite's affinity rules (section 3.1 of "Datatypes In
    // SQLite"): INTEGER for every integer so that an INTEGER PRIMARY KEY is the rowid, names
    // containing CHAR/TEXT for text, and TEXT (not e.g. TIMESTAMPTZ, which contains "INT") where a
    // descriptive name would pick the wrong affinity.
    if (type.array)
        return u"TEXT"_s; // JSON text
    switch (type.kind) {
    case TypeKind::SmallInt:
    case TypeKind::Integer:
    case TypeKind::BigInt:
    case TypeKind::Serial:
    case TypeKind::BigSerial: return u"INTEGER"_s;
    case TypeKind::Decimal:
        return type.precision > 0 ? u"NUMERIC(%1,%2)"_s.arg(type.precision).arg(type.scale) : u"NUMERIC"_s;
    case TypeKind::Real:
    case TypeKind::Double: return u"REAL"_s;
    case TypeKind::Boolean: return u"BOOLEAN"_s;
    case TypeKind::Char: return type.length > 0 ? u"CHAR(%1)"_s.arg(type.length) : u"CHAR"_s;
    case TypeKind::Varchar: return type.length > 0 ? u"VARCHAR(%1)"_s.arg(type.length) : u"VARCHAR"_s;
    case TypeKind::Text: return u"TEXT"_s;
    case TypeKind::Date: return u"DATE"_s;
    case TypeKind::Time: return u"TIME"_s;
    case TypeKind::Timestamp: return u"TIMESTAMP"_s;
    case TypeKind::TimestampTz:
    case TypeKind::Interval:
    case TypeKind::Uuid:
    case TypeKind::Json:
    case TypeKind::Jsonb:
    case TypeKind::Enum: return u"TEXT"_s;
    case TypeKind::Binary: return u"BLOB"_s;
    case TypeKind::Custom: return type.custom;
    }
    return u"TEXT"_s;
}

quarry::Result<QStringList> SqliteDialect::createStatements(const Schema &schema) const
{
    SqliteDdlWriter writer(*this);
    return writer.write(schema);
}

quarry::Result<QStringList> SqliteDialect::createStatements(const Schema &schema, const DdlScope &scope) const
{
    SqliteDdlWriter writer(*this);
    return writer.write(schema, scope);
}

QString SqliteDialect::addColumnStatement(const Schema &schema, const Table &table, const Column &column) const
{
    SqliteDdlWriter writer(*this);
    return writer.addColumn(schema, table, column);
}

QString SqliteDialect::createIndexStatement(const Table &table, const Index &index) const
{
    SqliteDdlWriter writer(*this);
    return writer.createIndex(table, index);
}

QString SqliteDialect::dropIndexStatement(const Table &table, const Index &index) const
{
    SqliteDdlWriter writer(*this);
    return writer.dropIndex(table, index);
}

QString SqliteDialect::setNotNullStatement(const Table &, const Column &) const
{
    return {}; // SQLite cannot alter a column's constraints; the migration rebuilds the table
}
