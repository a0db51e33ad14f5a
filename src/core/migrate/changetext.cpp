// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrate/schemadiff.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace quarry::migrate {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SchemaDiff)
};
} // namespace

QString Change::description() const
{
    const QString col = table + u'.' + column.name;
    const QString oldCol = table + u'.' + oldName;
    switch (kind) {
    case ChangeKind::CreateEnum: return Tr::tr("create enum %1 (%2)").arg(enumType.name, enumType.values.join(u", "_s));
    case ChangeKind::AddEnumValues:
        return table.isEmpty() ? Tr::tr("add %1 to enum %2").arg(values.join(u", "_s), enumType.name)
                               : Tr::tr("allow %1 in %2 (enum %3)").arg(values.join(u", "_s), col, enumType.name);
    case ChangeKind::RemoveEnumValues:
        return table.isEmpty() ? Tr::tr("remove %1 from enum %2").arg(values.join(u", "_s), enumType.name)
                               : Tr::tr("refuse %1 in %2 (enum %3)").arg(values.join(u", "_s), col, enumType.name);
    case ChangeKind::DropEnum: return Tr::tr("drop enum %1").arg(oldName);
    case ChangeKind::CreateTable: return Tr::tr("create table %1").arg(table);
    case ChangeKind::DropTable: return Tr::tr("drop table %1").arg(table);
    case ChangeKind::RenameTable: return Tr::tr("rename table %1 to %2").arg(oldName, newName);
    case ChangeKind::TableComment: return Tr::tr("set the comment of table %1").arg(table);
    case ChangeKind::AddColumn: return Tr::tr("add column %1 %2").arg(col, column.type.displayName());
    case ChangeKind::DropColumn: return Tr::tr("drop column %1").arg(oldCol);
    case ChangeKind::RenameColumn: return Tr::tr("rename column %1 to %2").arg(oldCol, newName);
    case ChangeKind::AlterColumnType:
        return Tr::tr("change the type of %1 from %2 to %3").arg(col, oldColumn.type.displayName(), column.type.displayName());
    case ChangeKind::SetNotNull: return Tr::tr("make %1 NOT NULL").arg(col);
    case ChangeKind::DropNotNull: return Tr::tr("allow NULL in %1").arg(col);
    case ChangeKind::SetDefault: return Tr::tr("set the default of %1").arg(col);
    case ChangeKind::DropDefault: return Tr::tr("drop the default of %1").arg(col);
    case ChangeKind::ColumnComment: return Tr::tr("set the comment of %1").arg(col);
    case ChangeKind::AddPrimaryKey: return Tr::tr("add primary key (%1) to %2").arg(key.columns.join(u", "_s), table);
    case ChangeKind::DropPrimaryKey: return Tr::tr("drop the primary key (%1) of %2").arg(key.columns.join(u", "_s), table);
    case ChangeKind::AddUnique: return Tr::tr("add unique (%1) to %2").arg(key.columns.join(u", "_s), table);
    case ChangeKind::DropUnique: return Tr::tr("drop unique (%1) of %2").arg(key.columns.join(u", "_s), table);
    case ChangeKind::AddForeignKey:
        return Tr::tr("add foreign key %1 (%2) -> %3 (%4)")
            .arg(table, foreignKey.columns.join(u", "_s), foreignKey.refTable, foreignKey.refColumns.join(u", "_s));
    case ChangeKind::DropForeignKey:
        return Tr::tr("drop foreign key %1 (%2) -> %3").arg(table, foreignKey.columns.join(u", "_s), foreignKey.refTable);
    case ChangeKind::AddCheck: return Tr::tr("add check (%1) to %2").arg(check.expression, table);
    case ChangeKind::DropCheck: return Tr::tr("drop check (%1) of %2").arg(check.expression, table);
    case ChangeKind::CreateIndex: return Tr::tr("create index %1 on %2").arg(index.name.isEmpty() ? u"(unnamed)"_s : index.name, table);
    case ChangeKind::DropIndex: return Tr::tr("drop index %1 of %2").arg(index.name, table);
    case ChangeKind::RenameIndex: return Tr::tr("rename index %1 to %2").arg(oldName, newName);
    case ChangeKind::CreateView: return Tr::tr("create view %1").arg(view.name);
    case ChangeKind::DropView: return Tr::tr("drop view %1").arg(view.name);
    }
    return {};
}

} // namespace quarry::migrate
