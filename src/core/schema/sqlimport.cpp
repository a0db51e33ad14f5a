// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/sqlimport.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
QString qualified(const QString &prefix, const QString &nameSpace, const QString &name)
{
    return prefix + (nameSpace.isEmpty() ? QString() : nameSpace + u'-') + name;
}
QString member(const QString &prefix, const QString &table, const QString &name)
{
    return prefix + table + u'-' + name;
}
} // namespace

QString ObjectIds::nameSpace(const QString &name) { return u"ns-"_s + name; }
QString ObjectIds::table(const QString &nameSpace, const QString &name) { return qualified(u"tbl-"_s, nameSpace, name); }
QString ObjectIds::enumType(const QString &nameSpace, const QString &name) { return qualified(u"enum-"_s, nameSpace, name); }
QString ObjectIds::view(const QString &name) { return u"view-"_s + name; }
QString ObjectIds::column(const QString &table, const QString &name) { return member(u"col-"_s, table, name); }
QString ObjectIds::primaryKey(const QString &table) { return u"pk-"_s + table; }
QString ObjectIds::unique(const QString &table, const QString &name) { return member(u"uq-"_s, table, name); }
QString ObjectIds::foreignKey(const QString &table, const QString &name) { return member(u"fk-"_s, table, name); }
QString ObjectIds::check(const QString &table, const QString &name) { return member(u"ck-"_s, table, name); }
QString ObjectIds::index(const QString &table, const QString &name) { return member(u"idx-"_s, table, name); }
QString ObjectIds::exclusion(const QString &table, const QString &name) { return member(u"ex-"_s, table, name); }
QString ObjectIds::trigger(const QString &table, const QString &name) { return member(u"trg-"_s, table, name); }
QString ObjectIds::domain(const QString &nameSpace, const QString &name) { return qualified(u"dom-"_s, nameSpace, name); }
QString ObjectIds::sequence(const QString &nameSpace, const QString &name) { return qualified(u"seq-"_s, nameSpace, name); }
QString ObjectIds::routine(const QString &nameSpace, const QString &name, const QString &arguments)
{
    return qualified(u"fn-"_s, nameSpace, name) + u'(' + arguments + u')';
}

} // namespace quarry::schema
