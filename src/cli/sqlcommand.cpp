// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "sqlcommand.h"

#include "schema/ddlwriter.h"
#include "schema/dialect.h"
#include "schema/dialectregistry.h"
#include "schema/validator.h"
#include "workspace/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace quarry::cli {

std::optional<schema::Schema> loadWorkspaceSchema(const QString &command, const QString &path, Io &io)
{
    auto ws = workspace::Workspace::load(path);
    if (!ws) {
        io.err << "quarry " << command << ": " << ws.error().toString() << '\n';
        return std::nullopt;
    }
    auto parsed = schema::Schema::fromJson(ws.value()->section(workspace::Section::Schema));
    if (!parsed) {
        io.err << "quarry " << command << ": " << path << ": " << parsed.error().toString() << '\n';
        return std::nullopt;
    }
    return std::move(parsed).value();
}

const schema::Dialect *dialectFor(const QString &command, const QString &id, Io &io)
{
    const schema::Dialect *dialect = schema::DialectRegistry::instance().dialect(id);
    if (!dialect) {
        QStringList known;
        for (const schema::Dialect *d : schema::DialectRegistry::instance().dialects())
            known << d->id();
        io.err << "quarry " << command << ": unknown dialect \"" << id << "\"; available: "
               << (known.isEmpty() ? u"none (no dialect plugins found; see quarry --list-plugins)"_s : known.join(u", "_s))
               << '\n';
    }
    return dialect;
}

namespace {
void printProblem(const schema::Problem &p, Io &io)
{
    io.err << (p.isError() ? "error: " : "warning: ") << (p.where.isEmpty() ? QString() : p.where + u": "_s) << p.message
           << " [" << p.code << "]\n";
}
} // namespace

const OptionTable &sqlOptions()
{
    static const OptionTable table{
        .command = u"sql"_s,
        .summary = u"Print the DDL of the designed schema."_s,
        .operands = {{u"WORKSPACE"_s}},
        .options = {{.name = u"--dialect"_s, .value = u"postgres|sqlite|mysql"_s, .help = u"the SQL dialect (a dialect plugin)"_s,
                     .use = Option::Required},
                    {.name = u"--json"_s, .help = u"print the statements and the design's warnings as JSON"_s}},
    };
    return table;
}

int runSql(const QStringList &args, Io &io)
{
    int exit = Success;
    const auto parsed = parseCommandLine(sqlOptions(), args, io, &exit);
    if (!parsed)
        return exit;
    return printSql(parsed->operand(0), parsed->value(u"--dialect"_s), parsed->isSet(u"--json"_s), io);
}

int printSql(const QString &path, const QString &dialectId, bool json, Io &io)
{
    const schema::Dialect *dialect = dialectFor(u"sql"_s, dialectId, io);
    if (!dialect)
        return UsageError;
    const auto design = loadWorkspaceSchema(u"sql"_s, path, io);
    if (!design)
        return Failure;

    const QList<schema::Problem> problems = schema::Validator({dialect}).validate(*design);
    for (const schema::Problem &p : problems)
        printProblem(p, io);
    if (schema::Validator::hasErrors(problems)) {
        io.err << "quarry sql: the design has errors; no DDL was written.\n";
        return Failure;
    }
    const auto ddl = dialect->createStatements(*design);
    if (!ddl) {
        io.err << "quarry sql: " << ddl.error().toString() << '\n';
        return Failure;
    }
    if (json) {
        QJsonArray warnings;
        for (const schema::Problem &p : problems)
            warnings.append(QJsonObject{{u"code"_s, p.code}, {u"message"_s, p.message}, {u"where"_s, p.where},
                                        {u"objectId"_s, p.objectId}});
        io.out << QJsonDocument(QJsonObject{{u"dialect"_s, dialect->id()},
                                            {u"statements"_s, QJsonArray::fromStringList(ddl.value())},
                                            {u"warnings"_s, warnings}})
                      .toJson(QJsonDocument::Indented);
        return Success;
    }
    io.out << schema::DdlWriter::script(ddl.value());
    return Success;
}

} // namespace quarry::cli
