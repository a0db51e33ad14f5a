// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/pgparsetree.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <pg_query.h>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema::pg {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PgDdlImporter)
};

// The smallest "location" anywhere in a node: where its text starts in the source.
int minLocation(const Json &j)
{
    int best = -1;
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.key() == "location" && it->is_number_integer()) {
                const int loc = it->get<int>();
                if (loc >= 0 && (best < 0 || loc < best))
                    best = loc;
            } else if (it->is_structured()) {
                const int loc = minLocation(*it);
                if (loc >= 0 && (best < 0 || loc < best))
                    best = loc;
            }
        }
    } else if (j.is_array()) {
        for (const Json &e : j) {
            const int loc = minLocation(e);
            if (loc >= 0 && (best < 0 || loc < best))
                best = loc;
        }
    }
    return best;
}
} // namespace

Result<Json> parse(const QString &sql, SyntaxError *syntaxError)
{
    const QByteArray utf8 = sql.toUtf8();
    PgQueryParseResult parsed = pg_query_parse(utf8.constData());
    if (parsed.error) {
        // cursorpos is 1-based and counts characters (code points), unlike the byte offsets of
        // the parse tree's "location" fields; 0 means "no position".
        const SyntaxError e{QString::fromUtf8(parsed.error->message),
                            std::clamp<qsizetype>(parsed.error->cursorpos - 1, 0, sql.toUcs4().size())};
        pg_query_free_parse_result(parsed);
        if (syntaxError)
            *syntaxError = e;
        return Error{Error::Kind::InvalidInput, e.message, {}};
    }
    Json tree;
    try {
        tree = Json::parse(parsed.parse_tree);
    } catch (const Json::exception &e) {
        pg_query_free_parse_result(parsed);
        return Error{Error::Kind::Internal, Tr::tr("libpg_query returned a parse tree that is not JSON: %1")
                                                .arg(QString::fromUtf8(e.what())), {}};
    }
    pg_query_free_parse_result(parsed);
    return tree;
}

QString str(const Json &j, const char *key)
{
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>()) : QString();
}

QStringList names(const Json &list)
{
    QStringList out;
    if (!list.is_array())
        return out;
    for (const Json &item : list) {
        if (item.contains("String"))
            out << str(item["String"], "sval");
    }
    return out;
}

void StatementText::setStatement(const Json &raw)
{
    m_start = raw.value("stmt_location", 0);
    m_length = raw.value("stmt_len", 0);
    if (m_length == 0)
        m_length = int(m_src.size()) - m_start;
}

int StatementText::line() const
{
    int i = m_start;
    while (i < m_src.size()) { // skip blanks and "--" comments before the statement's keyword
        if (QChar::isSpace(uchar(m_src.at(i)))) {
            ++i;
        } else if (m_src.mid(i, 2) == "--") {
            const int nl = int(m_src.indexOf('\n', i));
            i = nl < 0 ? int(m_src.size()) : nl + 1;
        } else {
            break;
        }
    }
    return lineOf(i);
}

QString StatementText::title(const std::string &kind) const
{
    const QString text = QString::fromUtf8(m_src.mid(m_start, m_length)).trimmed();
    QStringList lines;
    for (const QString &l : text.split(u'\n')) {
        if (!l.trimmed().startsWith(u"--"_s) && !l.trimmed().isEmpty())
            lines << l.trimmed();
    }
    QString head = lines.isEmpty() ? QString::fromStdString(kind) : lines.first();
    const qsizetype paren = head.indexOf(u'(');
    if (paren > 0)
        head = head.left(paren);
    return head.left(80).trimmed();
}

QString StatementText::expression(const Json &expr, bool stopAtKeywords) const
{
    const int loc = minLocation(expr);
    return loc < 0 ? QString() : textFrom(loc, stopAtKeywords);
}

QString StatementText::rest(int offset) const
{
    const int from = offset < 0 ? m_start : offset;
    return QString::fromUtf8(m_src.mid(from, m_start + m_length - from));
}

QString StatementText::textFrom(int start, bool stopAtKeywords) const
{
    static const QRegularExpression keyword(
        u"^(NOT\\s+NULL|NULL|CONSTRAINT|CHECK|UNIQUE|PRIMARY|REFERENCES|GENERATED|COLLATE|DEFAULT)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    const int end = m_start + m_length;
    int depth = 0;
    int i = start;
    while (i < end && i < m_src.size()) {
        const char c = m_src.at(i);
        if (c == '\'' || c == '"') {
            ++i;
            while (i < end && !(m_src.at(i) == c && !(i + 1 < end && m_src.at(i + 1) == c)))
                i += (m_src.at(i) == c) ? 2 : 1;
            ++i;
            continue;
        }
        if (c == '(') {
            ++depth;
        } else if (c == ')') {
            if (depth == 0)
                break;
            --depth;
        } else if (depth == 0 && (c == ',' || c == ';')) {
            break;
        } else if (depth == 0 && stopAtKeywords && (i == start || !QChar::isLetterOrNumber(uchar(m_src.at(i - 1))))
                   && QChar::isLetter(uchar(c))) {
            if (keyword.match(QString::fromUtf8(m_src.mid(i, 24))).hasMatch() && i > start)
                break;
        }
        ++i;
    }
    return QString::fromUtf8(m_src.mid(start, i - start)).trimmed();
}

} // namespace quarry::schema::pg
