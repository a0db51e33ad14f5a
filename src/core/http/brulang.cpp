// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "http/brulang.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::http {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(BruDocument)
};

// Blocks whose content is free text (bodies, scripts, tests, docs) rather than `key: value` lines.
bool isTextBlock(const QString &name)
{
    if (name == u"body:form-urlencoded"_s || name == u"body:multipart-form"_s)
        return false;
    return name.startsWith(u"body:"_s) || name.startsWith(u"script:"_s) || name == u"tests"_s || name == u"docs"_s;
}

QString unquote(QString key)
{
    if (key.size() >= 2 && key.startsWith(u'"') && key.endsWith(u'"'))
        key = key.mid(1, key.size() - 2).replace(u"\\\""_s, u"\""_s);
    return key;
}
} // namespace

Result<BruDocument> BruDocument::parse(const QString &text, const QString &origin)
{
    static const QRegularExpression header(uR"(^([A-Za-z][\w:\-]*)\s*([{\[])\s*$)"_s);
    BruDocument doc;
    const QStringList lines = QString(text).replace(u"\r\n"_s, u"\n"_s).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (line.trimmed().isEmpty())
            continue;
        const auto m = header.match(line);
        if (!m.hasMatch())
            return Error{Error::Kind::InvalidInput, Tr::tr("Expected a block such as \"meta {\", found \"%1\".").arg(line.trimmed()),
                         u"%1, line %2"_s.arg(origin).arg(i + 1)};
        Block block;
        block.name = m.captured(1);
        block.line = int(i + 1);
        const bool list = m.captured(2) == u"["_s;
        const bool isText = !list && isTextBlock(block.name);
        const QString close = list ? u"]"_s : u"}"_s;
        // A text block ends at a line that is exactly "}" (an indented "  }" is part of its text);
        // the others at their closing bracket, however indented.
        qsizetype j = i + 1;
        while (j < lines.size() && (isText ? lines.at(j) != close : lines.at(j).trimmed() != close))
            ++j;
        if (j >= lines.size())
            return Error{Error::Kind::InvalidInput, Tr::tr("The block \"%1\" is not closed with \"%2\".").arg(block.name, close),
                         u"%1, line %2"_s.arg(origin).arg(i + 1)};
        const QStringList body = lines.mid(i + 1, j - i - 1);
        if (isText) {
            QStringList content = body;
            for (QString &l : content)
                l = l.startsWith(u"  "_s) ? l.mid(2) : l.trimmed();
            block.text = content.join(u'\n');
        } else if (list) {
            for (const QString &l : std::as_const(body)) {
                const QStringList items = l.split(u',');
                for (const QString &item : items) {
                    if (!item.trimmed().isEmpty())
                        block.list.append(item.trimmed());
                }
            }
        } else {
            for (const QString &l : std::as_const(body)) {
                const QString t = l.trimmed();
                if (t.isEmpty())
                    continue;
                Entry e;
                QString rest = t;
                if (rest.startsWith(u'~')) {
                    e.enabled = false;
                    rest = rest.mid(1);
                }
                qsizetype colon = -1;
                if (rest.startsWith(u'"')) {
                    const qsizetype end = rest.indexOf(u'"', 1);
                    colon = end < 0 ? -1 : rest.indexOf(u':', end);
                } else {
                    colon = rest.indexOf(u':');
                }
                e.key = unquote(colon < 0 ? rest : rest.left(colon).trimmed());
                e.value = colon < 0 ? QString() : rest.mid(colon + 1).trimmed();
                block.entries.append(e);
            }
        }
        doc.blocks.append(block);
        i = j;
    }
    return doc;
}

const BruDocument::Block *BruDocument::block(const QString &name) const
{
    for (const Block &b : blocks) {
        if (b.name == name)
            return &b;
    }
    return nullptr;
}

QString BruDocument::value(const QString &name, const QString &key, const QString &fallback) const
{
    if (const Block *b = block(name)) {
        for (const Entry &e : b->entries) {
            if (e.key == key && e.enabled)
                return e.value;
        }
    }
    return fallback;
}

} // namespace quarry::http
