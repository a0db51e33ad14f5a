// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "runcommand.h"

#include "savefile.h"
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

bool writeFile(const QString &path, const QByteArray &bytes, Io &io)
{
    const auto saved = saveFile(path, bytes);
    if (!saved)
        io.err << "quarry run: " << saved.error().message << '\n';
    return saved.ok();
}

int usage(Io &io, const QString &message)
{
    io.err << "quarry run: " << message << "\n"
           << "Usage: quarry run WORKSPACE|FILE [--collection NAME] [--folder NAME] [--env NAME] [--var NAME=VALUE]...\n"
           << "                  [--reporter cli|json|junit] [--out FILE] [--junit FILE] [--iterations N]\n"
           << "                  [--concurrency N] [--timeout MS] [--duration SECONDS]\n";
    return UsageError;
}

} // namespace

int runCommand(const QStringList &args, Io &io)
{
    QString path, collectionName, reporter = u"cli"_s, outPath, junitPath;
    http::RunOptions options;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        auto next = [&](QString &into) {
            if (i + 1 >= args.size())
                return false;
            into = args.at(++i);
            return true;
        };
        auto number = [&](int &into, int min) {
            QString text;
            bool ok = false;
            if (!next(text))
                return false;
            into = text.toInt(&ok);
            return ok && into >= min;
        };
        QString value;
        if (a == u"--env"_s || a == u"-e"_s) {
            if (!next(options.environment))
                return usage(io, u"--env needs an environment name."_s);
        } else if (a == u"--var"_s) {
            if (!next(value) || !value.contains(u'='))
                return usage(io, u"--var needs NAME=VALUE."_s);
            options.variables.append({value.section(u'=', 0, 0), value.section(u'=', 1)});
        } else if (a == u"--reporter"_s || a == u"-r"_s) {
            if (!next(reporter) || !QStringList{u"cli"_s, u"json"_s, u"junit"_s}.contains(reporter))
                return usage(io, u"--reporter is one of cli, json, junit."_s);
        } else if (a == u"--out"_s || a == u"-o"_s) {
            if (!next(outPath))
                return usage(io, u"--out needs a file name."_s);
        } else if (a == u"--junit"_s) {
            if (!next(junitPath))
                return usage(io, u"--junit needs a file name."_s);
        } else if (a == u"--collection"_s) {
            if (!next(collectionName))
                return usage(io, u"--collection needs a name or id."_s);
        } else if (a == u"--folder"_s) {
            if (!next(options.folder))
                return usage(io, u"--folder needs a name or id."_s);
        } else if (a == u"--iterations"_s || a == u"-n"_s) {
            if (!number(options.iterations, 1))
                return usage(io, u"--iterations needs a number of at least 1."_s);
        } else if (a == u"--concurrency"_s) {
            if (!number(options.concurrency, 1) || options.concurrency > 256)
                return usage(io, u"--concurrency needs a number from 1 to 256."_s);
        } else if (a == u"--timeout"_s) {
            if (!number(options.defaultTimeoutMs, 1))
                return usage(io, u"--timeout needs milliseconds."_s);
        } else if (a == u"--duration"_s) {
            int seconds = 0;
            if (!number(seconds, 1))
                return usage(io, u"--duration needs seconds."_s);
            options.durationMs = seconds * 1000;
        } else if (a == u"-h"_s || a == u"--help"_s) {
            return usage(io, u"runs a request collection and its checks."_s), Success;
        } else if (a.startsWith(u'-')) {
            return usage(io, u"unknown option %1."_s.arg(a));
        } else if (path.isEmpty()) {
            path = a;
        } else {
            return usage(io, u"one workspace or collection file only (got %1 and %2)."_s.arg(path, a));
        }
    }
    if (path.isEmpty())
        return usage(io, u"which workspace or collection file?"_s);

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
        if (!writeFile(outPath, rendered, io))
            return Failure;
        if (reporter != u"cli"_s) {
            for (const http::RunReport &r : std::as_const(reports))
                io.out << r.toText();
        }
    } else {
        io.out << QString::fromUtf8(rendered);
    }
    if (!junitPath.isEmpty() && !writeFile(junitPath, http::RunReport::toJUnit(reports), io))
        return Failure;
    io.out.flush();
    for (const http::RunReport &r : std::as_const(reports)) {
        if (!r.passed())
            return Failure;
    }
    return Success;
}

} // namespace quarry::cli
