// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "migrate/migrationfiles.h"

#include "savefile.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace quarry::migrate {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(MigrationFiles)
};

const QByteArray ChecksumPrefix = "-- quarry-checksum: sha256:";

QByteArray checksumOf(const QByteArray &body)
{
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
}

QStringList migrationFiles(const QDir &dir)
{
    static const QRegularExpression name(u"^V(\\d+)__.*\\.sql$"_s);
    QList<QPair<int, QString>> found;
    for (const QString &f : dir.entryList({u"V*__*.sql"_s}, QDir::Files)) {
        if (const auto m = name.match(f); m.hasMatch())
            found.append({m.captured(1).toInt(), f});
    }
    std::sort(found.begin(), found.end());
    QStringList out;
    for (const auto &[n, f] : found)
        out << f;
    return out;
}
} // namespace

Result<QString> MigrationFiles::write(const QString &directory, const Plan &plan)
{
    QDir dir(directory);
    if (!dir.exists() && !QDir().mkpath(directory))
        return Error{Error::Kind::Io, Tr::tr("Cannot create the directory %1.").arg(directory), directory};
    int next = 1;
    static const QRegularExpression number(u"^V(\\d+)__"_s);
    for (const QString &f : migrationFiles(dir))
        next = std::max(next, number.match(f).captured(1).toInt() + 1);
    const QByteArray body = (u"-- %1 migration for %2, %n step(s)\n"_s.arg(u"Quarry"_s, plan.dialect)
                                 .replace(u"%n"_s, QString::number(plan.steps.size()))
                             + plan.text())
                                .toUtf8();
    const QString path = dir.filePath(u"V%1__quarry_migration.sql"_s.arg(next));
    if (auto saved = saveFile(path, ChecksumPrefix + checksumOf(body) + '\n' + body); !saved)
        return saved.error();
    return path;
}

Result<QStringList> MigrationFiles::verify(const QString &directory)
{
    const QDir dir(directory);
    QStringList checked, broken;
    if (!dir.exists())
        return checked;
    for (const QString &f : migrationFiles(dir)) {
        QFile file(dir.filePath(f));
        if (!file.open(QIODevice::ReadOnly))
            return Error{Error::Kind::Io, Tr::tr("Cannot read %1: %2.").arg(file.fileName(), file.errorString()), file.fileName()};
        const QByteArray all = file.readAll();
        const qsizetype eol = all.indexOf('\n');
        const QByteArray first = all.left(eol);
        if (eol < 0 || !first.startsWith(ChecksumPrefix) || first.mid(ChecksumPrefix.size()) != checksumOf(all.mid(eol + 1)))
            broken << f;
        else
            checked << f;
    }
    if (!broken.isEmpty())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("%1 in %2 changed after it was written (its checksum does not match); nothing was applied.")
                         .arg(broken.join(u", "_s), directory),
                     directory};
    return checked;
}

} // namespace quarry::migrate
