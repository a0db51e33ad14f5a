// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dbmlimporter.h"
#include "schema/dbmllexer.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

using dbml::Lexer;
using dbml::SyntaxError;
using dbml::Token;
using dbml::describe;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DbmlImporter)
};

// ---- Parser

struct Endpoint {
    QString nameSpace;
    QString table;     ///< a table name or an alias
    QStringList columns;
    Token at;
};

struct PendingRef {
    QString name;
    Endpoint left;
    QString relation;  ///< ">", "<", "-", "<>"
    Endpoint right;
    ReferentialAction onDelete = ReferentialAction::NoAction;
    ReferentialAction onUpdate = ReferentialAction::NoAction;
    int line = 0;
    Token at;          ///< where it is written: the Ref keyword, or the inline ref setting
};

struct Setting {
    QString key;           ///< lower case, words joined by one space: "not null", "default"
    QList<Token> value;    ///< empty for a flag
    Token at;
};

class Parser
{
public:
    explicit Parser(QList<Token> tokens) : t(std::move(tokens)) {}

    SqlImport run()
    {
        while (peek().kind != Token::End) {
            const Token &k = peek();
            if (k.is(u"Table"))
                table();
            else if (k.is(u"Enum"))
                enumeration();
            else if (k.is(u"Ref"))
                ref();
            else if (k.is(u"Project"))
                project();
            else if (k.is(u"TableGroup"))
                tableGroup();
            else if (k.is(u"Note"))
                stickyNote();
            else
                fail(Tr::tr("Expected Table, Ref, Enum, Project, TableGroup or Note, found %1.").arg(describe(k)));
        }
        resolve();
        return SqlImport{std::move(m_schema), m_notes};
    }

private:
    QList<Token> t;
    qsizetype p = 0;
    Schema m_schema;
    QStringList m_notes;
    QList<PendingRef> m_refs;
    QHash<QString, QString> m_aliases;   // alias -> "ns.table" key
    QJsonArray m_groups;

    [[noreturn]] void fail(const QString &message) const
    {
        // The lexer stopped here: its reason is the better message.
        failAt(peek(), peek().kind == Token::Invalid ? peek().text : message);
    }
    [[noreturn]] static void failAt(const Token &at, const QString &message) { throw SyntaxError{message, at.line, at.column}; }

    const Token &peek(qsizetype ahead = 0) const { return t.at(std::min(p + ahead, t.size() - 1)); }
    Token next()
    {
        if (peek().kind == Token::Invalid) // never read past where the lexer stopped
            failAt(peek(), peek().text);
        return t.at(p < t.size() - 1 ? p++ : p);
    }
    Token expectPunct(QStringView symbol)
    {
        if (!peek().isPunct(symbol))
            fail(Tr::tr("Expected \"%1\", found %2.").arg(symbol, describe(peek())));
        return next();
    }
    Token expectName(const QString &what)
    {
        if (!peek().isName())
            fail(Tr::tr("Expected %1, found %2.").arg(what, describe(peek())));
        return next();
    }
    QString expectString(const QString &what)
    {
        if (peek().kind != Token::String)
            fail(Tr::tr("Expected %1 as a 'string', found %2.").arg(what, describe(peek())));
        return next().text;
    }
    void note(int line, const QString &text) { m_notes << Tr::tr("line %1: %2").arg(line).arg(text); }

    static QString nsOf(const QString &name) { return name == u"public"_s ? QString() : name; }
    static QString tableKey(const QString &ns, const QString &name) { return ns + u'.' + name; }

    void ensureNamespace(const QString &ns)
    {
        if (ns.isEmpty())
            return;
        for (const Namespace &n : m_schema.namespaces) {
            if (n.name == ns)
                return;
        }
        m_schema.namespaces.append(Namespace{ObjectIds::nameSpace(ns), ns, {}, {}});
    }

    // name or schema.name
    std::pair<QString, QString> qualifiedName(const QString &what)
    {
        const QString first = expectName(what).text;
        if (peek().isPunct(u".") && peek(1).isName()) {
            next();
            return {nsOf(first), next().text};
        }
        return {QString(), first};
    }

    // [key, key: value, ...]
    QList<Setting> settings()
    {
        QList<Setting> out;
        if (!peek().isPunct(u"["))
            return out;
        next();
        while (true) {
            if (peek().isPunct(u"]")) {
                next();
                break;
            }
            Setting s;
            s.at = peek();
            QStringList words;
            while (peek().kind == Token::Name)
                words << next().text.toLower();
            if (words.isEmpty())
                fail(Tr::tr("Expected a setting, found %1.").arg(describe(peek())));
            s.key = words.join(u' ');
            if (peek().isPunct(u":")) {
                next();
                int depth = 0;
                while (peek().kind != Token::End && peek().kind != Token::Invalid) {
                    if (depth == 0 && (peek().isPunct(u",") || peek().isPunct(u"]")))
                        break;
                    if (peek().isPunct(u"("))
                        ++depth;
                    else if (peek().isPunct(u")"))
                        --depth;
                    s.value << next();
                }
                if (s.value.isEmpty())
                    fail(Tr::tr("Expected a value for %1, found %2.").arg(s.key, describe(peek())));
            }
            out << s;
            if (peek().isPunct(u","))
                next();
            else if (!peek().isPunct(u"]"))
                fail(Tr::tr("Expected \",\" or \"]\" after a setting, found %1.").arg(describe(peek())));
        }
        return out;
    }

    static QString settingText(const Setting &s)
    {
        QStringList words;
        for (const Token &k : s.value)
            words << k.text;
        return words.join(u' ');
    }
    static QString settingString(const Setting &s)
    {
        if (s.value.size() != 1 || (s.value.first().kind != Token::String && s.value.first().kind != Token::QuotedName))
            failAt(s.at, Tr::tr("The %1 setting takes a 'string'.").arg(s.key));
        return s.value.first().text;
    }

    static ReferentialAction action(const Setting &s)
    {
        const QString a = settingText(s).toLower();
        if (const auto action = ReferentialActions::fromText(a))
            return *action;
        failAt(s.value.first(), Tr::tr("Unknown %1 action \"%2\" (cascade, restrict, set null, set default, no action).").arg(s.key, a));
    }

    // A note given as `Note: 'text'` or `Note { 'text' }`; the Note keyword has been read.
    QString noteBody()
    {
        if (peek().isPunct(u":")) {
            next();
            return expectString(Tr::tr("the note"));
        }
        expectPunct(u"{");
        const QString text = expectString(Tr::tr("the note"));
        expectPunct(u"}");
        return text;
    }

    ColumnType type(const QString &written, const Token &at)
    {
        ColumnType ty;
        QString name = written.trimmed();
        if (name.endsWith(u"[]"_s)) {
            ty.array = true;
            name.chop(2);
        }
        QList<int> args;
        const qsizetype paren = name.indexOf(u'(');
        QString base = (paren < 0 ? name : name.left(paren)).trimmed();
        if (paren >= 0) {
            for (const QString &a : name.mid(paren + 1).section(u')', 0, 0).split(u','))
                args << a.trimmed().toInt();
        }
        const QString lower = base.toLower();
        TypeKind kind = TypeKind::Custom;
        if (!ColumnType::kindFromName(lower, &kind) || kind == TypeKind::Enum) {
            ty.kind = TypeKind::Custom; // an enum (resolved at the end) or a type the model does not know
            ty.custom = base;
            Q_UNUSED(at);
            return ty;
        }
        ty.kind = kind;
        if (ty.kind == TypeKind::Char || ty.kind == TypeKind::Varchar)
            ty.length = args.value(0);
        else if (ty.kind == TypeKind::Decimal) {
            ty.precision = args.value(0);
            ty.scale = args.value(1);
        } else if (ty.kind == TypeKind::Time || ty.kind == TypeKind::Timestamp || ty.kind == TypeKind::TimestampTz)
            ty.precision = args.value(0);
        return ty;
    }

    // The column type as written: name[.name][(args)][[]]
    QString typeText()
    {
        const Token first = peek();
        if (!first.isName())
            fail(Tr::tr("Expected the column's type, found %1.").arg(describe(first)));
        QString text = next().text;
        if (peek().isPunct(u".") && peek(1).isName()) {
            next();
            text += u'.' + next().text;
        }
        if (peek().isPunct(u"(") && !peek().lineStart) {
            next();
            QStringList args;
            while (!peek().isPunct(u")")) {
                if (peek().kind == Token::End || peek().lineStart)
                    fail(Tr::tr("Expected \")\" to close the type's arguments, found %1.").arg(describe(peek())));
                const Token a = next();
                args << (a.kind == Token::String ? u"'"_s + a.text + u"'"_s : a.text);
            }
            next();
            text += u'(' + args.join(QString()) + u')';
        }
        if (peek().isPunct(u"[") && peek(1).isPunct(u"]")) {
            next();
            next();
            text += u"[]"_s;
        }
        // A type is everything up to the next blank, as in @dbml/core: "varc[har" is one (odd) type
        // name, and "varchar[note: 'x']" is not a type followed by settings.
        while ((peek().kind == Token::Name || peek().kind == Token::Number || peek().isPunct(u"[") || peek().isPunct(u"]")
                || peek().isPunct(u"."))
               && peek().line == t.at(p - 1).line && peek().column == t.at(p - 1).endColumn)
            text += next().text;
        return text;
    }

    ColumnDefault defaultValue(const Setting &s)
    {
        ColumnDefault d;
        if (s.value.size() == 2 && s.value.at(0).isPunct(u"-") && s.value.at(1).kind == Token::Number) {
            d.kind = ColumnDefault::Kind::Literal;
            d.literal = -s.value.at(1).text.toDouble();
            return d;
        }
        if (s.value.size() != 1)
            failAt(s.at, Tr::tr("A default is a number, a 'string', an `expression`, true, false or null."));
        const Token &v = s.value.first();
        switch (v.kind) {
        case Token::String:
            d.kind = ColumnDefault::Kind::Literal;
            d.literal = v.text;
            break;
        case Token::Number:
            d.kind = ColumnDefault::Kind::Literal;
            d.literal = v.text.toDouble();
            break;
        case Token::Expression:
            d.kind = ColumnDefault::Kind::Expression;
            d.expression = v.text;
            break;
        default:
            if (v.is(u"true") || v.is(u"false")) {
                d.kind = ColumnDefault::Kind::Literal;
                d.literal = v.is(u"true");
            } else if (v.is(u"null")) {
                d.kind = ColumnDefault::Kind::Expression;
                d.expression = u"NULL"_s;
            } else {
                failAt(v, Tr::tr("A default is a number, a 'string', an `expression`, true, false or null."));
            }
        }
        return d;
    }

    Endpoint endpoint()
    {
        Endpoint e;
        e.at = peek();
        QStringList parts;
        parts << expectName(Tr::tr("a table name")).text;
        while (peek().isPunct(u".")) {
            next();
            if (peek().isPunct(u"(")) {
                next();
                while (true) {
                    e.columns << expectName(Tr::tr("a column name")).text;
                    if (peek().isPunct(u",")) {
                        next();
                        continue;
                    }
                    expectPunct(u")");
                    break;
                }
                break;
            }
            parts << expectName(Tr::tr("a column name")).text;
        }
        if (e.columns.isEmpty()) {
            if (parts.size() < 2)
                failAt(e.at, Tr::tr("A ref endpoint is table.column or table.(column, ...)."));
            e.columns << parts.takeLast();
        }
        if (parts.size() > 2)
            failAt(e.at, Tr::tr("A ref endpoint has at most a schema, a table and columns."));
        e.table = parts.last();
        e.nameSpace = parts.size() == 2 ? nsOf(parts.first()) : QString();
        return e;
    }

    QString relation()
    {
        const Token k = peek();
        if (k.isPunct(u">") || k.isPunct(u"<") || k.isPunct(u"-") || k.isPunct(u"<>")) {
            next();
            return k.text;
        }
        fail(Tr::tr("Expected a relation (>, <, - or <>), found %1.").arg(describe(k)));
    }

    void refSettings(PendingRef &r, const QList<Setting> &list)
    {
        for (const Setting &s : list) {
            if (s.key == u"delete"_s)
                r.onDelete = action(s);
            else if (s.key == u"update"_s)
                r.onUpdate = action(s);
            else if (s.key != u"color"_s)
                failAt(s.at, Tr::tr("Unknown ref setting \"%1\" (delete, update, color).").arg(s.key));
        }
    }

    void table()
    {
        next(); // Table
        const auto [ns, name] = qualifiedName(Tr::tr("the table's name"));
        Table tb;
        tb.name = name;
        tb.nameSpace = ns;
        tb.id = ObjectIds::table(ns, name);
        QJsonObject dbml;
        if (peek().is(u"as")) {
            next();
            const QString alias = expectName(Tr::tr("the table's alias")).text;
            dbml.insert(u"alias"_s, alias);
            m_aliases.insert(alias, tableKey(ns, name));
        }
        for (const Setting &s : settings()) {
            if (s.key == u"headercolor"_s)
                dbml.insert(u"headerColor"_s, settingText(s));
            else if (s.key == u"note"_s)
                tb.comment = settingString(s);
            else
                failAt(s.at, Tr::tr("Unknown table setting \"%1\" (headercolor, note).").arg(s.key));
        }
        if (m_schema.table(name, ns))
            failAt(t.at(p - 1), Tr::tr("Table %1 is defined twice.").arg(name));
        expectPunct(u"{");
        bool first = true; // the first column may follow "{" on its line
        while (!peek().isPunct(u"}")) {
            if (peek().kind == Token::End)
                fail(Tr::tr("Expected \"}\" to close table %1, found the end of the file.").arg(name));
            if (peek().is(u"Note") && (peek(1).isPunct(u":") || peek(1).isPunct(u"{"))) {
                next();
                tb.comment = noteBody();
            } else if (peek().is(u"indexes") && peek(1).isPunct(u"{")) {
                next();
                indexes(tb);
            } else {
                column(tb, first);
            }
            first = false;
        }
        next();
        if (!dbml.isEmpty())
            tb.extra.insert(u"dbml"_s, dbml);
        ensureNamespace(ns);
        m_schema.tables.append(tb);
    }

    void column(Table &tb, bool first)
    {
        const Token nameToken = peek();
        if (!nameToken.lineStart && !first)
            fail(Tr::tr("Expected a new line before the next column, found %1.").arg(describe(nameToken)));
        Column c;
        c.name = expectName(Tr::tr("a column name")).text;
        c.id = ObjectIds::column(tb.name, c.name);
        if (tb.column(c.name))
            failAt(nameToken, Tr::tr("Column %1.%2 is defined twice.").arg(tb.name, c.name));
        if (peek().lineStart || peek().isPunct(u"}")) {
            Token end = nameToken; // where the type should have been: after the name, on its line
            end.column += int(nameToken.text.size()) + (nameToken.kind == Token::QuotedName ? 2 : 0);
            failAt(peek().lineStart ? end : peek(), Tr::tr("Expected the type of column %1, found %2.")
                                                     .arg(c.name, peek().lineStart ? Tr::tr("the end of the line") : describe(peek())));
        }
        const Token typeAt = peek();
        c.type = type(typeText(), typeAt);
        bool increment = false;
        for (const Setting &s : settings()) {
            if (s.key == u"pk"_s || s.key == u"primary key"_s) {
                c.primaryKey = true;
                c.nullable = false;
            } else if (s.key == u"increment"_s) {
                increment = true;
            } else if (s.key == u"not null"_s) {
                c.nullable = false;
            } else if (s.key == u"null"_s) {
                c.nullable = true;
            } else if (s.key == u"unique"_s) {
                c.unique = true;
            } else if (s.key == u"default"_s) {
                c.defaultValue = defaultValue(s);
            } else if (s.key == u"note"_s) {
                c.comment = settingString(s);
            } else if (s.key == u"ref"_s) {
                inlineRef(tb, c.name, s);
            } else {
                failAt(s.at, Tr::tr("Unknown column setting \"%1\" (pk, increment, not null, null, unique, default, note, ref).")
                                 .arg(s.key));
            }
        }
        if (increment) {
            if (c.type.kind == TypeKind::Integer || c.type.kind == TypeKind::SmallInt)
                c.type.kind = TypeKind::Serial;
            else if (c.type.kind == TypeKind::BigInt)
                c.type.kind = TypeKind::BigSerial;
            else if (!c.type.isAutoIncrement())
                c.identity = Column::Identity::ByDefault;
        }
        if (!peek().lineStart)
            fail(Tr::tr("Expected a new line after column %1, found %2.").arg(c.name, describe(peek())));
        tb.columns.append(c);
    }

    void inlineRef(const Table &tb, const QString &column, const Setting &s)
    {
        // ref: > table.column, as a small token stream of its own
        PendingRef r;
        r.line = s.at.line;
        r.at = s.at;
        QList<Token> saved = t;
        const qsizetype savedP = p;
        t = s.value;
        t.append(Token{});
        p = 0;
        r.relation = relation();
        r.right = endpoint();
        if (peek().kind != Token::End)
            fail(Tr::tr("Expected \",\" or \"]\" after the ref, found %1.").arg(describe(peek())));
        t = std::move(saved);
        p = savedP;
        r.left.table = tb.name;
        r.left.nameSpace = tb.nameSpace;
        r.left.columns = {column};
        r.left.at = s.at;
        m_refs.append(r);
    }

    void indexes(Table &tb)
    {
        expectPunct(u"{");
        while (!peek().isPunct(u"}")) {
            if (peek().kind == Token::End)
                fail(Tr::tr("Expected \"}\" to close the indexes of %1, found the end of the file.").arg(tb.name));
            Index ix;
            auto element = [this]() {
                IndexElement e;
                if (peek().kind == Token::Expression)
                    e.expression = next().text;
                else
                    e.column = expectName(Tr::tr("a column or an `expression`")).text;
                return e;
            };
            const Token at = peek();
            if (peek().isPunct(u"(")) {
                next();
                while (true) {
                    ix.elements << element();
                    if (peek().isPunct(u",")) {
                        next();
                        continue;
                    }
                    expectPunct(u")");
                    break;
                }
            } else {
                ix.elements << element();
            }
            bool pk = false;
            for (const Setting &s : settings()) {
                if (s.key == u"pk"_s || s.key == u"primary key"_s)
                    pk = true;
                else if (s.key == u"unique"_s)
                    ix.unique = true;
                else if (s.key == u"name"_s)
                    ix.name = settingString(s);
                else if (s.key == u"type"_s)
                    ix.method = settingText(s).toLower();
                else if (s.key == u"note"_s)
                    ix.comment = settingString(s);
                else
                    failAt(s.at, Tr::tr("Unknown index setting \"%1\" (pk, unique, name, type, note).").arg(s.key));
            }
            for (const IndexElement &e : std::as_const(ix.elements)) {
                if (!e.column.isEmpty() && !tb.column(e.column))
                    failAt(at, Tr::tr("Index on %1: there is no column %2.").arg(tb.name, e.column));
            }
            if (pk) {
                QStringList cols;
                for (const IndexElement &e : std::as_const(ix.elements)) {
                    if (!e.expression.isEmpty())
                        failAt(at, Tr::tr("A primary key is made of columns, not expressions."));
                    cols << e.column;
                }
                tb.primaryKey = KeyConstraint{ObjectIds::primaryKey(tb.name), ix.name, cols, {}};
                for (const QString &c : cols)
                    tb.column(c)->nullable = false;
                continue;
            }
            ix.id = ObjectIds::index(tb.name, ix.name.isEmpty() ? QString::number(tb.indexes.size() + 1) : ix.name);
            tb.indexes.append(ix);
        }
        next();
    }

    void enumeration()
    {
        next();
        const auto [ns, name] = qualifiedName(Tr::tr("the enum's name"));
        EnumType e;
        e.name = name;
        e.nameSpace = ns;
        e.id = ObjectIds::enumType(ns, name);
        expectPunct(u"{");
        QJsonObject valueNotes;
        while (!peek().isPunct(u"}")) {
            const Token v = peek();
            if (v.kind != Token::Name && v.kind != Token::QuotedName && v.kind != Token::String && v.kind != Token::Number)
                fail(Tr::tr("Expected an enum value or \"}\", found %1.").arg(describe(v)));
            if (!v.lineStart && !e.values.isEmpty())
                fail(Tr::tr("Expected a new line before enum value %1.").arg(v.text));
            next();
            e.values << v.text;
            for (const Setting &s : settings()) {
                if (s.key == u"note"_s)
                    valueNotes.insert(v.text, settingString(s));
                else
                    failAt(s.at, Tr::tr("Unknown enum value setting \"%1\" (note).").arg(s.key));
            }
            if (!peek().lineStart)
                fail(Tr::tr("Expected a new line after enum value %1, found %2.").arg(v.text, describe(peek())));
        }
        next();
        if (e.values.isEmpty())
            note(t.at(p - 1).line, Tr::tr("enum %1 has no values.").arg(name));
        if (!valueNotes.isEmpty())
            e.extra.insert(u"dbml"_s, QJsonObject{{u"valueNotes"_s, valueNotes}});
        ensureNamespace(ns);
        m_schema.enums.append(e);
    }

    void ref()
    {
        const Token kw = next();
        QString name;
        if (peek().isName())
            name = next().text;
        auto one = [&](int line) {
            PendingRef r;
            r.name = name;
            r.line = line;
            r.at = kw;
            r.left = endpoint();
            r.relation = relation();
            r.right = endpoint();
            refSettings(r, settings());
            m_refs.append(r);
        };
        if (peek().isPunct(u":")) {
            next();
            one(kw.line);
            return;
        }
        expectPunct(u"{");
        while (!peek().isPunct(u"}")) {
            if (peek().kind == Token::End)
                fail(Tr::tr("Expected \"}\" to close the Ref block, found the end of the file."));
            one(peek().line);
        }
        next();
    }

    void project()
    {
        next();
        QJsonObject project;
        if (peek().isName())
            project.insert(u"name"_s, next().text);
        expectPunct(u"{");
        while (!peek().isPunct(u"}")) {
            const Token key = expectName(Tr::tr("a project setting"));
            if (key.is(u"Note")) {
                project.insert(u"note"_s, noteBody());
                continue;
            }
            expectPunct(u":");
            if (peek().kind != Token::String)
                fail(Tr::tr("Expected a 'string' for %1, found %2.").arg(key.text, describe(peek())));
            project.insert(key.text, next().text);
        }
        next();
        QJsonObject dbml = m_schema.extra.value(u"dbml"_s).toObject();
        dbml.insert(u"project"_s, project);
        m_schema.extra.insert(u"dbml"_s, dbml);
    }

    void tableGroup()
    {
        const Token kw = next();
        const QString name = expectName(Tr::tr("the group's name")).text;
        expectPunct(u"{");
        QJsonArray tables;
        while (!peek().isPunct(u"}")) {
            const auto [ns, table] = qualifiedName(Tr::tr("a table name"));
            tables.append(ns.isEmpty() ? table : ns + u'.' + table);
        }
        next();
        m_groups.append(QJsonObject{{u"name"_s, name}, {u"tables"_s, tables}});
        QJsonObject dbml = m_schema.extra.value(u"dbml"_s).toObject();
        dbml.insert(u"tableGroups"_s, m_groups);
        m_schema.extra.insert(u"dbml"_s, dbml);
        note(kw.line, Tr::tr("TableGroup %1 is kept for DBML export; the design has no groups.").arg(name));
    }

    void stickyNote()
    {
        const Token kw = next();
        QString name;
        if (peek().isName())
            name = next().text;
        const QString text = noteBody();
        QJsonObject dbml = m_schema.extra.value(u"dbml"_s).toObject();
        QJsonArray notes = dbml.value(u"notes"_s).toArray();
        notes.append(QJsonObject{{u"name"_s, name}, {u"text"_s, text}});
        dbml.insert(u"notes"_s, notes);
        m_schema.extra.insert(u"dbml"_s, dbml);
        note(kw.line, Tr::tr("note %1 is kept for DBML export only.").arg(name));
    }

    Table *resolveTable(const Endpoint &e)
    {
        Table *tb = nullptr;
        if (e.nameSpace.isEmpty() && m_aliases.contains(e.table)) {
            const QString key = m_aliases.value(e.table);
            tb = m_schema.table(key.section(u'.', 1), key.section(u'.', 0, 0));
        } else {
            tb = m_schema.table(e.table, e.nameSpace);
        }
        if (!tb)
            failAt(e.at, Tr::tr("Ref to table %1, which is not defined.").arg(e.nameSpace.isEmpty() ? e.table : e.nameSpace + u'.' + e.table));
        for (const QString &c : e.columns) {
            if (!tb->column(c))
                failAt(e.at, Tr::tr("Ref to column %1.%2, which is not defined.").arg(tb->name, c));
        }
        return tb;
    }

    void resolve()
    {
        for (const PendingRef &r : std::as_const(m_refs)) {
            Table *left = resolveTable(r.left);
            Table *right = resolveTable(r.right);
            if (left == right && r.left.columns == r.right.columns)
                failAt(r.at, Tr::tr("A ref joins a column to itself (%1.%2).").arg(left->name, r.left.columns.join(u',')));
            if (r.left.columns.size() != r.right.columns.size())
                failAt(r.right.at, Tr::tr("A ref joins as many columns on each side (%1 and %2).")
                                       .arg(r.left.columns.size()).arg(r.right.columns.size()));
            if (r.relation == u"<>"_s) {
                note(r.line, Tr::tr("the many-to-many ref %1.%2 <> %3.%4 needs a join table; skipped.")
                                 .arg(left->name, r.left.columns.join(u','), right->name, r.right.columns.join(u',')));
                continue;
            }
            const bool leftHolds = r.relation != u"<"_s;
            Table *owner = leftHolds ? left : right;
            const Table *target = leftHolds ? right : left;
            ForeignKey fk;
            fk.name = r.name;
            fk.columns = leftHolds ? r.left.columns : r.right.columns;
            fk.refTable = target->name;
            fk.refNamespace = target->nameSpace;
            fk.refColumns = leftHolds ? r.right.columns : r.left.columns;
            fk.onDelete = r.onDelete;
            fk.onUpdate = r.onUpdate;
            if (r.relation == u"-"_s)
                fk.extra.insert(u"dbml"_s, QJsonObject{{u"relation"_s, u"-"_s}});
            fk.id = ObjectIds::foreignKey(owner->name, fk.name.isEmpty() ? fk.columns.join(u'-') : fk.name);
            owner->foreignKeys.append(fk);
        }
        // Types that name an enum are enum columns.
        for (Table &tb : m_schema.tables) {
            for (Column &c : tb.columns) {
                if (c.type.kind != TypeKind::Custom)
                    continue;
                const QString ns = c.type.custom.contains(u'.') ? nsOf(c.type.custom.section(u'.', 0, 0)) : QString();
                const QString bare = c.type.custom.section(u'.', -1);
                const EnumType *e = m_schema.enumType(bare, ns);
                if (!e && ns.isEmpty())
                    e = m_schema.enumType(bare, tb.nameSpace);
                if (e) {
                    const bool array = c.type.array;
                    c.type = ColumnType{};
                    c.type.kind = TypeKind::Enum;
                    c.type.enumName = e->name;
                    c.type.array = array;
                }
            }
        }
    }
};

} // namespace

Result<SqlImport> DbmlImporter::import(const QString &dbml)
{
    QList<Token> tokens;
    if (const auto error = Lexer(dbml).run(&tokens)) {
        // Parse up to where the lexer stopped: a syntax error before that point is reported first.
        Token invalid;
        invalid.kind = Token::Invalid;
        invalid.text = error->message;
        invalid.line = error->line;
        invalid.column = error->column;
        Token end = invalid;
        end.kind = Token::End;
        tokens << invalid << end;
    }
    try {
        return Parser(std::move(tokens)).run();
    } catch (const SyntaxError &e) {
        return Error{Error::Kind::InvalidInput, e.message, Tr::tr("line %1, column %2").arg(e.line).arg(e.column)};
    }
}

} // namespace quarry::schema
