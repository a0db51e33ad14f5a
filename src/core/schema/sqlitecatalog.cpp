// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/sqlitecatalog.h"

#include "db/connection.h"
#include "schema/sqlitecreatetext.h"

#include <QCoreApplication>
#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

using namespace sqlitetext;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SqliteDdlImporter)
};

ColumnType declaredType(const QString &declared)
{
    ColumnType t;
    const QString upper = declared.trimmed().toUpper();
    const qsizetype paren = upper.indexOf(u'(');
    const QString base = (paren < 0 ? upper : upper.left(paren)).simplified();
    QList<int> params;
    if (paren >= 0) {
        for (const QString &p : upper.mid(paren + 1).section(u')', 0, 0).split(u','))
            params << p.trimmed().toInt();
    }
    auto set = [&t](TypeKind k) {
        t.kind = k;
        return t;
    };
    if (base.isEmpty() || base == u"BLOB"_s)
        return set(TypeKind::Binary);
    if (base.contains(u"INT"_s)) { // SQLite's first affinity rule
        if (base == u"BIGINT"_s || base == u"INT8"_s || base == u"UNSIGNED BIG INT"_s)
            return set(TypeKind::BigInt);
        if (base == u"SMALLINT"_s || base == u"INT2"_s || base == u"TINYINT"_s)
            return set(TypeKind::SmallInt);
        if (base == u"INTEGER"_s || base == u"INT"_s || base == u"MEDIUMINT"_s || base == u"INT4"_s)
            return set(TypeKind::Integer);
    }
    if (base.contains(u"VARCHAR"_s) || base.contains(u"VARYING"_s)) {
        t.length = params.value(0);
        return set(TypeKind::Varchar);
    }
    if (base == u"CHAR"_s || base == u"NCHAR"_s || base == u"CHARACTER"_s || base == u"NATIVE CHARACTER"_s) {
        t.length = params.value(0);
        return set(TypeKind::Char);
    }
    if (base == u"TEXT"_s || base == u"CLOB"_s)
        return set(TypeKind::Text);
    if (base == u"REAL"_s || base == u"DOUBLE"_s || base == u"DOUBLE PRECISION"_s || base == u"FLOAT"_s)
        return set(TypeKind::Double); // SQLite stores every REAL in 8 bytes
    if (base == u"NUMERIC"_s || base == u"DECIMAL"_s) {
        t.precision = params.value(0);
        t.scale = params.value(1);
        return set(TypeKind::Decimal);
    }
    // Other names through the shared alias table; SQLite has no serial or enum types, so those
    // names stay as written.
    if (TypeKind kind; ColumnType::kindFromName(base, &kind) && kind != TypeKind::Serial
                       && kind != TypeKind::BigSerial && kind != TypeKind::Enum)
        return set(kind);
    t.kind = TypeKind::Custom;
    t.custom = declared.trimmed();
    return t;
}

ColumnDefault defaultOf(const QString &text)
{
    ColumnDefault d;
    QString v = text.trimmed();
    if (v.isEmpty())
        return d;
    const QList<Token> t = tokenize(v);
    if (t.size() == 1 && t.first().kind == Token::String) {
        d.kind = ColumnDefault::Kind::Literal;
        d.literal = t.first().name();
        return d;
    }
    if (t.size() == 1 && (t.first().is(u"TRUE") || t.first().is(u"FALSE"))) {
        d.kind = ColumnDefault::Kind::Literal;
        d.literal = t.first().is(u"TRUE");
        return d;
    }
    // "(expr)": SQLite requires the parentheses, the model keeps the expression itself.
    if (t.size() > 2 && t.first().isPunct(u'(') && closingParen(t, 0) == t.size() - 1)
        v = v.mid(1, v.size() - 2).trimmed();
    d.kind = ColumnDefault::Kind::Expression;
    d.expression = v;
    return d;
}

class Reader
{
public:
    explicit Reader(db::Connection &db) : m_db(db) {}

    SqlImport read(QStringList notes)
    {
        m_notes = std::move(notes);
        QSet<QString> skipped; // virtual tables and their shadow tables
        for (const QStringList &r : rows("SELECT name, type FROM pragma_table_list WHERE schema = 'main'")) {
            if (r.at(1) == u"virtual"_s || r.at(1) == u"shadow"_s)
                skipped.insert(r.at(0));
        }
        const auto objects = rows("SELECT type, name, tbl_name, sql FROM sqlite_schema "
                                        "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid");
        for (const QStringList &o : objects) {
            const QString &type = o.at(0);
            if (type == u"table" && !skipped.contains(o.at(1)))
                table(o.at(1), o.at(3));
            else if (type == u"table" && o.at(3).startsWith(u"CREATE VIRTUAL"_s, Qt::CaseInsensitive))
                m_notes << Tr::tr("virtual table %1 is not part of a design; skipped.").arg(o.at(1));
        }
        for (const QStringList &o : objects) {
            if (o.at(0) == u"index" && !o.at(3).isEmpty())
                index(o.at(1), o.at(2), o.at(3));
            else if (o.at(0) == u"view")
                view(o.at(1), o.at(3));
            else if (o.at(0) == u"trigger" && !m_announcedTriggers.contains(o.at(1)))
                m_notes << Tr::tr("trigger %1 is not part of a design; skipped.").arg(o.at(1));
        }
        return SqlImport{std::move(m_schema), m_notes};
    }

    QStringList m_announcedTriggers; // triggers already noted with their line while executing

private:
    db::Connection &m_db;

    /// Rows of a query with at most one text parameter, as strings (NULL -> a null QString); none
    /// when the query fails (a pragma this SQLite lacks).
    QList<QStringList> rows(const char *sql, const QString &param = {})
    {
        const QString text = QString::fromLatin1(sql);
        QList<QStringList> out;
        (void)m_db.stream(text, text.contains(u'?') ? QVariantList{param} : QVariantList{}, [&out](const db::Row &r) {
            QStringList row;
            for (qsizetype i = 0; i < r.size(); ++i)
                row << r.text(i);
            out << row;
            return true;
        });
        return out;
    }
    Schema m_schema;
    QStringList m_notes;

    void table(const QString &name, const QString &sql)
    {
        const TableText text = readTableText(sql);
        Table t;
        t.name = name;
        t.id = ObjectIds::table({}, name);
        if (text.withoutRowid) {
            t.extra.insert(u"sqliteWithoutRowid"_s, true);
            m_notes << Tr::tr("%1 is a WITHOUT ROWID table; the design keeps that only as a SQLite option.").arg(name);
        }
        QStringList pk; // in key order
        QMap<int, QString> pkOrder;
        for (const QStringList &r : rows("SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                                               "FROM pragma_table_xinfo(?1)", name)) {
            const int hidden = r.at(5).toInt();
            if (hidden == 1)
                continue;
            Column c;
            c.name = r.at(0);
            c.id = ObjectIds::column(name, c.name);
            c.type = declaredType(r.at(1));
            c.nullable = r.at(2).toInt() == 0;
            c.defaultValue = defaultOf(r.at(3));
            if (hidden == 2 || hidden == 3) {
                c.generatedExpression = text.generated.value(c.name.toLower());
                if (hidden == 2)
                    m_notes << Tr::tr("%1.%2 is a VIRTUAL generated column; the design keeps it as STORED.").arg(name, c.name);
            }
            if (const int k = r.at(4).toInt(); k > 0)
                pkOrder.insert(k, c.name);
            t.columns.append(c);
        }
        pk = pkOrder.values();
        if (pk.size() == 1) {
            Column *c = t.column(pk.first());
            c->primaryKey = true;
            // The rowid alias: it numbers itself and never holds NULL.
            if (!text.withoutRowid && c->type.kind == TypeKind::Integer) {
                c->type.kind = TypeKind::Serial;
                c->nullable = false;
            }
        } else if (pk.size() > 1) {
            t.primaryKey = KeyConstraint{ObjectIds::primaryKey(name), text.primaryKeyName, pk, {}};
        }
        uniques(t, text);
        foreignKeys(t, text);
        int n = 0;
        for (const TableText::Check &ck : text.checks) {
            ++n;
            t.checks.append(CheckConstraint{ObjectIds::check(name, ck.name.isEmpty() ? QString::number(n) : ck.name),
                                            ck.name, ck.expression, {}});
        }
        m_schema.tables.append(t);
    }

    void uniques(Table &t, const TableText &text)
    {
        // Constraint-backed indexes are named sqlite_autoindex_TABLE_N in declaration order.
        QList<QPair<int, QStringList>> found;
        for (const QStringList &r : rows("SELECT name, origin FROM pragma_index_list(?1)", t.name)) {
            if (r.at(1) != u"u"_s)
                continue;
            QStringList cols;
            for (const QStringList &c : rows("SELECT name FROM pragma_index_info(?1) ORDER BY seqno", r.at(0)))
                cols << c.at(0);
            found.append({r.at(0).section(u'_', -1).toInt(), cols});
        }
        std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[order, cols] : found) {
            const QString name = text.uniqueNames.value(columnsKey(cols));
            if (cols.size() == 1 && name.isEmpty()) {
                if (Column *c = t.column(cols.first()))
                    c->unique = true;
                continue;
            }
            t.uniques.append(KeyConstraint{ObjectIds::unique(t.name, name.isEmpty() ? cols.join(u'-') : name), name, cols, {}});
        }
    }

    void foreignKeys(Table &t, const TableText &text)
    {
        // foreign_key_list numbers the last declared key 0.
        QMap<int, ForeignKey> byId;
        for (const QStringList &r : rows("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                                               "FROM pragma_foreign_key_list(?1) ORDER BY id, seq", t.name)) {
            ForeignKey &fk = byId[-r.at(0).toInt()];
            fk.refTable = r.at(1);
            fk.columns << r.at(2);
            if (!r.at(3).isNull())
                fk.refColumns << r.at(3);
            fk.onUpdate = ReferentialActions::fromText(r.at(4)).value_or(ReferentialAction::NoAction);
            fk.onDelete = ReferentialActions::fromText(r.at(5)).value_or(ReferentialAction::NoAction);
        }
        for (ForeignKey fk : std::as_const(byId)) {
            fk.name = text.foreignKeyNames.value(columnsKey(fk.columns));
            fk.id = ObjectIds::foreignKey(t.name, fk.name.isEmpty() ? fk.columns.join(u'-') : fk.name);
            if (fk.refColumns.isEmpty()) { // REFERENCES t: its primary key
                for (const QStringList &r : rows("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk",
                                                 fk.refTable))
                    fk.refColumns << r.at(0);
            }
            t.foreignKeys.append(fk);
        }
    }

    void index(const QString &name, const QString &tableName, const QString &sql)
    {
        Table *t = m_schema.table(tableName);
        if (!t)
            return; // on a skipped (virtual) table
        const IndexText text = readIndexText(sql);
        Index ix;
        ix.name = name;
        ix.id = ObjectIds::index(tableName, name);
        ix.where = text.where;
        const QList<Token> head = tokenize(sql, 2);
        ix.unique = head.size() == 2 && head.at(1).is(u"UNIQUE");
        const auto keys = rows("SELECT cid, name, \"desc\" FROM pragma_index_xinfo(?1) WHERE \"key\" = 1 ORDER BY seqno", name);
        for (qsizetype i = 0; i < keys.size(); ++i) {
            IndexElement e;
            if (keys.at(i).at(0).toInt() >= 0)
                e.column = keys.at(i).at(1);
            else
                e.expression = text.elements.value(i);
            e.descending = keys.at(i).at(2) == u"1"_s;
            ix.elements.append(e);
        }
        t->indexes.append(ix);
    }

    void view(const QString &name, const QString &sql)
    {
        View v;
        v.name = name;
        v.id = ObjectIds::view(name);
        v.sql = viewQuery(sql);
        m_schema.views.append(v);
    }
};

} // namespace

SqlImport readSqliteCatalog(db::Connection &connection, QStringList notes, const QStringList &announcedTriggers)
{
    Reader reader(connection);
    reader.m_announcedTriggers = announcedTriggers;
    return reader.read(std::move(notes));
}

} // namespace quarry::schema
