// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/schema.h"

#include "schema/schemajson.h"

#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

Result<Schema> Schema::fromJson(const QJsonObject &json)
{
    return SchemaJson::read(json);
}

QJsonObject Schema::toJson() const
{
    return SchemaJson::write(*this);
}

const Table *Schema::table(const QString &name, const QString &nameSpace) const
{
    for (const Table &t : tables) {
        if (t.name == name && t.nameSpace == nameSpace)
            return &t;
    }
    return nullptr;
}

Table *Schema::table(const QString &name, const QString &nameSpace)
{
    for (Table &t : tables) {
        if (t.name == name && t.nameSpace == nameSpace)
            return &t;
    }
    return nullptr;
}

const Table *Schema::tableById(const QString &id) const
{
    for (const Table &t : tables) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

const EnumType *Schema::enumType(const QString &name, const QString &nameSpace) const
{
    for (const EnumType &e : enums) {
        if (e.name == name && e.nameSpace == nameSpace)
            return &e;
    }
    return nullptr;
}

const Domain *Schema::domain(const QString &name, const QString &nameSpace) const
{
    for (const Domain &d : domains) {
        if (d.name == name && d.nameSpace == nameSpace)
            return &d;
    }
    return nullptr;
}

bool Schema::renameTable(const QString &tableId, const QString &newName)
{
    Table *target = nullptr;
    for (Table &t : tables) {
        if (t.id == tableId)
            target = &t;
    }
    if (!target)
        return false;
    const QString oldName = target->name;
    const QString ns = target->nameSpace;
    target->name = newName;
    for (Table &t : tables) {
        for (ForeignKey &fk : t.foreignKeys) {
            if (fk.refTable == oldName && fk.refNamespace == ns)
                fk.refTable = newName;
        }
    }
    return true;
}

bool Schema::renameColumn(const QString &tableId, const QString &columnId, const QString &newName)
{
    Table *owner = nullptr;
    for (Table &t : tables) {
        if (t.id == tableId)
            owner = &t;
    }
    if (!owner)
        return false;
    Column *column = nullptr;
    for (Column &c : owner->columns) {
        if (c.id == columnId)
            column = &c;
    }
    if (!column)
        return false;
    const QString oldName = column->name;
    column->name = newName;
    auto rewrite = [&](QStringList &names) {
        for (QString &n : names) {
            if (n == oldName)
                n = newName;
        }
    };
    if (owner->primaryKey)
        rewrite(owner->primaryKey->columns);
    for (KeyConstraint &u : owner->uniques)
        rewrite(u.columns);
    for (ForeignKey &fk : owner->foreignKeys)
        rewrite(fk.columns);
    for (Index &index : owner->indexes) {
        for (IndexElement &e : index.elements) {
            if (e.column == oldName)
                e.column = newName;
        }
    }
    for (Table &t : tables) {
        for (ForeignKey &fk : t.foreignKeys) {
            if (fk.refTable == owner->name && fk.refNamespace == owner->nameSpace)
                rewrite(fk.refColumns);
        }
    }
    return true;
}

QString Schema::newId(const QString &prefix)
{
    return prefix + u'-' + QUuid::createUuid().toString(QUuid::Id128).left(12);
}

} // namespace quarry::schema
