// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "advisecommand.h"

#include "schema/designadvisor.h"
#include "schema/dialect.h"
#include "schema/validator.h"
#include "sqlcommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

int runAdvise(const QStringList &args, Io &io)
{
    QString path;
    QString dialectId = u"postgres"_s;
    bool json = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--dialect"_s && i + 1 < args.size()) {
            dialectId = args.at(++i);
        } else if (a.startsWith(u"--dialect="_s)) {
            dialectId = a.mid(10);
        } else if (a == u"--json"_s) {
            json = true;
        } else if (a == u"--db"_s || a == u"--queries"_s || a.startsWith(u"--db="_s) || a.startsWith(u"--queries="_s)) {
            // TODO(#6): advice from a workload (HypoPG / SQLite expert) is not in this build.
            io.err << "quarry advise: " << a.section(u'=', 0, 0)
                   << " (advice from queries) is not implemented in this build; without it, quarry advise "
                      "reviews the design alone.\n";
            return UsageError;
        } else if (a.startsWith(u'-') || !path.isEmpty()) {
            io.err << "quarry advise: unexpected argument \"" << a
                   << "\".\nUsage: quarry advise WORKSPACE [--dialect D] [--json]\n";
            return UsageError;
        } else {
            path = a;
        }
    }
    if (path.isEmpty()) {
        io.err << "Usage: quarry advise WORKSPACE [--dialect D] [--json]\n";
        return UsageError;
    }
    const schema::Dialect *dialect = dialectFor(u"advise"_s, dialectId, io);
    if (!dialect)
        return UsageError;
    const auto design = loadWorkspaceSchema(u"advise"_s, path, io);
    if (!design)
        return Failure;
    const QList<schema::Problem> problems = schema::Validator({dialect}).validate(*design);
    if (schema::Validator::hasErrors(problems)) {
        for (const schema::Problem &p : problems) {
            if (p.isError())
                io.err << "error: " << p.where << ": " << p.message << " [" << p.code << "]\n";
        }
        io.err << "quarry advise: fix the design's errors first (quarry sql shows them too).\n";
        return Failure;
    }
    const QList<schema::Advice> advice = schema::DesignAdvisor(*dialect).advise(*design);
    if (json) {
        QJsonArray list;
        for (const schema::Advice &a : advice)
            list.append(QJsonObject{{u"severity"_s, schema::Advice::severityName(a.severity)},
                                    {u"rule"_s, a.rule},
                                    {u"where"_s, a.where},
                                    {u"objectId"_s, a.objectId},
                                    {u"message"_s, a.message},
                                    {u"reason"_s, a.reason},
                                    {u"fix"_s, QJsonArray::fromStringList(a.fix)}});
        io.out << QJsonDocument(QJsonObject{{u"dialect"_s, dialect->id()}, {u"advice"_s, list}})
                      .toJson(QJsonDocument::Indented);
        return Success;
    }
    if (advice.isEmpty()) {
        io.out << "No advice: the design has no issue the advisor knows (" << schema::DesignAdvisor::rules().size()
               << " rules checked).\n";
        return Success;
    }
    for (const schema::Advice &a : advice) {
        io.out << schema::Advice::severityName(a.severity) << ": " << a.where << ": " << a.message << " [" << a.rule
               << "]\n";
        io.out << "  Why: " << a.reason << '\n';
        for (const QString &statement : a.fix)
            io.out << "  Fix: " << statement << ";\n";
        io.out << '\n';
    }
    io.out << advice.size() << " item(s) of advice for " << dialect->displayName() << ".\n";
    return Success;
}

} // namespace quarry::cli
