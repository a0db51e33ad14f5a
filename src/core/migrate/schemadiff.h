// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "quarry_core_export.h"
#include "schema/schema.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace quarry::schema {
class Dialect;
}

namespace quarry::migrate {

/// One difference between two designs, in the target's terms.
enum class ChangeKind {
    CreateEnum, AddEnumValues, RemoveEnumValues, DropEnum,
    CreateTable, DropTable, RenameTable, TableComment,
    AddColumn, DropColumn, RenameColumn, AlterColumnType, SetNotNull, DropNotNull, SetDefault, DropDefault,
    ColumnComment,
    AddPrimaryKey, DropPrimaryKey, AddUnique, DropUnique, AddForeignKey, DropForeignKey, AddCheck, DropCheck,
    CreateIndex, DropIndex, RenameIndex,
    CreateView, DropView,
};

/// A change and the objects it is about. Fields a kind does not use stay empty.
struct Change {
    ChangeKind kind = ChangeKind::CreateTable;
    QString objectId;        ///< the design id of the object (the source's for drops)
    QString tableId;         ///< the design id of its table, when it belongs to one
    QString table;           ///< the table's name in the target (in the source for drops)
    QString fromTable;       ///< the table's name in the source (the live database): for checks on data
    QString nameSpace;
    QString oldName;         ///< renames: the name before; drops: the name dropped
    QString newName;         ///< renames: the name after
    schema::Column column;   ///< column changes: the target column
    schema::Column oldColumn;///< column changes: the source column
    schema::KeyConstraint key;
    schema::ForeignKey foreignKey;
    schema::CheckConstraint check;
    schema::Index index;
    schema::View view;
    schema::EnumType enumType;
    QStringList values;      ///< enum values added or removed
    QString comment;

    /// One line for a person: "rename column users.mail to email".
    QString description() const;
};

/// A table present in both designs: the column names of the source for each target column.
struct TablePair {
    QString fromName;
    QString toName;
    QString nameSpace;
    QHash<QString, QString> fromColumn;   ///< target column name -> source column name
};

/// What a diff needs besides the two designs.
struct DiffOptions {
    /// Renames no id explains, named by the user: {"old", "new"} for a table, {"table.old",
    /// "table.new"} or {"table.old", "new"} for a column of the target table `table`.
    QList<QPair<QString, QString>> renames;
    /// Whether comments are compared (SQLite keeps none in its catalog).
    bool comments = true;
    /// The target dialect: types are compared as it writes them (varchar and text are both TEXT
    /// in SQLite). Null compares the portable types.
    const schema::Dialect *dialect = nullptr;
    /// Whether the target engine has enum types (SQLite's enums are CHECKs on the columns).
    bool nativeEnums = true;
};

/// Everything that differs from `from` to `to`, objects paired by their stable ids first, then by
/// their names, then by the user's renames (so a renamed table or column becomes a rename, never a
/// drop and an add). Constraints and indexes are compared by what they do (columns, references,
/// expression), so renaming a column does not drop its keys.
struct QUARRY_CORE_EXPORT SchemaDiff {
    schema::Schema from;
    schema::Schema to;
    QList<Change> changes;
    QList<TablePair> tables;
    QStringList notes;

    bool isEmpty() const { return changes.isEmpty(); }
    const TablePair *pairForTarget(const QString &toName) const;

    /// Compares the designs. Quarry's history table (see History) is never part of a diff.
    static SchemaDiff compare(const schema::Schema &from, const schema::Schema &to, const DiffOptions &options = {});
};

} // namespace quarry::migrate
