// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/sqliteddlimporter.h"

#include "db/sqliteconnection.h"
#include "schema/sqlitecatalog.h"
#include "schema/sqlitecreatetext.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {

using sqlitetext::Token;
using sqlitetext::tokenize;

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SqliteDdlImporter)
};

constexpr int SqliteInterrupt = 9; // SQLITE_INTERRUPT

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
    auto opened = db::SqliteConnection::openMemory();
    if (!opened)
        return Error{Error::Kind::Internal, Tr::tr("SQLite could not open an in-memory database."), {}};
    db::SqliteConnection &db = *opened.value();
    // DDL runs in milliseconds; a CREATE TABLE ... AS SELECT over an endless recursive query
    // would not, so every statement shares one time budget.
    db.setDeadline(QDeadlineTimer(timeLimit));
    const QByteArray utf8 = sql.toUtf8();
    QStringList notes;
    int dataStatements = 0;
    int firstDataLine = 0;
    QStringList triggers;
    qsizetype at = 0;
    while (at < utf8.size()) {
        const qsizetype from = at;
        const qsizetype start = statementStart(utf8, from, utf8.size());
        // Where the error is: the offset SQLite names, else the token its message quotes
        // ('near "X": syntax error', 'no such table: main.X'), else the statement's start.
        auto fail = [&](const Error &e, qsizetype offset, qsizetype stmtEnd) -> Error {
            qsizetype errorAt = start;
            if (offset >= 0) {
                errorAt = offset;
            } else {
                static const QRegularExpression near(uR"re(^near "(.*)":|^no such (?:table|column): (?:\w+\.)?(.*)$)re"_s);
                const auto m = near.match(e.message);
                if (m.hasMatch()) {
                    const QByteArray token = (m.hasCaptured(1) ? m.captured(1) : m.captured(2)).toUtf8();
                    const qsizetype found = token.isEmpty() ? -1 : utf8.indexOf(token, start);
                    if (found >= 0 && found < stmtEnd)
                        errorAt = found;
                }
            }
            const Position p = positionOf(utf8, errorAt);
            Error out = e;
            out.kind = Error::Kind::InvalidInput;
            out.where = Tr::tr("line %1, column %2").arg(p.line).arg(p.column);
            return out;
        };
        auto prepared = db.prepare(utf8, from);
        if (!prepared)
            return fail(prepared.error(), db.errorOffset(), utf8.size());
        db::SqliteStatement &stmt = prepared.value();
        if (stmt.isEmpty())
            break; // only blanks or comments were left
        at = stmt.tail();
        const QString text = QString::fromUtf8(utf8.mid(start, at - start));
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
        if (auto r = stmt.run(); !r) {
            Error error = fail(r.error(), -1, at);
            if ((r.error().sqliteCode & 0xff) == SqliteInterrupt)
                error.message = Tr::tr("SQLite stopped this statement after %1 ms; DDL should not take that long.")
                                    .arg(timeLimit.count());
            return error;
        }
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
    db.setDeadline(QDeadlineTimer(QDeadlineTimer::Forever));
    return readSqliteCatalog(db, notes, triggers);
}

bool SqliteDdlImporter::isDatabaseFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.read(16) == QByteArray("SQLite format 3\0", 16);
}

Result<SqlImport> SqliteDdlImporter::importDatabase(const QString &path)
{
    db::OpenOptions options;
    options.readOnly = true;
    // Opening reads sqlite_schema: a file that is not a database fails here.
    auto opened = db::SqliteConnection::open(path, options);
    if (!opened)
        return Error{opened.error().kind, opened.error().message, path};
    return readSqliteCatalog(*opened.value(), {});
}

} // namespace quarry::schema
