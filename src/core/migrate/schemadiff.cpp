// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrate/schemadiff.h"

#include "migrate/comparison.h"
#include "migrate/history.h"

#include <QCoreApplication>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::migrate {

using namespace schema;
namespace cmp = comparison;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SchemaDiff)
};

/// Pairs the items of two lists: ids first, then the user's renames, then equal names.
/// Returns target index -> source index.
template <typename T, typename Name>
QHash<int, int> pairUp(const QList<T> &from, const QList<T> &to, Name name,
                       const QHash<QString, QString> &renames)
{
    QHash<int, int> pairs;
    QSet<int> used;
    auto pass = [&](auto match) {
        for (int t = 0; t < to.size(); ++t) {
            if (pairs.contains(t))
                continue;
            for (int f = 0; f < from.size(); ++f) {
                if (!used.contains(f) && match(from.at(f), to.at(t))) {
                    pairs.insert(t, f);
                    used.insert(f);
                    break;
                }
            }
        }
    };
    pass([](const T &a, const T &b) { return !a.id.isEmpty() && a.id == b.id; });
    pass([&](const T &a, const T &b) { return renames.value(name(a)) == name(b); });
    // An object renamed on one side keeps its name free: only unrenamed names pair by name.
    pass([&](const T &a, const T &b) { return name(a) == name(b) && !renames.contains(name(a)); });
    return pairs;
}

Change made(ChangeKind kind, const QString &objectId, const QString &nameSpace)
{
    Change c;
    c.kind = kind;
    c.objectId = objectId;
    c.nameSpace = nameSpace;
    return c;
}

QString keyOf(const QStringList &columns) { return columns.join(u'\x1f'); }

QStringList mapped(const QStringList &names, const QHash<QString, QString> &map)
{
    QStringList out;
    for (const QString &n : names)
        out << map.value(n, n);
    return out;
}

class Differ
{
public:
    Differ(SchemaDiff &d, const DiffOptions &o) : m_d(d), m_o(o) {}

    void run()
    {
        enums();
        tables();
        views();
    }

private:
    void add(Change c) { m_d.changes.append(std::move(c)); }

    QHash<QString, QString> renamesOf(const QString &table) const
    {
        QHash<QString, QString> out;
        for (const auto &[from, to] : m_o.renames) {
            if (table.isEmpty() && !from.contains(u'.'))
                out.insert(from, to);
            else if (!table.isEmpty() && from.section(u'.', 0, 0) == table && from.contains(u'.'))
                out.insert(from.section(u'.', 1), to.contains(u'.') ? to.section(u'.', 1) : to);
        }
        return out;
    }

    void enums()
    {
        if (!m_o.nativeEnums)
            return;
        const auto &from = m_d.from.enums;
        const auto &to = m_d.to.enums;
        const auto pairs = pairUp(from, to, [](const EnumType &e) { return e.name; }, renamesOf({}));
        QSet<int> paired;
        for (int t = 0; t < to.size(); ++t) {
            Change c;
            c.enumType = to.at(t);
            c.objectId = to.at(t).id;
            c.nameSpace = to.at(t).nameSpace;
            if (!pairs.contains(t)) {
                c.kind = ChangeKind::CreateEnum;
                add(c);
                continue;
            }
            const EnumType &f = from.at(pairs.value(t));
            paired.insert(pairs.value(t));
            valueChanges(c, f, to.at(t));
        }
        for (int f = 0; f < from.size(); ++f) {
            if (paired.contains(f))
                continue;
            Change c = made(ChangeKind::DropEnum, from.at(f).id, from.at(f).nameSpace);
            c.oldName = from.at(f).name;
            c.enumType = from.at(f);
            add(c);
        }
    }

    void tables()
    {
        const auto &from = m_d.from.tables;
        const auto &to = m_d.to.tables;
        const auto pairs = pairUp(from, to, [](const Table &t) { return t.name; }, renamesOf({}));
        // Pass 1: pair the columns of every table, so foreign keys can be compared across tables.
        QList<int> created;
        for (int t = 0; t < to.size(); ++t) {
            if (!pairs.contains(t)) {
                created << t;
                continue;
            }
            const Table &f = from.at(pairs.value(t));
            TablePair pair{f.name, to.at(t).name, to.at(t).nameSpace, {}};
            const auto columns = pairUp(f.columns, to.at(t).columns, [](const Column &c) { return c.name; },
                                        renamesOf(to.at(t).name).isEmpty() ? renamesOf(f.name) : renamesOf(to.at(t).name));
            QHash<QString, QString> toOfFrom;
            for (auto it = columns.cbegin(); it != columns.cend(); ++it) {
                pair.fromColumn.insert(to.at(t).columns.at(it.key()).name, f.columns.at(it.value()).name);
                toOfFrom.insert(f.columns.at(it.value()).name, to.at(t).columns.at(it.key()).name);
            }
            m_d.tables.append(pair);
            m_toOfFromTable.insert(f.name, to.at(t).name);
            m_toOfFromColumn.insert(f.name, toOfFrom);
        }
        for (int t : std::as_const(created)) {
            Change c = made(ChangeKind::CreateTable, to.at(t).id, to.at(t).nameSpace);
            c.tableId = to.at(t).id;
            c.table = to.at(t).name;
            add(c);
        }
        QSet<int> paired;
        for (auto it = pairs.cbegin(); it != pairs.cend(); ++it)
            paired.insert(it.value());
        // Pass 2: compare, in the target's table order.
        for (int t = 0; t < to.size(); ++t) {
            if (pairs.contains(t))
                table(from.at(pairs.value(t)), to.at(t));
        }
        for (int f = 0; f < from.size(); ++f) {
            if (paired.contains(f))
                continue;
            Change c = made(ChangeKind::DropTable, from.at(f).id, from.at(f).nameSpace);
            c.tableId = from.at(f).id;
            c.table = c.fromTable = c.oldName = from.at(f).name;
            add(c);
        }
    }

    Change tableChange(ChangeKind kind, const Table &f, const Table &t) const
    {
        Change c;
        c.kind = kind;
        c.objectId = t.id;
        c.tableId = t.id;
        c.table = t.name;
        c.fromTable = f.name;
        c.nameSpace = t.nameSpace;
        return c;
    }

    void table(const Table &f, const Table &t)
    {
        const QHash<QString, QString> colMap = m_toOfFromColumn.value(f.name);
        if (f.name != t.name) {
            Change c = tableChange(ChangeKind::RenameTable, f, t);
            c.oldName = f.name;
            c.newName = t.name;
            add(c);
        }
        if (m_o.comments && f.comment != t.comment) {
            Change c = tableChange(ChangeKind::TableComment, f, t);
            c.comment = t.comment;
            add(c);
        }
        columns(f, t, colMap);
        keys(f, t, colMap);
        foreignKeys(f, t, colMap);
        checks(f, t, colMap);
        indexes(f, t, colMap);
    }

    static bool effectiveNullable(const Table &table, const Column &c)
    {
        return c.nullable && !c.primaryKey && !table.primaryKeyColumns().contains(c.name);
    }

    void columns(const Table &f, const Table &t, const QHash<QString, QString> &colMap)
    {
        QSet<QString> kept;
        for (const Column &to : t.columns) {
            Change c = tableChange(ChangeKind::AddColumn, f, t);
            c.objectId = to.id;
            c.column = to;
            const TablePair *pair = m_d.pairForTarget(t.name);
            const QString fromName = pair ? pair->fromColumn.value(to.name) : QString();
            const Column *from = fromName.isEmpty() ? nullptr : f.column(fromName);
            if (!from) {
                add(c);
                continue;
            }
            kept.insert(from->name);
            c.oldColumn = *from;
            if (from->name != to.name) {
                c.kind = ChangeKind::RenameColumn;
                c.oldName = from->name;
                c.newName = to.name;
                add(c);
            }
            if (cmp::typeKey(from->type, m_o.dialect) != cmp::typeKey(to.type, m_o.dialect)) {
                c.kind = ChangeKind::AlterColumnType;
                add(c);
            }
            const bool fromNullable = effectiveNullable(f, *from), toNullable = effectiveNullable(t, to);
            if (fromNullable != toNullable) {
                c.kind = toNullable ? ChangeKind::DropNotNull : ChangeKind::SetNotNull;
                add(c);
            }
            const bool generated = to.type.isAutoIncrement() || to.identity != Column::Identity::None
                                || !to.generatedExpression.isEmpty();
            if (!generated && cmp::defaultKey(from->defaultValue) != cmp::defaultKey(to.defaultValue)) {
                c.kind = to.defaultValue.isSet() ? ChangeKind::SetDefault : ChangeKind::DropDefault;
                add(c);
            }
            if (!m_o.nativeEnums && to.type.kind == TypeKind::Enum && from->type.kind == TypeKind::Enum)
                enumColumn(c);
            if (m_o.comments && from->comment != to.comment) {
                c.kind = ChangeKind::ColumnComment;
                c.comment = to.comment;
                add(c);
            }
        }
        for (const Column &from : f.columns) {
            if (kept.contains(from.name))
                continue;
            Change c = tableChange(ChangeKind::DropColumn, f, t);
            c.objectId = from.id;
            c.oldName = from.name;
            c.oldColumn = from;
            add(c);
        }
        Q_UNUSED(colMap);
    }

    /// Without enum types (SQLite) an enum is a CHECK on each column of its type: changed values
    /// are a change of those columns.
    void enumColumn(Change c)
    {
        const EnumType *from = m_d.from.enumType(c.oldColumn.type.enumName);
        const EnumType *to = m_d.to.enumType(c.column.type.enumName);
        if (!from || !to)
            return;
        c.enumType = *to;
        valueChanges(c, *from, *to);
    }

    /// `c` as AddEnumValues and RemoveEnumValues for the values `to` has and `from` has not, and back.
    void valueChanges(Change c, const EnumType &from, const EnumType &to)
    {
        for (const bool adding : {true, false}) {
            const EnumType &a = adding ? to : from;
            const EnumType &b = adding ? from : to;
            c.values.clear();
            for (const QString &v : a.values)
                if (!b.values.contains(v))
                    c.values << v;
            c.kind = adding ? ChangeKind::AddEnumValues : ChangeKind::RemoveEnumValues;
            if (!c.values.isEmpty())
                add(c);
        }
    }

    void keys(const Table &f, const Table &t, const QHash<QString, QString> &colMap)
    {
        const QStringList fromPk = mapped(f.primaryKeyColumns(), colMap);
        const QStringList toPk = t.primaryKeyColumns();
        if (fromPk != toPk) {
            if (!fromPk.isEmpty()) {
                Change c = tableChange(ChangeKind::DropPrimaryKey, f, t);
                c.key = f.primaryKey.value_or(KeyConstraint{});
                c.key.columns = f.primaryKeyColumns();
                c.oldName = c.key.name;
                add(c);
            }
            if (!toPk.isEmpty()) {
                Change c = tableChange(ChangeKind::AddPrimaryKey, f, t);
                c.key = t.primaryKey.value_or(KeyConstraint{});
                c.key.columns = toPk;
                c.objectId = c.key.id;
                add(c);
            }
        }
        auto named = [](const Table &table, const QStringList &columns) {
            for (const KeyConstraint &k : table.uniques)
                if (k.columns == columns)
                    return k;
            return KeyConstraint{{}, {}, columns, {}};
        };
        QSet<QString> fromKeys, toKeys;
        for (const QStringList &k : f.uniqueKeys())
            fromKeys.insert(keyOf(mapped(k, colMap)));
        for (const QStringList &k : t.uniqueKeys())
            toKeys.insert(keyOf(k));
        for (const QStringList &k : f.uniqueKeys()) {
            if (toKeys.contains(keyOf(mapped(k, colMap))))
                continue;
            Change c = tableChange(ChangeKind::DropUnique, f, t);
            c.key = named(f, k);
            c.oldName = c.key.name;
            add(c);
        }
        for (const QStringList &k : t.uniqueKeys()) {
            if (fromKeys.contains(keyOf(k)))
                continue;
            Change c = tableChange(ChangeKind::AddUnique, f, t);
            c.key = named(t, k);
            c.objectId = c.key.id;
            add(c);
        }
    }

    QString foreignKeySignature(const ForeignKey &fk, const QHash<QString, QString> &colMap, bool fromSide) const
    {
        QString refTable = fk.refTable;
        QStringList refColumns = fk.refColumns;
        QStringList columns = fk.columns;
        if (fromSide) {
            columns = mapped(columns, colMap);
            refTable = m_toOfFromTable.value(fk.refTable, u"\x1e"_s + fk.refTable); // a dropped table matches nothing
            refColumns = mapped(refColumns, m_toOfFromColumn.value(fk.refTable));
        }
        return QStringList{keyOf(columns), refTable, keyOf(refColumns), ReferentialActions::jsonName(fk.onDelete),
                           ReferentialActions::jsonName(fk.onUpdate)}.join(u'|');
    }

    void foreignKeys(const Table &f, const Table &t, const QHash<QString, QString> &colMap)
    {
        QSet<QString> fromKeys, toKeys;
        for (const ForeignKey &fk : f.foreignKeys)
            fromKeys.insert(foreignKeySignature(fk, colMap, true));
        for (const ForeignKey &fk : t.foreignKeys)
            toKeys.insert(foreignKeySignature(fk, colMap, false));
        for (const ForeignKey &fk : f.foreignKeys) {
            if (toKeys.contains(foreignKeySignature(fk, colMap, true)))
                continue;
            Change c = tableChange(ChangeKind::DropForeignKey, f, t);
            c.objectId = fk.id;
            c.foreignKey = fk;
            c.oldName = fk.name;
            add(c);
        }
        for (const ForeignKey &fk : t.foreignKeys) {
            if (fromKeys.contains(foreignKeySignature(fk, colMap, false)))
                continue;
            Change c = tableChange(ChangeKind::AddForeignKey, f, t);
            c.objectId = fk.id;
            c.foreignKey = fk;
            add(c);
        }
    }

    /// SQLite has no enum types: the dialect writes a CHECK (col IN (...)) that the catalog reads
    /// back as a check. The enum's values are the design's business there, not a check's.
    bool isEnumCheck(const Table &t, const QString &key, const QHash<QString, QString> &colMap) const
    {
        if (m_o.nativeEnums)
            return false;
        for (const Column &c : t.columns) {
            if (c.type.kind == TypeKind::Enum && key.startsWith(cmp::expressionKey(c.name) + u"in'"_s))
                return true;
        }
        Q_UNUSED(colMap);
        return false;
    }

    void checks(const Table &f, const Table &t, const QHash<QString, QString> &colMap)
    {
        auto fromKey = [&](const CheckConstraint &ck) {
            return cmp::expressionKey(cmp::renameIdentifiers(ck.expression, colMap));
        };
        QSet<QString> fromKeys, toKeys;
        for (const CheckConstraint &ck : f.checks)
            fromKeys.insert(fromKey(ck));
        for (const CheckConstraint &ck : t.checks)
            toKeys.insert(cmp::expressionKey(ck.expression));
        for (const CheckConstraint &ck : f.checks) {
            if (toKeys.contains(fromKey(ck)) || isEnumCheck(t, fromKey(ck), colMap))
                continue;
            Change c = tableChange(ChangeKind::DropCheck, f, t);
            c.objectId = ck.id;
            c.check = ck;
            c.oldName = ck.name;
            add(c);
        }
        for (const CheckConstraint &ck : t.checks) {
            if (fromKeys.contains(cmp::expressionKey(ck.expression)))
                continue;
            Change c = tableChange(ChangeKind::AddCheck, f, t);
            c.objectId = ck.id;
            c.check = ck;
            add(c);
        }
    }

    static QString indexSignature(const Index &ix, const QHash<QString, QString> &colMap)
    {
        QStringList parts{ix.unique ? u"u"_s : u""_s, ix.effectiveMethod(), cmp::expressionKey(cmp::renameIdentifiers(ix.where, colMap))};
        for (const IndexElement &e : ix.elements)
            parts << (e.expression.isEmpty() ? colMap.value(e.column, e.column) : cmp::expressionKey(cmp::renameIdentifiers(e.expression, colMap)))
                         + (e.descending ? u" desc"_s : QString()) + QString::number(int(e.nulls));
        return parts.join(u'|');
    }

    void indexes(const Table &f, const Table &t, const QHash<QString, QString> &colMap)
    {
        QHash<QString, const Index *> toBySignature;
        for (const Index &ix : t.indexes)
            toBySignature.insert(indexSignature(ix, {}), &ix);
        QSet<QString> matched;
        for (const Index &ix : f.indexes) {
            const QString sig = indexSignature(ix, colMap);
            Change c = tableChange(ChangeKind::DropIndex, f, t);
            c.objectId = ix.id;
            c.index = ix;
            if (const Index *target = toBySignature.value(sig); target && !matched.contains(sig)) {
                matched.insert(sig);
                if (!target->name.isEmpty() && !ix.name.isEmpty() && target->name != ix.name) {
                    c.kind = ChangeKind::RenameIndex;
                    c.objectId = target->id;
                    c.index = *target;
                    c.oldName = ix.name;
                    c.newName = target->name;
                    add(c);
                }
                continue;
            }
            c.oldName = ix.name;
            add(c);
        }
        for (const Index &ix : t.indexes) {
            if (matched.contains(indexSignature(ix, {})))
                continue;
            Change c = tableChange(ChangeKind::CreateIndex, f, t);
            c.objectId = ix.id;
            c.index = ix;
            add(c);
        }
    }

    void views()
    {
        const auto &from = m_d.from.views;
        const auto &to = m_d.to.views;
        const auto pairs = pairUp(from, to, [](const View &v) { return v.name; }, {});
        QSet<int> kept;
        QList<Change> creates;
        for (int t = 0; t < to.size(); ++t) {
            Change c = made(ChangeKind::CreateView, to.at(t).id, to.at(t).nameSpace);
            c.newName = to.at(t).name;
            c.view = to.at(t);
            if (pairs.contains(t)) {
                const View &f = from.at(pairs.value(t));
                if (f.name == to.at(t).name && cmp::expressionKey(f.sql) == cmp::expressionKey(to.at(t).sql)) {
                    kept.insert(pairs.value(t));
                    continue;
                }
            }
            creates << c;
        }
        // A changed view is dropped and created again: its columns may change, which CREATE OR
        // REPLACE refuses.
        for (int f = 0; f < from.size(); ++f) {
            if (kept.contains(f))
                continue;
            Change c = made(ChangeKind::DropView, from.at(f).id, from.at(f).nameSpace);
            c.oldName = from.at(f).name;
            c.view = from.at(f);
            add(c);
        }
        for (const Change &c : std::as_const(creates))
            add(c);
    }

    SchemaDiff &m_d;
    const DiffOptions &m_o;
    QHash<QString, QString> m_toOfFromTable;                     // source table -> target table
    QHash<QString, QHash<QString, QString>> m_toOfFromColumn;    // source table -> source column -> target column
};

void dropHistory(Schema &s)
{
    s.tables.removeIf([](const Table &t) { return History::isHistoryTable(t.name); });
}
} // namespace

const TablePair *SchemaDiff::pairForTarget(const QString &toName) const
{
    for (const TablePair &p : tables)
        if (p.toName == toName)
            return &p;
    return nullptr;
}

SchemaDiff SchemaDiff::compare(const Schema &from, const Schema &to, const DiffOptions &options)
{
    SchemaDiff d;
    d.from = from;
    d.to = to;
    dropHistory(d.from);
    dropHistory(d.to);
    Differ(d, options).run();
    return d;
}

} // namespace quarry::migrate
