// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "jsonhighlighter.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::app {

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression number(u"-?\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b"_s);
    static const QRegularExpression literal(u"\\b(true|false|null)\\b"_s);
    static const QRegularExpression string(u"\"(?:[^\"\\\\]|\\\\.)*\""_s);
    static const QRegularExpression key(u"\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:)"_s);
    static const QRegularExpression mustache(u"\\{\\{[^}]*\\}\\}"_s);

    QTextCharFormat numberFormat;
    numberFormat.setForeground(QColor(0x1c, 0x6b, 0x9e));
    QTextCharFormat literalFormat;
    literalFormat.setForeground(QColor(0x8a, 0x3f, 0xb5));
    QTextCharFormat stringFormat;
    stringFormat.setForeground(QColor(0x2b, 0x7a, 0x3a));
    QTextCharFormat keyFormat;
    keyFormat.setForeground(QColor(0x9c, 0x3d, 0x1a));
    QTextCharFormat mustacheFormat;
    mustacheFormat.setForeground(QColor(0xb0, 0x6a, 0x00));
    mustacheFormat.setFontWeight(QFont::Bold);

    const auto apply = [&](const QRegularExpression &re, const QTextCharFormat &format) {
        for (auto it = re.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), format);
        }
    };
    apply(number, numberFormat);
    apply(literal, literalFormat);
    apply(string, stringFormat);
    apply(key, keyFormat);
    apply(mustache, mustacheFormat);
}

} // namespace quarry::app
