// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "db/pgconnection.h"
#include "schema/ddlwriter.h"
#include "schema/dialectregistry.h"
#include "schema/introspect.h"
#include "schema/schemajson.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;
using quarry::db::PgConnection;

namespace {
template <typename R>
QByteArray why(const R &result)
{
    return result ? QByteArray() : result.error().message.toUtf8() + " (" + result.error().where.toUtf8() + ')';
}

QString sharedData(const QString &relative)
{
    const QString beside = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/"_s + relative;
    return QFile::exists(beside) ? beside : u"/work/shared/data/"_s + relative;
}

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &args, const QByteArray &input = {})
{
    QProcess p;
    p.start(program, args);
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    Run r;
    if (!p.waitForFinished(120000))
        return r;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// What pg_dump writes that is not the schema: the server and pg_dump versions in its header and
// the random key of \restrict (pg_dump 15.14 and later). Everything else is compared as is.
QByteArray normalised(const QByteArray &dump)
{
    QByteArrayList kept;
    for (const QByteArray &line : dump.split('\n')) {
        if (line.startsWith("-- Dumped from database version") || line.startsWith("-- Dumped by pg_dump version")
            || line.startsWith("\\restrict ") || line.startsWith("\\unrestrict "))
            continue;
        kept << line;
    }
    return kept.join('\n');
}

// A dump's entries by their "Name: ...; Type: ...; Schema: ...; Owner: ..." line, without the
// preamble (SET lines) before the first.
QMap<QByteArray, QByteArray> entries(const QByteArray &dump)
{
    QMap<QByteArray, QByteArray> out;
    const QByteArrayList parts = dump.split('\n');
    QByteArray key;
    QByteArray body;
    for (const QByteArray &line : parts) {
        if (line.startsWith("-- Name: ")) {
            if (!key.isEmpty())
                out.insert(key, body);
            key = line.mid(3);
            body.clear();
        } else if (!key.isEmpty()) {
            body += line + '\n';
        }
    }
    if (!key.isEmpty())
        out.insert(key, body);
    return out;
}
} // namespace

/// A real database's design survives Quarry: pagila, loaded by psql, is introspected, written as
/// PostgreSQL DDL by the dialect plugin, and that DDL run into an empty database; pg_dump
/// --schema-only of the two databases is then the same but for the partitions the model folds
/// into their parent (named entry by entry). Both dumps are written to $QUARRY_ROUNDTRIP_OUT (the
/// temporary directory by default); on another difference the test fails with the diff.
class TestPgRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void pagilaDumpsTheSame();
    void definitionsSurviveJson();

private:
    bool psql(const QString &url, const QStringList &args, QByteArray *error = nullptr);
    QString createDatabase(const QString &name);
    QByteArray dump(const QString &url);

    QString m_url;
    QStringList m_created;
    QTemporaryDir m_dir;
};

void TestPgRoundTrip::initTestCase()
{
    m_url = qEnvironmentVariable("QUARRY_TEST_PG_URL");
    if (m_url.isEmpty())
        QFAIL("QUARRY_TEST_PG_URL is not set (scripts/test.sh starts a throw-away PostgreSQL and sets it).");
    QVERIFY(m_dir.isValid());
}

void TestPgRoundTrip::cleanupTestCase()
{
    for (const QString &db : std::as_const(m_created))
        psql(m_url, {u"-c"_s, u"DROP DATABASE IF EXISTS "_s + db + u" WITH (FORCE)"_s});
}

bool TestPgRoundTrip::psql(const QString &url, const QStringList &args, QByteArray *error)
{
    const Run r = run(u"psql"_s, QStringList{url, u"-q"_s, u"-X"_s, u"-v"_s, u"ON_ERROR_STOP=1"_s} + args);
    if (error)
        *error = r.err;
    return r.exitCode == 0;
}

QString TestPgRoundTrip::createDatabase(const QString &name)
{
    psql(m_url, {u"-c"_s, u"DROP DATABASE IF EXISTS "_s + name + u" WITH (FORCE)"_s});
    if (!psql(m_url, {u"-c"_s, u"CREATE DATABASE "_s + name}))
        return {};
    m_created << name;
    QUrl u(m_url);
    u.setPath(u'/' + name);
    return u.toString();
}

QByteArray TestPgRoundTrip::dump(const QString &url)
{
    const Run r = run(u"pg_dump"_s, {u"--schema-only"_s, u"--no-owner"_s, u"--no-privileges"_s, u"--dbname"_s, url});
    if (r.exitCode != 0)
        qWarning() << "pg_dump failed:" << r.err;
    return r.exitCode == 0 ? normalised(r.out) : QByteArray();
}

void TestPgRoundTrip::pagilaDumpsTheSame()
{
    const QString source = createDatabase(u"quarry_roundtrip_pagila"_s);
    const QString target = createDatabase(u"quarry_roundtrip_emitted"_s);
    QVERIFY(!source.isEmpty() && !target.isEmpty());
    QByteArray error;
    QVERIFY2(psql(source, {u"-f"_s, sharedData(u"pagila/pagila-schema.sql"_s)}, &error), error.constData());

    const auto read = introspect(source);
    QVERIFY2(read, why(read).constData());
    const Schema &design = read.value().schema;
    const Dialect *pg = DialectRegistry::instance().dialect(u"postgres"_s);
    QVERIFY(pg);
    const auto ddl = pg->createStatements(design);
    QVERIFY2(ddl, why(ddl).constData());
    const QString script = DdlWriter::script(ddl.value());
    {
        QFile f(m_dir.filePath(u"pagila.quarry.sql"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(script.toUtf8());
    }
    QVERIFY2(psql(target, {u"-f"_s, m_dir.filePath(u"pagila.quarry.sql"_s)}, &error), error.constData());

    const QByteArray a = dump(source);
    const QByteArray b = dump(target);
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    const QString out = qEnvironmentVariable("QUARRY_ROUNDTRIP_OUT", QDir::tempPath());
    QFile fa(out + u"/pagila-original.dump.sql"_s), fb(out + u"/pagila-quarry.dump.sql"_s);
    QVERIFY(fa.open(QIODevice::WriteOnly) && fb.open(QIODevice::WriteOnly));
    fa.write(a);
    fb.write(b);
    fa.close();
    fb.close();

    // The one difference left in the design: the model folds partitions into their parent table, so pagila's
    // partitioned payment comes back as a plain table with its partitions' foreign keys. Every
    // dump entry that differs must be one of payment's.
    const QMap<QByteArray, QByteArray> before = entries(a);
    const QMap<QByteArray, QByteArray> after = entries(b);
    QStringList differing;
    QStringList other;
    static const QRegularExpression payment(u"^Name: payment[ ;]|payment_p2022_0[1-7]"_s);
    for (const QByteArray &key : QSet<QByteArray>(before.keyBegin(), before.keyEnd()) + QSet<QByteArray>(after.keyBegin(), after.keyEnd())) {
        if (before.value(key) == after.value(key))
            continue;
        // pagila's file gives the public schema to the postgres role (ALTER SCHEMA public OWNER),
        // so pg_dump lists the schema, only to say it does not create it: ownership, not design.
        if (key.startsWith("Name: public; Type: SCHEMA;") && !after.contains(key)
            && before.value(key).contains("*not* creating schema"))
            continue;
        (payment.match(QString::fromUtf8(key)).hasMatch() ? differing : other) << QString::fromUtf8(key);
    }
    other.sort();
    if (!other.isEmpty()) {
        const Run diff = run(u"diff"_s, {u"-u"_s, fa.fileName(), fb.fileName()});
        QFAIL(qPrintable(u"pg_dump --schema-only differs after the round trip in:\n"_s + other.join(u'\n') + u"\n\n"_s
                         + QString::fromUtf8(diff.out.left(20000))));
    }
    differing.sort();
    qInfo().noquote() << "differences left (partitions folded):" << differing.size() << "dump entries of" << before.size();
    QCOMPARE(before.size(), 178);
    QCOMPARE(differing.size(), 68);
    // Not an empty comparison: pagila's objects are in both dumps.
    for (const char *object : {"CREATE AGGREGATE public.group_concat", "CREATE DOMAIN public.year", "CREATE MATERIALIZED VIEW",
                               "CREATE TRIGGER last_updated", "CREATE SEQUENCE public.actor_actor_id_seq"})
        QVERIFY2(b.contains(object), object);
}

void TestPgRoundTrip::definitionsSurviveJson()
{
    // Every kind introspection adds goes through the workspace's JSON and comes back the same.
    const QString source = createDatabase(u"quarry_roundtrip_json"_s);
    QByteArray error;
    QVERIFY2(psql(source, {u"-f"_s, sharedData(u"pagila/pagila-schema.sql"_s)}, &error), error.constData());
    QVERIFY2(psql(source, {u"-c"_s, u"CREATE EXTENSION IF NOT EXISTS btree_gist; "
                                    "CREATE TABLE booking (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, room int, "
                                    "during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&)); "
                                    "CREATE SEQUENCE ticket AS smallint INCREMENT BY -2 MAXVALUE 100 CYCLE CACHE 5; "
                                    "COMMENT ON SEQUENCE ticket IS 'tickets'; COMMENT ON DOMAIN year IS 'a year'; "
                                    "COMMENT ON AGGREGATE group_concat(text) IS 'joins'; "
                                    "COMMENT ON TRIGGER last_updated ON actor IS 'stamps'"_s},
                     &error),
             error.constData());
    const auto read = introspect(source);
    QVERIFY2(read, why(read).constData());
    const Schema &s = read.value().schema;
    const QJsonObject json = s.toJson();
    const auto back = Schema::fromJson(json);
    QVERIFY2(back, why(back).constData());
    QCOMPARE(back.value().toJson(), json);

    // What was read, by kind.
    const Domain *year = s.domain(u"year"_s);
    QVERIFY(year);
    QCOMPARE(year->type.kind, TypeKind::Integer);
    QCOMPARE(year->checks.size(), 1);
    QCOMPARE(year->checks.first().name, u"year_check"_s);
    QCOMPARE(year->comment, u"a year"_s);
    QCOMPARE(s.table(u"film"_s)->column(u"release_year"_s)->type.domain, u"year"_s);
    const auto seq = std::find_if(s.sequences.cbegin(), s.sequences.cend(), [](const Sequence &q) { return q.name == u"ticket"_s; });
    QVERIFY(seq != s.sequences.cend());
    QCOMPARE(seq->dataType, u"smallint"_s);
    QCOMPARE(seq->increment, -2);
    QCOMPARE(seq->maxValue, std::optional<qint64>(100));
    QCOMPARE(seq->minValue, std::nullopt);
    QVERIFY(seq->cycle);
    QCOMPARE(seq->cache, 5);
    // pagila's sequences are not owned by their columns: the columns keep nextval() defaults.
    QCOMPARE(s.table(u"actor"_s)->column(u"actor_id"_s)->type.kind, TypeKind::Integer);
    QCOMPARE(s.table(u"actor"_s)->column(u"actor_id"_s)->defaultValue.expression,
             u"nextval('actor_actor_id_seq'::regclass)"_s);
    // The identity column's sequence is the column's, not the design's.
    QVERIFY(std::none_of(s.sequences.cbegin(), s.sequences.cend(), [](const Sequence &q) { return q.name.startsWith(u"booking"_s); }));
    const Table *booking = s.table(u"booking"_s);
    QVERIFY(booking);
    QCOMPARE(booking->exclusions.size(), 1);
    QCOMPARE(booking->exclusions.first().definition, u"EXCLUDE USING gist (room WITH =, during WITH &&)"_s);
    const auto agg = std::find_if(s.routines.cbegin(), s.routines.cend(), [](const Routine &r) { return r.name == u"group_concat"_s; });
    QVERIFY(agg != s.routines.cend());
    QCOMPARE(agg->kind, Routine::Kind::Aggregate);
    QCOMPARE(agg->arguments, u"text"_s);
    QCOMPARE(agg->comment, u"joins"_s);
    const auto report = std::find_if(s.routines.cbegin(), s.routines.cend(), [](const Routine &r) { return r.name == u"rewards_report"_s; });
    QVERIFY(report != s.routines.cend());
    QCOMPARE(report->dependsOn, QStringList{u"customer"_s});
    QCOMPARE(s.table(u"actor"_s)->triggers.size(), 1);
    QCOMPARE(s.table(u"actor"_s)->triggers.first().comment, u"stamps"_s);
    const auto matview = std::find_if(s.views.cbegin(), s.views.cend(), [](const View &v) { return v.materialized; });
    QVERIFY(matview != s.views.cend());
    QCOMPARE(matview->name, u"rental_by_category"_s);
    QCOMPARE(matview->indexes.size(), 1);
    const auto filmList = std::find_if(s.views.cbegin(), s.views.cend(), [](const View &v) { return v.name == u"film_list"_s; });
    QVERIFY(filmList != s.views.cend());
    QVERIFY2(filmList->dependsOn.contains(u"group_concat"_s), qPrintable(filmList->dependsOn.join(u',')));
}

QTEST_GUILESS_MAIN(TestPgRoundTrip)
#include "tst_pgroundtrip.moc"
