// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/workload.h"

#include <QCoreApplication>
#include <QFile>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Workload)
};

// Lines and columns of a position in `text`, counted from a known (line, column) at `from`.
void advance(const QString &text, qsizetype from, qsizetype to, int &line, int &column)
{
    for (qsizetype i = from; i < to && i < text.size(); ++i) {
        if (text.at(i) == u'\n') {
            ++line;
            column = 1;
        } else if (!text.at(i).isLowSurrogate()) {
            ++column;
        }
    }
}
} // namespace

QString WorkloadQuery::title(int width) const
{
    QString first = sql.section(u'\n', 0, 0).trimmed();
    if (sql.contains(u'\n'))
        first += u" …"_s;
    if (first.size() > width)
        first = first.left(width - 1).trimmed() + u"…"_s;
    return first;
}

QString WorkloadQuery::locate(qsizetype offset) const
{
    int l = line;
    int c = column;
    advance(sql, 0, offset, l, c);
    return Tr::tr("line %1, column %2").arg(l).arg(c);
}

Workload Workload::fromText(const QString &text)
{
    Workload w;
    const qsizetype n = text.size();
    qsizetype i = 0;
    qsizetype start = -1;      // first character of the current statement, -1 before it
    int line = 1;
    int column = 1;
    qsizetype counted = 0;     // `line`/`column` describe this position
    auto flush = [&](qsizetype end) {
        if (start >= 0) {
            advance(text, counted, start, line, column);
            counted = start;
            const QString sql = text.mid(start, end - start).trimmed();
            if (!sql.isEmpty())
                w.queries.append(WorkloadQuery{sql, line, column});
        }
        start = -1;
    };
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'-' && i + 1 < n && text.at(i + 1) == u'-') {
            const qsizetype nl = text.indexOf(u'\n', i);
            i = nl < 0 ? n : nl + 1;
            continue;
        }
        if (c == u'/' && i + 1 < n && text.at(i + 1) == u'*') {
            int depth = 1; // PostgreSQL nests block comments
            i += 2;
            while (i < n && depth > 0) {
                if (text.at(i) == u'/' && i + 1 < n && text.at(i + 1) == u'*') {
                    ++depth;
                    i += 2;
                } else if (text.at(i) == u'*' && i + 1 < n && text.at(i + 1) == u'/') {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            }
            continue;
        }
        if (c == u';') {
            flush(i);
            ++i;
            continue;
        }
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (start < 0)
            start = i;
        if (c == u'\'' || c == u'"' || c == u'`' || c == u'[') {
            const QChar close = c == u'[' ? u']' : c;
            ++i;
            while (i < n) {
                if (text.at(i) == close) {
                    if (close != u']' && i + 1 < n && text.at(i + 1) == close) { // doubled quote
                        i += 2;
                        continue;
                    }
                    break;
                }
                ++i;
            }
            ++i;
            continue;
        }
        if (c == u'$') { // $$ ... $$ or $tag$ ... $tag$ (not $1, a parameter)
            qsizetype j = i + 1;
            while (j < n && (text.at(j).isLetterOrNumber() || text.at(j) == u'_'))
                ++j;
            if (j < n && text.at(j) == u'$' && !(j > i + 1 && text.at(i + 1).isDigit())) {
                const QString tag = text.mid(i, j - i + 1);
                const qsizetype end = text.indexOf(tag, j + 1);
                i = end < 0 ? n : end + tag.size();
                continue;
            }
            i = j;
            continue;
        }
        ++i;
    }
    flush(n);
    return w;
}

Result<Workload> Workload::fromFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, Tr::tr("Cannot read the queries file: %1").arg(f.errorString()), path};
    return fromText(QString::fromUtf8(f.readAll()));
}

} // namespace quarry::schema
