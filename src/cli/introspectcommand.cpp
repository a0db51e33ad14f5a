// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "introspectcommand.h"

#include "sqlimportcommand.h"

#include "schema/introspect.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

int runIntrospect(const QStringList &args, Io &io)
{
    const auto usage = [&io](const QString &message = {}) {
        if (!message.isEmpty())
            io.err << "quarry introspect: " << message << '\n';
        io.err << "Usage: quarry introspect URL [--into WORKSPACE] [--json]\n"
                  "  URL: sqlite:path/to/file.db or postgresql://user@host:port/db\n"
                  "  Without --into: prints the database's design as the workspace's schema JSON.\n"
                  "  With --into: merges it into WORKSPACE (same-named tables, enums and views replaced);\n"
                  "  --json then prints the summary as JSON.\n";
        return int(UsageError);
    };
    QString url, into;
    bool json = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--into"_s) {
            if (i + 1 >= args.size())
                return usage(u"--into needs a workspace file."_s);
            into = args.at(++i);
        } else if (a.startsWith(u"--into="_s)) {
            into = a.mid(7);
        } else if (a == u"--json"_s) {
            json = true;
        } else if (a == u"-h"_s || a == u"--help"_s) {
            return usage();
        } else if (a.startsWith(u"-"_s)) {
            return usage(u"unknown option \"%1\"."_s.arg(a));
        } else if (!url.isEmpty()) {
            return usage(u"one URL only (got \"%1\" too)."_s.arg(a));
        } else {
            url = a;
        }
    }
    if (url.isEmpty())
        return usage(u"no database URL."_s);
    if (!url.startsWith(u"sqlite:"_s) && !url.startsWith(u"postgresql://"_s) && !url.startsWith(u"postgres://"_s))
        return usage(u"unsupported URL \"%1\"; use sqlite:path/to/file.db or postgresql://user@host:port/db."_s
                         .arg(db::maskedUrl(url)));

    const auto read = schema::introspect(url);
    if (!read) {
        io.err << "quarry introspect: " << read.error().message << " (" << read.error().where << ")\n";
        return Failure;
    }
    for (const QString &note : read.value().notes)
        io.err << "note: " << note << '\n';
    if (into.isEmpty()) {
        io.out << QJsonDocument(read.value().schema.toJson()).toJson(QJsonDocument::Indented);
        return Success;
    }

    QStringList added, replaced;
    if (!mergeIntoWorkspace(read.value().schema, into, u"quarry introspect"_s, io, &added, &replaced))
        return Failure;
    if (json) {
        io.out << QJsonDocument(QJsonObject{{u"url"_s, db::maskedUrl(url)},
                                            {u"workspace"_s, into},
                                            {u"added"_s, QJsonArray::fromStringList(added)},
                                            {u"replaced"_s, QJsonArray::fromStringList(replaced)}})
                      .toJson(QJsonDocument::Indented);
    } else {
        io.out << "Introspected " << db::maskedUrl(url) << " into " << QFileInfo(into).fileName() << ": "
               << added.size() << " added, " << replaced.size() << " replaced.\n";
    }
    return Success;
}

} // namespace quarry::cli
