// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"

#include <QString>

namespace quarry::schema {

/// The portable column types of a design. Each dialect maps them to its own SQL (see
/// Dialect::typeName); `Custom` keeps a type the model does not know, emitted as written.
enum class TypeKind {
    SmallInt, Integer, BigInt, Serial, BigSerial, Decimal, Real, Double, Boolean,
    Char, Varchar, Text, Date, Time, Timestamp, TimestampTz, Interval, Uuid, Json, Jsonb, Binary,
    Enum, Custom
};

/// A column's type: the portable kind and its parameters.
struct QUARRY_CORE_EXPORT ColumnType {
    TypeKind kind = TypeKind::Text;
    int length = 0;       ///< Char/Varchar; 0 = not given
    int precision = 0;    ///< Decimal (0 = not given), also fractional seconds of Time/Timestamp
    int scale = 0;        ///< Decimal
    bool array = false;   ///< an array of the type (PostgreSQL arrays; JSON text elsewhere)
    QString enumName;     ///< Enum: the name of a schema enum
    QString custom;       ///< Custom: the type's SQL as written ("tsvector", "citext")
    /// The domain the column is declared with ("year", "ns.name"); the fields above are then the
    /// domain's base type, which dialects without domains write instead.
    QString domain;

    /// The JSON spelling of a kind: "varchar", "timestamptz", ...
    static QString kindName(TypeKind kind);
    /// The kind for a JSON spelling (case-insensitive, a few common aliases such as "int",
    /// "bool", "float8"); false when the name is not a portable type.
    static bool kindFromName(const QString &name, TypeKind *kind);

    bool isInteger() const;      ///< SmallInt..BigSerial
    bool isAutoIncrement() const { return kind == TypeKind::Serial || kind == TypeKind::BigSerial; }
    bool isText() const { return kind == TypeKind::Char || kind == TypeKind::Varchar || kind == TypeKind::Text; }
    bool isJson() const { return kind == TypeKind::Json || kind == TypeKind::Jsonb; }
    /// Human-readable form for messages: "varchar(255)", "integer[]", "enum mood".
    QString displayName() const;
    /// Whether a foreign key column of this type can reference a column of `target` type
    /// (serial matches integer, varchar lengths may differ, ...).
    bool isCompatibleReference(const ColumnType &target) const;

    friend bool operator==(const ColumnType &, const ColumnType &) = default;
};

} // namespace quarry::schema
