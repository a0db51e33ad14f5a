// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "schema/ddlwriter.h"
#include "schema/dialectregistry.h"
#include "schema/sqliteddlimporter.h"

#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

// SQLite DDL read by SQLite itself (sqlite3 C API), checked against SQLite's own shell and by a
// round trip through the SQLite dialect.
class TestSqliteDdlImporter : public QObject
{
    Q_OBJECT
private slots:
    void readsDesignFeatures();
    void skipsWhatIsNotDesign();
    void syntaxErrorHasLineAndColumn_data();
    void syntaxErrorHasLineAndColumn();
    void importIsStable();
    void endlessStatementIsStopped();
    void chinookMatchesTheSqliteShell();
    void chinookRoundTrip();
    void databaseFile();

private:
    static QString chinook();
    QTemporaryDir m_dir;
};

namespace {
const char *sample = R"SQL(
-- a hand-written SQLite schema
PRAGMA foreign_keys = ON;
CREATE TABLE customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email VARCHAR(320) NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT 'anonymous',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    score REAL,
    balance NUMERIC(10,2) DEFAULT 0 CHECK (balance >= 0),
    profile JSON,
    avatar BLOB,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
    nick TEXT DEFAULT (lower('X')),
    "Mixed Case" INT
);
CREATE TABLE [order lines] (
    order_id INTEGER NOT NULL,
    line INTEGER NOT NULL,
    qty INTEGER NOT NULL,
    price NUMERIC(10,2) NOT NULL,
    total NUMERIC(12,2) GENERATED ALWAYS AS (qty * price) STORED,
    CONSTRAINT pk_lines PRIMARY KEY (order_id, line),
    CONSTRAINT qty_positive CHECK (qty > 0)
) WITHOUT ROWID;
CREATE TABLE shipments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER,
    line INTEGER,
    customer_id INTEGER REFERENCES customers ON DELETE SET NULL,
    tracking CHAR(12),
    CONSTRAINT fk_line FOREIGN KEY (order_id, line) REFERENCES [order lines] (order_id, line)
        ON DELETE CASCADE ON UPDATE RESTRICT,
    CONSTRAINT uq_tracking UNIQUE (tracking, customer_id)
);
CREATE INDEX idx_customers_lower_email ON customers (lower(email), created_at DESC);
CREATE UNIQUE INDEX idx_active_names ON customers (name COLLATE NOCASE) WHERE active = 1;
CREATE VIEW active_customers AS SELECT id, email FROM customers WHERE active;
CREATE TRIGGER touch AFTER UPDATE ON customers BEGIN UPDATE customers SET created_at = created_at WHERE id = NEW.id; END;
INSERT INTO customers (email) VALUES ('a@example.com');
)SQL";

QString message(const quarry::Error &e)
{
    return e.where + u": "_s + e.message;
}
} // namespace

QString TestSqliteDdlImporter::chinook()
{
    QFile f(qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/chinook/Chinook_Sqlite.sql"_s);
    if (!f.exists())
        f.setFileName(u"/work/shared/data/chinook/Chinook_Sqlite.sql"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

void TestSqliteDdlImporter::readsDesignFeatures()
{
    const auto imported = SqliteDdlImporter::import(QString::fromUtf8(sample));
    QVERIFY2(imported, qPrintable(imported ? QString() : message(imported.error())));
    const Schema &s = imported.value().schema;
    QCOMPARE(s.tables.size(), 3);

    const Table *customers = s.table(u"customers"_s);
    QVERIFY(customers);
    QCOMPARE(customers->id, u"tbl-customers"_s);
    const Column *id = customers->column(u"id"_s);
    QCOMPARE(id->type.kind, TypeKind::Serial);
    QVERIFY(id->primaryKey);
    QVERIFY(!id->nullable);
    const Column *email = customers->column(u"email"_s);
    QCOMPARE(email->type.kind, TypeKind::Varchar);
    QCOMPARE(email->type.length, 320);
    QVERIFY(email->unique);
    QVERIFY(!email->nullable);
    QCOMPARE(customers->column(u"name"_s)->defaultValue.kind, ColumnDefault::Kind::Literal);
    QCOMPARE(customers->column(u"name"_s)->defaultValue.literal.toString(), u"anonymous"_s);
    QCOMPARE(customers->column(u"active"_s)->type.kind, TypeKind::Boolean);
    QCOMPARE(customers->column(u"active"_s)->defaultValue.literal, QJsonValue(true));
    QCOMPARE(customers->column(u"score"_s)->type.kind, TypeKind::Double);
    const Column *balance = customers->column(u"balance"_s);
    QCOMPARE(balance->type.kind, TypeKind::Decimal);
    QCOMPARE(balance->type.precision, 10);
    QCOMPARE(balance->type.scale, 2);
    QCOMPARE(balance->defaultValue.expression, u"0"_s);
    QCOMPARE(customers->column(u"profile"_s)->type.kind, TypeKind::Json);
    QCOMPARE(customers->column(u"avatar"_s)->type.kind, TypeKind::Binary);
    QCOMPARE(customers->column(u"created_at"_s)->type.kind, TypeKind::Timestamp);
    QCOMPARE(customers->column(u"created_at"_s)->defaultValue.expression, u"CURRENT_TIMESTAMP"_s);
    QCOMPARE(customers->column(u"nick"_s)->defaultValue.expression, u"lower('X')"_s);
    QVERIFY(customers->column(u"Mixed Case"_s));
    QCOMPARE(customers->checks.size(), 1);
    QCOMPARE(customers->checks.first().expression, u"balance >= 0"_s);

    const Table *lines = s.table(u"order lines"_s);
    QVERIFY(lines);
    QVERIFY(lines->primaryKey);
    QCOMPARE(lines->primaryKey->name, u"pk_lines"_s);
    QCOMPARE(lines->primaryKey->columns, (QStringList{u"order_id"_s, u"line"_s}));
    QCOMPARE(lines->column(u"order_id"_s)->type.kind, TypeKind::Integer); // part of a composite key
    QCOMPARE(lines->column(u"total"_s)->generatedExpression, u"qty * price"_s);
    QCOMPARE(lines->checks.first().name, u"qty_positive"_s);
    QVERIFY(lines->extra.value(u"sqliteWithoutRowid"_s).toBool());

    const Table *shipments = s.table(u"shipments"_s);
    QCOMPARE(shipments->foreignKeys.size(), 2);
    const ForeignKey &toCustomer = shipments->foreignKeys.at(0);   // declaration order
    QCOMPARE(toCustomer.refTable, u"customers"_s);
    QCOMPARE(toCustomer.refColumns, QStringList{u"id"_s});          // REFERENCES customers: its key
    QCOMPARE(toCustomer.onDelete, ReferentialAction::SetNull);
    const ForeignKey &toLine = shipments->foreignKeys.at(1);
    QCOMPARE(toLine.name, u"fk_line"_s);
    QCOMPARE(toLine.columns, (QStringList{u"order_id"_s, u"line"_s}));
    QCOMPARE(toLine.refTable, u"order lines"_s);
    QCOMPARE(toLine.onDelete, ReferentialAction::Cascade);
    QCOMPARE(toLine.onUpdate, ReferentialAction::Restrict);
    QCOMPARE(shipments->uniques.size(), 1);
    QCOMPARE(shipments->uniques.first().name, u"uq_tracking"_s);
    QCOMPARE(shipments->column(u"tracking"_s)->type.kind, TypeKind::Char);
    QCOMPARE(shipments->column(u"tracking"_s)->type.length, 12);

    QCOMPARE(customers->indexes.size(), 2);
    const Index &lowerEmail = customers->indexes.at(0);
    QCOMPARE(lowerEmail.name, u"idx_customers_lower_email"_s);
    QCOMPARE(lowerEmail.elements.size(), 2);
    QCOMPARE(lowerEmail.elements.at(0).expression, u"lower(email)"_s);
    QCOMPARE(lowerEmail.elements.at(1).column, u"created_at"_s);
    QVERIFY(lowerEmail.elements.at(1).descending);
    const Index &partial = customers->indexes.at(1);
    QVERIFY(partial.unique);
    QCOMPARE(partial.elements.first().column, u"name"_s);
    QCOMPARE(partial.where, u"active = 1"_s);

    QCOMPARE(s.views.size(), 1);
    QCOMPARE(s.views.first().sql, u"SELECT id, email FROM customers WHERE active"_s);
}

void TestSqliteDdlImporter::skipsWhatIsNotDesign()
{
    const auto imported = SqliteDdlImporter::import(QString::fromUtf8(sample));
    QVERIFY(imported);
    const QString notes = imported.value().notes.join(u'\n');
    QVERIFY2(notes.contains(u"line 39: CREATE TRIGGER touch"_s), qPrintable(notes));
    QVERIFY2(notes.contains(u"line 40: 1 statement"_s), qPrintable(notes));
    QVERIFY2(notes.contains(u"WITHOUT ROWID"_s), qPrintable(notes));
}

void TestSqliteDdlImporter::syntaxErrorHasLineAndColumn_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("message");
    QTest::newRow("typo in a keyword") << u"CREATE TABLE a (id INTEGER);\nCREATE TABLE b (\n  id INTEGER,\n  x TEXT NOT NUL\n);"_s
                                       << u"line 4, column 14"_s << u"near \"NUL\": syntax error"_s;
    QTest::newRow("missing parenthesis") << u"\n\nCREATE TABLE t (id INTEGER;"_s << u"line 3, column 27"_s
                                         << u"near \";\": syntax error"_s;
    QTest::newRow("unknown table") << u"CREATE TABLE t (id INTEGER);\n  CREATE INDEX i ON nope (id);"_s
                                   << u"line 2, column 21"_s << u"no such table: main.nope"_s;
    QTest::newRow("unknown column") << u"CREATE TABLE t (id INTEGER);\nCREATE INDEX i ON t (id, nme);"_s
                                    << u"line 2, column 26"_s << u"no such column: nme"_s;
    QTest::newRow("duplicate table") << u"CREATE TABLE t (id INTEGER);\n-- again\nCREATE TABLE t (id INTEGER);"_s
                                     << u"line 3, column 14"_s << u"table t already exists"_s;
    QTest::newRow("non-ASCII before the error") << u"CREATE TABLE café (naïve TEXT, FROM x);"_s
                                                << u"line 1, column 32"_s << u"near \"FROM\": syntax error"_s;
}

void TestSqliteDdlImporter::syntaxErrorHasLineAndColumn()
{
    QFETCH(QString, sql);
    QFETCH(QString, where);
    QFETCH(QString, message);
    const auto imported = SqliteDdlImporter::import(sql);
    QVERIFY(!imported);
    QCOMPARE(imported.error().where, where);
    QCOMPARE(imported.error().message, message);
}

void TestSqliteDdlImporter::importIsStable()
{
    const auto a = SqliteDdlImporter::import(QString::fromUtf8(sample));
    const auto b = SqliteDdlImporter::import(QString::fromUtf8(sample));
    QVERIFY(a && b);
    QCOMPARE(a.value().schema.toJson(), b.value().schema.toJson());
}

void TestSqliteDdlImporter::endlessStatementIsStopped()
{
    const QString sql = u"CREATE TABLE a (id INTEGER);\n"
                        u"CREATE TABLE b AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n;\n"_s;
    QElapsedTimer timer;
    timer.start();
    const auto imported = SqliteDdlImporter::import(sql, std::chrono::milliseconds(300));
    QVERIFY(!imported);
    QVERIFY2(timer.elapsed() < 5000, "stopped in time");
    QCOMPARE(imported.error().where, u"line 2, column 1"_s);
    QCOMPARE(imported.error().message, u"SQLite stopped this statement after 300 ms; DDL should not take that long."_s);
}

void TestSqliteDdlImporter::chinookMatchesTheSqliteShell()
{
    const QString sql = chinook();
    QVERIFY(!sql.isEmpty());
    QElapsedTimer timer;
    timer.start();
    const auto imported = SqliteDdlImporter::import(sql);
    QVERIFY2(imported, qPrintable(imported ? QString() : message(imported.error())));
    qInfo("Chinook (%lld bytes) imported in %lld ms", qlonglong(sql.toUtf8().size()), timer.elapsed());
    const Schema &s = imported.value().schema;
    int columns = 0, pks = 0, fks = 0, indexes = 0;
    for (const Table &t : s.tables) {
        columns += int(t.columns.size());
        pks += t.primaryKeyColumns().isEmpty() ? 0 : 1;
        fks += int(t.foreignKeys.size());
        indexes += int(t.indexes.size());
    }

    // The same counts from SQLite's own shell: .schema after reading the script.
    const QString shell = QStandardPaths::findExecutable(u"sqlite3"_s);
    if (shell.isEmpty())
        QSKIP("the sqlite3 shell is not installed");
    const QString script = m_dir.filePath(u"chinook.sql"_s);
    {
        QFile f(script);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(sql.toUtf8());
    }
    QProcess p;
    p.start(shell, {u":memory:"_s, u".read "_s + script, u".schema"_s,
                    u"SELECT 'columns=' || count(*) FROM sqlite_schema s, pragma_table_info(s.name) c WHERE s.type = 'table';"_s});
    QVERIFY(p.waitForFinished(60000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromUtf8(p.readAllStandardError())));
    QCOMPARE(int(s.tables.size()), int(out.count(u"CREATE TABLE"_s)));
    QCOMPARE(pks, int(out.count(u"PRIMARY KEY"_s)));
    QCOMPARE(fks, int(out.count(u"FOREIGN KEY"_s)));
    QCOMPARE(indexes, int(out.count(u"CREATE INDEX"_s)));
    const auto m = QRegularExpression(u"columns=(\\d+)"_s).match(out);
    QVERIFY(m.hasMatch());
    QCOMPARE(columns, m.captured(1).toInt());
    // And what the Chinook script is known to hold.
    QCOMPARE(s.tables.size(), 11);
    QCOMPARE(columns, 64);
    QCOMPARE(fks, 11);
    QCOMPARE(indexes, 11);
    const Table *playlistTrack = s.table(u"PlaylistTrack"_s);
    QVERIFY(playlistTrack && playlistTrack->primaryKey);
    QCOMPARE(playlistTrack->primaryKey->name, u"PK_PlaylistTrack"_s);
    const Table *track = s.table(u"Track"_s);
    QCOMPARE(track->column(u"TrackId"_s)->type.kind, TypeKind::Serial);
    QCOMPARE(track->column(u"Name"_s)->type.kind, TypeKind::Varchar);
    QCOMPARE(track->column(u"Name"_s)->type.length, 200);
    QCOMPARE(track->column(u"UnitPrice"_s)->type.precision, 10);
    QCOMPARE(s.table(u"Invoice"_s)->column(u"InvoiceDate"_s)->type.kind, TypeKind::Timestamp);
    QVERIFY2(imported.value().notes.join(u'\n').contains(u"INSERT"_s), qPrintable(imported.value().notes.join(u'\n')));
}

void TestSqliteDdlImporter::chinookRoundTrip()
{
    // import -> SQLite DDL from the dialect plugin -> executed by SQLite -> import: the same design.
    const Dialect *sqlite = DialectRegistry::instance().dialect(u"sqlite"_s);
    QVERIFY(sqlite);
    for (const QString &source : {chinook(), QString::fromUtf8(sample)}) {
        const auto first = SqliteDdlImporter::import(source);
        QVERIFY(first);
        const auto ddl = sqlite->createStatements(first.value().schema);
        QVERIFY2(ddl, qPrintable(ddl ? QString() : message(ddl.error())));
        const auto second = SqliteDdlImporter::import(DdlWriter::script(ddl.value()));
        QVERIFY2(second, qPrintable(second ? QString() : message(second.error()) + u"\n"_s + DdlWriter::script(ddl.value())));
        Schema expected = first.value().schema;
        Schema actual = second.value().schema;
        for (Table &t : expected.tables) {
            t.extra.remove(u"sqliteWithoutRowid"_s); // a SQLite option the dialect does not write (yet)
            for (Column &c : t.columns) {
                if (c.type.isJson())
                    c.type = ColumnType{}; // the SQLite dialect writes JSON as TEXT
            }
        }
        // The dialect orders tables by their foreign keys; the design's order is not the point.
        const auto byName = [](const Table &x, const Table &y) { return x.name < y.name; };
        std::sort(expected.tables.begin(), expected.tables.end(), byName);
        std::sort(actual.tables.begin(), actual.tables.end(), byName);
        const QByteArray a = QJsonDocument(expected.toJson()).toJson();
        const QByteArray b = QJsonDocument(actual.toJson()).toJson();
        if (a != b)
            qWarning("%s\n----\n%s", a.constData(), b.constData());
        QCOMPARE(b, a);
    }
}

void TestSqliteDdlImporter::databaseFile()
{
    // A database file (what `quarry import sql chinook.db` reads) gives the design its script gives.
    const QString path = m_dir.filePath(u"sample.db"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"file"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QString script = QString::fromUtf8(sample);
        script.remove(QRegularExpression(u"INSERT[^;]*;"_s));
        for (const QString &statement : script.split(u";\n"_s)) {
            if (!statement.trimmed().isEmpty())
                QVERIFY2(q.exec(statement), qPrintable(statement + u" => "_s + q.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(u"file"_s);
    QVERIFY(SqliteDdlImporter::isDatabaseFile(path));
    QVERIFY(!SqliteDdlImporter::isDatabaseFile(QFINDTESTDATA("tst_sqliteddlimporter.cpp")));
    const auto fromFile = SqliteDdlImporter::importDatabase(path);
    QVERIFY2(fromFile, qPrintable(fromFile ? QString() : message(fromFile.error())));
    const auto fromScript = SqliteDdlImporter::import(QString::fromUtf8(sample));
    QVERIFY(fromScript);
    QCOMPARE(fromFile.value().schema.toJson(), fromScript.value().schema.toJson());
    QVERIFY(fromFile.value().notes.join(u'\n').contains(u"trigger touch"_s));

    QFile garbage(m_dir.filePath(u"garbage.db"_s));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write(QByteArray("SQLite format 3\0", 16) + QByteArray(200, 'x'));
    garbage.close();
    const auto broken = SqliteDdlImporter::importDatabase(garbage.fileName());
    QVERIFY(!broken);
    QVERIFY2(!broken.error().message.isEmpty(), "an error message");
}

QTEST_GUILESS_MAIN(TestSqliteDdlImporter)
#include "tst_sqliteddlimporter.moc"
