// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mysqlfamilydialect.h"

#include "mysqlddlwriter.h"

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

QString MysqlFamilyDialect::id() const
{
    return m_mariadb ? u"mariadb"_s : u"mysql"_s;
}

QString MysqlFamilyDialect::displayName() const
{
    return m_mariadb ? u"MariaDB"_s : u"MySQL"_s;
}

QString MysqlFamilyDialect::quoteIdentifier(const QString &name) const
{
    QString quoted = name;
    quoted.replace(u'`', u"``"_s);
    return u'`' + quoted + u'`';
}

QStringList MysqlFamilyDialect::reservedWords() const
{
    // The keywords marked (R) in MySQL 8.0's "Keywords and Reserved Words".
    return {u"ACCESSIBLE"_s, u"ADD"_s, u"ALL"_s, u"ALTER"_s, u"ANALYZE"_s, u"AND"_s, u"AS"_s, u"ASC"_s,
            u"ASENSITIVE"_s, u"BEFORE"_s, u"BETWEEN"_s, u"BIGINT"_s, u"BINARY"_s, u"BLOB"_s, u"BOTH"_s, u"BY"_s,
            u"CALL"_s, u"CASCADE"_s, u"CASE"_s, u"CHANGE"_s, u"CHAR"_s, u"CHARACTER"_s, u"CHECK"_s, u"COLLATE"_s,
            u"COLUMN"_s, u"CONDITION"_s, u"CONSTRAINT"_s, u"CONTINUE"_s, u"CONVERT"_s, u"CREATE"_s, u"CROSS"_s,
            u"CUBE"_s, u"CUME_DIST"_s, u"CURRENT_DATE"_s, u"CURRENT_TIME"_s, u"CURRENT_TIMESTAMP"_s,
            u"CURRENT_USER"_s, u"CURSOR"_s, u"DATABASE"_s, u"DATABASES"_s, u"DAY_HOUR"_s, u"DAY_MICROSECOND"_s,
            u"DAY_MINUTE"_s, u"DAY_SECOND"_s, u"DEC"_s, u"DECIMAL"_s, u"DECLARE"_s, u"DEFAULT"_s, u"DELAYED"_s,
            u"DELETE"_s, u"DENSE_RANK"_s, u"DESC"_s, u"DESCRIBE"_s, u"DETERMINISTIC"_s, u"DISTINCT"_s,
            u"DISTINCTROW"_s, u"DIV"_s, u"DOUBLE"_s, u"DROP"_s, u"DUAL"_s, u"EACH"_s, u"ELSE"_s, u"ELSEIF"_s,
            u"EMPTY"_s, u"ENCLOSED"_s, u"ESCAPED"_s, u"EXCEPT"_s, u"EXISTS"_s, u"EXIT"_s, u"EXPLAIN"_s,
            u"FALSE"_s, u"FETCH"_s, u"FIRST_VALUE"_s, u"FLOAT"_s, u"FLOAT4"_s, u"FLOAT8"_s, u"FOR"_s, u"FORCE"_s,
            u"FOREIGN"_s, u"FROM"_s, u"FULLTEXT"_s, u"FUNCTION"_s, u"GENERATED"_s, u"GET"_s, u"GRANT"_s,
            u"GROUP"_s, u"GROUPING"_s, u"GROUPS"_s, u"HAVING"_s, u"HIGH_PRIORITY"_s, u"HOUR_MICROSECOND"_s,
            u"HOUR_MINUTE"_s, u"HOUR_SECOND"_s, u"IF"_s, u"IGNORE"_s, u"IN"_s, u"INDEX"_s, u"INFILE"_s,
            u"INNER"_s, u"INOUT"_s, u"INSENSITIVE"_s, u"INSERT"_s, u"INT"_s, u"INT1"_s, u"INT2"_s, u"INT3"_s,
            u"INT4"_s, u"INT8"_s, u"INTEGER"_s, u"INTERSECT"_s, u"INTERVAL"_s, u"INTO"_s, u"IO_AFTER_GTIDS"_s,
            u"IO_BEFORE_GTIDS"_s, u"IS"_s, u"ITERATE"_s, u"JOIN"_s, u"JSON_TABLE"_s, u"KEY"_s, u"KEYS"_s,
            u"KILL"_s, u"LAG"_s, u"LAST_VALUE"_s, u"LATERAL"_s, u"LEAD"_s, u"LEADING"_s, u"LEAVE"_s, u"LEFT"_s,
            u"LIKE"_s, u"LIMIT"_s, u"LINEAR"_s, u"LINES"_s, u"LOAD"_s, u"LOCALTIME"_s, u"LOCALTIMESTAMP"_s,
            u"LOCK"_s, u"LONG"_s, u"LONGBLOB"_s, u"LONGTEXT"_s, u"LOOP"_s, u"LOW_PRIORITY"_s, u"MASTER_BIND"_s,
            u"MATCH"_s, u"MAXVALUE"_s, u"MEDIUMBLOB"_s, u"MEDIUMINT"_s, u"MEDIUMTEXT"_s, u"MIDDLEINT"_s,
            u"MINUTE_MICROSECOND"_s, u"MINUTE_SECOND"_s, u"MOD"_s, u"MODIFIES"_s, u"NATURAL"_s, u"NOT"_s,
            u"NO_WRITE_TO_BINLOG"_s, u"NTH_VALUE"_s, u"NTILE"_s, u"NULL"_s, u"NUMERIC"_s, u"OF"_s, u"ON"_s,
            u"OPTIMIZE"_s, u"OPTIMIZER_COSTS"_s, u"OPTION"_s, u"OPTIONALLY"_s, u"OR"_s, u"ORDER"_s, u"OUT"_s,
            u"OUTER"_s, u"OUTFILE"_s, u"OVER"_s, u"PARTITION"_s, u"PERCENT_RANK"_s, u"PRECISION"_s, u"PRIMARY"_s,
            u"PROCEDURE"_s, u"PURGE"_s, u"RANGE"_s, u"RANK"_s, u"READ"_s, u"READS"_s, u"READ_WRITE"_s, u"REAL"_s,
            u"RECURSIVE"_s, u"REFERENCES"_s, u"REGEXP"_s, u"RELEASE"_s, u"RENAME"_s, u"REPEAT"_s, u"REPLACE"_s,
            u"REQUIRE"_s, u"RESIGNAL"_s, u"RESTRICT"_s, u"RETURN"_s, u"REVOKE"_s, u"RIGHT"_s, u"RLIKE"_s,
            u"ROW"_s, u"ROWS"_s, u"ROW_NUMBER"_s, u"SCHEMA"_s, u"SCHEMAS"_s, u"SECOND_MICROSECOND"_s,
            u"SELECT"_s, u"SENSITIVE"_s, u"SEPARATOR"_s, u"SET"_s, u"SHOW"_s, u"SIGNAL"_s, u"SMALLINT"_s,
            u"SPATIAL"_s, u"SPECIFIC"_s, u"SQL"_s, u"SQLEXCEPTION"_s, u"SQLSTATE"_s, u"SQLWARNING"_s,
            u"SQL_BIG_RESULT"_s, u"SQL_CALC_FOUND_ROWS"_s, u"SQL_SMALL_RESULT"_s, u"SSL"_s, u"STARTING"_s,
            u"STORED"_s, u"STRAIGHT_JOIN"_s, u"SYSTEM"_s, u"TABLE"_s, u"TERMINATED"_s, u"THEN"_s, u"TINYBLOB"_s,
            u"TINYINT"_s, u"TINYTEXT"_s, u"TO"_s, u"TRAILING"_s, u"TRIGGER"_s, u"TRUE"_s, u"UNDO"_s, u"UNION"_s,
            u"UNIQUE"_s, u"UNLOCK"_s, u"UNSIGNED"_s, u"UPDATE"_s, u"USAGE"_s, u"USE"_s, u"USING"_s,
            u"UTC_DATE"_s, u"UTC_TIME"_s, u"UTC_TIMESTAMP"_s, u"VALUES"_s, u"VARBINARY"_s, u"VARCHAR"_s,
            u"VARCHARACTER"_s, u"VARYING"_s, u"VIRTUAL"_s, u"WHEN"_s, u"WHERE"_s, u"WHILE"_s, u"WINDOW"_s,
            u"WITH"_s, u"WRITE"_s, u"XOR"_s, u"YEAR_MONTH"_s, u"ZEROFILL"_s};
}

DialectFeatures MysqlFamilyDialect::features() const
{
    DialectFeatures f;
    f.namespaces = true;
    f.nativeEnums = false;
    f.alterAddForeignKey = true;
    f.partialIndexes = false;
    f.arrays = false;
    f.indexMethods = {u"btree"_s, u"hash"_s};
    f.maxIdentifierLength = 64;
    return f;
}

QString MysqlFamilyDialect::typeName(const ColumnType &type) const
{
    if (type.array)
        return u"JSON"_s;
    switch (type.kind) {
    case TypeKind::SmallInt: return u"SMALLINT"_s;
    case TypeKind::Integer:
    case TypeKind::Serial: return u"INT"_s;
    case TypeKind::BigInt:
    case TypeKind::BigSerial: return u"BIGINT"_s;
    case TypeKind::Decimal:
        return type.precision > 0 ? u"DECIMAL(%1,%2)"_s.arg(type.precision).arg(type.scale) : u"DECIMAL"_s;
    case TypeKind::Real: return u"FLOAT"_s;
    case TypeKind::Double: return u"DOUBLE"_s;
    case TypeKind::Boolean: return u"BOOLEAN"_s;
    case TypeKind::Char: return type.length > 0 ? u"CHAR(%1)"_s.arg(type.length) : u"CHAR"_s;
    case TypeKind::Varchar: return u"VARCHAR(%1)"_s.arg(type.length > 0 ? type.length : 255);
    case TypeKind::Text: return u"TEXT"_s;
    case TypeKind::Date: return u"DATE"_s;
    case TypeKind::Time: return type.precision > 0 ? u"TIME(%1)"_s.arg(type.precision) : u"TIME"_s;
    // DATETIME has no time zone and no 2038 limit: the portable "timestamp". MySQL's TIMESTAMP
    // stores UTC and converts to the session zone: the closest thing to timestamptz.
    case TypeKind::Timestamp: return type.precision > 0 ? u"DATETIME(%1)"_s.arg(type.precision) : u"DATETIME"_s;
    case TypeKind::TimestampTz: return type.precision > 0 ? u"TIMESTAMP(%1)"_s.arg(type.precision) : u"TIMESTAMP"_s;
    case TypeKind::Interval: return u"VARCHAR(64)"_s;
    case TypeKind::Uuid: return u"CHAR(36)"_s;
    case TypeKind::Json:
    case TypeKind::Jsonb: return u"JSON"_s;
    case TypeKind::Binary: return u"LONGBLOB"_s;
    case TypeKind::Enum: return quoteIdentifier(type.enumName);
    case TypeKind::Custom: return type.custom;
    }
    return u"TEXT"_s;
}

quarry::Result<QStringList> MysqlFamilyDialect::createStatements(const Schema &schema) const
{
    MysqlDdlWriter writer(*this, m_mariadb);
    return writer.write(schema);
}

quarry::Result<QStringList> MysqlFamilyDialect::createStatements(const Schema &schema, const DdlScope &scope) const
{
    MysqlDdlWriter writer(*this, m_mariadb);
    return writer.write(schema, scope);
}

QString MysqlFamilyDialect::addColumnStatement(const Schema &schema, const Table &table, const Column &column) const
{
    MysqlDdlWriter writer(*this, m_mariadb);
    return writer.addColumn(schema, table, column);
}

QString MysqlFamilyDialect::createIndexStatement(const Table &table, const Index &index) const
{
    MysqlDdlWriter writer(*this, m_mariadb);
    return writer.createIndex(table, index);
}

QString MysqlFamilyDialect::dropIndexStatement(const Table &table, const Index &index) const
{
    MysqlDdlWriter writer(*this, m_mariadb);
    return writer.dropIndex(table, index);
}

QString MysqlFamilyDialect::setNotNullStatement(const Table &table, const Column &column) const
{
    MysqlDdlWriter writer(*this, m_mariadb);
    return writer.setNotNull(table, column);
}
