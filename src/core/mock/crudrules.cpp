// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/crudrules.h"

#include "schema/ddlwriter.h"
#include "schema/schema.h"

#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

QString fkText(const schema::Table &table, const schema::ForeignKey &fk)
{
    return u"%1.%2 → %3.%4"_s.arg(table.name, fk.columns.join(u", "_s), fk.refTable, fk.refColumns.join(u", "_s));
}

} // namespace

CrudRules::CrudRules(ResourceStore &store, const schema::Schema &schema, const schema::Table *design,
                     const TableInfo &table, Run run)
    : m_store(store), m_schema(schema), m_design(design), m_table(table), m_run(std::move(run))
{
}

QStringList CrudRules::columnsIn(const QString &expression) const
{
    static const QRegularExpression word(u"\"((?:[^\"]|\"\")+)\"|\\b([A-Za-z_][A-Za-z0-9_]*)\\b"_s);
    QStringList columns;
    auto it = word.globalMatch(expression);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1).replace(u"\"\""_s, u"\""_s);
        if (m_table.column(name) && !columns.contains(name))
            columns << name;
    }
    return columns;
}

std::optional<WriteError> CrudRules::missingParents(const QHash<QString, QVariant> &values) const
{
    if (!m_design)
        return std::nullopt;
    WriteError error{WriteError::Kind::Conflict, u"Referenced row missing"_s, {}, {}};
    for (const schema::ForeignKey &fk : m_design->foreignKeys) {
        QStringList where;
        QVariantList params;
        for (qsizetype i = 0; i < fk.columns.size() && i < fk.refColumns.size(); ++i) {
            const auto it = values.constFind(fk.columns.at(i));
            if (it == values.constEnd() || it->isNull())
                break;
            where << m_store.quote(fk.refColumns.at(i)) + u" = ?"_s;
            params << *it;
        }
        if (where.size() != fk.columns.size())
            continue;   // a column not written (or NULL): nothing to check, or the engine's rule
        const SqlOutcome found = m_run(u"SELECT 1 AS found FROM %1 WHERE %2 LIMIT 1"_s.arg(m_store.quote(fk.refTable),
                                                                                          where.join(u" AND "_s)),
                                       params);
        if (!found.ok() || !found.rows.isEmpty())
            continue;
        QStringList shown;
        for (const QVariant &v : std::as_const(params))
            shown << v.toString();
        const QString message = u"No %1 row has %2 = %3 (foreign key %4)."_s.arg(
            fk.refTable, fk.refColumns.join(u", "_s), shown.join(u", "_s), fkText(*m_design, fk));
        for (const QString &column : fk.columns)
            error.errors << FieldError{FieldError::pointerTo(column), schema::DdlWriter::foreignKeyName(*m_design, fk), message};
        if (error.detail.isEmpty())
            error.detail = message;
    }
    if (error.errors.isEmpty())
        return std::nullopt;
    return error;
}

std::optional<WriteError> CrudRules::referencingRows(const QString &idColumn, const QVariant &id) const
{
    if (!m_design)
        return std::nullopt;
    WriteError error{WriteError::Kind::Conflict, u"Row still referenced"_s, {}, {}};
    QJsonObject parentRow;
    bool parentRead = false;
    for (const schema::Table &child : m_schema.tables) {
        for (const schema::ForeignKey &fk : child.foreignKeys) {
            if (fk.refTable != m_design->name
                || (fk.onDelete != schema::ReferentialAction::NoAction && fk.onDelete != schema::ReferentialAction::Restrict))
                continue;
            QStringList where;
            QVariantList params;
            for (qsizetype i = 0; i < fk.columns.size() && i < fk.refColumns.size(); ++i) {
                where << m_store.quote(fk.columns.at(i)) + u" = ?"_s;
                if (fk.refColumns.at(i) == idColumn) {
                    params << id;
                    continue;
                }
                if (!parentRead) {
                    parentRead = true;
                    const SqlOutcome row = m_run(u"SELECT * FROM %1 WHERE %2 = ?"_s.arg(m_store.quote(m_table.name),
                                                                                        m_store.quote(idColumn)),
                                                 {id});
                    if (row.ok() && !row.rows.isEmpty())
                        parentRow = row.rows.first().toObject();
                }
                params << parentRow.value(fk.refColumns.at(i)).toVariant();
            }
            const SqlOutcome count = m_run(u"SELECT COUNT(*) AS n FROM %1 WHERE %2"_s.arg(m_store.quote(child.name),
                                                                                        where.join(u" AND "_s)),
                                           params);
            const qint64 n = count.ok() && !count.rows.isEmpty()
                                 ? count.rows.first().toObject().value(u"n"_s).toVariant().toLongLong()
                                 : 0;
            if (n == 0)
                continue;
            const QString message =
                u"%1 %2 row(s) still refer to this %3 row through the foreign key %4, which does not cascade: "
                u"delete or change them first, or make the foreign key cascade in the design."_s.arg(n)
                    .arg(child.name, m_design->name, fkText(child, fk));
            error.errors << FieldError{QString(), schema::DdlWriter::foreignKeyName(child, fk), message};
            if (error.detail.isEmpty())
                error.detail = message;
        }
    }
    if (error.errors.isEmpty())
        return std::nullopt;
    return error;
}

WriteError CrudRules::fromEngine(const SqlOutcome &r) const
{
    using Failure = SqlOutcome::Failure;
    const QString table = m_table.name;
    switch (r.failure) {
    case Failure::NotNull: {
        WriteError e{WriteError::Kind::Rule, u"Constraint violated"_s, {}, {}};
        for (const QString &c : r.columns)
            e.errors << FieldError{FieldError::pointerTo(c), u"NOT NULL"_s,
                                   u"\"%1\" may not be null: send a value (the design gives it no default)."_s.arg(c)};
        e.detail = u"The row breaks a rule of table %1: %2."_s.arg(table, r.error);
        return e;
    }
    case Failure::Check: {
        WriteError e{WriteError::Kind::Rule, u"Constraint violated"_s, {}, {}};
        QString constraint = r.constraint;
        QString expression = r.constraint;
        if (m_design) {
            for (const schema::CheckConstraint &ck : m_design->checks) {
                const QString pgName = table + u'_' + columnsIn(ck.expression).value(0) + u"_check"_s;
                if ((!ck.name.isEmpty() && ck.name == r.constraint) || ck.expression.trimmed() == r.constraint.trimmed()
                    || (ck.name.isEmpty() && pgName == r.constraint)) {
                    constraint = ck.name.isEmpty() ? u"CHECK (%1)"_s.arg(ck.expression) : ck.name;
                    expression = ck.expression;
                    break;
                }
            }
        }
        const QString message = u"The row breaks the check %1 of table %2."_s.arg(
            expression == constraint ? u"("_s + expression + u')' : constraint + u" ("_s + expression + u')', table);
        QStringList columns = columnsIn(expression);
        if (columns.isEmpty() && r.constraint.startsWith(table + u'_') && r.constraint.endsWith(u"_check"_s)) {
            const QString c = r.constraint.mid(table.size() + 1).chopped(6);
            if (m_table.column(c))
                columns << c;
        }
        if (columns.isEmpty())
            columns << QString();
        for (const QString &c : std::as_const(columns))
            e.errors << FieldError{c.isEmpty() ? QString() : FieldError::pointerTo(c), constraint, message};
        e.detail = message;
        return e;
    }
    case Failure::Unique: {
        WriteError e{WriteError::Kind::Conflict, u"Already exists"_s, {}, {}};
        QString constraint = r.constraint;
        QStringList columns = r.columns;
        if (m_design) {
            const QStringList pk = m_design->primaryKeyColumns();
            if (constraint.isEmpty() && !columns.isEmpty() && columns == pk)
                constraint = m_design->primaryKey && !m_design->primaryKey->name.isEmpty()
                                 ? m_design->primaryKey->name
                                 : u"PRIMARY KEY (%1)"_s.arg(pk.join(u", "_s));
            for (const schema::KeyConstraint &u : m_design->uniques) {
                if ((!u.name.isEmpty() && u.name == constraint) || (constraint.isEmpty() && u.columns == columns)) {
                    columns = u.columns;
                    constraint = u.name.isEmpty() ? u"UNIQUE (%1)"_s.arg(u.columns.join(u", "_s)) : u.name;
                }
            }
        }
        if (constraint.isEmpty() && !columns.isEmpty())
            constraint = u"UNIQUE (%1)"_s.arg(columns.join(u", "_s));
        const QString message = u"Another %1 row already has this %2."_s.arg(
            table, columns.isEmpty() ? u"value"_s : columns.join(u", "_s));
        if (columns.isEmpty())
            columns << QString();
        for (const QString &c : std::as_const(columns))
            e.errors << FieldError{c.isEmpty() ? QString() : FieldError::pointerTo(c), constraint, message};
        e.detail = u"Another %1 row already has this value: %2."_s.arg(table, r.error);
        return e;
    }
    case Failure::ForeignKey: {
        const bool referenced = !r.table.isEmpty();   // a delete or key change that rows still refer to
        WriteError e{WriteError::Kind::Conflict, referenced ? u"Row still referenced"_s : u"Referenced row missing"_s,
                     {}, {}};
        const schema::Table *owner = referenced ? m_schema.table(r.table) : m_design;
        const schema::ForeignKey *key = nullptr;
        if (owner) {
            for (const schema::ForeignKey &fk : owner->foreignKeys) {
                if (schema::DdlWriter::foreignKeyName(*owner, fk) == r.constraint) {
                    key = &fk;
                    break;
                }
            }
        }
        const QString constraint = r.constraint;
        QString message;
        if (referenced)
            message = u"Rows of %1 still refer to this %2 row%3: delete or change them first, or make the foreign key "
                      u"cascade in the design."_s.arg(r.table, table,
                                                      key ? u" through the foreign key "_s + fkText(*owner, *key) : QString());
        else
            message = key ? u"No %1 row has these %2 (foreign key %3)."_s.arg(key->refTable, key->refColumns.join(u", "_s),
                                                                            fkText(*owner, *key))
                          : u"The row refers to a row that does not exist (a foreign key of %1)."_s.arg(table);
        if (!referenced && key) {
            for (const QString &c : key->columns)
                e.errors << FieldError{FieldError::pointerTo(c), constraint, message};
        } else {
            e.errors << FieldError{QString(), constraint, message};
        }
        e.detail = message;
        return e;
    }
    default: {
        WriteError e{WriteError::Kind::Rule, u"Constraint violated"_s, {}, {}};
        const QString message = u"The row breaks a rule of table %1: %2."_s.arg(table, r.error);
        e.errors << FieldError{QString(), r.constraint, message};
        e.detail = message;
        return e;
    }
    }
}

} // namespace quarry::mock
