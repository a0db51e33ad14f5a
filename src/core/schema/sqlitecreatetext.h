// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

/// Reading the CREATE texts SQLite keeps in sqlite_schema, for what its pragmas do not say.
/// SQLite has already accepted every statement, so this only finds boundaries, it does not judge.
/// Internal to SqliteDdlImporter and SqliteCatalogReader.
namespace quarry::schema::sqlitetext {

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
            return text.mid(1, text.size() - 2).replace(QStringLiteral("''"), QStringLiteral("'"));
        return text;
    }
};

QList<Token> tokenize(const QString &s, qsizetype limit = -1);
/// The index of the ")" that closes the "(" at `open`, or the last token.
qsizetype closingParen(const QList<Token> &t, qsizetype open);
/// A case-insensitive key for a column list.
QString columnsKey(const QStringList &columns);

/// What the CREATE TABLE text says beyond the pragmas.
struct TableText {
    struct Check {
        QString name;
        QString expression;
    };
    QList<Check> checks;
    QString primaryKeyName;
    QHash<QString, QString> uniqueNames;    // columnsKey(columns) -> constraint name
    QHash<QString, QString> foreignKeyNames;
    QHash<QString, QString> generated;      // lower-case column -> expression
    QSet<QString> virtualGenerated;
    QSet<QString> autoincrement;
    bool withoutRowid = false;
};

TableText readTableText(const QString &sql);

/// The parts of CREATE INDEX that index_xinfo does not give: expression text and WHERE.
struct IndexText {
    QStringList elements;   // each element without ASC/DESC/COLLATE
    QString where;
};

IndexText readIndexText(const QString &sql);

/// The query of a CREATE VIEW text.
QString viewQuery(const QString &sql);

} // namespace quarry::schema::sqlitetext
