// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QList>
#include <QString>

#include <optional>

/// The tokens of DBML for DbmlImporter's parser; internal to quarry-core.
namespace quarry::schema::dbml {

struct Token {
    /// Invalid: where the lexer stopped (text holds its message), so that an earlier syntax error wins.
    enum Kind { Name, QuotedName, String, Expression, Number, Color, Punct, Invalid, End };
    Kind kind = End;
    QString text;       ///< Name/QuotedName: the name; String: the unescaped text; Punct: the symbol
    int line = 1;
    int column = 1;
    int endColumn = 1;        ///< the column just after it (on its last line)
    bool lineStart = false;   ///< first token on its line

    bool is(QStringView word) const { return kind == Name && text.compare(word, Qt::CaseInsensitive) == 0; }
    bool isPunct(QStringView p) const { return kind == Punct && text == p; }
    bool isName() const { return kind == Name || kind == QuotedName; }
};

/// Where the text stops being DBML, and why (1-based line and column, in characters).
struct SyntaxError {
    QString message;
    int line;
    int column;
};

/// "the end of the file", "a string", "\"}\"": a token as an error message names it.
QString describe(const Token &t);

/// Splits DBML into tokens: names, "quoted names", 'strings' and '''multi-line strings''' (the
/// first line break and the common indentation removed, as dbdiagram does), `expressions`,
/// numbers, #colors and punctuation; // and /* */ comments are skipped. Each token knows whether
/// it starts a line, which DBML's column and enum value lists depend on.
class Lexer
{
public:
    explicit Lexer(const QString &text) : s(text) {}
    /// Appends every token and a final End token, or stops at the first character that cannot start one.
    std::optional<SyntaxError> run(QList<Token> *out);

private:
    const QString &s;
    qsizetype i = 0;
    int line = 1;
    int column = 1;

    void advance(int n = 1);
};

} // namespace quarry::schema::dbml
