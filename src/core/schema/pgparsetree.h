// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

/// libpg_query's parse trees, shared by the PostgreSQL DDL importer and the query advisor's
/// candidate generator. Internal to quarry-core (nlohmann/json in the interface).
namespace quarry::schema::pg {

using Json = nlohmann::json;

/// A statement libpg_query refused: its message, and where (0-based, in code points of the text).
struct SyntaxError {
    QString message;
    qsizetype codePoint = 0;
};

/// `sql` parsed by libpg_query as its JSON parse tree ({"stmts": [...]}). A syntax error is
/// reported through `syntaxError` (and the Error's kind is InvalidInput); a tree that is not JSON
/// is an Internal error.
Result<Json> parse(const QString &sql, SyntaxError *syntaxError);

/// `j[key]` as text; "" when it is missing or not a string.
QString str(const Json &j, const char *key);

/// [{"String": {"sval": "a"}}, ...] -> ["a", ...]
QStringList names(const Json &list);

/// The source text behind a parse tree, which gives byte offsets ("location") rather than text:
/// the current statement's line, its first words, the text of an expression in it.
class StatementText
{
public:
    explicit StatementText(QByteArray utf8) : m_src(std::move(utf8)) {}
    /// The statement of `raw` (an entry of the tree's "stmts") is the current one.
    void setStatement(const Json &raw);
    /// The line (from 1) of the statement's first keyword, after blanks and "--" comments.
    int line() const;
    /// The statement's first words ("CREATE FUNCTION public.rewards_report"), or `kind`.
    QString title(const std::string &kind) const;
    /// The text of `expr` as written: from its smallest location up to the first top-level ",",
    /// ";" or unbalanced ")", or (`stopAtKeywords`, for column defaults) the next column-constraint
    /// keyword. "" when the node carries no location.
    QString expression(const Json &expr, bool stopAtKeywords) const;
    /// The statement's text from byte `offset` (its start when negative) to its end.
    QString rest(int offset) const;

private:
    QString textFrom(int start, bool stopAtKeywords) const;
    int lineOf(int offset) const { return int(m_src.left(offset).count('\n')) + 1; }
    QByteArray m_src;
    int m_start = 0;
    int m_length = 0;
};

} // namespace quarry::schema::pg
