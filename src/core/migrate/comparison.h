// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/schema.h"

#include <QHash>
#include <QString>

namespace quarry::schema {
class Dialect;
}

/// How the diff decides that two objects do the same thing although they are written differently:
/// a design says `price > 0` where PostgreSQL's catalog says `(price > (0)::numeric)`.
namespace quarry::migrate::comparison {

/// An SQL expression reduced for comparison: lower case, without casts, parentheses, quotes
/// and blanks. Only for comparing; never run.
QString expressionKey(const QString &expression);
/// A default as comparable text; empty when there is none.
QString defaultKey(const schema::ColumnDefault &value);
/// The column's type as the dialect writes it (serial counted as its integer), lower case.
QString typeKey(const schema::ColumnType &type, const schema::Dialect *dialect);
/// `expression` with each whole-word name of `renamed` (old -> new) replaced.
QString renameIdentifiers(QString expression, const QHash<QString, QString> &renamed);
/// Whether every value of `type` fits into `target` without a check on the data (varchar(20) ->
/// varchar(50) or text, integer -> bigint, real -> double precision, numeric(8,2) -> numeric(12,2)).
bool isWidening(const schema::ColumnType &type, const schema::ColumnType &target);
/// A column's type for ALTER ... TYPE: serial as integer, bigserial as bigint.
schema::ColumnType storedType(schema::ColumnType type);

} // namespace quarry::migrate::comparison
