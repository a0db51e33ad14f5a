// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace quarry::script {

struct SyntaxProblem {
    int line = 0;
    QString message;
};

/// Turns the engine's "SyntaxError: Expected token `}'" into what the user wrote that Qt 6.4's
/// engine cannot parse (object spread or rest, async/await, private class fields) with its line;
/// otherwise the engine's own message at the engine's line.
SyntaxProblem explainSyntaxError(const QString &source, int engineLine, const QString &engineMessage);

/// A `const`, `let` or `class` at the top level of the script that declares one of `names` (the
/// parameters of the script's wrapper): an early SyntaxError in ECMAScript and in newman, which
/// Qt 6.4's engine does not raise.
std::optional<SyntaxProblem> redeclaredParameter(const QString &source, const QStringList &names);

} // namespace quarry::script
