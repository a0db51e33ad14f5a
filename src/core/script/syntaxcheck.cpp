// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "script/syntaxcheck.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::script {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Sandbox)
};

int lineOf(const QString &source, qsizetype offset)
{
    return int(QStringView(source).left(offset).count(u'\n')) + 1;
}

/// `...` whose nearest unclosed bracket is `{`: spread or rest in an object, which Qt 6.4 refuses
/// (spread in arrays and calls it accepts).
std::optional<qsizetype> objectSpread(const QString &source)
{
    for (qsizetype at = source.indexOf(u"..."_s); at >= 0; at = source.indexOf(u"..."_s, at + 3)) {
        int depth = 0;
        for (qsizetype i = at - 1; i >= 0; --i) {
            const QChar c = source.at(i);
            if (c == u'}' || c == u']' || c == u')') {
                ++depth;
            } else if (c == u'{' || c == u'[' || c == u'(') {
                if (depth-- > 0)
                    continue;
                if (c == u'{')
                    return at;
                break;
            }
        }
    }
    return std::nullopt;
}

struct Construct {
    std::optional<qsizetype> at;
    QString message;
};
} // namespace

SyntaxProblem explainSyntaxError(const QString &source, int engineLine, const QString &engineMessage)
{
    static const QRegularExpression asyncAwait(uR"(\basync\s+(function\b|\(|[A-Za-z_$][\w$]*\s*=>)|\bawait\s+[\w$(])"_s);
    static const QRegularExpression privateField(uR"([{;]\s*(static\s+)?#[A-Za-z_$])"_s);
    auto find = [&](const QRegularExpression &re) -> std::optional<qsizetype> {
        const auto m = re.match(source);
        return m.hasMatch() ? std::optional<qsizetype>(m.capturedStart()) : std::nullopt;
    };
    const Construct constructs[] = {
        {objectSpread(source),
         Tr::tr("object spread or rest ({...value}) is not supported by Qt 6.4's JavaScript engine; use Object.assign({}, value)")},
        {find(asyncAwait), Tr::tr("async/await is not supported by Qt 6.4's JavaScript engine; use callbacks or .then()")},
        {find(privateField), Tr::tr("private class fields (#name) are not supported by Qt 6.4's JavaScript engine")},
    };
    // The construct on the engine's line first: it is the likeliest cause.
    for (const Construct &c : constructs) {
        if (c.at && lineOf(source, *c.at) == engineLine)
            return {engineLine, c.message};
    }
    for (const Construct &c : constructs) {
        if (c.at && lineOf(source, *c.at) <= engineLine)
            return {lineOf(source, *c.at), c.message};
    }
    return {engineLine, engineMessage};
}

std::optional<SyntaxProblem> redeclaredParameter(const QString &source, const QStringList &names)
{
    static const QRegularExpression declaration(uR"(\b(?:const|let|class)\s+([A-Za-z_$][\w$]*))"_s);
    // Braces outside strings and comments decide what is top level.
    int depth = 0;
    QChar quote;
    for (qsizetype i = 0; i < source.size(); ++i) {
        const QChar c = source.at(i);
        if (!quote.isNull()) {
            if (c == u'\\')
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == u'/' && i + 1 < source.size() && source.at(i + 1) == u'/') {
            i = source.indexOf(u'\n', i);
            if (i < 0)
                break;
            continue;
        }
        if (c == u'/' && i + 1 < source.size() && source.at(i + 1) == u'*') {
            i = source.indexOf(u"*/"_s, i + 2);
            if (i < 0)
                break;
            ++i;
            continue;
        }
        if (c == u'"' || c == u'\'' || c == u'`') {
            quote = c;
        } else if (c == u'{') {
            ++depth;
        } else if (c == u'}') {
            --depth;
        } else if (depth == 0 && (c == u'c' || c == u'l') && (i == 0 || !(source.at(i - 1).isLetterOrNumber() || source.at(i - 1) == u'_' || source.at(i - 1) == u'$'))) {
            const auto m = declaration.match(source, i, QRegularExpression::NormalMatch, QRegularExpression::AnchorAtOffsetMatchOption);
            if (m.hasMatch() && names.contains(m.captured(1)))
                return SyntaxProblem{lineOf(source, i),
                                     Tr::tr("SyntaxError: Identifier '%1' has already been declared (the Postman sandbox provides it; "
                                            "use var or another name)").arg(m.captured(1))};
        }
    }
    return std::nullopt;
}

} // namespace quarry::script
