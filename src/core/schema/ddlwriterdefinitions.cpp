// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
// DdlWriter's part for what a design keeps beside its tables: domains, sequences, routines,
// triggers, exclusion constraints, and the order views and routines are created in.
#include "schema/ddlwriter.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <queue>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DdlWriter)
};

QString key(const QString &nameSpace, const QString &name)
{
    return nameSpace.isEmpty() ? name : nameSpace + u'.' + name;
}
} // namespace

void DdlWriter::writeBeforeTables(const Schema &schema)
{
    for (const Domain &d : schema.domains)
        createDomain(d);
    // A routine whose signature needs no table may be used by a table (a default, a check, a
    // trigger), so it comes first; the others wait for the tables in writeAfterTables().
    bool first = true;
    for (const Routine &r : schema.routines) {
        if (r.dependsOn.isEmpty()) {
            createRoutine(r, first);
            first = false;
        }
    }
    for (const Sequence &s : schema.sequences)
        createSequence(s);
}

void DdlWriter::writeAfterTables(const Schema &schema)
{
    for (const Sequence &s : schema.sequences) {
        if (const QString owner = sequenceOwner(s); !owner.isEmpty())
            addStatement(owner);
    }

    // Views and the routines left for now, by Kahn's algorithm over dependsOn: the routines
    // first, then the views, each in design order where their dependencies allow.
    struct Item {
        const Routine *routine = nullptr;
        const View *view = nullptr;
        QString key;
        QStringList dependsOn;
    };
    QList<Item> items;
    for (const Routine &r : schema.routines) {
        if (!r.dependsOn.isEmpty())
            items.append({&r, nullptr, key(r.nameSpace, r.name), r.dependsOn});
    }
    for (const View &v : schema.views)
        items.append({nullptr, &v, key(v.nameSpace, v.name), v.dependsOn});
    QMultiHash<QString, qsizetype> byKey;
    for (qsizetype i = 0; i < items.size(); ++i)
        byKey.insert(items.at(i).key, i);
    QList<QList<qsizetype>> dependents(items.size());
    QList<int> pending(items.size(), 0);
    for (qsizetype i = 0; i < items.size(); ++i) {
        QSet<qsizetype> seen;
        for (const QString &d : items.at(i).dependsOn) {
            for (auto it = byKey.constFind(d); it != byKey.constEnd() && it.key() == d; ++it) {
                if (it.value() != i && !seen.contains(it.value())) {
                    seen.insert(it.value());
                    dependents[it.value()].append(i);
                    ++pending[i];
                }
            }
        }
    }
    std::priority_queue<qsizetype, std::vector<qsizetype>, std::greater<>> ready;
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (pending.at(i) == 0)
            ready.push(i);
    }
    QList<bool> done(items.size(), false);
    qsizetype left = items.size();
    qsizetype scan = 0;
    while (left > 0) {
        qsizetype next;
        if (!ready.empty()) {
            next = ready.top();
            ready.pop();
            if (done.at(next))
                continue;
        } else {
            while (done.at(scan))
                ++scan;
            next = scan; // a cycle: the earliest one left goes first
        }
        done[next] = true;
        --left;
        if (items.at(next).routine)
            createRoutine(*items.at(next).routine, false);
        else
            createView(*items.at(next).view);
        for (qsizetype d : dependents.at(next)) {
            if (--pending[d] == 0)
                ready.push(d);
        }
    }

    for (const Table &t : schema.tables) {
        for (const Trigger &trigger : t.triggers)
            createTrigger(t, trigger);
    }
}

std::optional<Schema> DdlWriter::autoNumbered(const Schema &schema)
{
    if (schema.sequences.isEmpty())
        return std::nullopt;
    static const QRegularExpression nextval(u"^nextval\\('(?:\"?([^'\".]+)\"?\\.)?\"?([^'\"]+)\"?'(?:::regclass)?\\)$"_s);
    Schema out = schema;
    QSet<QString> used;
    for (Table &t : out.tables) {
        for (Column &c : t.columns) {
            if (c.defaultValue.kind != ColumnDefault::Kind::Expression || c.type.array
                || (c.type.kind != TypeKind::Integer && c.type.kind != TypeKind::BigInt && c.type.kind != TypeKind::SmallInt))
                continue;
            const auto m = nextval.match(c.defaultValue.expression.trimmed());
            if (!m.hasMatch())
                continue;
            const QString name = m.captured(2);
            const bool known = std::any_of(out.sequences.cbegin(), out.sequences.cend(), [&](const Sequence &s) { return s.name == name; });
            if (!known)
                continue;
            used.insert(name);
            c.defaultValue = {};
            // Auto-numbering is for a table's one-column primary key (SQLite's rowid, MySQL's one
            // AUTO_INCREMENT column); another column loses the default.
            if (t.primaryKeyColumns() == QStringList{c.name}) {
                c.type.kind = c.type.kind == TypeKind::BigInt ? TypeKind::BigSerial : TypeKind::Serial;
                m_adapted << Tr::tr("%1 has no sequences: %2.%3, numbered by the sequence %4, is auto-numbered instead.")
                                 .arg(m_dialect.displayName(), t.name, c.name, name);
            } else {
                m_adapted << Tr::tr("%1 has no sequences: %2.%3, numbered by the sequence %4, has no default.")
                                 .arg(m_dialect.displayName(), t.name, c.name, name);
            }
        }
    }
    if (used.isEmpty())
        return std::nullopt;
    out.sequences.removeIf([&](const Sequence &s) { return used.contains(s.name); });
    return out;
}

void DdlWriter::createDomain(const Domain &domain)
{
    note(Tr::tr("Domain %1: %2 has no domains; its columns have its base type, without its checks.")
             .arg(domain.name, m_dialect.displayName()));
}

void DdlWriter::createSequence(const Sequence &sequence)
{
    note(Tr::tr("Sequence %1: %2 has no sequences; it is left out.").arg(sequence.name, m_dialect.displayName()));
}

QString DdlWriter::sequenceOwner(const Sequence &)
{
    return {};
}

void DdlWriter::createRoutine(const Routine &routine, bool)
{
    note(Tr::tr("%1 %2(%3) is PostgreSQL's; %4 DDL leaves it out.")
             .arg(Routine::kindName(routine.kind), routine.name, routine.arguments, m_dialect.displayName()));
}

void DdlWriter::createTrigger(const Table &table, const Trigger &trigger)
{
    note(Tr::tr("Trigger %1 on %2 is PostgreSQL's; %3 DDL leaves it out.").arg(trigger.name, table.name, m_dialect.displayName()));
}

QString DdlWriter::exclusionClause(const Table &table, const ExclusionConstraint &exclusion)
{
    note(Tr::tr("%1: %2 has no exclusion constraints; %3 is left out.")
             .arg(table.name, m_dialect.displayName(), exclusion.name.isEmpty() ? exclusion.definition : exclusion.name));
    return {};
}

} // namespace quarry::schema
