// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/sqliteconnection.h"

#include <QCoreApplication>
#include <QFile>

#include <sqlite3.h>

#include <atomic>

using namespace Qt::Literals::StringLiterals;

namespace quarry::db {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(SqliteConnection)
};

QVariant columnValue(sqlite3_stmt *s, int i)
{
    switch (sqlite3_column_type(s, i)) {
    case SQLITE_INTEGER:
        return QVariant(qlonglong(sqlite3_column_int64(s, i)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(s, i));
    case SQLITE_BLOB: {
        const auto *p = static_cast<const char *>(sqlite3_column_blob(s, i));
        return QVariant(QByteArray(p, sqlite3_column_bytes(s, i)));
    }
    case SQLITE_NULL:
        return QVariant();
    default: {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
        return QVariant(QString::fromUtf8(p, sqlite3_column_bytes(s, i)));
    }
    }
}

int bind(sqlite3_stmt *s, int i, const QVariant &v)
{
    if (v.isNull())
        return sqlite3_bind_null(s, i);
    switch (v.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Long:
    case QMetaType::ULong:
        return sqlite3_bind_int64(s, i, v.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return sqlite3_bind_double(s, i, v.toDouble());
    case QMetaType::QByteArray: {
        const QByteArray b = v.toByteArray();
        return sqlite3_bind_blob64(s, i, b.constData(), sqlite3_uint64(b.size()), SQLITE_TRANSIENT);
    }
    default: {
        const QByteArray t = v.toString().toUtf8();
        return sqlite3_bind_text64(s, i, t.constData(), sqlite3_uint64(t.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
    }
}
} // namespace

struct SqliteConnection::Private {
    sqlite3 *db = nullptr;
    QString name;
    std::atomic<bool> executing{false};
    std::atomic<bool> cancelRequested{false};
    QDeadlineTimer deadline{QDeadlineTimer::Forever};
    qsizetype errorOffset = -1;

    // Every 1000 virtual machine steps: stop when cancelled or past the deadline. sqlite3_interrupt
    // alone loses a cancel that arrives just before a statement starts; this flag does not.
    static int progress(void *self)
    {
        auto *p = static_cast<Private *>(self);
        return p->cancelRequested.load() || p->deadline.hasExpired() ? 1 : 0;
    }
};

// ---- SqliteStatement ----

SqliteStatement::SqliteStatement(SqliteConnection *connection, sqlite3_stmt *stmt, qsizetype tail)
    : m_connection(connection), m_stmt(stmt), m_tail(tail)
{
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_connection(other.m_connection), m_stmt(std::exchange(other.m_stmt, nullptr)), m_tail(other.m_tail)
{
}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_connection = other.m_connection;
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_tail = other.m_tail;
    }
    return *this;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

int SqliteStatement::parameterCount() const
{
    return m_stmt ? sqlite3_bind_parameter_count(m_stmt) : 0;
}

DbResult<Rows> SqliteStatement::run(const QVariantList &params, const RowHandler &onRow)
{
    Rows out;
    if (!m_stmt)
        return out;
    SqliteConnection::Private &p = *m_connection->d;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    const int expected = sqlite3_bind_parameter_count(m_stmt);
    if (expected != params.size())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("The statement takes %n parameter(s)", nullptr, expected)
                         + Tr::tr("; %n value(s) were given.", nullptr, int(params.size())),
                     {}};
    for (int i = 0; i < expected; ++i) {
        if (bind(m_stmt, i + 1, params.at(i)) != SQLITE_OK)
            return m_connection->lastError();
    }
    const int columns = sqlite3_column_count(m_stmt);
    for (int i = 0; i < columns; ++i)
        out.columns << QString::fromUtf8(sqlite3_column_name(m_stmt, i));

    p.cancelRequested = false;
    p.executing = true;
    int rc = SQLITE_ROW;
    QVariantList values;
    while ((rc = sqlite3_step(m_stmt)) == SQLITE_ROW) {
        values.clear();
        for (int i = 0; i < columns; ++i)
            values << columnValue(m_stmt, i);
        if (!onRow) {
            out.rows << values;
        } else if (!onRow(Row(out.columns, values))) {
            rc = SQLITE_DONE;
            break;
        }
    }
    p.executing = false;
    if (rc != SQLITE_DONE) {
        DbError e = m_connection->lastError();
        sqlite3_reset(m_stmt);
        return e;
    }
    out.affectedRows = sqlite3_stmt_readonly(m_stmt) ? 0 : qint64(sqlite3_changes64(m_connection->handle()));
    sqlite3_reset(m_stmt);
    return out;
}

// ---- SqliteConnection ----

SqliteConnection::SqliteConnection() : d(std::make_unique<Private>()) {}

SqliteConnection::~SqliteConnection()
{
    sqlite3_close_v2(d->db);
}

sqlite3 *SqliteConnection::handle() const
{
    return d->db;
}

DbResult<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const QString &path, const OpenOptions &options)
{
    std::unique_ptr<SqliteConnection> c(new SqliteConnection);
    c->d->name = path;
    const QByteArray file = path == u":memory:"_s ? QByteArray(":memory:") : QFile::encodeName(path);
    const int flags = options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(file.constData(), &c->d->db, flags, nullptr);
    if (rc != SQLITE_OK) {
        DbError e = c->d->db ? c->lastError() : DbError(Error{Error::Kind::Internal, Tr::tr("SQLite is out of memory."), {}});
        e.kind = Error::Kind::Io;
        e.where = path;
        return e;
    }
    sqlite3_extended_result_codes(c->d->db, 1);
    sqlite3_busy_timeout(c->d->db, int(options.timeout.count()));
    sqlite3_progress_handler(c->d->db, 1000, &Private::progress, c->d.get());
    // The first read of the file: something that is not a database fails here, not later.
    auto probe = c->query(u"SELECT count(*) FROM sqlite_schema"_s);
    if (!probe) {
        DbError e = probe.error();
        e.kind = Error::Kind::InvalidInput;
        e.where = path;
        return e;
    }
    if (auto fk = c->execute(u"PRAGMA foreign_keys = ON"_s); !fk)
        return fk.error();
    return c;
}

DbResult<std::unique_ptr<SqliteConnection>> SqliteConnection::openMemory()
{
    return open(u":memory:"_s);
}

QString SqliteConnection::libraryVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

QString SqliteConnection::displayName() const
{
    return d->name;
}

DbError SqliteConnection::lastError(const QString &context) const
{
    const int code = sqlite3_extended_errcode(d->db);
    DbError e;
    e.kind = (code & 0xff) == SQLITE_CANTOPEN ? Error::Kind::Io
           : (code & 0xff) == SQLITE_NOTADB   ? Error::Kind::InvalidInput
                                              : Error::Kind::Database;
    e.message = QString::fromUtf8(sqlite3_errmsg(d->db));
    if (!context.isEmpty())
        e.message = context + u": "_s + e.message;
    e.sqliteCode = code;
    if (code == SQLITE_CONSTRAINT_CHECK) // "CHECK constraint failed: price_not_negative"
        e.constraint = QString::fromUtf8(sqlite3_errmsg(d->db)).section(u": "_s, 1).trimmed();
    return e;
}

DbResult<SqliteStatement> SqliteConnection::prepare(const QByteArray &script, qsizetype from)
{
    d->errorOffset = -1;
    sqlite3_stmt *stmt = nullptr;
    const char *begin = script.constData();
    const char *tail = nullptr;
    const int rc = sqlite3_prepare_v2(d->db, begin + from, int(script.size() - from), &stmt, &tail);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        const int offset = sqlite3_error_offset(d->db);
        d->errorOffset = offset >= 0 ? from + offset : -1;
        return lastError();
    }
    return SqliteStatement(this, stmt, tail ? tail - begin : script.size());
}

qsizetype SqliteConnection::errorOffset() const
{
    return d->errorOffset;
}

DbResult<Rows> SqliteConnection::stream(const QString &sql, const QVariantList &params, const RowHandler &onRow)
{
    const QByteArray utf8 = sql.toUtf8();
    auto stmt = prepare(utf8);
    if (!stmt)
        return stmt.error();
    if (stmt.value().isEmpty())
        return Error{Error::Kind::InvalidInput, Tr::tr("There is no statement to run."), {}};
    auto rest = prepare(utf8, stmt.value().tail());
    if (rest && !rest.value().isEmpty())
        return Error{Error::Kind::InvalidInput,
                     Tr::tr("One statement at a time: the text goes on after the first statement."), {}};
    return stmt.value().run(params, onRow);
}

DbResult<void> SqliteConnection::executeScript(const QString &sql)
{
    const QByteArray utf8 = sql.toUtf8();
    qsizetype at = 0;
    while (at < utf8.size()) {
        auto stmt = prepare(utf8, at);
        if (!stmt)
            return stmt.error();
        if (stmt.value().isEmpty())
            break;
        if (auto r = stmt.value().run(); !r)
            return r.error();
        at = stmt.value().tail();
    }
    return {};
}

void SqliteConnection::cancel()
{
    if (!d->executing)
        return;
    d->cancelRequested = true;
    sqlite3_interrupt(d->db);
}

bool SqliteConnection::isExecuting() const
{
    return d->executing;
}

void SqliteConnection::setDeadline(QDeadlineTimer deadline)
{
    d->deadline = deadline;
}

DbResult<void> SqliteConnection::backupTo(const QString &path)
{
    sqlite3 *target = nullptr;
    const QByteArray file = QFile::encodeName(path);
    int rc = sqlite3_open_v2(file.constData(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    DbError failed;
    if (rc == SQLITE_OK) {
        if (sqlite3_backup *backup = sqlite3_backup_init(target, "main", d->db, "main")) {
            // Pages are copied in steps; a page another connection changes meanwhile restarts the
            // copy. A database locked by another writer is waited for as long as the busy timeout.
            int waited = 0;
            do {
                rc = sqlite3_backup_step(backup, 256);
                if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < 500) {
                    sqlite3_sleep(10);
                    ++waited;
                } else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
                    break;
                }
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            const int finished = sqlite3_backup_finish(backup);
            rc = rc == SQLITE_DONE ? finished : rc;
        } else {
            rc = sqlite3_errcode(target);
        }
    }
    if (rc != SQLITE_OK) {
        failed.kind = Error::Kind::Io;
        failed.sqliteCode = target ? sqlite3_extended_errcode(target) : rc;
        failed.message = Tr::tr("Cannot back up the database to %1: %2.")
                             .arg(path, target ? QString::fromUtf8(sqlite3_errmsg(target)) : QString::fromUtf8(sqlite3_errstr(rc)));
        failed.where = path;
    }
    sqlite3_close_v2(target);
    if (rc != SQLITE_OK)
        return failed;
    return {};
}

QString SqliteConnection::columnCollation(const QString &table, const QString &column) const
{
    const QByteArray t = table.toUtf8();
    const QByteArray c = column.toUtf8();
    const char *collation = nullptr;
    if (sqlite3_table_column_metadata(d->db, "main", t.constData(), c.constData(), nullptr, &collation, nullptr,
                                      nullptr, nullptr)
        != SQLITE_OK)
        return u"BINARY"_s;
    return QString::fromUtf8(collation ? collation : "BINARY");
}

} // namespace quarry::db
