// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "schema/column.h"
#include "schema/constraint.h"
#include "schema/dbmllexer.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

namespace quarry::schema::dbml {

/// One entry of a settings list `[key, key: value, ...]`.
struct Setting {
    QString key;           ///< lower case, words joined by one space: "not null", "default"
    QList<Token> value;    ///< empty for a flag
    Token at;
};

/// One side of a ref: `schema.table.column` or `table.(column, ...)`.
struct Endpoint {
    QString nameSpace;
    QString table;         ///< a table name or an alias
    QStringList columns;
    Token at;
};

/// A cursor over the lexer's tokens and the pieces every DBML definition is made of: names,
/// settings lists, notes, column types, defaults and ref endpoints. Errors are thrown as
/// SyntaxError at the token they are about (DbmlImporter::import catches them).
class Reader
{
public:
    explicit Reader(QList<Token> tokens) : t(std::move(tokens)) {}

protected:
    QList<Token> t;
    qsizetype p = 0;

    [[noreturn]] void fail(const QString &message) const;
    [[noreturn]] static void failAt(const Token &at, const QString &message)
    {
        throw SyntaxError{message, at.line, at.column};
    }
    const Token &peek(qsizetype ahead = 0) const { return t.at(std::min(p + ahead, t.size() - 1)); }
    Token next();
    Token expectPunct(QStringView symbol);
    Token expectName(const QString &what);
    QString expectString(const QString &what);

    /// "" for the default schema ("public"), the name otherwise.
    static QString nsOf(const QString &name);
    /// name or schema.name
    std::pair<QString, QString> qualifiedName(const QString &what);
    /// [key, key: value, ...]; empty when no "[" follows.
    QList<Setting> settings();
    static QString settingText(const Setting &s);
    static QString settingString(const Setting &s);
    static ReferentialAction action(const Setting &s);
    /// A note given as `Note: 'text'` or `Note { 'text' }`; the Note keyword has been read.
    QString noteBody();
    /// The column type as written: name[.name][(args)][[]]
    QString typeText();
    /// What typeText() read as a ColumnType; an enum's name (resolved later) or an unknown type is Custom.
    static ColumnType type(const QString &written);
    static ColumnDefault defaultValue(const Setting &s);
    Endpoint endpoint();
    /// >, <, - or <>
    QString relation();
};

} // namespace quarry::schema::dbml
