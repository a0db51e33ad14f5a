// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/table.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

const Column *Table::column(const QString &name) const
{
    for (const Column &c : columns) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

Column *Table::column(const QString &name)
{
    for (Column &c : columns) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

QStringList Table::primaryKeyColumns() const
{
    if (primaryKey)
        return primaryKey->columns;
    QStringList names;
    for (const Column &c : columns) {
        if (c.primaryKey)
            names << c.name;
    }
    return names;
}

QList<QStringList> Table::uniqueKeys() const
{
    QList<QStringList> keys;
    for (const Column &c : columns) {
        if (c.unique)
            keys.append(QStringList{c.name});
    }
    for (const KeyConstraint &u : uniques)
        keys.append(u.columns);
    return keys;
}

QString Table::displayName() const
{
    return nameSpace.isEmpty() ? name : nameSpace + u'.' + name;
}

} // namespace quarry::schema
