// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dbmlimporter.h"
#include "schema/dbmlreader.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

using dbml::Endpoint;
using dbml::Lexer;
using dbml::Setting;
using dbml::SyntaxError;
using dbml::Token;
using dbml::describe;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DbmlImporter)
};

// The definitions of a DBML file (Table, Enum, Ref, Project, TableGroup, Note) into a Schema,
// read with dbml::Reader's pieces; refs are resolved at the end, when every table is known.

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

class Parser : public dbml::Reader
{
public:
    explicit Parser(QList<Token> tokens) : Reader(std::move(tokens)) {}

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
    Schema m_schema;
    QStringList m_notes;
    QList<PendingRef> m_refs;
    QHash<QString, QString> m_aliases;   // alias -> "ns.table" key
    QJsonArray m_groups;

    void note(int line, const QString &text) { m_notes << Tr::tr("line %1: %2").arg(line).arg(text); }

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
        c.type = type(typeText());
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
