// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/sqliteddlimporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SqliteDdlImporter)
};

// ---- A small SQL tokenizer for the CREATE texts SQLite keeps. SQLite has already accepted
// every statement, so this only needs to find boundaries, not to judge.

struct Token {
    enum Kind { Word, Quoted, String, Number, Punct };
    Kind kind = Punct;
    QString text;    ///< Word: as written; Quoted: the unquoted name; others: as written
    qsizetype start = 0;
    qsizetype end = 0;

    bool is(QStringView word) const { return kind == Word && text.compare(word, Qt::CaseInsensitive) == 0; }
    bool isPunct(QChar c) const { return kind == Punct && text.size() == 1 && text.at(0) == c; }
    bool isName() const { return kind == Word || kind == Quoted || kind == String; }
    QString name() const
    {
        if (kind == String) // SQLite accepts 'name' where a name is expected
            return text.mid(1, text.size() - 2).replace(u"''"_s, u"'"_s);
        return text;
    }
};

QList<Token> tokenize(const QString &s, qsizetype limit = -1)
{
    QList<Token> out;
    qsizetype i = 0;
    const qsizetype n = s.size();
    while (i < n && (limit < 0 || out.size() < limit)) {
        const QChar c = s.at(i);
        if (c.isSpace()) {
            ++i;
        } else if (c == u'-' && i + 1 < n && s.at(i + 1) == u'-') {
            while (i < n && s.at(i) != u'\n')
                ++i;
        } else if (c == u'/' && i + 1 < n && s.at(i + 1) == u'*') {
            const qsizetype e = s.indexOf(u"*/"_s, i + 2);
            i = e < 0 ? n : e + 2;
        } else if (c == u'"' || c == u'`' || c == u'[' || c == u'\'') {
            const QChar close = c == u'[' ? u']' : c;
            Token t;
            t.kind = c == u'\'' ? Token::String : Token::Quoted;
            t.start = i++;
            QString value;
            while (i < n) {
                if (s.at(i) == close) {
                    if (close != u']' && i + 1 < n && s.at(i + 1) == close) {
                        value += close;
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                value += s.at(i++);
            }
            t.end = i;
            t.text = t.kind == Token::String ? s.mid(t.start, t.end - t.start) : value;
            out << t;
        } else if (c.isLetter() || c == u'_') {
            Token t{Token::Word, {}, i, i};
            while (i < n && (s.at(i).isLetterOrNumber() || s.at(i) == u'_' || s.at(i) == u'$'))
                ++i;
            t.end = i;
            t.text = s.mid(t.start, i - t.start);
            out << t;
        } else if (c.isDigit() || (c == u'.' && i + 1 < n && s.at(i + 1).isDigit())) {
            Token t{Token::Number, {}, i, i};
            while (i < n && (s.at(i).isLetterOrNumber() || s.at(i) == u'.'))
                ++i;
            t.end = i;
            t.text = s.mid(t.start, i - t.start);
            out << t;
        } else {
            out << Token{Token::Punct, QString(c), i, i + 1};
            ++i;
        }
    }
    return out;
}

// The index of the ")" that closes the "(" at `open`, or the last token.
qsizetype closingParen(const QList<Token> &t, qsizetype open)
{
    int depth = 0;
    for (qsizetype i = open; i < t.size(); ++i) {
        if (t.at(i).isPunct(u'('))
            ++depth;
        else if (t.at(i).isPunct(u')') && --depth == 0)
            return i;
    }
    return t.size() - 1;
}

// Top-level comma-separated items between the "(" at `open` and its ")".
QList<QList<Token>> items(const QList<Token> &t, qsizetype open, qsizetype close)
{
    QList<QList<Token>> out(1);
    int depth = 0;
    for (qsizetype i = open + 1; i < close; ++i) {
        const Token &k = t.at(i);
        if (k.isPunct(u'('))
            ++depth;
        else if (k.isPunct(u')'))
            --depth;
        if (depth == 0 && k.isPunct(u',')) {
            out.append(QList<Token>());
            continue;
        }
        out.last() << k;
    }
    if (out.last().isEmpty())
        out.removeLast();
    return out;
}

QString textBetween(const QString &s, const Token &open, const Token &close)
{
    return s.mid(open.end, close.start - open.end).trimmed();
}

QString key(const QStringList &columns)
{
    return columns.join(u'\x1f').toLower();
}

// A column list "(a, b)" starting at `open`.
QStringList nameList(const QList<Token> &t, qsizetype open)
{
    QStringList names;
    const qsizetype close = closingParen(t, open);
    for (const QList<Token> &item : items(t, open, close)) {
        if (!item.isEmpty())
            names << item.first().name();
    }
    return names;
}

/// What the CREATE TABLE text says beyond the pragmas.
struct TableText {
    struct Check {
        QString name;
        QString expression;
    };
    QList<Check> checks;
    QString primaryKeyName;
    QHash<QString, QString> uniqueNames;    // key(columns) -> constraint name
    QHash<QString, QString> foreignKeyNames;
    QHash<QString, QString> generated;      // lower-case column -> expression
    QSet<QString> virtualGenerated;
    QSet<QString> autoincrement;
    bool withoutRowid = false;
};

TableText readTableText(const QString &sql)
{
    TableText out;
    const QList<Token> t = tokenize(sql);
    qsizetype open = 0;
    while (open < t.size() && !t.at(open).isPunct(u'('))
        ++open;
    if (open >= t.size())
        return out;
    const qsizetype close = closingParen(t, open);
    for (qsizetype i = close + 1; i + 1 < t.size(); ++i) {
        if (t.at(i).is(u"WITHOUT") && t.at(i + 1).is(u"ROWID"))
            out.withoutRowid = true;
    }
    for (const QList<Token> &item : items(t, open, close)) {
        if (item.isEmpty())
            continue;
        qsizetype i = 0;
        QString name;
        const Token &first = item.first();
        const bool tableConstraint = first.is(u"CONSTRAINT") || first.is(u"PRIMARY") || first.is(u"UNIQUE")
                                     || first.is(u"CHECK") || first.is(u"FOREIGN");
        if (tableConstraint) {
            if (first.is(u"CONSTRAINT") && item.size() > 2) {
                name = item.at(1).name();
                i = 2;
            }
            qsizetype paren = i;
            while (paren < item.size() && !item.at(paren).isPunct(u'('))
                ++paren;
            if (paren >= item.size())
                continue;
            if (item.at(i).is(u"CHECK"))
                out.checks.append({name, textBetween(sql, item.at(paren), item.at(closingParen(item, paren)))});
            else if (item.at(i).is(u"PRIMARY"))
                out.primaryKeyName = name;
            else if (item.at(i).is(u"UNIQUE"))
                out.uniqueNames.insert(key(nameList(item, paren)), name);
            else if (item.at(i).is(u"FOREIGN"))
                out.foreignKeyNames.insert(key(nameList(item, paren)), name);
            continue;
        }
        // A column definition: name, type, then column constraints.
        const QString column = first.name();
        const QString lower = column.toLower();
        for (i = 1; i < item.size(); ++i) {
            const Token &k = item.at(i);
            if (k.is(u"CONSTRAINT") && i + 1 < item.size()) {
                name = item.at(++i).name();
            } else if (k.is(u"CHECK") && i + 1 < item.size() && item.at(i + 1).isPunct(u'(')) {
                const qsizetype c = closingParen(item, i + 1);
                out.checks.append({name, textBetween(sql, item.at(i + 1), item.at(c))});
                name.clear();
                i = c;
            } else if (k.is(u"AS") && i + 1 < item.size() && item.at(i + 1).isPunct(u'(')) {
                const qsizetype c = closingParen(item, i + 1);
                out.generated.insert(lower, textBetween(sql, item.at(i + 1), item.at(c)));
                if (!(c + 1 < item.size() && item.at(c + 1).is(u"STORED")))
                    out.virtualGenerated.insert(lower);
                name.clear();
                i = c;
            } else if (k.is(u"AUTOINCREMENT")) {
                out.autoincrement.insert(lower);
            } else if (k.is(u"REFERENCES")) {
                out.foreignKeyNames.insert(key({column}), name);
                name.clear();
            } else if (k.is(u"UNIQUE")) {
                out.uniqueNames.insert(key({column}), name);
                name.clear();
            } else if (k.isPunct(u'(')) {
                i = closingParen(item, i); // a type's (p, s), a DEFAULT (expr), COLLATE...
            }
        }
    }
    return out;
}

/// The parts of CREATE INDEX that index_xinfo does not give: expression text and WHERE.
struct IndexText {
    QStringList elements;   // each element without ASC/DESC/COLLATE
    QString where;
};

IndexText readIndexText(const QString &sql)
{
    IndexText out;
    const QList<Token> t = tokenize(sql);
    qsizetype on = 0;
    while (on < t.size() && !t.at(on).is(u"ON"))
        ++on;
    qsizetype open = on;
    while (open < t.size() && !t.at(open).isPunct(u'('))
        ++open;
    if (open >= t.size())
        return out;
    const qsizetype close = closingParen(t, open);
    for (QList<Token> item : items(t, open, close)) {
        if (!item.isEmpty() && (item.last().is(u"ASC") || item.last().is(u"DESC")))
            item.removeLast();
        if (item.size() > 2 && item.at(item.size() - 2).is(u"COLLATE"))
            item.resize(item.size() - 2);
        // "(expr)" and "expr" are the same key; the model keeps the expression itself.
        while (item.size() > 2 && item.first().isPunct(u'(') && closingParen(item, 0) == item.size() - 1)
            item = item.mid(1, item.size() - 2);
        out.elements << (item.isEmpty() ? QString() : sql.mid(item.first().start, item.last().end - item.first().start));
    }
    if (close + 1 < t.size() && t.at(close + 1).is(u"WHERE")) {
        out.where = sql.mid(t.at(close + 1).end).trimmed();
        if (out.where.endsWith(u';'))
            out.where.chop(1);
    }
    return out;
}

QString viewQuery(const QString &sql)
{
    const QList<Token> t = tokenize(sql);
    int depth = 0;
    for (const Token &k : t) {
        if (k.isPunct(u'('))
            ++depth;
        else if (k.isPunct(u')'))
            --depth;
        else if (depth == 0 && k.is(u"AS")) {
            QString q = sql.mid(k.end).trimmed();
            if (q.endsWith(u';'))
                q.chop(1);
            return q;
        }
    }
    return {};
}

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
    static const QHash<QString, TypeKind> named = {
        {u"BOOLEAN"_s, TypeKind::Boolean},       {u"BOOL"_s, TypeKind::Boolean},
        {u"DATE"_s, TypeKind::Date},             {u"TIME"_s, TypeKind::Time},
        {u"DATETIME"_s, TypeKind::Timestamp},    {u"TIMESTAMP"_s, TypeKind::Timestamp},
        {u"TIMESTAMPTZ"_s, TypeKind::TimestampTz}, {u"INTERVAL"_s, TypeKind::Interval},
        {u"JSON"_s, TypeKind::Json},             {u"JSONB"_s, TypeKind::Jsonb},
        {u"UUID"_s, TypeKind::Uuid}};
    if (const auto it = named.constFind(base); it != named.constEnd())
        return set(it.value());
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

ReferentialAction actionOf(const QString &text)
{
    const QString a = text.toUpper();
    if (a == u"CASCADE"_s)
        return ReferentialAction::Cascade;
    if (a == u"RESTRICT"_s)
        return ReferentialAction::Restrict;
    if (a == u"SET NULL"_s)
        return ReferentialAction::SetNull;
    if (a == u"SET DEFAULT"_s)
        return ReferentialAction::SetDefault;
    return ReferentialAction::NoAction;
}

// ---- The connection and its queries.

struct DbCloser {
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using Stmt = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

QString columnText(sqlite3_stmt *s, int i)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(s, i)) : QString();
}

/// Rows of a query with one text parameter, as strings (NULL -> a null QString).
QList<QStringList> rows(sqlite3 *db, const char *sql, const QString &param = {})
{
    QList<QStringList> out;
    sqlite3_stmt *raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK)
        return out;
    Stmt stmt(raw);
    if (sqlite3_bind_parameter_count(raw) > 0) {
        const QByteArray p = param.toUtf8();
        sqlite3_bind_text(raw, 1, p.constData(), int(p.size()), SQLITE_TRANSIENT);
    }
    while (sqlite3_step(raw) == SQLITE_ROW) {
        QStringList row;
        for (int i = 0; i < sqlite3_column_count(raw); ++i)
            row << (sqlite3_column_type(raw, i) == SQLITE_NULL ? QString() : columnText(raw, i));
        out << row;
    }
    return out;
}

class Reader
{
public:
    explicit Reader(sqlite3 *db) : m_db(db) {}

    SqlImport read(QStringList notes)
    {
        m_notes = std::move(notes);
        QSet<QString> skipped; // virtual tables and their shadow tables
        for (const QStringList &r : rows(m_db, "SELECT name, type FROM pragma_table_list WHERE schema = 'main'")) {
            if (r.at(1) == u"virtual"_s || r.at(1) == u"shadow"_s)
                skipped.insert(r.at(0));
        }
        const auto objects = rows(m_db, "SELECT type, name, tbl_name, sql FROM sqlite_schema "
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
    sqlite3 *m_db;
    Schema m_schema;
    QStringList m_notes;

    void table(const QString &name, const QString &sql)
    {
        const TableText text = readTableText(sql);
        Table t;
        t.name = name;
        t.id = u"tbl-"_s + name;
        if (text.withoutRowid) {
            t.extra.insert(u"sqliteWithoutRowid"_s, true);
            m_notes << Tr::tr("%1 is a WITHOUT ROWID table; the design keeps that only as a SQLite option.").arg(name);
        }
        QStringList pk; // in key order
        QMap<int, QString> pkOrder;
        for (const QStringList &r : rows(m_db, "SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                                               "FROM pragma_table_xinfo(?1)", name)) {
            const int hidden = r.at(5).toInt();
            if (hidden == 1)
                continue;
            Column c;
            c.name = r.at(0);
            c.id = u"col-%1-%2"_s.arg(name, c.name);
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
            t.primaryKey = KeyConstraint{u"pk-"_s + name, text.primaryKeyName, pk, {}};
        }
        uniques(t, text);
        foreignKeys(t, text);
        int n = 0;
        for (const TableText::Check &ck : text.checks) {
            ++n;
            t.checks.append(CheckConstraint{u"ck-%1-%2"_s.arg(name, ck.name.isEmpty() ? QString::number(n) : ck.name),
                                            ck.name, ck.expression, {}});
        }
        m_schema.tables.append(t);
    }

    void uniques(Table &t, const TableText &text)
    {
        // Constraint-backed indexes are named sqlite_autoindex_TABLE_N in declaration order.
        QList<QPair<int, QStringList>> found;
        for (const QStringList &r : rows(m_db, "SELECT name, origin FROM pragma_index_list(?1)", t.name)) {
            if (r.at(1) != u"u"_s)
                continue;
            QStringList cols;
            for (const QStringList &c : rows(m_db, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno", r.at(0)))
                cols << c.at(0);
            found.append({r.at(0).section(u'_', -1).toInt(), cols});
        }
        std::sort(found.begin(), found.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (const auto &[order, cols] : found) {
            const QString name = text.uniqueNames.value(key(cols));
            if (cols.size() == 1 && name.isEmpty()) {
                if (Column *c = t.column(cols.first()))
                    c->unique = true;
                continue;
            }
            t.uniques.append(KeyConstraint{u"uq-%1-%2"_s.arg(t.name, name.isEmpty() ? cols.join(u'-') : name), name, cols, {}});
        }
    }

    void foreignKeys(Table &t, const TableText &text)
    {
        // foreign_key_list numbers the last declared key 0.
        QMap<int, ForeignKey> byId;
        for (const QStringList &r : rows(m_db, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
                                               "FROM pragma_foreign_key_list(?1) ORDER BY id, seq", t.name)) {
            ForeignKey &fk = byId[-r.at(0).toInt()];
            fk.refTable = r.at(1);
            fk.columns << r.at(2);
            if (!r.at(3).isNull())
                fk.refColumns << r.at(3);
            fk.onUpdate = actionOf(r.at(4));
            fk.onDelete = actionOf(r.at(5));
        }
        for (ForeignKey fk : std::as_const(byId)) {
            fk.name = text.foreignKeyNames.value(key(fk.columns));
            fk.id = u"fk-%1-%2"_s.arg(t.name, fk.name.isEmpty() ? fk.columns.join(u'-') : fk.name);
            if (fk.refColumns.isEmpty()) { // REFERENCES t: its primary key
                for (const QStringList &r : rows(m_db, "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk",
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
        ix.id = u"idx-%1-%2"_s.arg(tableName, name);
        ix.where = text.where;
        const QList<Token> head = tokenize(sql, 2);
        ix.unique = head.size() == 2 && head.at(1).is(u"UNIQUE");
        const auto keys = rows(m_db, "SELECT cid, name, \"desc\" FROM pragma_index_xinfo(?1) WHERE \"key\" = 1 ORDER BY seqno", name);
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
        v.id = u"view-"_s + name;
        v.sql = viewQuery(sql);
        m_schema.views.append(v);
    }
};

// ---- Running the script.

struct Position {
    int line = 1;
    int column = 1;
};

Position positionOf(const QByteArray &utf8, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, utf8.size());
    const qsizetype lineStart = utf8.lastIndexOf('\n', offset - 1) + 1;
    Position p;
    p.line = int(utf8.left(offset).count('\n')) + 1;
    p.column = int(QString::fromUtf8(utf8.mid(lineStart, offset - lineStart)).toUcs4().size()) + 1;
    return p;
}

// Skips blanks and comments: where the statement's first keyword starts.
qsizetype statementStart(const QByteArray &s, qsizetype i, qsizetype end)
{
    while (i < end) {
        if (QChar::isSpace(uchar(s.at(i)))) {
            ++i;
        } else if (s.mid(i, 2) == "--") {
            const qsizetype nl = s.indexOf('\n', i);
            i = nl < 0 || nl > end ? end : nl + 1;
        } else if (s.mid(i, 2) == "/*") {
            const qsizetype e = s.indexOf("*/", i + 2);
            i = e < 0 || e > end ? end : e + 2;
        } else {
            break;
        }
    }
    return i;
}

} // namespace

Result<SqlImport> SqliteDdlImporter::import(const QString &sql, std::chrono::milliseconds timeLimit)
{
    sqlite3 *raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(raw);
        return Error{Error::Kind::Internal, Tr::tr("SQLite could not open an in-memory database."), {}};
    }
    Db db(raw);
    // DDL runs in milliseconds; a CREATE TABLE ... AS SELECT over an endless recursive query
    // would not, so every statement shares one time budget.
    QElapsedTimer clock;
    clock.start();
    struct Budget {
        QElapsedTimer *clock;
        qint64 limit;
    } budget{&clock, qint64(timeLimit.count())};
    sqlite3_progress_handler(
        raw, 10000, [](void *b) { return static_cast<Budget *>(b)->clock->elapsed() > static_cast<Budget *>(b)->limit ? 1 : 0; },
        &budget);
    const QByteArray utf8 = sql.toUtf8();
    const char *begin = utf8.constData();
    const char *tail = begin;
    const char *end = begin + utf8.size();
    QStringList notes;
    int dataStatements = 0;
    int firstDataLine = 0;
    QStringList triggers;
    while (tail < end) {
        const qsizetype from = tail - begin;
        const qsizetype start = statementStart(utf8, from, utf8.size());
        sqlite3_stmt *st = nullptr;
        const int rc = sqlite3_prepare_v2(raw, tail, int(end - tail), &st, &tail);
        auto fail = [&]() -> Error {
            const QString message = QString::fromUtf8(sqlite3_errmsg(raw));
            qsizetype at = start;
            const int offset = sqlite3_error_offset(raw);
            if (offset >= 0) {
                at = from + offset;
            } else {
                // 'near "X": syntax error', 'no such table: main.X' -> the first X in the statement
                static const QRegularExpression near(uR"re(^near "(.*)":|^no such (?:table|column): (?:\w+\.)?(.*)$)re"_s);
                const auto m = near.match(message);
                const qsizetype stmtEnd = tail > begin + from ? tail - begin : utf8.size();
                if (m.hasMatch()) {
                    const QByteArray token = (m.hasCaptured(1) ? m.captured(1) : m.captured(2)).toUtf8();
                    const qsizetype found = token.isEmpty() ? -1 : utf8.indexOf(token, start);
                    if (found >= 0 && found < stmtEnd)
                        at = found;
                }
            }
            const Position p = positionOf(utf8, at);
            return Error{Error::Kind::InvalidInput, message, Tr::tr("line %1, column %2").arg(p.line).arg(p.column)};
        };
        if (rc != SQLITE_OK) {
            const Error error = fail();
            sqlite3_finalize(st);
            return error;
        }
        if (!st)
            continue; // only blanks or comments were left
        Stmt stmt(st);
        const QString text = QString::fromUtf8(utf8.mid(start, (tail - begin) - start));
        const QList<Token> head = tokenize(text, 6);
        const QString verb = head.isEmpty() ? QString() : head.first().text.toUpper();
        const int line = positionOf(utf8, start).line;
        static const QSet<QString> run = {u"CREATE"_s, u"DROP"_s, u"ALTER"_s, u"PRAGMA"_s, u"BEGIN"_s, u"COMMIT"_s,
                                          u"END"_s, u"ROLLBACK"_s, u"SAVEPOINT"_s, u"RELEASE"_s, u"ANALYZE"_s, u"REINDEX"_s};
        const bool isVirtual = verb == u"CREATE"_s && head.size() > 1 && head.at(1).is(u"VIRTUAL");
        if (isVirtual) {
            notes << Tr::tr("line %1: CREATE VIRTUAL TABLE %2 is not part of a design; skipped.")
                         .arg(line).arg(head.value(3).name());
            continue;
        }
        if (!run.contains(verb)) {
            // Data and file operations (INSERT, SELECT, ATTACH, VACUUM INTO) were checked by
            // prepare but are not run: a design has no rows, and an import touches no other file.
            if (dataStatements++ == 0)
                firstDataLine = line;
            continue;
        }
        int step = SQLITE_ROW;
        while (step == SQLITE_ROW)
            step = sqlite3_step(st);
        if (step == SQLITE_INTERRUPT) {
            Error error = fail();
            error.message = Tr::tr("SQLite stopped this statement after %1 ms; DDL should not take that long.")
                                .arg(timeLimit.count());
            return error;
        }
        if (step != SQLITE_DONE)
            return fail();
        const qsizetype triggerAt = std::find_if(head.cbegin(), head.cend(), [](const Token &k) { return k.is(u"TRIGGER"); }) - head.cbegin();
        if (verb == u"CREATE"_s && triggerAt < head.size()) {
            qsizetype n = triggerAt + 1;
            if (n + 2 < head.size() && head.at(n).is(u"IF"))
                n += 3;
            triggers << head.value(n).name();
            notes << Tr::tr("line %1: CREATE TRIGGER %2 is not part of a design; skipped.").arg(line).arg(head.value(n).name());
        }
    }
    if (dataStatements > 0)
        notes << Tr::tr("line %1: %n statement(s) that read or change data (INSERT, SELECT, ...) are not part of a design; "
                        "checked, not run.", nullptr, dataStatements).arg(firstDataLine);
    Reader reader(raw);
    reader.m_announcedTriggers = triggers;
    return reader.read(notes);
}

bool SqliteDdlImporter::isDatabaseFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(16) == QByteArray("SQLite format 3\0", 16);
}

Result<SqlImport> SqliteDdlImporter::importDatabase(const QString &path)
{
    sqlite3 *raw = nullptr;
    const QByteArray file = QFile::encodeName(path);
    const int rc = sqlite3_open_v2(file.constData(), &raw, SQLITE_OPEN_READONLY, nullptr);
    Db db(raw);
    if (rc != SQLITE_OK)
        return Error{Error::Kind::Io, QString::fromUtf8(sqlite3_errmsg(raw)), path};
    // Reading sqlite_schema is the first read: a file that is not a database fails here.
    sqlite3_stmt *probe = nullptr;
    if (sqlite3_prepare_v2(raw, "SELECT count(*) FROM sqlite_schema", -1, &probe, nullptr) != SQLITE_OK
        || sqlite3_step(probe) != SQLITE_ROW) {
        const QString message = QString::fromUtf8(sqlite3_errmsg(raw));
        sqlite3_finalize(probe);
        return Error{Error::Kind::InvalidInput, message, path};
    }
    sqlite3_finalize(probe);
    return Reader(raw).read({});
}

} // namespace quarry::schema
