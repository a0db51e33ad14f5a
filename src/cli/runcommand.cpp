// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "runcommand.h"

#include "http/collection.h"
#include "http/environment.h"
#include "http/postmanformat.h"
#include "http/runner.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

namespace {

struct Input {
    QList<http::Collection> collections;
    QList<http::Environment> environments;
    QJsonArray authProfiles;
    QStringList warnings;
};

Result<Input> loadInput(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Kind::Io, u"Cannot read %1: %2."_s.arg(path, file.errorString()), path};
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error{Error::Kind::InvalidInput,
                     u"%1 is not a JSON object: %2 at offset %3."_s.arg(path, parseError.errorString()).arg(parseError.offset),
                     path};
    const QJsonObject root = doc.object();
    Input input;
    QJsonArray collections;
    QJsonArray environments;
    if (root.contains(u"formatVersion"_s)) {
        auto ws = workspace::Workspace::fromJson(bytes, path);
        if (!ws)
            return ws.error();
        collections = ws.value()->sectionArray(workspace::Section::Collections);
        environments = ws.value()->sectionArray(workspace::Section::Environments);
        input.authProfiles = ws.value()->sectionArray(workspace::Section::AuthProfiles);
    } else if (root.contains(u"items"_s)) {
        collections.append(root);
    } else if (root.value(u"info"_s).toObject().value(u"schema"_s).toString().contains(u"getpostman.com"_s)) {
        QStringList warnings;
        auto imported = http::PostmanFormat::importCollection(root, &warnings);
        if (!imported)
            return Error{imported.error().kind, imported.error().message, path};
        input.warnings = warnings;
        collections.append(imported.value().toJson());
    } else {
        collections = root.value(u"collections"_s).toArray();
        environments = root.value(u"environments"_s).toArray();
    }
    auto parsed = http::Collection::listFromJson(collections);
    if (!parsed)
        return Error{parsed.error().kind, parsed.error().message, path + u": "_s + parsed.error().where};
    input.collections = parsed.value();
    input.environments = http::Environment::listFromJson(environments);
    if (input.collections.isEmpty())
        return Error{Error::Kind::InvalidInput, u"%1 holds no request collection."_s.arg(path), path};
    return input;
}

} // namespace

const OptionTable &runOptions()
{
    static const OptionTable table{
        .command = u"run"_s,
        .summary = u"Run a request collection and its checks."_s,
        .operands = {{.name = u"WORKSPACE|FILE"_s, .missing = u"which workspace or collection file?"_s}},
        .options = {{.name = u"--collection"_s, .value = u"NAME"_s, .help = u"run only this collection (name or id)"_s},
                    {.name = u"--folder"_s, .value = u"NAME"_s, .help = u"run only this folder (name or id)"_s},
                    {.name = u"--env"_s, .value = u"NAME"_s, .help = u"the environment"_s, .aliases = {u"-e"_s}},
                    {.name = u"--var"_s, .value = u"NAME=VALUE"_s, .help = u"set a variable (before the environment's)"_s,
                     .use = Option::Repeatable},
                    {.name = u"--reporter"_s, .help = u"the report on stdout (default cli)"_s,
                     .choices = {u"cli"_s, u"json"_s, u"junit"_s}, .aliases = {u"-r"_s}},
                    {.name = u"--out"_s, .value = u"FILE"_s, .help = u"write the report to FILE instead"_s, .aliases = {u"-o"_s}},
                    {.name = u"--junit"_s, .value = u"FILE"_s, .help = u"also write a JUnit report to FILE"_s},
                    {.name = u"--iterations"_s, .value = u"N"_s, .help = u"run the collection N times"_s, .min = 1,
                     .max = Option::NoLimit, .aliases = {u"-n"_s}},
                    {.name = u"--concurrency"_s, .value = u"N"_s, .help = u"iterations in parallel"_s, .min = 1, .max = 256},
                    {.name = u"--timeout"_s, .value = u"MS"_s, .help = u"a request's time limit in milliseconds"_s, .min = 1,
                     .max = Option::NoLimit},
                    {.name = u"--duration"_s, .value = u"SECONDS"_s, .help = u"repeat the run until this much time has passed"_s,
                     .min = 1, .max = Option::NoLimit / 1000}},
    };
    return table;
}

int runCommand(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(runOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    const QString path = parsed->operand(0);
    const QString collectionName = parsed->value(u"--collection"_s);
    const QString reporter = parsed->value(u"--reporter"_s, u"cli"_s);
    const QString outPath = parsed->value(u"--out"_s);
    const QString junitPath = parsed->value(u"--junit"_s);
    http::RunOptions options;
    options.environment = parsed->value(u"--env"_s);
    options.folder = parsed->value(u"--folder"_s);
    for (const QString &value : parsed->values(u"--var"_s)) {
        if (!value.contains(u'='))
            return usageError(runOptions(), io, u"--var needs NAME=VALUE, not \"%1\"."_s.arg(value));
        options.variables.append({value.section(u'=', 0, 0), value.section(u'=', 1)});
    }
    options.iterations = int(parsed->number(u"--iterations"_s, options.iterations));
    options.concurrency = int(parsed->number(u"--concurrency"_s, options.concurrency));
    options.defaultTimeoutMs = int(parsed->number(u"--timeout"_s, options.defaultTimeoutMs));
    if (parsed->isSet(u"--duration"_s))
        options.durationMs = int(parsed->number(u"--duration"_s, 0) * 1000);

    auto input = loadInput(path);
    if (!input) {
        io.err << "quarry run: " << input.error().toString() << '\n';
        return UsageError;
    }
    for (const QString &w : std::as_const(input.value().warnings))
        io.err << "warning: " << w << '\n';
    QList<http::Collection> selected;
    for (const http::Collection &c : std::as_const(input.value().collections)) {
        if (collectionName.isEmpty() || c.id == collectionName || c.name == collectionName)
            selected.append(c);
    }
    if (selected.isEmpty()) {
        io.err << "quarry run: there is no collection \"" << collectionName << "\" in " << path << ".\n";
        return UsageError;
    }

    options.authProfiles = input.value().authProfiles;
    QList<http::RunReport> reports;
    auto tokens = std::make_shared<http::TokenStore>();   // one login serves every collection of the run
    for (const http::Collection &c : std::as_const(selected)) {
        http::Runner runner(c, input.value().environments, options);
        runner.setTokenStore(tokens);
        auto report = runner.run();
        if (!report) {
            io.err << "quarry run: " << report.error().toString() << '\n';
            return UsageError;
        }
        reports.append(report.value());
    }

    QByteArray rendered;
    if (reporter == u"json"_s) {
        if (reports.size() == 1) {
            rendered = reports.first().toJson();
        } else {
            QJsonArray list;
            for (const http::RunReport &r : std::as_const(reports))
                list.append(QJsonDocument::fromJson(r.toJson()).object());
            rendered = QJsonDocument(list).toJson(QJsonDocument::Indented);
        }
    } else if (reporter == u"junit"_s) {
        rendered = http::RunReport::toJUnit(reports);
    } else {
        QString text;
        for (const http::RunReport &r : std::as_const(reports))
            text += r.toText();
        rendered = text.toUtf8();
    }
    if (!outPath.isEmpty()) {
        if (!writeOutput(u"run"_s, outPath, rendered, io))
            return Failure;
        if (reporter != u"cli"_s) {
            for (const http::RunReport &r : std::as_const(reports))
                io.out << r.toText();
        }
    } else {
        io.out << QString::fromUtf8(rendered);
    }
    if (!junitPath.isEmpty() && !writeOutput(u"run"_s, junitPath, http::RunReport::toJUnit(reports), io))
        return Failure;
    io.out.flush();
    for (const http::RunReport &r : std::as_const(reports)) {
        if (!r.passed())
            return Failure;
    }
    return Success;
}

} // namespace quarry::cli
