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

const OptionTable &fakeOptions()
{
    static const OptionTable table{
        .command = u"fake"_s,
        .summary = u"Rows of a designed table that satisfy its constraints, as mock.fixtures JSON."_s,
        .operands = {{u"WORKSPACE"_s}},
        .options = {{.name = u"--table"_s, .value = u"NAME"_s, .help = u"the table to fill (and the tables it references)"_s,
                     .use = Option::Required},
                    {.name = u"--rows"_s, .value = u"N"_s, .help = u"how many rows (default 10)"_s, .min = 0, .max = 1000000},
                    {.name = u"--seed"_s, .value = u"S"_s, .help = u"the seed: the same seed gives the same rows (default 1)"_s},
                    {.name = u"--locale"_s, .value = u"L"_s, .help = u"the fake data's locale (default en)"_s}},
    };
    return table;
}

int runFake(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(fakeOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString path = parsed->operand(0);
    const QString table = parsed->value(u"--table"_s);
    const QString locale = parsed->value(u"--locale"_s, u"en"_s);
    const qint64 rows = parsed->number(u"--rows"_s, 10);
    bool ok = true;
    const quint64 seed = parsed->value(u"--seed"_s, u"1"_s).toULongLong(&ok);
    if (!ok)
        return usageError(fakeOptions(), io, u"--seed needs a whole number of at least 0."_s);
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
