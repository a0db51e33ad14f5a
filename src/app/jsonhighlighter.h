// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QSyntaxHighlighter>

namespace quarry::app {

/// Colours JSON (keys, strings, numbers, true/false/null) and Mustache tags ({{params.id}}) in
/// response bodies and request bodies.
class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;
};

} // namespace quarry::app
