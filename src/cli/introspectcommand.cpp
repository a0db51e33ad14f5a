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

const OptionTable &introspectOptions()
{
    static const OptionTable table{
        .command = u"introspect"_s,
        .summary = u"A live database's schema as workspace JSON."_s,
        .operands = {{.name = u"URL"_s, .missing = u"no database URL."_s}},
        .options = {{.name = u"--into"_s, .value = u"WORKSPACE"_s,
                     .help = u"merge it into WORKSPACE (same-named tables, enums and views replaced)"_s},
                    {.name = u"--json"_s, .help = u"with --into: print the summary as JSON"_s}},
        .details = u"URL: sqlite:path/to/file.db or postgresql://user@host:port/db\n"
                   u"Without --into: prints the database's design as the workspace's schema JSON.\n"_s,
    };
    return table;
}

int runIntrospect(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(introspectOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString url = parsed->operand(0);
    const QString into = parsed->value(u"--into"_s);
    const bool json = parsed->isSet(u"--json"_s);
    const auto usage = [&io](const QString &message) { return usageError(introspectOptions(), io, message); };
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
