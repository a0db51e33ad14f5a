// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/sqlitecreatetext.h"

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema::sqlitetext {

QList<Token> tokenize(const QString &s, qsizetype limit)
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
static QList<QList<Token>> items(const QList<Token> &t, qsizetype open, qsizetype close)
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

static QString textBetween(const QString &s, const Token &open, const Token &close)
{
    return s.mid(open.end, close.start - open.end).trimmed();
}

QString columnsKey(const QStringList &columns)
{
    return columns.join(u'\x1f').toLower();
}

// A column list "(a, b)" starting at `open`.
static QStringList nameList(const QList<Token> &t, qsizetype open)
{
    QStringList names;
    const qsizetype close = closingParen(t, open);
    for (const QList<Token> &item : items(t, open, close)) {
        if (!item.isEmpty())
            names << item.first().name();
    }
    return names;
}


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
                out.uniqueNames.insert(columnsKey(nameList(item, paren)), name);
            else if (item.at(i).is(u"FOREIGN"))
                out.foreignKeyNames.insert(columnsKey(nameList(item, paren)), name);
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
                out.foreignKeyNames.insert(columnsKey({column}), name);
                name.clear();
            } else if (k.is(u"UNIQUE")) {
                out.uniqueNames.insert(columnsKey({column}), name);
                name.clear();
            } else if (k.isPunct(u'(')) {
                i = closingParen(item, i); // a type's (p, s), a DEFAULT (expr), COLLATE...
            }
        }
    }
    return out;
}


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

} // namespace quarry::schema::sqlitetext
