// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "fakecommand.h"

#include "mock/fakedata.h"
#include "mock/fakelocale.h"
#include "mock/fixturegenerator.h"
#include "sqlcommand.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

int runFake(const QStringList &args, Io &io)
{
    static const QString usage = u"Usage: quarry fake WORKSPACE --table NAME [--rows N] [--seed S] [--locale L]\n"_s;
    QString path, table, locale = u"en"_s;
    qint64 rows = 10;
    quint64 seed = 1;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        const bool hasValue = i + 1 < args.size();
        bool ok = true;
        if (a == u"--table"_s && hasValue) {
            table = args.at(++i);
        } else if (a == u"--rows"_s && hasValue) {
            rows = args.at(++i).toLongLong(&ok);
            ok = ok && rows >= 0 && rows <= 1000000;
        } else if (a == u"--seed"_s && hasValue) {
            seed = args.at(++i).toULongLong(&ok);
        } else if (a == u"--locale"_s && hasValue) {
            locale = args.at(++i);
        } else if (a.startsWith(u'-') || !path.isEmpty()) {
            ok = false;
        } else {
            path = a;
        }
        if (!ok) {
            io.err << "quarry fake: unexpected or bad argument \"" << a << "\".\n" << usage;
            return UsageError;
        }
    }
    if (path.isEmpty() || table.isEmpty()) {
        io.err << usage;
        return UsageError;
    }
    if (!mock::FakeLocale::named(locale)) {
        io.err << "quarry fake: no fake data for the locale \"" << locale << "\"; available: "
               << mock::FakeLocale::available().join(u", "_s) << '\n';
        return UsageError;
    }
    const auto design = loadWorkspaceSchema(u"fake"_s, path, io);
    if (!design)
        return Failure;
    mock::FakeData fake(seed, locale);
    mock::FixtureGenerator generator(*design, fake);
    auto made = generator.generate(table, int(rows));
    if (!made) {
        io.err << "quarry fake: " << made.error().message << '\n';
        return Failure;
    }
    QJsonObject fixtures;
    for (const auto &[name, list] : generator.generated())
        fixtures.insert(name, list);
    io.out << QJsonDocument(fixtures).toJson(QJsonDocument::Indented);
    return Success;
}

} // namespace quarry::cli
