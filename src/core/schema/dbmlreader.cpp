// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dbmlreader.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema::dbml {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DbmlImporter)
};
} // namespace

QString Reader::nsOf(const QString &name)
{
    return name == u"public"_s ? QString() : name;
}

void Reader::fail(const QString &message) const
{
    // The lexer stopped here: its reason is the better message.
    failAt(peek(), peek().kind == Token::Invalid ? peek().text : message);
}

Token Reader::next()
{
    if (peek().kind == Token::Invalid) // never read past where the lexer stopped
        failAt(peek(), peek().text);
    return t.at(p < t.size() - 1 ? p++ : p);
}

Token Reader::expectPunct(QStringView symbol)
{
    if (!peek().isPunct(symbol))
        fail(Tr::tr("Expected \"%1\", found %2.").arg(symbol, describe(peek())));
    return next();
}

Token Reader::expectName(const QString &what)
{
    if (!peek().isName())
        fail(Tr::tr("Expected %1, found %2.").arg(what, describe(peek())));
    return next();
}

QString Reader::expectString(const QString &what)
{
    if (peek().kind != Token::String)
        fail(Tr::tr("Expected %1 as a 'string', found %2.").arg(what, describe(peek())));
    return next().text;
}

std::pair<QString, QString> Reader::qualifiedName(const QString &what)
{
    const QString first = expectName(what).text;
    if (peek().isPunct(u".") && peek(1).isName()) {
        next();
        return {nsOf(first), next().text};
    }
    return {QString(), first};
}

QList<Setting> Reader::settings()
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

QString Reader::settingText(const Setting &s)
{
    QStringList words;
    for (const Token &k : s.value)
        words << k.text;
    return words.join(u' ');
}

QString Reader::settingString(const Setting &s)
{
    if (s.value.size() != 1 || (s.value.first().kind != Token::String && s.value.first().kind != Token::QuotedName))
        failAt(s.at, Tr::tr("The %1 setting takes a 'string'.").arg(s.key));
    return s.value.first().text;
}

ReferentialAction Reader::action(const Setting &s)
{
    const QString a = settingText(s).toLower();
    if (const auto action = ReferentialActions::fromText(a))
        return *action;
    failAt(s.value.first(), Tr::tr("Unknown %1 action \"%2\" (cascade, restrict, set null, set default, no action).").arg(s.key, a));
}

QString Reader::noteBody()
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

ColumnType Reader::type(const QString &written)
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

QString Reader::typeText()
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

ColumnDefault Reader::defaultValue(const Setting &s)
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

Endpoint Reader::endpoint()
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

QString Reader::relation()
{
    const Token k = peek();
    if (k.isPunct(u">") || k.isPunct(u"<") || k.isPunct(u"-") || k.isPunct(u"<>")) {
        next();
        return k.text;
    }
    fail(Tr::tr("Expected a relation (>, <, - or <>), found %1.").arg(describe(k)));
}

} // namespace quarry::schema::dbml
