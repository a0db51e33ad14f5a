// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/dbmllexer.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema::dbml {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(DbmlImporter)
};

// '''...''': the first line break and the common indentation go, as in dbdiagram.
QString dedent(QString text)
{
    if (text.startsWith(u'\n'))
        text.remove(0, 1);
    else if (text.startsWith(u"\r\n"_s))
        text.remove(0, 2);
    QStringList lines = text.split(u'\n');
    while (lines.size() > 1 && lines.last().trimmed().isEmpty())
        lines.removeLast();
    qsizetype indent = -1;
    for (const QString &l : std::as_const(lines)) {
        if (l.trimmed().isEmpty())
            continue;
        qsizetype n = 0;
        while (n < l.size() && (l.at(n) == u' ' || l.at(n) == u'\t'))
            ++n;
        indent = indent < 0 ? n : std::min(indent, n);
    }
    for (QString &l : lines)
        l = l.mid(std::min(indent < 0 ? 0 : indent, l.size()));
    return lines.join(u'\n');
}

} // namespace

QString describe(const Token &t)
{
    switch (t.kind) {
    case Token::End: return Tr::tr("the end of the file");
    case Token::Invalid: return t.text;
    case Token::String: return Tr::tr("a string");
    case Token::Expression: return Tr::tr("an `expression`");
    case Token::Number: return Tr::tr("the number %1").arg(t.text);
    default: return u"\"%1\""_s.arg(t.text);
    }
}

std::optional<SyntaxError> Lexer::run(QList<Token> *out)
{
    bool lineStart = true;
    while (true) {
        // blanks and comments
        while (i < s.size()) {
            const QChar c = s.at(i);
            if (c == u'\n') {
                lineStart = true;
                advance();
            } else if (c.isSpace()) {
                advance();
            } else if (s.mid(i, 2) == u"//"_s) {
                while (i < s.size() && s.at(i) != u'\n')
                    advance();
            } else if (s.mid(i, 2) == u"/*"_s) {
                const int l = line, col = column;
                advance(2);
                while (i < s.size() && s.mid(i, 2) != u"*/"_s)
                    advance();
                if (i >= s.size())
                    return SyntaxError{Tr::tr("The comment that starts here is not closed with */."), l, col};
                advance(2);
            } else {
                break;
            }
        }
        Token t;
        t.line = line;
        t.column = column;
        t.lineStart = lineStart;
        lineStart = false;
        if (i >= s.size()) {
            out->append(t);
            return std::nullopt;
        }
        const QChar c = s.at(i);
        if (s.mid(i, 3) == u"'''"_s) {
            advance(3);
            QString v;
            while (i < s.size() && s.mid(i, 3) != u"'''"_s) {
                if (s.at(i) == u'\\' && i + 1 < s.size()) {
                    const QChar n = s.at(i + 1);
                    if (n == u'\n') { // a backslash at the end of a line joins it with the next
                        advance(2);
                        continue;
                    }
                    if (n == u'\'' || n == u'\\') {
                        v += n;
                        advance(2);
                        continue;
                    }
                }
                v += s.at(i);
                advance();
            }
            if (i >= s.size())
                return SyntaxError{Tr::tr("The multi-line string that starts here is not closed with '''."), t.line, t.column};
            advance(3);
            t.kind = Token::String;
            t.text = dedent(v);
        } else if (c == u'\'' || c == u'"' || c == u'`') {
            advance();
            QString v;
            while (i < s.size() && s.at(i) != c) {
                if (c != u'`' && s.at(i) == u'\n')
                    return SyntaxError{Tr::tr("The string that starts here is not closed on its line."), t.line, t.column};
                if (s.at(i) == u'\\' && i + 1 < s.size() && (s.at(i + 1) == c || s.at(i + 1) == u'\\')) {
                    v += s.at(i + 1);
                    advance(2);
                    continue;
                }
                v += s.at(i);
                advance();
            }
            if (i >= s.size())
                return SyntaxError{Tr::tr("The string that starts here is not closed."), t.line, t.column};
            advance();
            t.kind = c == u'\'' ? Token::String : c == u'"' ? Token::QuotedName : Token::Expression;
            t.text = v;
        } else if (c == u'#') {
            const qsizetype from = i;
            advance();
            while (i < s.size() && s.at(i).isLetterOrNumber())
                advance();
            t.kind = Token::Color;
            t.text = s.mid(from, i - from);
        } else if (c.isDigit() || (c == u'-' && i + 1 < s.size() && s.at(i + 1).isDigit())) {
            const qsizetype from = i;
            advance();
            while (i < s.size() && (s.at(i).isDigit() || s.at(i) == u'.'))
                advance();
            t.kind = Token::Number;
            t.text = s.mid(from, i - from);
            // "1st_place" and the like are names
            if (i < s.size() && (s.at(i).isLetter() || s.at(i) == u'_')) {
                while (i < s.size() && (s.at(i).isLetterOrNumber() || s.at(i) == u'_'))
                    advance();
                t.kind = Token::Name;
                t.text = s.mid(from, i - from);
            }
        } else if (c.isLetter() || c == u'_') {
            const qsizetype from = i;
            while (i < s.size() && (s.at(i).isLetterOrNumber() || s.at(i) == u'_'))
                advance();
            t.kind = Token::Name;
            t.text = s.mid(from, i - from);
        } else if (s.mid(i, 2) == u"<>"_s) {
            advance(2);
            t.kind = Token::Punct;
            t.text = u"<>"_s;
        } else if (QStringView(u"{}[]():,.<>-~").contains(c)) {
            advance();
            t.kind = Token::Punct;
            t.text = QString(c);
        } else {
            return SyntaxError{Tr::tr("Unexpected character \"%1\".").arg(c), t.line, t.column};
        }
        t.endColumn = column;
        out->append(t);
    }
}

void Lexer::advance(int n)
{
    for (int k = 0; k < n && i < s.size(); ++k) {
        if (s.at(i) == u'\n') {
            ++line;
            column = 1;
        } else if (!s.at(i).isLowSurrogate()) {
            ++column;
        }
        ++i;
    }
}

} // namespace quarry::schema::dbml
