// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/pgconnection.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <libpq-fe.h>
#include <poll.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace quarry::db {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PgConnection)
};

// Type oids from pg_type.h (stable since PostgreSQL 7).
constexpr Oid BoolOid = 16, ByteaOid = 17, Int8Oid = 20, Int2Oid = 21, Int4Oid = 23, OidOid = 26, Float4Oid = 700,
              Float8Oid = 701;

QVariant fieldValue(const PGresult *r, int row, int col)
{
    if (PQgetisnull(r, row, col))
        return QVariant();
    const char *text = PQgetvalue(r, row, col);
    const int length = PQgetlength(r, row, col);
    switch (PQftype(r, col)) {
    case BoolOid:
        return QVariant(text[0] == 't');
    case Int2Oid:
    case Int4Oid:
    case Int8Oid:
    case OidOid:
        return QVariant(QByteArray::fromRawData(text, length).toLongLong());
    case Float4Oid:
    case Float8Oid: {
        const QByteArray t = QByteArray::fromRawData(text, length);
        if (t == "NaN")
            return QVariant(std::numeric_limits<double>::quiet_NaN());
        if (t == "Infinity" || t == "-Infinity")
            return QVariant(t.startsWith('-') ? -std::numeric_limits<double>::infinity()
                                              : std::numeric_limits<double>::infinity());
        return QVariant(t.toDouble());
    }
    case ByteaOid: // text format: \x followed by hex digits
        return QVariant(QByteArray::fromHex(QByteArray(text + 2, std::max(0, length - 2))));
    default:
        return QVariant(QString::fromUtf8(text, length));
    }
}

QString field(const PGresult *r, int code)
{
    const char *v = PQresultErrorField(r, code);
    return v ? QString::fromUtf8(v) : QString();
}
} // namespace

struct PgConnection::Private {
    PGconn *conn = nullptr;
    PGcancel *cancel = nullptr;
    std::mutex cancelMutex;
    QString displayName;
    std::atomic<bool> executing{false};
    std::atomic<bool> cancelRequested{false};

    ~Private()
    {
        if (cancel)
            PQfreeCancel(cancel);
        if (conn)
            PQfinish(conn);
    }

    void sendCancel()
    {
        std::lock_guard lock(cancelMutex);
        char error[256];
        if (cancel)
            PQcancel(cancel, error, int(sizeof error));
    }

    DbError connectionError() const
    {
        const bool lost = PQstatus(conn) != CONNECTION_OK;
        DbError e(Error{lost ? Error::Kind::Network : Error::Kind::Database,
                        lost ? Tr::tr("Lost the connection to %1.").arg(displayName)
                             : QString::fromUtf8(PQerrorMessage(conn)).trimmed(),
                        {}});
        if (lost)
            e.sqlState = u"08006"_s;
        return e;
    }

    DbError resultError(const PGresult *r) const
    {
        if (PQstatus(conn) != CONNECTION_OK)
            return connectionError();
        DbError e;
        e.kind = Error::Kind::Database;
        e.sqlState = field(r, PG_DIAG_SQLSTATE);
        e.message = field(r, PG_DIAG_MESSAGE_PRIMARY);
        if (e.message.isEmpty())
            e.message = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
        // The first line is the primary message; the detail follows as libpq prints it.
        if (const QString detail = field(r, PG_DIAG_MESSAGE_DETAIL); !detail.isEmpty())
            e.message += u"\nDETAIL:  "_s + detail;
        e.constraint = field(r, PG_DIAG_CONSTRAINT_NAME);
        return e;
    }

    /// Reads every result of the query just sent. Waits on the socket in slices so that a
    /// cancel request that arrived before the server started the statement (and was ignored
    /// there) is sent again.
    DbResult<Rows> collect(const RowHandler &onRow)
    {
        Rows out;
        std::optional<DbError> error;
        bool haveColumns = false;
        bool reading = true;
        QElapsedTimer sinceCancel;
        while (true) {
            while (PQisBusy(conn)) {
                pollfd pfd{PQsocket(conn), POLLIN, 0};
                poll(&pfd, 1, 100);
                if (cancelRequested && (!sinceCancel.isValid() || sinceCancel.elapsed() >= 300)) {
                    sendCancel();
                    sinceCancel.start();
                }
                if (!PQconsumeInput(conn)) {
                    executing = false;
                    return connectionError();
                }
            }
            PGresult *r = PQgetResult(conn);
            if (!r)
                break;
            const ExecStatusType status = PQresultStatus(r);
            if ((status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK) && !haveColumns) {
                for (int c = 0; c < PQnfields(r); ++c)
                    out.columns << QString::fromUtf8(PQfname(r, c));
                haveColumns = true;
            }
            if (status == PGRES_SINGLE_TUPLE && reading && !error) {
                QVariantList values;
                values.reserve(PQnfields(r));
                for (int c = 0; c < PQnfields(r); ++c)
                    values << fieldValue(r, 0, c);
                // Stopping early reads the rest and drops it: a cancel would abort an open transaction.
                if (onRow && !onRow(Row(out.columns, values)))
                    reading = false;
            } else if (status == PGRES_COMMAND_OK) {
                out.affectedRows = QByteArray(PQcmdTuples(r)).toLongLong();
            } else if (status == PGRES_TUPLES_OK) {
                out.affectedRows = QByteArray(PQcmdTuples(r)).toLongLong();
            } else if (status != PGRES_SINGLE_TUPLE && status != PGRES_EMPTY_QUERY && !error) {
                error = resultError(r);
            }
            PQclear(r);
        }
        executing = false;
        if (PQstatus(conn) != CONNECTION_OK)
            return connectionError();
        if (error)
            return *error;
        return out;
    }
};

PgConnection::PgConnection() : d(std::make_unique<Private>()) {}
PgConnection::~PgConnection() = default;

DbResult<std::unique_ptr<PgConnection>> PgConnection::open(const QString &url, const OpenOptions &options)
{
    std::unique_ptr<PgConnection> c(new PgConnection);
    c->d->displayName = maskedUrl(url);
    const QByteArray conninfo = url.toUtf8();
    char *parseError = nullptr;
    if (PQconninfoOption *parsed = PQconninfoParse(conninfo.constData(), &parseError)) {
        PQconninfoFree(parsed);
    } else {
        const QString why = parseError ? QString::fromUtf8(parseError).trimmed() : Tr::tr("out of memory");
        PQfreemem(parseError);
        return Error{Error::Kind::InvalidInput, Tr::tr("Cannot use the connection string: %1").arg(why),
                     c->d->displayName};
    }
    // Later keywords override what the expanded URL says; the URL's own connect_timeout wins.
    std::vector<const char *> keys{"dbname", "client_encoding"};
    std::vector<QByteArray> values{conninfo, "UTF8"};
    if (!url.contains(u"connect_timeout"_s)) {
        keys.push_back("connect_timeout");
        values.push_back(QByteArray::number(std::max<qint64>(2, (options.timeout.count() + 999) / 1000)));
    }
    if (options.readOnly) {
        keys.push_back("options");
        values.push_back("-c default_transaction_read_only=on");
    }
    std::vector<const char *> raw;
    for (const QByteArray &v : values)
        raw.push_back(v.constData());
    keys.push_back(nullptr);
    raw.push_back(nullptr);
    c->d->conn = PQconnectdbParams(keys.data(), raw.data(), 1);
    if (!c->d->conn)
        return Error{Error::Kind::Internal, Tr::tr("libpq is out of memory."), c->d->displayName};
    if (PQstatus(c->d->conn) != CONNECTION_OK) {
        return Error{Error::Kind::Network,
                     Tr::tr("Cannot connect to %1: %2")
                         .arg(c->d->displayName, QString::fromUtf8(PQerrorMessage(c->d->conn)).trimmed()),
                     c->d->displayName};
    }
    c->d->cancel = PQgetCancel(c->d->conn);
    // NOTICEs (DROP ... IF EXISTS on nothing) are not errors; libpq would print them to stderr.
    PQsetNoticeProcessor(c->d->conn, [](void *, const char *) {}, nullptr);
    return c;
}

QString PgConnection::displayName() const
{
    return d->displayName;
}

int PgConnection::serverVersionNumber() const
{
    return PQserverVersion(d->conn);
}

QString PgConnection::serverVersion() const
{
    const int v = serverVersionNumber();
    return u"%1.%2"_s.arg(v / 10000).arg(v % 10000);
}

QString PgConnection::libraryVersion()
{
    const int v = PQlibVersion();
    return u"%1.%2"_s.arg(v / 10000).arg(v % 10000);
}

DbResult<Rows> PgConnection::stream(const QString &sql, const QVariantList &params, const RowHandler &onRow)
{
    std::vector<QByteArray> storage;
    storage.reserve(size_t(params.size()));
    std::vector<const char *> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    std::vector<Oid> types;
    for (const QVariant &v : params) {
        int format = 0;
        Oid type = 0; // the server infers it from the statement
        if (v.isNull()) {
            values.push_back(nullptr);
            lengths.push_back(0);
        } else {
            if (v.typeId() == QMetaType::QByteArray) {
                storage.push_back(v.toByteArray());
                format = 1;
                type = ByteaOid;
            } else if (v.typeId() == QMetaType::Bool) {
                storage.push_back(v.toBool() ? "true" : "false");
            } else {
                storage.push_back(v.toString().toUtf8());
            }
            values.push_back(storage.back().constData());
            lengths.push_back(int(storage.back().size()));
        }
        formats.push_back(format);
        types.push_back(type);
    }
    d->cancelRequested = false;
    d->executing = true;
    const QByteArray text = sql.toUtf8();
    if (!PQsendQueryParams(d->conn, text.constData(), int(params.size()), types.data(), values.data(), lengths.data(),
                           formats.data(), 0)) {
        d->executing = false;
        return d->connectionError();
    }
    PQsetSingleRowMode(d->conn);
    return d->collect(onRow);
}

DbResult<void> PgConnection::executeScript(const QString &sql)
{
    d->cancelRequested = false;
    d->executing = true;
    if (!PQsendQuery(d->conn, sql.toUtf8().constData())) {
        d->executing = false;
        return d->connectionError();
    }
    auto r = d->collect({});
    if (!r)
        return r.error();
    return {};
}

void PgConnection::cancel()
{
    if (!d->executing)
        return;
    d->cancelRequested = true;
    d->sendCancel();
}

bool PgConnection::isExecuting() const
{
    return d->executing;
}

} // namespace quarry::db
