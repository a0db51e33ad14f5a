// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/ddlwriter.h"

#include "schema/validator.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QRegularExpression>

#include <algorithm>
#include <queue>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DdlWriter)
};

bool isBareIdentifier(const QString &name)
{
    if (name.isEmpty())
        return false;
    const QChar first = name.at(0);
    if (!((first >= u'a' && first <= u'z') || first == u'_'))
        return false;
    for (const QChar c : name) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'_'))
            return false;
    }
    return true;
}

QString tableKey(const QString &ns, const QString &name)
{
    return ns + QChar(0x1f) + name;
}
} // namespace

DdlWriter::DdlWriter(const Dialect &dialect) : m_dialect(dialect), m_features(dialect.features())
{
    for (const QString &w : dialect.reservedWords())
        m_reserved.insert(w.toLower());
}

DdlWriter::~DdlWriter() = default;

QString DdlWriter::ident(const QString &name) const
{
    if (isBareIdentifier(name) && !m_reserved.contains(name))
        return name;
    return m_dialect.quoteIdentifier(name);
}

QString DdlWriter::qualified(const QString &nameSpace, const QString &name) const
{
    if (nameSpace.isEmpty() || !m_features.namespaces)
        return ident(name);
    return ident(nameSpace) + u'.' + ident(name);
}

QString DdlWriter::stringLiteral(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\'', u"''"_s);
    return u'\'' + escaped + u'\'';
}

QString DdlWriter::withoutSemicolon(const QString &sql)
{
    QString text = sql.trimmed();
    while (text.endsWith(u';'))
        text.chop(1);
    return text.trimmed();
}

QString DdlWriter::indexName(const Table &table, const Index &index)
{
    if (!index.name.isEmpty())
        return index.name;
    QStringList parts{table.name};
    for (const IndexElement &e : index.elements)
        parts << (e.column.isEmpty() ? u"expr"_s : e.column);
    parts << u"idx"_s;
    return parts.join(u'_');
}

QString DdlWriter::foreignKeyName(const Table &table, const ForeignKey &fk)
{
    if (!fk.name.isEmpty())
        return fk.name;
    return table.name + u'_' + fk.columns.join(u'_') + u"_fkey"_s;
}

QString DdlWriter::script(const QStringList &statements)
{
    QString text;
    for (const QString &s : statements) {
        if (!text.isEmpty())
            text += u'\n';
        // A note left at the very end is comment lines only, with no statement to end.
        const QStringList lines = s.split(u'\n');
        const bool onlyNotes = std::all_of(lines.cbegin(), lines.cend(), [](const QString &l) { return l.startsWith(u"--"_s); });
        text += s + (onlyNotes ? u"\n"_s : u";\n"_s);
    }
    return text;
}

void DdlWriter::addStatement(const QString &statement)
{
    QString text;
    for (const QString &n : std::as_const(m_notes)) {
        for (const QString &line : n.split(u'\n'))
            text += u"-- "_s + line + u'\n';
    }
    m_notes.clear();
    m_out << text + statement;
}

void DdlWriter::note(const QString &text)
{
    m_notes << text;
}

Result<QStringList> DdlWriter::write(const Schema &schema)
{
    return write(schema, nullptr);
}

Result<QStringList> DdlWriter::write(const Schema &schema, const DdlScope &scope)
{
    return write(schema, &scope);
}

Result<QStringList> DdlWriter::write(const Schema &schema, const DdlScope *scope)
{
    const QList<Problem> problems = Validator({&m_dialect}).validate(schema);
    for (const Problem &p : problems) {
        if (p.isError())
            return Error{Error::Kind::InvalidInput, p.message, p.where};
    }
    if (!m_features.sequences) {
        if (const std::optional<Schema> adapted = autoNumbered(schema))
            return write(*adapted, scope);
    }
    m_schema = &schema;
    m_out.clear();
    m_notes = m_adapted;
    m_adapted.clear();

    const auto inScope = [scope](const QStringList &names, const QString &nameSpace, const QString &name) {
        return !scope || names.contains(name) || (!nameSpace.isEmpty() && names.contains(nameSpace + u'.' + name));
    };
    for (const Namespace &ns : schema.namespaces) {
        if (inScope(scope ? scope->namespaces : QStringList(), {}, ns.name))
            createNamespace(ns);
    }
    for (const EnumType &e : schema.enums) {
        if (inScope(scope ? scope->enums : QStringList(), e.nameSpace, e.name))
            createEnum(e);
    }
    if (!scope)
        writeBeforeTables(schema);

    // Kahn's algorithm over "references" edges; the ready queue is ordered by design position so
    // that the output is stable and follows the designer's order where dependencies allow.
    const qsizetype n = schema.tables.size();
    QHash<QString, qsizetype> position;
    position.reserve(n);
    for (qsizetype i = 0; i < n; ++i)
        position.insert(tableKey(schema.tables.at(i).nameSpace, schema.tables.at(i).name), i);
    QList<QList<qsizetype>> dependents(n);
    QList<int> pending(n, 0);
    for (qsizetype i = 0; i < n; ++i) {
        QSet<qsizetype> targets;
        for (const ForeignKey &fk : schema.tables.at(i).foreignKeys) {
            const qsizetype j = position.value(tableKey(fk.refNamespace, fk.refTable), -1);
            if (j >= 0 && j != i && !targets.contains(j)) {
                targets.insert(j);
                dependents[j].append(i);
                ++pending[i];
            }
        }
    }
    std::priority_queue<qsizetype, std::vector<qsizetype>, std::greater<>> ready;
    for (qsizetype i = 0; i < n; ++i) {
        if (pending.at(i) == 0)
            ready.push(i);
    }
    QList<bool> created(n, false);
    QList<std::pair<const Table *, const ForeignKey *>> deferred;
    qsizetype createdCount = 0;
    // Tables outside the scope exist already: they are "created" before the first statement.
    QList<bool> skipped(n, false);
    for (qsizetype i = 0; i < n; ++i) {
        const Table &t = schema.tables.at(i);
        if (!inScope(scope ? scope->tables : QStringList(), t.nameSpace, t.name)) {
            skipped[i] = true;
            created[i] = true;
            ++createdCount;
            for (qsizetype d : dependents.at(i)) {
                if (--pending[d] == 0)
                    ready.push(d);
            }
        }
    }
    qsizetype scan = 0; // where to look for the next table to break a cycle at
    while (createdCount < n) {
        qsizetype next = -1;
        if (!ready.empty()) {
            next = ready.top();
            ready.pop();
            if (created.at(next))
                continue;
        } else {
            while (created.at(scan))
                ++scan;
            next = scan; // a cycle: the earliest remaining table goes first
        }
        const Table &t = schema.tables.at(next);
        QList<const ForeignKey *> inlineKeys;
        QStringList forward;
        for (const ForeignKey &fk : t.foreignKeys) {
            const qsizetype j = position.value(tableKey(fk.refNamespace, fk.refTable), -1);
            if (j == next || (j >= 0 && created.at(j))) {
                inlineKeys << &fk;
            } else if (inlineForwardReferences()) {
                inlineKeys << &fk;
                forward << fk.refTable;
            } else {
                deferred.append({&t, &fk});
            }
        }
        if (!forward.isEmpty())
            note(Tr::tr("%1 references %2, created later (a foreign-key cycle); %3 checks foreign keys when rows "
                        "change, so the constraint is declared here all the same.")
                     .arg(t.name, forward.join(u", "_s), m_dialect.displayName()));
        addStatement(createTable(t, inlineKeys));
        for (const Index &ix : t.indexes) {
            const QString sql = indexStatement(t, ix);
            if (!sql.isEmpty())
                addStatement(sql);
        }
        comments(t);
        created[next] = true;
        ++createdCount;
        for (qsizetype d : dependents.at(next)) {
            if (--pending[d] == 0)
                ready.push(d);
        }
    }
    for (const auto &[table, fk] : deferred) {
        note(Tr::tr("Added after the tables: %1 references %2, which could not be created before it "
                    "(a foreign-key cycle).")
                 .arg(table->name, fk->refTable));
        addStatement(addForeignKey(*table, *fk));
    }
    if (!scope)
        writeAfterTables(schema);
    if (!m_notes.isEmpty()) {
        // A note about something left out at the very end goes with the last statement, so that
        // every statement can be executed (a comment alone is an empty statement to SQLite).
        const QString last = m_out.isEmpty() ? QString() : m_out.takeLast();
        addStatement(last);
        if (last.isEmpty())
            m_out.last().chop(1); // the note lines without an empty statement after them
    }
    m_schema = nullptr;
    return m_out;
}

QString DdlWriter::columnDefinition(const Table &table, const Column &column, bool inlinePrimaryKey)
{
    QString sql = ident(column.name) + u' ' + columnType(table, column);
    const QString identity = identityClause(column);
    if (!identity.isEmpty())
        sql += u' ' + identity;
    const QString generated = generatedClause(column);
    if (!generated.isEmpty())
        sql += u' ' + generated;
    if (inlinePrimaryKey)
        sql += u" PRIMARY KEY"_s;
    if (column.unique && !inlinePrimaryKey)
        sql += u" UNIQUE"_s;
    if (!column.nullable && !(inlinePrimaryKey && primaryKeyImpliesNotNull(table, column)))
        sql += u" NOT NULL"_s;
    const QString def = defaultClause(table, column);
    if (!def.isEmpty())
        sql += u' ' + def;
    const QString check = columnCheck(table, column);
    if (!check.isEmpty())
        sql += u' ' + check;
    const QString suffix = columnSuffix(table, column);
    if (!suffix.isEmpty())
        sql += u' ' + suffix;
    return sql;
}

QString DdlWriter::defaultClause(const Table &, const Column &column)
{
    switch (column.defaultValue.kind) {
    case ColumnDefault::Kind::None:
        return {};
    case ColumnDefault::Kind::Expression:
        return u"DEFAULT "_s + column.defaultValue.expression;
    case ColumnDefault::Kind::Literal:
        return u"DEFAULT "_s + literal(column.defaultValue.literal);
    }
    return {};
}

QString DdlWriter::literal(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? u"TRUE"_s : u"FALSE"_s;
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', 17);
    if (value.isString())
        return stringLiteral(value.toString());
    return u"NULL"_s;
}

QString DdlWriter::generatedClause(const Column &column)
{
    if (column.generatedExpression.isEmpty())
        return {};
    return u"GENERATED ALWAYS AS (%1) STORED"_s.arg(column.generatedExpression);
}

QString DdlWriter::identityClause(const Column &column)
{
    switch (column.identity) {
    case Column::Identity::Always:
        return u"GENERATED ALWAYS AS IDENTITY"_s;
    case Column::Identity::ByDefault:
        return u"GENERATED BY DEFAULT AS IDENTITY"_s;
    case Column::Identity::None:
        break;
    }
    return {};
}

QString DdlWriter::columnSuffix(const Table &, const Column &)
{
    return {};
}

QString DdlWriter::columnCheck(const Table &, const Column &)
{
    return {};
}

QStringList DdlWriter::columnPreamble(const Table &, const Column &)
{
    return {};
}

void DdlWriter::createNamespace(const Namespace &ns)
{
    addStatement(u"CREATE SCHEMA "_s + ident(ns.name));
}

void DdlWriter::createEnum(const EnumType &)
{
}

QString DdlWriter::createTable(const Table &table, const QList<const ForeignKey *> &inlineKeys)
{
    QStringList pkColumns;
    for (const Column &c : table.columns) {
        if (c.primaryKey)
            pkColumns << c.name;
    }
    const bool inlinePk = !table.primaryKey && pkColumns.size() == 1;
    QStringList lines;
    for (const Column &c : table.columns) {
        QString line;
        for (const QString &p : columnPreamble(table, c))
            line += u"    "_s + p + u'\n';
        line += u"    "_s + columnDefinition(table, c, inlinePk && c.primaryKey);
        lines << line;
    }
    auto columnList = [this, &table](const QStringList &names) {
        QStringList quoted;
        for (const QString &n : names)
            quoted << keyColumn(table, n);
        return quoted.join(u", "_s);
    };
    auto named = [this](const QString &name) { return name.isEmpty() ? QString() : u"CONSTRAINT "_s + ident(name) + u' '; };
    if (table.primaryKey)
        lines << u"    "_s + named(table.primaryKey->name) + u"PRIMARY KEY ("_s + columnList(table.primaryKey->columns) + u')';
    else if (pkColumns.size() > 1)
        lines << u"    PRIMARY KEY ("_s + columnList(pkColumns) + u')';
    for (const KeyConstraint &u : table.uniques)
        lines << u"    "_s + named(u.name) + u"UNIQUE ("_s + columnList(u.columns) + u')';
    for (const ForeignKey *fk : inlineKeys)
        lines << u"    "_s + named(fk->name) + foreignKeyClause(table, *fk);
    for (const CheckConstraint &ck : table.checks)
        lines << u"    "_s + named(ck.name) + u"CHECK ("_s + ck.expression + u')';
    for (const ExclusionConstraint &x : table.exclusions) {
        if (const QString clause = exclusionClause(table, x); !clause.isEmpty())
            lines << u"    "_s + named(x.name) + clause;
    }
    return u"CREATE TABLE "_s + tableName(table) + u" (\n"_s + lines.join(u",\n"_s) + u"\n)"_s + tableOptions(table);
}

QString DdlWriter::tableOptions(const Table &)
{
    return {};
}

QString DdlWriter::referentialAction(ReferentialAction action) const
{
    return ReferentialActions::sql(action);
}

QString DdlWriter::foreignKeyClause(const Table &, const ForeignKey &fk)
{
    QStringList from;
    for (const QString &c : fk.columns)
        from << ident(c);
    QStringList to;
    for (const QString &c : fk.refColumns)
        to << ident(c);
    QString sql = u"FOREIGN KEY (%1) REFERENCES %2 (%3)"_s.arg(from.join(u", "_s), qualified(fk.refNamespace, fk.refTable),
                                                              to.join(u", "_s));
    if (fk.onDelete != ReferentialAction::NoAction)
        sql += u" ON DELETE "_s + referentialAction(fk.onDelete);
    if (fk.onUpdate != ReferentialAction::NoAction)
        sql += u" ON UPDATE "_s + referentialAction(fk.onUpdate);
    return sql;
}

QString DdlWriter::addForeignKey(const Table &table, const ForeignKey &fk)
{
    return u"ALTER TABLE %1 ADD CONSTRAINT %2 %3"_s.arg(tableName(table), ident(foreignKeyName(table, fk)),
                                                         foreignKeyClause(table, fk));
}

QString DdlWriter::createIndex(const Table &table, const Index &index)
{
    return indexStatement(table, index);
}

QString DdlWriter::indexStatement(const Table &table, const Index &index)
{
    QStringList keys;
    for (const IndexElement &e : index.elements) {
        QString k = e.column.isEmpty() ? u'(' + e.expression + u')' : keyColumn(table, e.column);
        if (e.descending)
            k += u" DESC"_s;
        if (e.nulls == IndexElement::Nulls::First)
            k += u" NULLS FIRST"_s;
        else if (e.nulls == IndexElement::Nulls::Last)
            k += u" NULLS LAST"_s;
        keys << k;
    }
    QString sql = index.unique ? u"CREATE UNIQUE INDEX "_s : u"CREATE INDEX "_s;
    sql += ident(indexName(table, index)) + u" ON "_s + tableName(table);
    if (!index.method.isEmpty() && index.effectiveMethod() != u"btree"_s)
        sql += u" USING "_s + index.effectiveMethod();
    sql += u" ("_s + keys.join(u", "_s) + u')';
    if (!index.where.isEmpty())
        sql += u" WHERE "_s + index.where;
    return sql;
}

QString DdlWriter::dropIndex(const Table &table, const Index &index)
{
    return u"DROP INDEX "_s + qualified(table.nameSpace, indexName(table, index));
}

QString DdlWriter::addColumn(const Schema &schema, const Table &table, const Column &column)
{
    m_schema = &schema;
    QString sql = u"ALTER TABLE %1 ADD COLUMN %2"_s.arg(tableName(table), columnDefinition(table, column, false));
    for (const ForeignKey &fk : table.foreignKeys) {
        if (fk.columns == QStringList{column.name}) {
            QStringList to;
            for (const QString &c : fk.refColumns)
                to << ident(c);
            sql += u" REFERENCES %1 (%2)"_s.arg(qualified(fk.refNamespace, fk.refTable), to.join(u", "_s));
            if (fk.onDelete != ReferentialAction::NoAction)
                sql += u" ON DELETE "_s + referentialAction(fk.onDelete);
            if (fk.onUpdate != ReferentialAction::NoAction)
                sql += u" ON UPDATE "_s + referentialAction(fk.onUpdate);
            break;
        }
    }
    m_schema = nullptr;
    m_notes.clear();
    return sql;
}

QString DdlWriter::setNotNull(const Table &table, const Column &column)
{
    return u"ALTER TABLE %1 ALTER COLUMN %2 SET NOT NULL"_s.arg(tableName(table), ident(column.name));
}

void DdlWriter::createView(const View &view)
{
    const QString sql = withoutSemicolon(view.sql);
    if (view.materialized)
        note(Tr::tr("%1 has no materialized views: %2 is a plain view%3.")
                 .arg(m_dialect.displayName(), view.name,
                      view.indexes.isEmpty() ? QString() : Tr::tr(", without its indexes")));
    addStatement(u"CREATE VIEW "_s + qualified(view.nameSpace, view.name) + u" AS\n"_s + sql);
}

void DdlWriter::comments(const Table &)
{
}

} // namespace quarry::schema
