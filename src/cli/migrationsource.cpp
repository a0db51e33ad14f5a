// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrationsource.h"

#include "sqlcommand.h"

#include "schema/sqliteddlimporter.h"

#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

QString MigrationSource::engineDialect() const
{
    if (!connection)
        return {};
    return connection->engine() == db::Engine::Sqlite ? u"sqlite"_s : u"postgres"_s;
}

bool MigrationSource::looksLikeDatabase(const QString &spec)
{
    return spec.startsWith(u"sqlite:"_s) || db::isPostgresUrl(spec)
        || (QFileInfo(spec).isFile() && schema::SqliteDdlImporter::isDatabaseFile(spec));
}

std::optional<MigrationSource> MigrationSource::open(const QString &command, const QString &spec, bool writable, Io &io)
{
    MigrationSource source;
    source.spec = spec;
    if (!looksLikeDatabase(spec)) {
        auto design = loadWorkspaceSchema(command, spec, io);
        if (!design)
            return std::nullopt;
        source.live.schema = std::move(*design);
        return source;
    }
    source.url = spec.startsWith(u"sqlite:"_s) || db::isPostgresUrl(spec) ? spec : u"sqlite:"_s + spec;
    const QString where = db::maskedUrl(source.url);
    if (source.url.startsWith(u"sqlite:"_s) && !writable) {   // a migration may start from a new, empty file
        const QString path = db::sqliteFilePath(source.url);
        if (!QFileInfo::exists(path)) {
            io.err << "quarry " << command << ": there is no SQLite database file " << path << ".\n";
            return std::nullopt;
        }
    }
    db::OpenOptions options;
    options.readOnly = !writable;
    auto opened = db::Connection::open(source.url, options);
    if (!opened) {
        io.err << "quarry " << command << ": " << opened.error().message << " (" << where << ")\n";
        return std::nullopt;
    }
    source.connection = std::move(opened).value();
    auto live = migrate::Migrator::read(*source.connection, where);
    if (!live) {
        io.err << "quarry " << command << ": " << live.error().message << " (" << where << ")\n";
        return std::nullopt;
    }
    source.live = std::move(live).value();
    return source;
}

std::optional<QPair<QString, QString>> parseRename(const QString &text)
{
    const qsizetype eq = text.indexOf(u'=');
    if (eq <= 0 || eq == text.size() - 1)
        return std::nullopt;
    return QPair<QString, QString>{text.left(eq).trimmed(), text.mid(eq + 1).trimmed()};
}

std::optional<QList<QPair<QString, QString>>> renamesOf(const OptionTable &table, const Arguments &args, Io &io, int *exit)
{
    QList<QPair<QString, QString>> out;
    for (const QString &value : args.values(u"--rename"_s)) {
        const auto r = parseRename(value);
        if (!r) {
            *exit = usageError(table, io, u"--rename takes OLD=NEW, not \"%1\"."_s.arg(value));
            return std::nullopt;
        }
        out << *r;
    }
    return out;
}

} // namespace quarry::cli
