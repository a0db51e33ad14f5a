// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/queryadvisor.h"

#include "db/connection.h"
#include "schema/dialect.h"
#include "schema/dialectregistry.h"
#include "schema/sqliteexpert.h"
#include "schema/schema.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace quarry::schema {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(QueryAdvisor)
};
} // namespace

// ---- IndexCandidate, QueryAdvice -------------------------------------------------------------

QString IndexCandidate::toString() const
{
    QStringList cols;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        QString c = columns.at(i);
        if (i < collations.size() && !collations.at(i).isEmpty() && collations.at(i).compare(u"BINARY"_s, Qt::CaseInsensitive))
            c += u" COLLATE "_s + collations.at(i);
        if (i < descending.size() && descending.at(i))
            c += u" DESC"_s;
        cols << c;
    }
    return PgCandidateGenerator::tableKey(nameSpace, table) + u'(' + cols.join(u", "_s) + u')';
}

QString IndexCandidate::indexName(int maxLength) const
{
    QString name = table + u'_' + columns.join(u'_') + u"_idx"_s;
    if (maxLength > 0 && name.size() > maxLength) {
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
        name = name.left(maxLength - 9) + u'_' + hash;
    }
    return name;
}

QString IndexCandidate::createStatement(const Dialect &dialect) const
{
    Table t;
    t.name = table;
    t.nameSpace = nameSpace == u"public"_s ? QString() : nameSpace;
    Index ix;
    const int maxLength = dialect.features().maxIdentifierLength;
    ix.name = indexName(maxLength > 0 ? maxLength : 63);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        IndexElement e;
        const QString coll = i < collations.size() ? collations.at(i) : QString();
        if (!coll.isEmpty() && coll.compare(u"BINARY"_s, Qt::CaseInsensitive))
            e.expression = dialect.quoteIdentifier(columns.at(i)) + u" COLLATE "_s + coll;
        else
            e.column = columns.at(i);
        e.descending = i < descending.size() && descending.at(i);
        ix.elements << e;
    }
    return dialect.createIndexStatement(t, ix);
}

std::optional<double> QueryAdvice::savingPercent() const
{
    if (!costBefore || !costAfter || *costBefore <= 0)
        return std::nullopt;
    return std::max(0.0, (*costBefore - *costAfter) / *costBefore * 100.0);
}

QString QueryAdvice::statusName(Status status)
{
    switch (status) {
    case Status::Suggested: return u"suggested"_s;
    case Status::NoGain: return u"no-gain"_s;
    case Status::NoCandidates: return u"no-candidates"_s;
    case Status::Skipped: return u"skipped"_s;
    case Status::Failed: return u"failed"_s;
    }
    return {};
}

int WorkloadAdvice::suggestionCount() const
{
    return int(std::count_if(queries.cbegin(), queries.cend(),
                             [](const QueryAdvice &q) { return q.status == QueryAdvice::Status::Suggested; }));
}

QList<AdvisorDatabase> advisorDatabases(const QJsonArray &databasesSection)
{
    QList<AdvisorDatabase> out;
    for (const QJsonValue &v : databasesSection) {
        const QJsonObject o = v.toObject();
        const QString url = o.value(u"url"_s).toString();
        if (!url.isEmpty())
            out << AdvisorDatabase{o.value(u"name"_s).toString(url), url};
    }
    return out;
}

Result<WorkloadAdvice> adviseWorkload(const QString &url, const QString &baseDir, const Schema &design,
                                      const Workload &workload, const AdvisorOptions &options)
{
    auto dialect = [](const QString &id) -> Result<const Dialect *> {
        if (const Dialect *d = DialectRegistry::instance().dialect(id))
            return d;
        return Error{Error::Kind::NotFound, Tr::tr("The %1 dialect plugin is not loaded (see quarry --list-plugins).").arg(id), {}};
    };
    const QString u = url.trimmed();
    if (db::isPostgresUrl(u)) {
        auto pg = dialect(u"postgres"_s);
        if (!pg)
            return pg.error();
        return PgQueryAdvisor::advise(u, workload, *pg.value(), options);
    }
    auto sqlite = dialect(u"sqlite"_s);
    if (!sqlite)
        return sqlite.error();
    if (u.isEmpty()) {
        auto ddl = sqlite.value()->createStatements(design);
        if (!ddl)
            return ddl.error();
        return SqliteExpert::adviseDdl(ddl.value(), workload, *sqlite.value(), options);
    }
    if (u.startsWith(u"sqlite:"_s))
        return SqliteExpert::adviseFile(db::sqliteFilePath(u, baseDir), workload, *sqlite.value(), options);
    return Error{Error::Kind::InvalidInput,
                 Tr::tr("Not a database URL Quarry knows; use sqlite:path/to/file.db or postgresql://user@host:port/db."),
                 url};
}

} // namespace quarry::schema