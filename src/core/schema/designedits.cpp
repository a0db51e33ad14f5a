// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/designedits.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DesignEdits)
};

Table *tableById(Schema &schema, const QString &id)
{
    for (Table &t : schema.tables) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

Column *columnById(Table &table, const QString &id)
{
    for (Column &c : table.columns) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QString uniqueName(const QString &base, const std::function<bool(const QString &)> &taken)
{
    if (!taken(base))
        return base;
    for (int i = 2;; ++i) {
        const QString candidate = u"%1_%2"_s.arg(base).arg(i);
        if (!taken(candidate))
            return candidate;
    }
}

// An empty refNamespace is the default namespace, as for the Validator.
bool references(const ForeignKey &fk, const Table &target)
{
    return fk.refTable.compare(target.name, Qt::CaseInsensitive) == 0
        && fk.refNamespace.compare(target.nameSpace, Qt::CaseInsensitive) == 0;
}
} // namespace

QString DesignEdits::addTable(Schema &schema, const QString &baseName)
{
    Table t;
    t.id = Schema::newId(u"tbl"_s);
    t.name = uniqueName(baseName, [&](const QString &n) { return schema.table(n) != nullptr; });
    Column id;
    id.id = Schema::newId(u"col"_s);
    id.name = u"id"_s;
    id.type.kind = TypeKind::BigSerial;
    id.nullable = false;
    id.primaryKey = true;
    t.columns << id;
    schema.tables << t;
    return t.id;
}

Result<QString> DesignEdits::addColumn(Schema &schema, const QString &tableId, const QString &baseName)
{
    Table *t = tableById(schema, tableId);
    if (!t)
        return Error{Error::Kind::NotFound, Tr::tr("The table no longer exists."), tableId};
    Column c;
    c.id = Schema::newId(u"col"_s);
    c.name = uniqueName(baseName, [&](const QString &n) { return t->column(n) != nullptr; });
    c.type.kind = TypeKind::Text;
    t->columns << c;
    return c.id;
}

Result<QString> DesignEdits::addForeignKey(Schema &schema, const QString &fromTableId, const QString &fromColumnId,
                                           const QString &toTableId, const QString &toColumnId)
{
    Table *from = tableById(schema, fromTableId);
    Table *to = tableById(schema, toTableId);
    if (!from || !to)
        return Error{Error::Kind::NotFound, Tr::tr("The table no longer exists."), from ? toTableId : fromTableId};
    const Column *fromColumn = columnById(*from, fromColumnId);
    const Column *toColumn = columnById(*to, toColumnId);
    if (!fromColumn || !toColumn)
        return Error{Error::Kind::NotFound, Tr::tr("The column no longer exists."),
                     fromColumn ? to->displayName() : from->displayName()};
    const QString where = from->displayName() + u'.' + fromColumn->name;
    if (from == to && fromColumn == toColumn)
        return Error{Error::Kind::InvalidInput, Tr::tr("A column cannot reference itself."), where};
    if (!fromColumn->type.isCompatibleReference(toColumn->type))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("%1 is %2 but %3.%4 is %5: a foreign key needs matching types.")
                         .arg(where, fromColumn->type.displayName(), to->displayName(), toColumn->name,
                              toColumn->type.displayName()),
                     where};
    const QStringList key{toColumn->name};
    const QList<QStringList> uniques = to->uniqueKeys();
    if (to->primaryKeyColumns() != key && !uniques.contains(key))
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("%1.%2 is neither the primary key nor unique, so a foreign key cannot reference it.")
                         .arg(to->displayName(), toColumn->name),
                     where};
    for (const ForeignKey &fk : from->foreignKeys) {
        if (fk.columns == QStringList{fromColumn->name} && fk.refColumns == key && references(fk, *to))
            return Error{Error::Kind::InvalidInput,
                         Tr::tr("%1 already references %2.%3.").arg(where, to->displayName(), toColumn->name), where};
    }
    ForeignKey fk;
    fk.id = Schema::newId(u"fk"_s);
    fk.columns = QStringList{fromColumn->name};
    fk.refTable = to->name;
    fk.refNamespace = to->nameSpace;
    fk.refColumns = key;
    from->foreignKeys << fk;
    return fk.id;
}

bool DesignEdits::removeTable(Schema &schema, const QString &tableId)
{
    const auto it = std::find_if(schema.tables.begin(), schema.tables.end(), [&](const Table &t) { return t.id == tableId; });
    if (it == schema.tables.end())
        return false;
    const Table removed = *it;
    schema.tables.erase(it);
    for (Table &t : schema.tables)
        t.foreignKeys.removeIf([&](const ForeignKey &fk) { return references(fk, removed); });
    QJsonObject layout = schema.extra.value(u"layout"_s).toObject();
    if (layout.contains(tableId)) {
        layout.remove(tableId);
        schema.extra.insert(u"layout"_s, layout);
    }
    return true;
}

bool DesignEdits::removeColumn(Schema &schema, const QString &tableId, const QString &columnId)
{
    Table *table = tableById(schema, tableId);
    if (!table)
        return false;
    const Column *column = columnById(*table, columnId);
    if (!column)
        return false;
    const QString name = column->name;
    table->columns.removeIf([&](const Column &c) { return c.id == columnId; });
    auto uses = [&](const QStringList &columns) { return columns.contains(name, Qt::CaseInsensitive); };
    if (table->primaryKey && uses(table->primaryKey->columns))
        table->primaryKey.reset();
    table->uniques.removeIf([&](const KeyConstraint &k) { return uses(k.columns); });
    table->foreignKeys.removeIf([&](const ForeignKey &fk) { return uses(fk.columns); });
    table->indexes.removeIf([&](const Index &ix) {
        return std::any_of(ix.elements.cbegin(), ix.elements.cend(),
                           [&](const IndexElement &e) { return e.column.compare(name, Qt::CaseInsensitive) == 0; });
    });
    const Table owner = *table;
    for (Table &t : schema.tables)
        t.foreignKeys.removeIf([&](const ForeignKey &fk) { return references(fk, owner) && uses(fk.refColumns); });
    return true;
}

bool DesignEdits::removeForeignKey(Schema &schema, const QString &tableId, const QString &foreignKeyId)
{
    Table *table = tableById(schema, tableId);
    return table && table->foreignKeys.removeIf([&](const ForeignKey &fk) { return fk.id == foreignKeyId; }) > 0;
}

Result<void> DesignEdits::setTableNamespace(Schema &schema, const QString &tableId, const QString &nameSpace)
{
    Table *table = tableById(schema, tableId);
    if (!table)
        return Error{Error::Kind::NotFound, Tr::tr("The table no longer exists."), tableId};
    const QString ns = nameSpace.trimmed();
    if (table->nameSpace == ns)
        return {};
    if (const Table *other = schema.table(table->name, ns); other && other != table)
        return Error{Error::Kind::InvalidInput, Tr::tr("%1 already has a table %2.").arg(ns.isEmpty() ? Tr::tr("The default schema") : ns, table->name),
                     table->displayName()};
    const QString old = table->nameSpace;
    for (Table &t : schema.tables) {
        for (ForeignKey &fk : t.foreignKeys) {
            if (fk.refTable.compare(table->name, Qt::CaseInsensitive) == 0 && fk.refNamespace.compare(old, Qt::CaseInsensitive) == 0)
                fk.refNamespace = ns;
        }
    }
    table->nameSpace = ns;
    const bool declared = std::any_of(schema.namespaces.cbegin(), schema.namespaces.cend(),
                                      [&](const Namespace &n) { return n.name.compare(ns, Qt::CaseInsensitive) == 0; });
    if (!ns.isEmpty() && !declared) {
        Namespace n;
        n.id = Schema::newId(u"ns"_s);
        n.name = ns;
        schema.namespaces << n;
    }
    return {};
}

Result<void> DesignEdits::setPrimaryKey(Schema &schema, const QString &tableId, const QString &columnId, bool on)
{
    Table *table = tableById(schema, tableId);
    Column *column = table ? columnById(*table, columnId) : nullptr;
    if (!column)
        return Error{Error::Kind::NotFound, Tr::tr("The column no longer exists."), tableId};
    if (table->primaryKey) {   // a table-level (composite) key: add or remove the column there
        QStringList &cols = table->primaryKey->columns;
        cols.removeAll(column->name);
        if (on)
            cols << column->name;
        if (cols.isEmpty())
            table->primaryKey.reset();
    } else if (on) {
        const QStringList current = table->primaryKeyColumns();
        if (!current.isEmpty()) {   // a second key column: make it a composite key
            for (Column &c : table->columns)
                c.primaryKey = false;
            KeyConstraint key;
            key.id = Schema::newId(u"pk"_s);
            key.columns = current;
            key.columns << column->name;
            table->primaryKey = key;
        } else {
            column->primaryKey = true;
        }
    } else {
        column->primaryKey = false;
    }
    if (on)
        column->nullable = false;
    return {};
}

Result<ColumnType> DesignEdits::parseType(const QString &text)
{
    QString rest = text.trimmed();
    if (rest.isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("A column needs a type."), {}};
    ColumnType type;
    if (rest.endsWith(u"[]"_s)) {
        type.array = true;
        rest.chop(2);
        rest = rest.trimmed();
    }
    static const QRegularExpression enumPattern(u"^enum\\s+(\\S+)$"_s, QRegularExpression::CaseInsensitiveOption);
    if (const auto m = enumPattern.match(rest); m.hasMatch()) {
        type.kind = TypeKind::Enum;
        type.enumName = m.captured(1);
        return type;
    }
    static const QRegularExpression pattern(u"^([A-Za-z_][A-Za-z0-9_ ]*?)\\s*(?:\\(\\s*([^)]*)\\))?$"_s);
    const auto m = pattern.match(rest);
    if (!m.hasMatch())
        return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" is not a type: write e.g. varchar(255) or decimal(10,2).").arg(text), {}};
    const QString name = m.captured(1).trimmed();
    QList<int> params;
    if (m.capturedLength(2) > 0) {
        for (const QString &p : m.captured(2).split(u',')) {
            bool ok = false;
            const int v = p.trimmed().toInt(&ok);
            if (!ok || v < 0)
                return Error{Error::Kind::InvalidInput,
                             Tr::tr("\"%1\": the parameters in parentheses must be whole numbers.").arg(text), {}};
            params << v;
        }
    }
    if (!ColumnType::kindFromName(name, &type.kind) || type.kind == TypeKind::Enum) {
        type.kind = TypeKind::Custom;
        type.custom = rest;   // parameters and all: emitted as written
        return type;
    }
    if (type.kind == TypeKind::Char || type.kind == TypeKind::Varchar) {
        if (params.size() > 1)
            return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" takes one length.").arg(text), {}};
        type.length = params.value(0);
    } else if (type.kind == TypeKind::Decimal) {
        if (params.size() > 2)
            return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" takes a precision and a scale.").arg(text), {}};
        type.precision = params.value(0);
        type.scale = params.value(1);
    } else if (type.kind == TypeKind::Time || type.kind == TypeKind::Timestamp || type.kind == TypeKind::TimestampTz) {
        if (params.size() > 1)
            return Error{Error::Kind::InvalidInput, Tr::tr("\"%1\" takes one precision.").arg(text), {}};
        type.precision = params.value(0);
    } else if (!params.isEmpty()) {
        return Error{Error::Kind::InvalidInput, Tr::tr("%1 takes no parameters.").arg(ColumnType::kindName(type.kind)), {}};
    }
    return type;
}

ColumnDefault DesignEdits::parseDefault(const QString &text)
{
    const QString t = text.trimmed();
    ColumnDefault d;
    if (t.isEmpty())
        return d;
    d.kind = ColumnDefault::Kind::Literal;
    bool isNumber = false;
    const double number = t.toDouble(&isNumber);
    if (t.size() >= 2 && t.startsWith(u'\'') && t.endsWith(u'\''))
        d.literal = t.mid(1, t.size() - 2).replace(u"''"_s, u"'"_s);
    else if (t.compare(u"true"_s, Qt::CaseInsensitive) == 0 || t.compare(u"false"_s, Qt::CaseInsensitive) == 0)
        d.literal = t.compare(u"true"_s, Qt::CaseInsensitive) == 0;
    else if (isNumber)
        d.literal = number;
    else {
        d.kind = ColumnDefault::Kind::Expression;
        d.expression = t;
    }
    return d;
}

QString DesignEdits::defaultText(const ColumnDefault &value)
{
    switch (value.kind) {
    case ColumnDefault::Kind::None:
        return {};
    case ColumnDefault::Kind::Expression:
        return value.expression;
    case ColumnDefault::Kind::Literal:
        if (value.literal.isString())
            return u"'%1'"_s.arg(value.literal.toString().replace(u"'"_s, u"''"_s));
        if (value.literal.isBool())
            return value.literal.toBool() ? u"true"_s : u"false"_s;
        return QString::number(value.literal.toDouble());
    }
    return {};
}

} // namespace quarry::schema
