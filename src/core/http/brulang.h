// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#pragma once

#include "result.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace quarry::http {

/// One parsed `.bru` file (Bruno's "Bru" markup): named blocks of three kinds, in file order.
///   meta { name: Get user }          a dictionary: `key: value` lines, `~key` disabled
///   body:json { ... }                text: the lines inside, their two-space indent removed
///   vars:secret [ token ]            a list
class BruDocument
{
public:
    struct Entry {
        QString key;
        QString value;
        bool enabled = true;
    };
    struct Block {
        QString name;          ///< "meta", "get", "headers", "body:json", "script:pre-request", ...
        QList<Entry> entries;  ///< dictionary blocks
        QString text;          ///< text blocks
        QStringList list;      ///< list blocks
        int line = 0;
    };

    /// Errors name the file's line: an unterminated block, a line outside any block.
    static Result<BruDocument> parse(const QString &text, const QString &origin);

    const Block *block(const QString &name) const;
    /// A dictionary block's value, or `fallback`.
    QString value(const QString &block, const QString &key, const QString &fallback = {}) const;
    QList<Block> blocks;
};

} // namespace quarry::http
