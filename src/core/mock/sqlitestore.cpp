// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "mock/sqlitestore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>

#include <sqlite3.h>

using namespace Qt::Literals::StringLiterals;

namespace quarry::mock {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SqliteStore)
};

ColumnInfo::Affinity affinityOf(const QString &declared)
{
    // SQLite's rules (https://sqlite.org/datatype3.html, 3.1), in their order.
    const QString t = declared.toUpper();
    if (t.contains(u"INT"_s))
        return ColumnInfo::Affinity::Integer;
    if (t.contains(u"CHAR"_s) || t.contains(u"CLOB"_s) || t.contains(u"TEXT"_s))
        return ColumnInfo::Affinity::Text;
    if (t.isEmpty() || t.contains(u"BLOB"_s))
        return ColumnInfo::Affinity::Blob;
    if (t.contains(u"REAL"_s) || t.contains(u"FLOA"_s) || t.contains(u"DOUB"_s))
        return ColumnInfo::Affinity::Real;
    return ColumnInfo::Affinity::Numeric;
}

} // namespace

/// Fills the failure of `out` from SQLite's extended code and message: "NOT NULL constraint failed:
/// t.c", "UNIQUE constraint failed: t.a, t.b", "CHECK constraint failed: name-or-expression".
/// SQLite names no failed foreign key.
static void describeFailure(SqlOutcome &out, int code, const QString &message)
{
    out.code = code;
    out.error = message;
    const QString named = message.section(u": "_s, 1).trimmed();
    auto columnsOf = [&named] {
        QStringList columns;
        for (const QString &qualified : named.split(u", "_s, Qt::SkipEmptyParts))
            columns << qualified.section(u'.', -1);
        return columns;
    };
    if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
        out.failure = SqlOutcome::Failure::Unique;
        out.columns = columnsOf();
    } else if (code == SQLITE_CONSTRAINT_NOTNULL) {
        out.failure = SqlOutcome::Failure::NotNull;
        out.columns = columnsOf();
    } else if (code == SQLITE_CONSTRAINT_CHECK) {
        out.failure = SqlOutcome::Failure::Check;
        out.constraint = named;
    } else if (code == SQLITE_CONSTRAINT_FOREIGNKEY) {
        out.failure = SqlOutcome::Failure::ForeignKey;
    } else if ((code & 0xff) == SQLITE_CONSTRAINT) {
        out.failure = SqlOutcome::Failure::Constraint;
    } else if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
        out.failure = SqlOutcome::Failure::Busy;
    } else {
        out.failure = SqlOutcome::Failure::Other;
    }
}

struct SqliteStore::Connection {
    sqlite3 *db = nullptr;
    QHash<QString, sqlite3_stmt *> statements;
    ~Connection()
    {
        for (sqlite3_stmt *s : std::as_const(statements))
            sqlite3_finalize(s);
        sqlite3_close_v2(db);
    }
};

SqliteStore::SqliteStore(QString path, bool durable) : m_path(std::move(path)), m_durable(durable) {}

SqliteStore::~SqliteStore() = default;

Result<std::shared_ptr<SqliteStore>> SqliteStore::open(const QString &path, bool durable)
{
    std::shared_ptr<SqliteStore> store(new SqliteStore(path, durable));
    if (auto dialect = store->loadDialect(); !dialect)
        return dialect.error();
    QString error;
    if (!store->connection(&error))
        return Error{Error::Kind::Database, error, path};
    const SqlOutcome wal = store->run(u"PRAGMA journal_mode=WAL"_s);
    if (!wal.ok())
        return Error{Error::Kind::Database, Tr::tr("Cannot switch %1 to WAL mode: %2").arg(path, wal.error), path};
    auto refreshed = store->refresh();
    if (!refreshed)
        return refreshed.error();
    return store;
}

Result<void> SqliteStore::refresh()
{
    const SqlOutcome tables = run(u"SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"_s);
    if (!tables.ok())
        return Error{Error::Kind::Database, tables.error, m_path};
    QHash<QString, TableInfo> result;
    for (const QJsonValue &row : tables.rows) {
        TableInfo info;
        info.name = row.toObject().value(u"name"_s).toString();
        const SqlOutcome cols = run(u"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)"_s,
                                    {info.name});
        int pkCount = 0;
        for (const QJsonValue &cv : cols.rows) {
            const QJsonObject c = cv.toObject();
            ColumnInfo col;
            col.name = c.value(u"name"_s).toString();
            col.declaredType = c.value(u"type"_s).toString();
            col.affinity = affinityOf(col.declaredType);
            col.notNull = c.value(u"notnull"_s).toInt() != 0;
            col.hasDefault = !c.value(u"dflt_value"_s).isNull();
            col.primaryKey = c.value(u"pk"_s).toInt() > 0;
            if (col.primaryKey) {
                ++pkCount;
                info.primaryKey = col.name;
            }
            info.columns.append(col);
        }
        if (pkCount != 1)
            info.primaryKey = u"rowid"_s;
        result.insert(info.name, info);
    }
    setTables(std::move(result));
    return {};
}

SqliteStore::Connection *SqliteStore::connection(QString *error)
{
    const auto id = std::this_thread::get_id();
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_connections.find(id);
        if (it != m_connections.end())
            return it->second.get();
    }
    auto c = std::make_unique<Connection>();
    const int rc = sqlite3_open_v2(m_path.toUtf8().constData(), &c->db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        if (error)
            *error = Tr::tr("Cannot open the SQLite database %1: %2")
                         .arg(m_path, QString::fromUtf8(c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc)));
        return nullptr;
    }
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, 5000);
    sqlite3_exec(c->db, m_durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
    sqlite3_exec(c->db, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
    std::lock_guard lock(m_mutex);
    return m_connections.emplace(id, std::move(c)).first->second.get();
}

SqlOutcome SqliteStore::run(const QString &sql, const QVariantList &params, const TableInfo *)
{
    SqlOutcome out;
    QElapsedTimer timer;
    timer.start();
    QString openError;
    Connection *c = connection(&openError);
    if (!c) {
        out.code = SQLITE_CANTOPEN;
        out.failure = SqlOutcome::Failure::Other;
        out.error = openError;
        return out;
    }
    sqlite3_stmt *stmt = c->statements.value(sql);
    if (!stmt) {
        const QByteArray utf8 = sql.toUtf8();
        const int rc = sqlite3_prepare_v3(c->db, utf8.constData(), int(utf8.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                          nullptr);
        if (rc != SQLITE_OK) {
            describeFailure(out, sqlite3_extended_errcode(c->db), QString::fromUtf8(sqlite3_errmsg(c->db)));
            return out;
        }
        if (!stmt) {   // only a comment, or white space
            out.micros = timer.nsecsElapsed() / 1000;
            return out;
        }
        if (c->statements.size() > 256) {
            for (sqlite3_stmt *s : std::as_const(c->statements))
                sqlite3_finalize(s);
            c->statements.clear();
        }
        c->statements.insert(sql, stmt);
    }
    for (int i = 0; i < params.size(); ++i) {
        const QVariant &v = params.at(i);
        const int idx = i + 1;
        if (v.isNull()) {
            sqlite3_bind_null(stmt, idx);
            continue;
        }
        switch (v.typeId()) {
        case QMetaType::Bool:
            sqlite3_bind_int64(stmt, idx, v.toBool() ? 1 : 0);
            break;
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
            sqlite3_bind_int64(stmt, idx, v.toLongLong());
            break;
        case QMetaType::Double:
            sqlite3_bind_double(stmt, idx, v.toDouble());
            break;
        case QMetaType::QByteArray: {
            const QByteArray b = v.toByteArray();
            sqlite3_bind_blob64(stmt, idx, b.constData(), sqlite3_uint64(b.size()), SQLITE_TRANSIENT);
            break;
        }
        default: {
            const QByteArray s = v.toString().toUtf8();
            sqlite3_bind_text64(stmt, idx, s.constData(), sqlite3_uint64(s.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
        }
        }
    }
    // Column names are read after the first step: a design change (ALTER TABLE) re-prepares a
    // cached "SELECT *" there, with the new column.
    int columns = -1;
    QStringList names;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (columns < 0) {
            columns = sqlite3_column_count(stmt);
            for (int i = 0; i < columns; ++i)
                names.append(QString::fromUtf8(sqlite3_column_name(stmt, i)));
        }
        QJsonObject row;
        for (int i = 0; i < columns; ++i) {
            switch (sqlite3_column_type(stmt, i)) {
            case SQLITE_INTEGER: row.insert(names.at(i), qint64(sqlite3_column_int64(stmt, i))); break;
            case SQLITE_FLOAT: row.insert(names.at(i), sqlite3_column_double(stmt, i)); break;
            case SQLITE_NULL: row.insert(names.at(i), QJsonValue::Null); break;
            case SQLITE_BLOB: {
                const QByteArray b(static_cast<const char *>(sqlite3_column_blob(stmt, i)), sqlite3_column_bytes(stmt, i));
                row.insert(names.at(i), QString::fromLatin1(b.toBase64()));
                break;
            }
            default:
                row.insert(names.at(i), QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, i)),
                                                          sqlite3_column_bytes(stmt, i)));
            }
        }
        out.rows.append(row);
    }
    if (rc != SQLITE_DONE) {
        describeFailure(out, sqlite3_extended_errcode(c->db), QString::fromUtf8(sqlite3_errmsg(c->db)));
    } else {
        out.changes = sqlite3_changes64(c->db);
    }
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    out.micros = timer.nsecsElapsed() / 1000;
    return out;
}

SqlOutcome SqliteStore::runAll(const QStringList &statements)
{
    SqlOutcome begun = run(u"BEGIN IMMEDIATE"_s);
    if (!begun.ok())
        return begun;
    for (const QString &statement : statements) {
        SqlOutcome r = run(statement);
        if (!r.ok()) {
            run(u"ROLLBACK"_s);
            return r;
        }
    }
    return run(u"COMMIT"_s);
}

} // namespace quarry::mock
