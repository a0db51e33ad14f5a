// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/validator.h"

#include "schema/dialect.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Validator)
};

QString key(const QString &ns, const QString &name)
{
    return ns + QChar(0x1f) + name;
}

QString qualified(const QString &ns, const QString &name)
{
    return ns.isEmpty() ? name : ns + u'.' + name;
}

class Check
{
public:
    Check(const Schema &schema, const QList<const Dialect *> &dialects) : s(schema), dialects(dialects)
    {
        for (const Dialect *d : dialects) {
            QSet<QString> words;
            for (const QString &w : d->reservedWords())
                words.insert(w.toUpper());
            reserved.append(words);
            features.append(d->features());
        }
    }

    QList<Problem> run()
    {
        namespaces();
        enums();
        tablesAndViews();
        for (const Table &t : s.tables)
            table(t);
        return problems;
    }

private:
    const Schema &s;
    const QList<const Dialect *> &dialects;
    QList<QSet<QString>> reserved;
    QList<DialectFeatures> features;
    QList<Problem> problems;
    QSet<QString> declaredNamespaces;
    QHash<QString, const Table *> tablesByKey;
    QSet<QString> ids;

    void error(const QString &code, const QString &where, const QString &id, const QString &message)
    {
        problems.append(Problem{Problem::Severity::Error, code, message, where, id});
    }
    void warning(const QString &code, const QString &where, const QString &id, const QString &message)
    {
        problems.append(Problem{Problem::Severity::Warning, code, message, where, id});
    }

    // `where` is only built when there is something to report: the common case stays cheap.
    template <typename Where>
    void checkId(const QString &id, Where &&where)
    {
        if (ids.contains(id))
            error(u"duplicate-id"_s, where(), id, Tr::tr("The id \"%1\" is used by more than one object.").arg(id));
        ids.insert(id);
    }
    void checkId(const QString &id, const QString &where)
    {
        checkId(id, [&] { return where; });
    }

    // Reserved words, empty names and over-long names, for every object kind. `what` is
    // translated only when a problem is reported.
    template <typename Where>
    void checkName(const QString &name, const char *what, Where &&where, const QString &id)
    {
        if (name.trimmed().isEmpty()) {
            error(u"empty-name"_s, where(), id, Tr::tr("The %1 has no name.").arg(Tr::tr(what)));
            return;
        }
        const QString upper = name.toUpper();
        const qsizetype bytes = name.size() > 20 ? name.toUtf8().size() : name.size() * 3;
        QStringList reservedIn;
        for (qsizetype i = 0; i < dialects.size(); ++i) {
            if (reserved.at(i).contains(upper))
                reservedIn << dialects.at(i)->displayName();
            const int max = features.at(i).maxIdentifierLength;
            if (max > 0 && bytes > max && name.toUtf8().size() > max)
                warning(u"name-too-long"_s, where(), id,
                        Tr::tr("The %1 name \"%2\" is longer than %3's limit of %4 bytes.")
                            .arg(Tr::tr(what), name, dialects.at(i)->displayName())
                            .arg(max));
        }
        if (!reservedIn.isEmpty())
            warning(u"reserved-word"_s, where(), id,
                    Tr::tr("The %1 name \"%2\" is a reserved word in %3; it will always need quoting.")
                        .arg(Tr::tr(what), name, reservedIn.join(u", "_s)));
    }
    void checkName(const QString &name, const char *what, const QString &where, const QString &id)
    {
        checkName(name, what, [&] { return where; }, id);
    }

    void checkNamespace(const QString &ns, const QString &where, const QString &id)
    {
        if (!ns.isEmpty() && !declaredNamespaces.contains(ns))
            error(u"broken-reference"_s, where, id, Tr::tr("The namespace \"%1\" is not declared.").arg(ns));
    }

    void namespaces()
    {
        for (const Namespace &n : s.namespaces) {
            checkId(n.id, n.name);
            checkName(n.name, QT_TRANSLATE_NOOP("Validator", "namespace"), n.name, n.id);
            if (declaredNamespaces.contains(n.name))
                error(u"duplicate-name"_s, n.name, n.id, Tr::tr("The namespace \"%1\" is declared twice.").arg(n.name));
            declaredNamespaces.insert(n.name);
        }
    }

    void enums()
    {
        QSet<QString> seen;
        for (const EnumType &e : s.enums) {
            const QString where = u"enum "_s + qualified(e.nameSpace, e.name);
            checkId(e.id, where);
            checkName(e.name, QT_TRANSLATE_NOOP("Validator", "enum"), where, e.id);
            checkNamespace(e.nameSpace, where, e.id);
            if (seen.contains(key(e.nameSpace, e.name)))
                error(u"duplicate-name"_s, where, e.id, Tr::tr("Two enums are named \"%1\".").arg(e.name));
            seen.insert(key(e.nameSpace, e.name));
            if (e.values.isEmpty())
                error(u"empty-enum"_s, where, e.id, Tr::tr("The enum \"%1\" has no values.").arg(e.name));
            QSet<QString> values;
            for (const QString &v : e.values) {
                if (values.contains(v))
                    error(u"duplicate-name"_s, where, e.id,
                          Tr::tr("The enum \"%1\" lists the value \"%2\" twice.").arg(e.name, v));
                values.insert(v);
            }
        }
    }

    void tablesAndViews()
    {
        for (const Table &t : s.tables) {
            const QString k = key(t.nameSpace, t.name);
            if (tablesByKey.contains(k))
                error(u"duplicate-name"_s, t.displayName(), t.id, Tr::tr("Two tables are named \"%1\".").arg(t.displayName()));
            else
                tablesByKey.insert(k, &t);
        }
        // A dialect without namespaces (SQLite) flattens sales.orders and orders into one name.
        for (qsizetype i = 0; i < dialects.size(); ++i) {
            if (features.at(i).namespaces)
                continue;
            QHash<QString, const Table *> flat;
            for (const Table &t : s.tables) {
                if (const Table *other = flat.value(t.name))
                    warning(u"namespace-collision"_s, t.displayName(), t.id,
                            Tr::tr("%1 has no namespaces: %2 and %3 would both be created as %4.")
                                .arg(dialects.at(i)->displayName(), other->displayName(), t.displayName(), t.name));
                flat.insert(t.name, &t);
            }
        }
        for (const View &v : s.views) {
            const QString where = qualified(v.nameSpace, v.name);
            checkId(v.id, where);
            checkName(v.name, QT_TRANSLATE_NOOP("Validator", "view"), where, v.id);
            checkNamespace(v.nameSpace, where, v.id);
            if (tablesByKey.contains(key(v.nameSpace, v.name)))
                error(u"duplicate-name"_s, where, v.id, Tr::tr("A table and a view are both named \"%1\".").arg(where));
            if (v.sql.trimmed().isEmpty())
                error(u"empty-view"_s, where, v.id, Tr::tr("The view \"%1\" has no query.").arg(where));
        }
        // Index and named-constraint names share one namespace in PostgreSQL (they are relations).
        QHash<QString, QString> relationNames;
        for (const Table &t : s.tables) {
            auto claim = [&](const QString &name, const QString &id, const QString &what) {
                if (name.isEmpty())
                    return;
                const QString k = key(t.nameSpace, name);
                if (relationNames.contains(k) || tablesByKey.contains(k))
                    error(u"duplicate-name"_s, t.displayName() + u'.' + name, id,
                          Tr::tr("The %1 name \"%2\" is already used by another table, index or key.").arg(what, name));
                relationNames.insert(k, id);
            };
            if (t.primaryKey)
                claim(t.primaryKey->name, t.primaryKey->id, Tr::tr("primary key"));
            for (const KeyConstraint &u : t.uniques)
                claim(u.name, u.id, Tr::tr("unique constraint"));
            for (const Index &ix : t.indexes)
                claim(ix.name, ix.id, Tr::tr("index"));
        }
    }

    void keyColumns(const Table &t, const QStringList &columns, const QString &what, const QString &id)
    {
        if (columns.isEmpty())
            error(u"empty-key"_s, t.displayName(), id, Tr::tr("The %1 of %2 has no columns.").arg(what, t.displayName()));
        QSet<QString> seen;
        for (const QString &c : columns) {
            if (!t.column(c))
                error(u"broken-reference"_s, t.displayName() + u'.' + c, id,
                      Tr::tr("The %1 names the column \"%2\", which %3 does not have.").arg(what, c, t.displayName()));
            if (seen.contains(c))
                error(u"duplicate-name"_s, t.displayName() + u'.' + c, id,
                      Tr::tr("The %1 lists the column \"%2\" twice.").arg(what, c));
            seen.insert(c);
        }
    }

    void column(const Table &t, const Column &c)
    {
        auto whereFn = [&] { return t.displayName() + u'.' + c.name; };
        checkId(c.id, whereFn);
        checkName(c.name, QT_TRANSLATE_NOOP("Validator", "column"), whereFn, c.id);
        const ColumnType &type = c.type;
        const bool suspicious = type.kind == TypeKind::Enum || type.kind == TypeKind::Custom || type.kind == TypeKind::Decimal
            || type.kind == TypeKind::Char || c.identity != Column::Identity::None || !c.generatedExpression.isEmpty()
            || c.defaultValue.kind == ColumnDefault::Kind::Expression || type.array;
        if (!suspicious)
            return;
        const QString where = whereFn();
        if (type.kind == TypeKind::Enum && !s.enumType(type.enumName, t.nameSpace) && !s.enumType(type.enumName))
            error(u"broken-reference"_s, where, c.id, Tr::tr("The column's enum \"%1\" does not exist.").arg(type.enumName));
        if (type.kind == TypeKind::Custom)
            warning(u"custom-type"_s, where, c.id,
                    Tr::tr("\"%1\" is not a portable type; it is emitted as written for every dialect.").arg(type.custom));
        if (type.kind == TypeKind::Decimal && type.scale > type.precision && type.precision > 0)
            error(u"invalid-type"_s, where, c.id, Tr::tr("The scale (%1) is larger than the precision (%2).")
                                                      .arg(type.scale).arg(type.precision));
        if (type.kind == TypeKind::Char && type.length == 0)
            warning(u"invalid-type"_s, where, c.id, Tr::tr("A char column without a length holds one character."));
        if (c.identity != Column::Identity::None && (!type.isInteger() || type.isAutoIncrement()))
            error(u"invalid-type"_s, where, c.id,
                  Tr::tr("An identity column is a smallint, integer or bigint (serial already is one)."));
        if (!c.generatedExpression.isEmpty() && (c.defaultValue.isSet() || c.identity != Column::Identity::None))
            error(u"invalid-default"_s, where, c.id, Tr::tr("A generated column cannot also have a default or an identity."));
        if (c.defaultValue.kind == ColumnDefault::Kind::Expression && c.defaultValue.expression.trimmed().isEmpty())
            error(u"invalid-default"_s, where, c.id, Tr::tr("The default expression is empty."));
        for (qsizetype i = 0; i < dialects.size(); ++i) {
            if (type.array && !features.at(i).arrays)
                warning(u"unsupported-feature"_s, where, c.id,
                        Tr::tr("%1 has no array types; the column is stored as JSON text there.").arg(dialects.at(i)->displayName()));
        }
    }

    void foreignKey(const Table &t, const ForeignKey &fk)
    {
        const QString fkName = fk.name.isEmpty() ? fk.columns.join(u", "_s) : fk.name;
        const QString where = fk.columns.size() == 1 ? t.displayName() + u'.' + fk.columns.first() : t.displayName();
        checkId(fk.id, where);
        keyColumns(t, fk.columns, Tr::tr("foreign key %1").arg(fkName), fk.id);
        const Table *target = tablesByKey.value(key(fk.refNamespace, fk.refTable));
        if (!target) {
            error(u"broken-reference"_s, where, fk.id,
                  Tr::tr("The foreign key references the table \"%1\", which does not exist.")
                      .arg(qualified(fk.refNamespace, fk.refTable)));
            return;
        }
        if (fk.columns.size() != fk.refColumns.size()) {
            error(u"broken-reference"_s, where, fk.id,
                  Tr::tr("The foreign key has %1 column(s) but references %2.").arg(fk.columns.size()).arg(fk.refColumns.size()));
            return;
        }
        bool refsExist = true;
        for (qsizetype i = 0; i < fk.columns.size(); ++i) {
            const Column *from = t.column(fk.columns.at(i));
            const Column *to = target->column(fk.refColumns.at(i));
            if (!to) {
                refsExist = false;
                error(u"broken-reference"_s, where, fk.id,
                      Tr::tr("The foreign key references %1.%2, which does not exist.")
                          .arg(target->displayName(), fk.refColumns.at(i)));
                continue;
            }
            if (from && !from->type.isCompatibleReference(to->type))
                error(u"type-mismatch"_s, t.displayName() + u'.' + from->name, fk.id,
                      Tr::tr("%1.%2 is %3 but references %4.%5, which is %6.")
                          .arg(t.displayName(), from->name, from->type.displayName(), target->displayName(), to->name,
                               to->type.displayName()));
            if (from && !from->nullable && fk.onDelete == ReferentialAction::SetNull)
                error(u"invalid-action"_s, t.displayName() + u'.' + from->name, fk.id,
                      Tr::tr("ON DELETE SET NULL cannot work: %1.%2 is NOT NULL.").arg(t.displayName(), from->name));
        }
        if (!refsExist)
            return;
        // The referenced columns must be a primary key or unique key (as a set).
        auto sameSet = [](QStringList a, QStringList b) {
            a.sort();
            b.sort();
            return a == b;
        };
        bool isKey = sameSet(target->primaryKeyColumns(), fk.refColumns);
        if (!isKey) {
            for (const QStringList &u : target->uniqueKeys()) {
                if (sameSet(u, fk.refColumns))
                    isKey = true;
            }
        }
        if (!isKey) {
            for (const Index &ix : target->indexes) {
                QStringList cols;
                for (const IndexElement &e : ix.elements)
                    cols << e.column;
                if (ix.unique && ix.where.isEmpty() && sameSet(cols, fk.refColumns))
                    isKey = true;
            }
        }
        if (!isKey)
            error(u"fk-not-key"_s, where, fk.id,
                  Tr::tr("The foreign key references %1 (%2), which is neither its primary key nor a unique key.")
                      .arg(target->displayName(), fk.refColumns.join(u", "_s)));
    }

    void table(const Table &t)
    {
        const QString where = t.displayName();
        checkId(t.id, where);
        checkName(t.name, QT_TRANSLATE_NOOP("Validator", "table"), where, t.id);
        checkNamespace(t.nameSpace, where, t.id);
        if (t.columns.isEmpty())
            error(u"empty-table"_s, where, t.id, Tr::tr("The table %1 has no columns.").arg(where));
        QSet<QString> names;
        for (const Column &c : t.columns) {
            if (names.contains(c.name))
                error(u"duplicate-name"_s, where + u'.' + c.name, c.id,
                      Tr::tr("The table %1 has two columns named \"%2\".").arg(where, c.name));
            names.insert(c.name);
            column(t, c);
        }
        bool columnPk = false;
        for (const Column &c : t.columns)
            columnPk = columnPk || c.primaryKey;
        if (t.primaryKey) {
            checkId(t.primaryKey->id, where);
            if (columnPk)
                error(u"duplicate-primary-key"_s, where, t.id,
                      Tr::tr("The table %1 has a table-level primary key and columns marked as primary key.").arg(where));
            keyColumns(t, t.primaryKey->columns, Tr::tr("primary key"), t.primaryKey->id);
        }
        for (const KeyConstraint &u : t.uniques) {
            checkId(u.id, where);
            keyColumns(t, u.columns, Tr::tr("unique constraint"), u.id);
        }
        for (const ForeignKey &fk : t.foreignKeys)
            foreignKey(t, fk);
        for (const CheckConstraint &ck : t.checks) {
            checkId(ck.id, where);
            if (ck.expression.trimmed().isEmpty())
                error(u"empty-check"_s, where, ck.id, Tr::tr("A check constraint of %1 has no expression.").arg(where));
        }
        for (const Index &ix : t.indexes) {
            const QString iwhere = where + u'.' + (ix.name.isEmpty() ? u"(unnamed index)"_s : ix.name);
            checkId(ix.id, iwhere);
            if (!ix.name.isEmpty())
                checkName(ix.name, QT_TRANSLATE_NOOP("Validator", "index"), iwhere, ix.id);
            if (ix.elements.isEmpty())
                error(u"empty-key"_s, iwhere, ix.id, Tr::tr("The index has no columns."));
            for (const IndexElement &e : ix.elements) {
                if (!e.column.isEmpty() && !t.column(e.column))
                    error(u"broken-reference"_s, where + u'.' + e.column, ix.id,
                          Tr::tr("The index %1 names the column \"%2\", which %3 does not have.")
                              .arg(ix.name, e.column, where));
            }
            for (qsizetype i = 0; i < dialects.size(); ++i) {
                const DialectFeatures &f = features.at(i);
                if (!ix.method.isEmpty() && !f.indexMethods.contains(ix.method.toLower()))
                    warning(u"unsupported-feature"_s, iwhere, ix.id,
                            Tr::tr("%1 has no %2 indexes; the index is created with its default method.")
                                .arg(dialects.at(i)->displayName(), ix.method));
                if (!ix.where.isEmpty() && !f.partialIndexes)
                    warning(u"unsupported-feature"_s, iwhere, ix.id,
                            Tr::tr("%1 has no partial indexes; the index is left out.").arg(dialects.at(i)->displayName()));
            }
        }
    }
};

} // namespace

Validator::Validator(QList<const Dialect *> dialects) : m_dialects(std::move(dialects)) {}

QList<Problem> Validator::validate(const Schema &schema) const
{
    return Check(schema, m_dialects).run();
}

bool Validator::hasErrors(const QList<Problem> &problems)
{
    for (const Problem &p : problems) {
        if (p.isError())
            return true;
    }
    return false;
}

} // namespace quarry::schema
