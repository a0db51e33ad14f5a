// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/pgstore.h"

#include "db/pgconnection.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

ColumnInfo::Affinity affinityOf(const QString &dataType)
{
    const QString t = dataType.toLower();
    if (t == u"smallint"_s || t == u"integer"_s || t == u"bigint"_s)
        return ColumnInfo::Affinity::Integer;
    if (t == u"real"_s || t == u"double precision"_s)
        return ColumnInfo::Affinity::Real;
    if (t == u"numeric"_s)
        return ColumnInfo::Affinity::Numeric;
    if (t == u"boolean"_s)
        return ColumnInfo::Affinity::Boolean;
    if (t == u"bytea"_s)
        return ColumnInfo::Affinity::Blob;
    return ColumnInfo::Affinity::Text;
}

QJsonValue convert(const QVariant &v, const ColumnInfo *column)
{
    if (!v.isValid() || v.isNull())
        return QJsonValue::Null;
    const QString text = v.toString();
    if (!column)
        return text;
    bool ok = false;
    switch (column->affinity) {
    case ColumnInfo::Affinity::Integer: {
        const qint64 i = text.toLongLong(&ok);
        return ok ? QJsonValue(i) : QJsonValue(text);
    }
    case ColumnInfo::Affinity::Real:
    case ColumnInfo::Affinity::Numeric: {
        const double d = text.toDouble(&ok);
        return ok ? QJsonValue(d) : QJsonValue(text);
    }
    case ColumnInfo::Affinity::Boolean:
        return QJsonValue(text == u"t"_s || text == u"true"_s);
    default:
        if (column->declaredType.startsWith(u"json"_s)) {
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
            if (doc.isObject())
                return doc.object();
            if (doc.isArray())
                return doc.array();
        }
        return text;
    }
}

QString quotedAfter(const QString &message, const QString &word)
{
    static const QRegularExpression anyQuoted(u"\"((?:[^\"]|\"\")*)\""_s);
    const qsizetype at = message.indexOf(word);
    if (at < 0)
        return {};
    const QRegularExpressionMatch m = anyQuoted.match(message, at + word.size());
    return m.hasMatch() ? m.captured(1).replace(u"\"\""_s, u"\""_s) : QString();
}

/// Fills the failure of `out` from the SQLSTATE and PostgreSQL's message with its DETAIL line:
/// `... violates unique constraint "c"` / `DETAIL: Key (a, b)=(...) already exists.`
void describeFailure(SqlOutcome &out, const QString &sqlstate, const QString &message)
{
    if (sqlstate == u"23505"_s)
        out.failure = SqlOutcome::Failure::Unique;
    else if (sqlstate == u"23502"_s)
        out.failure = SqlOutcome::Failure::NotNull;
    else if (sqlstate == u"23514"_s)
        out.failure = SqlOutcome::Failure::Check;
    else if (sqlstate == u"23503"_s)
        out.failure = SqlOutcome::Failure::ForeignKey;
    else if (sqlstate.startsWith(u"23"_s))
        out.failure = SqlOutcome::Failure::Constraint;
    else if (sqlstate == u"40001"_s || sqlstate == u"40P01"_s || sqlstate == u"55P03"_s)
        out.failure = SqlOutcome::Failure::Busy;
    else
        out.failure = SqlOutcome::Failure::Other;
    if (!sqlstate.startsWith(u"23"_s))
        return;
    if (out.failure == SqlOutcome::Failure::NotNull) {
        out.columns = QStringList{quotedAfter(message, u"column"_s)};
        return;
    }
    out.constraint = quotedAfter(message.section(u'\n', 0, 0), u"constraint"_s);
    static const QRegularExpression key(u"DETAIL:\\s+Key \\(([^)]*)\\)="_s);
    const QRegularExpressionMatch m = key.match(message);
    if (m.hasMatch()) {
        for (QString c : m.captured(1).split(u", "_s)) {
            if (c.startsWith(u'"') && c.endsWith(u'"'))
                c = c.mid(1, c.size() - 2).replace(u"\"\""_s, u"\""_s);
            out.columns << c;
        }
    }
    if (message.contains(u"is still referenced from table"_s))
        out.table = quotedAfter(message, u"referenced from table"_s);
}

} // namespace

PgStore::PgStore(QString url) : m_url(std::move(url))
{
    QUrl u(m_url);
    if (u.isValid() && !u.scheme().isEmpty()) {
        u.setPassword({});
        m_displayName = u.toString();
    } else {
        m_displayName = u"PostgreSQL"_s;
    }
}

PgStore::~PgStore() = default;

Result<std::shared_ptr<PgStore>> PgStore::open(const QString &url)
{
    std::shared_ptr<PgStore> store(new PgStore(url));
    if (auto dialect = store->loadDialect(); !dialect)
        return dialect.error();
    QString error;
    if (!store->connection(&error))
        return Error{Error::Kind::Network, error, store->m_displayName};
    auto refreshed = store->refresh();
    if (!refreshed)
        return refreshed.error();
    return store;
}

db::PgConnection *PgStore::connection(QString *error)
{
    const auto id = std::this_thread::get_id();
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_connections.find(id);
        if (it != m_connections.end())
            return it->second.get();
    }
    auto opened = db::PgConnection::open(m_url);
    if (!opened) {
        if (error)
            *error = opened.error().message;
        return nullptr;
    }
    std::lock_guard lock(m_mutex);
    return m_connections.emplace(id, std::move(opened).value()).first->second.get();
}

Result<void> PgStore::refresh()
{
    QString error;
    db::PgConnection *c = connection(&error);
    if (!c)
        return Error{Error::Kind::Network, error, m_displayName};
    const auto rows = c->query(
        u"SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, c.column_default,"
        u" EXISTS (SELECT 1 FROM information_schema.table_constraints tc"
        u"   JOIN information_schema.key_column_usage k"
        u"     ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name"
        u"   WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = c.table_schema"
        u"     AND tc.table_name = c.table_name AND k.column_name = c.column_name) AS pk"
        u" FROM information_schema.columns c WHERE c.table_schema = current_schema()"
        u" ORDER BY c.table_name, c.ordinal_position"_s);
    if (!rows)
        return rows.error();
    QHash<QString, TableInfo> tables;
    QHash<QString, int> pkCount;
    for (const QVariantList &r : rows.value().rows) {
        const QString tableName = r.value(0).toString();
        TableInfo &t = tables[tableName];
        t.name = tableName;
        ColumnInfo col;
        col.name = r.value(1).toString();
        col.declaredType = r.value(2).toString();
        col.affinity = affinityOf(col.declaredType);
        col.json = col.declaredType.startsWith(u"json"_s);
        col.notNull = r.value(3).toString() == u"NO"_s;
        col.hasDefault = r.value(4).isValid() && !r.value(4).isNull();
        col.primaryKey = r.value(5).toString() == u"t"_s || r.value(5).toString() == u"true"_s;
        if (col.primaryKey) {
            ++pkCount[tableName];
            t.primaryKey = col.name;
        }
        t.columns.append(col);
    }
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        if (pkCount.value(it.key()) != 1)
            it.value().primaryKey = u"ctid"_s;   // no single-column key: rows are addressed physically
    }
    setTables(std::move(tables));
    return {};
}

QString PgStore::numberPlaceholders(const QString &sql)
{
    QString out;
    out.reserve(sql.size() + 8);
    int n = 0;
    QChar quote;
    for (const QChar ch : sql) {
        if (!quote.isNull()) {
            if (ch == quote)
                quote = QChar();
            out.append(ch);
        } else if (ch == u'"' || ch == u'\'') {
            quote = ch;
            out.append(ch);
        } else if (ch == u'?') {
            out.append(u'$' + QString::number(++n));
        } else {
            out.append(ch);
        }
    }
    return out;
}

SqlOutcome PgStore::run(const QString &sql, const QVariantList &params, const TableInfo *shape)
{
    SqlOutcome out;
    QElapsedTimer timer;
    timer.start();
    QString error;
    db::PgConnection *c = connection(&error);
    if (!c) {
        out.failure = SqlOutcome::Failure::Other;
        out.code = 1;
        out.error = error;
        return out;
    }
    const auto result = c->query(params.isEmpty() ? sql : numberPlaceholders(sql), params);
    out.micros = timer.nsecsElapsed() / 1000;
    if (!result) {
        const QString state = result.error().sqlState;
        if (result.error().kind == Error::Kind::Network || state.startsWith(u"08"_s) || state.startsWith(u"57P"_s)) {
            // The server went away (restart, idle kill): this thread reconnects on its next request.
            std::lock_guard lock(m_mutex);
            m_connections.erase(std::this_thread::get_id());
        }
        describeFailure(out, result.error().sqlState, result.error().message);
        out.code = 1;
        out.error = result.error().message.section(u'\n', 0, 0);
        return out;
    }
    const db::Rows &rows = result.value();
    QList<const ColumnInfo *> columns;
    for (const QString &name : rows.columns)
        columns.append(shape ? shape->column(name) : nullptr);
    for (const QVariantList &r : rows.rows) {
        QJsonObject o;
        for (qsizetype i = 0; i < rows.columns.size(); ++i)
            o.insert(rows.columns.at(i), convert(r.value(i), columns.at(i)));
        out.rows.append(o);
    }
    // PgConnection reports rows, not the count of affected rows: DELETE uses RETURNING for that.
    out.changes = rows.rows.size();
    return out;
}

SqlOutcome PgStore::runAll(const QStringList &statements)
{
    if (statements.isEmpty())
        return {};
    // One statement is one transaction here, so the statements go in one DO block; each is
    // dollar-quoted with a tag that its text does not contain.
    QString block = u"DO $quarry$ BEGIN\n"_s;
    for (const QString &statement : statements) {
        QString tag = u"$q$"_s;
        for (int n = 0; statement.contains(tag) || tag == u"$quarry$"_s; ++n)
            tag = u"$q%1$"_s.arg(n);
        block += u"EXECUTE "_s + tag + statement + tag + u";\n"_s;
    }
    block += u"END $quarry$"_s;
    return run(block);
}

} // namespace quarry::mock
