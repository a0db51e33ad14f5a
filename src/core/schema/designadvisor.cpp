// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/designadvisor.h"

#include "schema/ddlwriter.h"
#include "schema/dialect.h"

#include <QCoreApplication>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

QString Advice::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Warning: return u"warning"_s;
    case Severity::Suggestion: return u"suggestion"_s;
    case Severity::Info: return u"info"_s;
    }
    return {};
}

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DesignAdvisor)
};

// Only for its quoting and naming helpers: the advisor's fixes use the dialect's own statements.
class NameWriter : public DdlWriter
{
public:
    using DdlWriter::DdlWriter;

protected:
    QString columnType(const Table &, const Column &column) override { return m_dialect.typeName(column.type); }
};

// Something that gives the table an index: a primary key, a unique constraint or an index.
struct Key {
    enum class Kind { PrimaryKey, Unique, Index };
    Kind kind = Kind::Index;
    QStringList columns;     // leading plain columns (an index stops at its first expression)
    bool plain = true;       // every key part is a plain ascending column
    bool partial = false;
    QString method = u"btree"_s;
    const Index *index = nullptr;

    QString describe(const Table &table) const
    {
        switch (kind) {
        case Kind::PrimaryKey:
            return Tr::tr("the primary key of %1").arg(table.name);
        case Kind::Unique:
            return Tr::tr("the UNIQUE constraint on %1.%2").arg(table.name, columns.join(u", "_s));
        case Kind::Index:
            return Tr::tr("the index %1").arg(index->name);
        }
        return {};
    }
};

QList<Key> keysOf(const Table &table)
{
    QList<Key> keys;
    const QStringList pk = table.primaryKeyColumns();
    if (!pk.isEmpty())
        keys.append(Key{Key::Kind::PrimaryKey, pk, true, false, u"btree"_s, nullptr});
    for (const QStringList &u : table.uniqueKeys())
        keys.append(Key{Key::Kind::Unique, u, true, false, u"btree"_s, nullptr});
    for (const Index &ix : table.indexes) {
        Key k{Key::Kind::Index, {}, true, !ix.where.isEmpty(), ix.effectiveMethod(), &ix};
        bool leading = true;
        for (const IndexElement &e : ix.elements) {
            if (!e.isPlainColumn())
                k.plain = false;
            if (e.column.isEmpty())
                leading = false;
            if (leading)
                k.columns << e.column;
        }
        keys.append(k);
    }
    return keys;
}

bool sameSet(QStringList a, QStringList b)
{
    a.sort();
    b.sort();
    return a == b;
}

QString singular(const QString &word)
{
    if (word.endsWith(u"ies"_s))
        return word.chopped(3) + u'y';
    if (word.endsWith(u"sses"_s) || word.endsWith(u"xes"_s) || word.endsWith(u"ches"_s) || word.endsWith(u"shes"_s))
        return word.chopped(2);
    if (word.endsWith(u's') && !word.endsWith(u"ss"_s))
        return word.chopped(1);
    return word;
}

class Rules
{
public:
    Rules(const Schema &schema, const Dialect &dialect) : s(schema), d(dialect), names(dialect) {}

    QList<Advice> run()
    {
        for (const Table &t : s.tables) {
            const QList<Key> keys = keysOf(t);
            noPrimaryKey(t);
            widePrimaryKey(t);
            foreignKeysWithoutIndex(t, keys);
            nullableMandatoryForeignKeys(t);
            redundantIndexes(t, keys);
            jsonWantsGin(t);
            repeatedColumnGroups(t);
            commaSeparatedLists(t);
        }
        return out;
    }

private:
    const Schema &s;
    const Dialect &d;
    NameWriter names;
    QList<Advice> out;

    void add(Advice::Severity severity, const QString &rule, const QString &where, const QString &id,
             const QString &message, const QString &reason, const QStringList &fix = {})
    {
        out.append(Advice{severity, rule, message, reason, where, id, fix});
    }

    void noPrimaryKey(const Table &t)
    {
        if (!t.primaryKeyColumns().isEmpty())
            return;
        QStringList fix;
        // An existing NOT NULL unique key, or a column called id, is the obvious candidate.
        QStringList candidate;
        for (const QStringList &u : t.uniqueKeys()) {
            bool notNull = true;
            for (const QString &c : u)
                notNull = notNull && t.column(c) && !t.column(c)->nullable;
            if (notNull && candidate.isEmpty())
                candidate = u;
        }
        if (candidate.isEmpty() && t.column(u"id"_s))
            candidate = {u"id"_s};
        if (!candidate.isEmpty() && d.features().alterAddForeignKey) {
            QStringList cols;
            for (const QString &c : candidate)
                cols << names.ident(c);
            fix << u"ALTER TABLE %1 ADD PRIMARY KEY (%2)"_s.arg(names.tableName(t), cols.join(u", "_s));
        }
        add(Advice::Severity::Warning, u"no-primary-key"_s, t.displayName(), t.id,
            Tr::tr("%1 has no primary key.").arg(t.displayName()),
            Tr::tr("Without a primary key a row cannot be named reliably: duplicates creep in, other tables cannot "
                   "reference it with a foreign key, and tools that edit or replicate rows (including Quarry's "
                   "data grid) have nothing to identify a row by.%1")
                .arg(candidate.isEmpty() ? QString()
                                         : Tr::tr(" %1 is a natural candidate.").arg(candidate.join(u", "_s))),
            fix);
    }

    void widePrimaryKey(const Table &t)
    {
        for (const QString &name : t.primaryKeyColumns()) {
            const Column *c = t.column(name);
            if (!c || !c->type.isText())
                continue;
            const bool wide = c->type.kind == TypeKind::Text || c->type.length == 0 || c->type.length > 64;
            if (!wide)
                continue;
            add(Advice::Severity::Suggestion, u"wide-text-primary-key"_s, t.displayName() + u'.' + name, c->id,
                Tr::tr("The primary key %1.%2 is %3.").arg(t.displayName(), name, c->type.displayName()),
                Tr::tr("Every index of %1 stores the primary key, and every table that references %1 copies it into "
                       "its own rows and indexes. A text key of up to %2 makes all of them wider and comparisons "
                       "slower than a 4- or 8-byte integer, and changing a value means updating every reference. "
                       "Prefer a surrogate key (bigint identity or uuid) and keep %3 as a UNIQUE column.")
                    .arg(t.name, c->type.length > 0 ? Tr::tr("%1 characters").arg(c->type.length) : Tr::tr("any length"),
                         name));
        }
    }

    void foreignKeysWithoutIndex(const Table &t, const QList<Key> &keys)
    {
        if (d.id() == u"mysql"_s)
            return; // InnoDB creates an index on the referencing columns by itself
        for (const ForeignKey &fk : t.foreignKeys) {
            bool supported = false;
            for (const Key &k : keys) {
                if (k.partial || k.columns.size() < fk.columns.size())
                    continue;
                if (k.method == u"hash"_s) {
                    supported = supported || (fk.columns.size() == 1 && k.columns == fk.columns);
                    continue;
                }
                if (k.method != u"btree"_s)
                    continue;
                supported = supported || sameSet(k.columns.mid(0, fk.columns.size()), fk.columns);
            }
            if (supported)
                continue;
            Index ix;
            ix.name = t.name + u'_' + fk.columns.join(u'_') + u"_idx"_s;
            for (const QString &c : fk.columns)
                ix.elements.append(IndexElement{c, {}, false, IndexElement::Nulls::Default});
            const QString cols = fk.columns.join(u", "_s);
            add(Advice::Severity::Warning, u"fk-without-index"_s, t.displayName() + u'.' + fk.columns.join(u", "_s),
                fk.id, Tr::tr("The foreign key %1.%2 → %3 has no index.").arg(t.name, cols, fk.refTable),
                Tr::tr("%4 indexes the referenced side (%1's key) but not the referencing columns. Without an index on %2.%3, every delete or key update in %1 scans all of %2 to "
                       "check for (or cascade to) matching rows, and joins from %1 to %2 cannot use an index.")
                    .arg(fk.refTable, t.name, cols, d.displayName()),
                {d.createIndexStatement(t, ix)});
        }
    }

    void nullableMandatoryForeignKeys(const Table &t)
    {
        for (const ForeignKey &fk : t.foreignKeys) {
            if (fk.columns.size() != 1 || fk.onDelete == ReferentialAction::SetNull)
                continue;
            if (fk.refTable == t.name && fk.refNamespace == t.nameSpace)
                continue; // a hierarchy: the root row has no parent
            const Column *c = t.column(fk.columns.first());
            if (!c || !c->nullable)
                continue;
            const QString name = c->name.toLower();
            const QString target = fk.refTable.toLower();
            const bool namedAfterTarget = name == singular(target) + u"_id"_s || name == target + u"_id"_s;
            const bool cascades = fk.onDelete == ReferentialAction::Cascade;
            if (!namedAfterTarget && !cascades)
                continue;
            const QString fix = d.setNotNullStatement(t, *c);
            add(Advice::Severity::Suggestion, u"fk-nullable"_s, t.displayName() + u'.' + c->name, c->id,
                Tr::tr("%1.%2 looks mandatory but accepts NULL.").arg(t.name, c->name),
                Tr::tr("%1 suggests that every %2 row belongs to a %3 row, yet the column is nullable: a %2 row "
                       "without one can be saved, and every query has to treat the relation as optional (outer "
                       "joins, NULL checks). If the relation is mandatory, say so with NOT NULL.%4")
                    .arg(cascades ? Tr::tr("ON DELETE CASCADE") : Tr::tr("The name %1").arg(c->name), singular(t.name),
                         singular(fk.refTable),
                         fix.isEmpty() ? Tr::tr(" (%1 cannot add NOT NULL in place: the table is rebuilt.)").arg(d.displayName())
                                       : QString()),
                fix.isEmpty() ? QStringList() : QStringList{fix});
        }
    }

    void redundantIndexes(const Table &t, const QList<Key> &keys)
    {
        QSet<const Index *> reported;
        // Two indexes with the same key parts, predicate and method: the later one is the copy.
        for (qsizetype i = 0; i < t.indexes.size(); ++i) {
            for (qsizetype j = i + 1; j < t.indexes.size(); ++j) {
                const Index &a = t.indexes.at(i);
                const Index &b = t.indexes.at(j);
                if (a.elements != b.elements || a.where != b.where || a.effectiveMethod() != b.effectiveMethod())
                    continue;
                const Index &drop = (b.unique && !a.unique) ? a : b;
                const Index &keep = &drop == &a ? b : a;
                if (reported.contains(&drop))
                    continue;
                reported.insert(&drop);
                add(Advice::Severity::Warning, u"duplicate-index"_s, t.displayName() + u'.' + drop.name, drop.id,
                    Tr::tr("%1 duplicates %2.").arg(drop.name, keep.name),
                    Tr::tr("Both indexes hold the same keys in the same order, so the planner uses one and the other "
                           "only costs space and a second write on every INSERT, UPDATE and DELETE of %1.")
                        .arg(t.name),
                    {d.dropIndexStatement(t, drop)});
            }
        }
        for (const Key &k : keys) {
            if (k.kind != Key::Kind::Index || reported.contains(k.index) || k.partial || !k.plain || k.method != u"btree"_s)
                continue;
            // An index on exactly the columns of a PRIMARY KEY or UNIQUE constraint repeats the
            // index the database already built to enforce that constraint.
            for (const Key &c : keys) {
                if (c.kind == Key::Kind::Index || c.columns != k.columns)
                    continue;
                reported.insert(k.index);
                add(Advice::Severity::Warning, u"index-duplicates-constraint"_s, t.displayName() + u'.' + k.index->name,
                    k.index->id,
                    Tr::tr("%1 duplicates the index of %2.").arg(k.index->name, c.describe(t)),
                    Tr::tr("A %1 is enforced with a unique index that the database creates by itself, so %2 "
                           "already has an index on %3. %4 is a second copy: the planner gains nothing from it, "
                           "and every write to %2 maintains both.")
                        .arg(c.kind == Key::Kind::PrimaryKey ? Tr::tr("PRIMARY KEY") : Tr::tr("UNIQUE constraint"),
                             t.name, k.columns.join(u", "_s), k.index->name),
                    {d.dropIndexStatement(t, *k.index)});
                break;
            }
        }
        // An index whose columns are the leading columns of another B-tree is served by that one.
        for (const Key &k : keys) {
            if (k.kind != Key::Kind::Index || reported.contains(k.index) || k.partial || !k.plain || k.index->unique
                || k.method != u"btree"_s)
                continue;
            for (const Key &other : keys) {
                if (other.index == k.index || other.partial || other.method != u"btree"_s
                    || other.columns.size() <= k.columns.size() || other.columns.mid(0, k.columns.size()) != k.columns)
                    continue;
                reported.insert(k.index);
                add(Advice::Severity::Suggestion, u"prefix-index"_s, t.displayName() + u'.' + k.index->name,
                    k.index->id,
                    Tr::tr("%1 is a left prefix of %2.").arg(k.index->name, other.describe(t)),
                    Tr::tr("A B-tree on (%1) can answer every lookup and sort on its leading column(s) (%2), so %3 "
                           "adds nothing for reads; it only makes writes to %4 slower and takes space.")
                        .arg(other.columns.join(u", "_s), k.columns.join(u", "_s), k.index->name, t.name),
                    {d.dropIndexStatement(t, *k.index)});
                break;
            }
        }
    }

    void jsonWantsGin(const Table &t)
    {
        if (!d.features().indexMethods.contains(u"gin"_s))
            return;
        for (const Index &ix : t.indexes) {
            if (ix.effectiveMethod() != u"btree"_s)
                continue;
            for (const IndexElement &e : ix.elements) {
                const Column *c = e.column.isEmpty() ? nullptr : t.column(e.column);
                if (!c || !(c->type.isJson() || c->type.array))
                    continue;
                QStringList fix;
                QString how;
                if (c->type.kind == TypeKind::Json && !c->type.array) {
                    how = Tr::tr("GIN needs jsonb: change %1 to jsonb, then index it USING gin.").arg(c->name);
                } else if (ix.elements.size() == 1 && !ix.unique) {
                    Index gin = ix;
                    gin.method = u"gin"_s;
                    gin.elements = {IndexElement{c->name, {}, false, IndexElement::Nulls::Default}};
                    fix << d.dropIndexStatement(t, ix) << d.createIndexStatement(t, gin);
                }
                add(Advice::Severity::Suggestion, u"json-wants-gin"_s, t.displayName() + u'.' + c->name, ix.id,
                    Tr::tr("%1 indexes the %2 column %3 with a B-tree.").arg(ix.name, c->type.displayName(), c->name),
                    Tr::tr("A B-tree compares whole %1 values, which only helps equality on the entire document or "
                           "array. Queries look inside them (@>, ?, &&, ANY): a GIN index indexes every key and "
                           "element and serves those operators. %2")
                        .arg(c->type.array ? Tr::tr("array") : Tr::tr("JSON"), how)
                        .trimmed(),
                    fix);
                break;
            }
        }
    }

    void repeatedColumnGroups(const Table &t)
    {
        static const QRegularExpression numbered(u"^(.*?[a-z])_?(\\d{1,2})$"_s, QRegularExpression::CaseInsensitiveOption);
        QHash<QString, QList<std::pair<int, const Column *>>> groups;
        QStringList order;
        for (const Column &c : t.columns) {
            const auto m = numbered.match(c.name);
            if (!m.hasMatch())
                continue;
            const QString stem = m.captured(1).toLower();
            if (!groups.contains(stem))
                order << stem;
            groups[stem].append({m.captured(2).toInt(), &c});
        }
        for (const QString &stem : std::as_const(order)) {
            auto members = groups.value(stem);
            if (members.size() < 2)
                continue;
            std::sort(members.begin(), members.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
            bool consecutive = members.first().first <= 2;
            for (qsizetype i = 1; i < members.size(); ++i)
                consecutive = consecutive && members.at(i).first == members.at(i - 1).first + 1;
            if (!consecutive)
                continue;
            QStringList names;
            for (const auto &m : members)
                names << m.second->name;
            add(Advice::Severity::Info, u"repeated-column-group"_s, t.displayName() + u'.' + names.first(),
                members.first().second->id,
                Tr::tr("%1 repeats one attribute in columns %2.").arg(t.name, names.join(u", "_s)),
                Tr::tr("Numbered columns are a list stored sideways (a violation of first normal form): a %1 more "
                       "needs a schema change, a search must look in every column, and most rows leave some empty. "
                       "A separate table %2_%3s (%2_id, %3, position) holds any number of them and can be indexed.")
                    .arg(stem, singular(t.name), stem));
        }
    }

    void commaSeparatedLists(const Table &t)
    {
        static const QSet<QString> listWords = {u"tags"_s, u"categories"_s, u"keywords"_s, u"labels"_s, u"roles"_s,
                                                u"emails"_s, u"phones"_s, u"ids"_s, u"skills"_s, u"permissions"_s};
        static const QRegularExpression suffix(u"(_ids|_list|_csv)$"_s, QRegularExpression::CaseInsensitiveOption);
        for (const Column &c : t.columns) {
            if (!c.type.isText() || c.type.array)
                continue;
            if (!listWords.contains(c.name.toLower()) && !suffix.match(c.name).hasMatch())
                continue;
            add(Advice::Severity::Info, u"comma-separated-list"_s, t.displayName() + u'.' + c.name, c.id,
                Tr::tr("%1.%2 looks like a list kept in one text column.").arg(t.name, c.name),
                Tr::tr("Items packed into one string (\"a,b,c\") cannot be indexed, joined or constrained one by one: "
                       "finding the rows with one item needs LIKE '%item%' over the whole table, and a foreign key "
                       "cannot check them. Use a child table (one row per item)%1.")
                    .arg(d.features().arrays ? Tr::tr(", or an array or jsonb column with a GIN index") : QString()));
        }
    }
};

} // namespace

DesignAdvisor::DesignAdvisor(const Dialect &dialect) : m_dialect(dialect) {}

QList<Advice> DesignAdvisor::advise(const Schema &schema) const
{
    return Rules(schema, m_dialect).run();
}

QStringList DesignAdvisor::rules()
{
    return {u"no-primary-key"_s,        u"wide-text-primary-key"_s, u"fk-without-index"_s,
            u"fk-nullable"_s,           u"duplicate-index"_s,       u"index-duplicates-constraint"_s,
            u"prefix-index"_s,          u"json-wants-gin"_s,        u"repeated-column-group"_s,
            u"comma-separated-list"_s};
}

} // namespace quarry::schema
