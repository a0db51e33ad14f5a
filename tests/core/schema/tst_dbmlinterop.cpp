// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// Quarry's DBML importer and exporter against @dbml/core, the parser behind dbdiagram.io: both
// read the same file and print the design in one normalized JSON shape (dbml-normalize.js for
// @dbml/core, normalized() here for Quarry), which must be equal. Needs `node` and
// tests/node/node_modules (QUARRY_NODE_MODULES).
#include "schema/dbmlexporter.h"
#include "schema/dbmlimporter.h"
#include "schema/pgddlimporter.h"
#include "schema/sqliteddlimporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using namespace quarry::schema;

class TestDbmlInterop : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void importMatchesDbmlCore_data();
    void importMatchesDbmlCore();
    void exportParsesInDbmlCore_data();
    void exportParsesInDbmlCore();
    void errorsAreWhereDbmlCoreSeesThem_data();
    void errorsAreWhereDbmlCoreSeesThem();
    void mutantsAreJudgedAlike();

private:
    QJsonObject dbmlCore(const QString &file) { return dbmlCore(QStringList{file}).value(file).toObject(); }
    /// One node run for many files: file -> normalized design or {"error": ...}.
    QJsonObject dbmlCore(const QStringList &files);
    QString write(const QString &name, const QString &text);
    static QJsonObject normalized(const Schema &s);
    static QJsonObject sorted(QJsonObject design);
    static QString read(const QString &path);
    QTemporaryDir m_dir;
    QString m_node;
    QString m_modules;
};

namespace {

QString qualified(const QString &ns, const QString &name)
{
    return ns.isEmpty() ? name : ns + u'.' + name;
}

QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QString actionName(ReferentialAction a)
{
    switch (a) {
    case ReferentialAction::NoAction: return u"no action"_s;
    case ReferentialAction::Restrict: return u"restrict"_s;
    case ReferentialAction::Cascade: return u"cascade"_s;
    case ReferentialAction::SetNull: return u"set null"_s;
    case ReferentialAction::SetDefault: return u"set default"_s;
    }
    return {};
}

QJsonArray sortedArray(QJsonArray a)
{
    QList<QJsonValue> values(a.begin(), a.end());
    std::sort(values.begin(), values.end(), [](const QJsonValue &x, const QJsonValue &y) {
        return QJsonDocument(QJsonArray{x}).toJson(QJsonDocument::Compact) < QJsonDocument(QJsonArray{y}).toJson(QJsonDocument::Compact);
    });
    QJsonArray out;
    for (const QJsonValue &v : values)
        out.append(v);
    return out;
}

} // namespace

namespace {
// The shared sample data: beside the repository (../shared/data), else where the workshop keeps it.
QString sharedData(const QString &relative)
{
    const QString beside = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/"_s + relative;
    return QFile::exists(beside) ? beside : u"/work/shared/data/"_s + relative;
}
} // namespace

QString TestDbmlInterop::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

void TestDbmlInterop::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_dir.setAutoRemove(!qEnvironmentVariableIsSet("QUARRY_TEST_KEEP")); // to look at the files afterwards
    m_node = QStandardPaths::findExecutable(u"node"_s);
    if (m_node.isEmpty())
        QSKIP("node is not installed; scripts/setup-deps.sh installs it");
    m_modules = qEnvironmentVariable("QUARRY_NODE_MODULES");
    if (m_modules.isEmpty())
        m_modules = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/tests/node/node_modules"_s;
    QVERIFY2(QFile::exists(m_modules + u"/@dbml/core/package.json"_s),
             qPrintable(u"@dbml/core is missing in %1; run npm ci in tests/node"_s.arg(m_modules)));
}

QJsonObject TestDbmlInterop::dbmlCore(const QStringList &files)
{
    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"NODE_PATH"_s, m_modules);
    node.setProcessEnvironment(env);
    node.start(m_node, QStringList{QFINDTESTDATA("dbml-normalize.js")} + files);
    if (!node.waitForFinished(60000))
        return {};
    if (node.exitCode() != 0)
        qWarning("node: %s", node.readAllStandardError().constData());
    return QJsonDocument::fromJson(node.readAllStandardOutput()).object();
}

QString TestDbmlInterop::write(const QString &name, const QString &text)
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write(text.toUtf8());
    return f.fileName();
}

// The design as DBML can express it, in dbml-normalize.js's shape.
QJsonObject TestDbmlInterop::normalized(const Schema &s)
{
    QJsonArray tables;
    for (const Table &t : s.tables) {
        QJsonArray columns;
        for (const Column &c : t.columns) {
            QJsonValue def = QJsonValue::Null;
            if (c.defaultValue.kind == ColumnDefault::Kind::Expression) {
                def = QJsonObject{{u"type"_s, u"expression"_s}, {u"value"_s, c.defaultValue.expression}};
            } else if (c.defaultValue.kind == ColumnDefault::Kind::Literal) {
                const QJsonValue &v = c.defaultValue.literal;
                def = v.isBool()     ? QJsonObject{{u"type"_s, u"boolean"_s}, {u"value"_s, v.toBool() ? u"true"_s : u"false"_s}}
                      : v.isDouble() ? QJsonObject{{u"type"_s, u"number"_s}, {u"value"_s, v.toDouble()}}
                                     : QJsonObject{{u"type"_s, u"string"_s}, {u"value"_s, v.toString()}};
            }
            columns.append(QJsonObject{{u"name"_s, c.name},
                                       {u"type"_s, c.type.kind == TypeKind::Custom // as written, not as DBML quotes it
                                                       ? c.type.custom + (c.type.array ? u"[]"_s : QString())
                                                       : DbmlExporter::typeName(s, t, c.type)},
                                       {u"pk"_s, c.primaryKey},
                                       {u"increment"_s, c.type.isAutoIncrement() || c.identity != Column::Identity::None},
                                       {u"notNull"_s, !c.nullable},
                                       {u"unique"_s, c.unique},
                                       {u"default"_s, def},
                                       {u"note"_s, orNull(c.comment)}});
        }
        QJsonArray indexes;
        auto key = [](bool pk, bool unique, const QJsonArray &cols, const QString &name, const QString &type, const QString &note) {
            return QJsonObject{{u"columns"_s, cols}, {u"pk"_s, pk}, {u"unique"_s, unique}, {u"name"_s, orNull(name)},
                               {u"type"_s, orNull(type)}, {u"note"_s, orNull(note)}};
        };
        if (t.primaryKey)
            indexes.append(key(true, false, QJsonArray::fromStringList(t.primaryKey->columns), t.primaryKey->name, {}, {}));
        for (const KeyConstraint &u : t.uniques)
            indexes.append(key(false, true, QJsonArray::fromStringList(u.columns), u.name, {}, {}));
        for (const Index &ix : t.indexes) {
            QJsonArray cols;
            for (const IndexElement &e : ix.elements)
                cols.append(e.expression.isEmpty() ? e.column : u'`' + e.expression + u'`');
            const QString method = ix.method.toLower();
            indexes.append(key(false, ix.unique, cols, ix.name, method == u"btree"_s || method == u"hash"_s ? method : QString(), ix.comment));
        }
        tables.append(QJsonObject{{u"name"_s, qualified(t.nameSpace, t.name)},
                                  {u"note"_s, orNull(t.comment)},
                                  {u"columns"_s, columns},
                                  {u"indexes"_s, indexes}});
    }
    QJsonArray refs;
    for (const Table &t : s.tables) {
        for (const ForeignKey &fk : t.foreignKeys) {
            QString from = qualified(t.nameSpace, t.name) + u".("_s + fk.columns.join(u',') + u')';
            QString to = qualified(fk.refNamespace, fk.refTable) + u".("_s + fk.refColumns.join(u',') + u')';
            const bool oneToOne = fk.extra.value(u"dbml"_s).toObject().value(u"relation"_s).toString() == u"-"_s;
            if (oneToOne && to < from)
                std::swap(from, to);
            refs.append(QJsonObject{{u"name"_s, orNull(fk.name)}, {u"from"_s, from}, {u"to"_s, to},
                                    {u"relation"_s, oneToOne ? u"-"_s : u">"_s},
                                    {u"onDelete"_s, actionName(fk.onDelete)}, {u"onUpdate"_s, actionName(fk.onUpdate)}});
        }
    }
    QJsonArray enums;
    for (const EnumType &e : s.enums)
        enums.append(QJsonObject{{u"name"_s, qualified(e.nameSpace, e.name)}, {u"values"_s, QJsonArray::fromStringList(e.values)}});
    QJsonArray groups;
    for (const QJsonValue &g : s.extra.value(u"dbml"_s).toObject().value(u"tableGroups"_s).toArray())
        groups.append(g.toObject().value(u"name"_s));
    return QJsonObject{{u"tables"_s, tables}, {u"refs"_s, refs}, {u"enums"_s, enums}, {u"tableGroups"_s, groups}};
}

// Order is not part of the comparison: tables, refs, enums, groups and each table's indexes sorted.
QJsonObject TestDbmlInterop::sorted(QJsonObject design)
{
    QJsonArray tables;
    for (const QJsonValue &v : design.value(u"tables"_s).toArray()) {
        QJsonObject t = v.toObject();
        t.insert(u"indexes"_s, sortedArray(t.value(u"indexes"_s).toArray()));
        tables.append(t);
    }
    design.insert(u"tables"_s, sortedArray(tables));
    for (const QString &key : {u"refs"_s, u"enums"_s, u"tableGroups"_s})
        design.insert(key, sortedArray(design.value(key).toArray()));
    return design;
}

void TestDbmlInterop::importMatchesDbmlCore_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("every feature") << QFINDTESTDATA("dbml/features.dbml");
    QTest::newRow("e-commerce example") << QFINDTESTDATA("dbml/ecommerce.dbml");
    QTest::newRow("terse") << QFINDTESTDATA("dbml/compact.dbml");
}

void TestDbmlInterop::importMatchesDbmlCore()
{
    QFETCH(QString, file);
    const auto imported = DbmlImporter::import(read(file));
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
    const QJsonObject theirs = sorted(dbmlCore(file));
    QVERIFY2(!theirs.isEmpty() && !theirs.contains(u"error"_s), QJsonDocument(theirs).toJson().constData());
    const QJsonObject ours = sorted(normalized(imported.value().schema));
    const QByteArray a = QJsonDocument(ours).toJson();
    const QByteArray b = QJsonDocument(theirs).toJson();
    if (a != b)
        qWarning("Quarry:\n%s\n@dbml/core:\n%s", a.constData(), b.constData());
    QCOMPARE(a, b);
    QVERIFY(!ours.value(u"tables"_s).toArray().isEmpty());
    QVERIFY(!ours.value(u"refs"_s).toArray().isEmpty());
}

void TestDbmlInterop::exportParsesInDbmlCore_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("kind");
    QTest::newRow("DBML sample") << QFINDTESTDATA("dbml/features.dbml") << u"dbml"_s;
    QTest::newRow("e-commerce") << QFINDTESTDATA("dbml/ecommerce.dbml") << u"dbml"_s;
    QTest::newRow("Pagila from PostgreSQL") << sharedData(u"pagila/pagila-schema.sql"_s) << u"postgres"_s;
    QTest::newRow("Chinook from SQLite") << sharedData(u"chinook/Chinook_Sqlite.sql"_s) << u"sqlite"_s;
    QTest::newRow("the sample workspace") << qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s
                                          << u"workspace"_s;
    QTest::newRow("names that need quotes") << QFINDTESTDATA("sqlite/odd-names.sqlite.sql") << u"sqlite"_s;
}

void TestDbmlInterop::exportParsesInDbmlCore()
{
    // @dbml/core reads Quarry's export without an error, to the design Quarry exported.
    QFETCH(QString, source);
    QFETCH(QString, kind);
    const QString text = read(source);
    QVERIFY2(!text.isEmpty(), qPrintable(source));
    auto fromWorkspace = [](const QString &json) -> quarry::Result<SqlImport> {
        auto s = Schema::fromJson(QJsonDocument::fromJson(json.toUtf8()).object().value(u"schema"_s).toObject());
        if (!s)
            return s.error();
        return SqlImport{s.value(), {}};
    };
    const auto imported = kind == u"dbml"_s       ? DbmlImporter::import(text)
                          : kind == u"postgres"_s ? PgDdlImporter::import(text)
                          : kind == u"workspace"_s ? fromWorkspace(text)
                                                  : SqliteDdlImporter::import(text);
    QVERIFY2(imported, qPrintable(imported ? QString() : imported.error().toString()));
    const QString file = write(QTest::currentDataTag() + u".dbml"_s, DbmlExporter::write(imported.value().schema));
    const QJsonObject theirs = sorted(dbmlCore(file));
    QVERIFY2(!theirs.isEmpty() && !theirs.contains(u"error"_s), QJsonDocument(theirs).toJson().constData());
    const QJsonObject ours = sorted(normalized(imported.value().schema));
    const QByteArray a = QJsonDocument(ours).toJson();
    const QByteArray b = QJsonDocument(theirs).toJson();
    if (a != b)
        qWarning("Quarry:\n%s\n@dbml/core:\n%s", a.constData(), b.constData());
    QCOMPARE(a, b);
}

void TestDbmlInterop::errorsAreWhereDbmlCoreSeesThem_data()
{
    QTest::addColumn<QString>("dbml");
    QTest::newRow("unknown column setting") << u"Table a {\n  id int [pk, primary]\n}\n"_s;
    QTest::newRow("settings not closed") << u"Table a {\n  id int\n  name varchar [not null\n}\n"_s;
    QTest::newRow("table not closed") << u"Table a {\n  id int\n"_s;
    QTest::newRow("stray character") << u"Table a {\n  id int\n}\nRef: a.id = a.id\n"_s;
    QTest::newRow("string not closed") << u"Table a {\n  id int [note: 'oops]\n}\n"_s;
    QTest::newRow("misspelt keyword") << u"Tabel a {\n  id int\n}\n"_s;
    QTest::newRow("unknown action") << u"Table a {\n  id int\n}\nRef: a.id > a.id [delete: explode]\n"_s;
    QTest::newRow("empty default") << u"Table a {\n  id int [default: ]\n}\n"_s;
    QTest::newRow("two enum values on a line") << u"Enum e {\n  a b\n}\n"_s;
    QTest::newRow("brace after a column") << u"Table b {\n id int }\n"_s;
    QTest::newRow("brace after an enum value") << u"Enum e {\n x\n y }\n"_s;
    QTest::newRow("inline ref to itself") << u"Table b {\n id int [ref: > b.id]\n}\n"_s;
    QTest::newRow("ref to itself") << u"Table b {\n id int\n}\nRef: b.id > b.id\n"_s;
    QTest::newRow("index list not closed") << u"Table a {\n  id int\n  indexes {\n    (id [unique]\n  }\n}\n"_s;
}

void TestDbmlInterop::errorsAreWhereDbmlCoreSeesThem()
{
    QFETCH(QString, dbml);
    const auto ours = DbmlImporter::import(dbml);
    QVERIFY(!ours);
    const QJsonObject theirs = dbmlCore(write(u"broken.dbml"_s, dbml)).value(u"error"_s).toObject();
    QVERIFY2(!theirs.isEmpty(), "@dbml/core accepted it");
    const QString where = u"line %1, column %2"_s.arg(theirs.value(u"line"_s).toInt()).arg(theirs.value(u"column"_s).toInt());
    QVERIFY2(ours.error().where == where,
             qPrintable(u"Quarry: %1: %2\n@dbml/core: %3: %4"_s.arg(ours.error().where, ours.error().message, where,
                                                                     theirs.value(u"message"_s).toString())));
}

void TestDbmlInterop::mutantsAreJudgedAlike()
{
    // 200 random small edits of the e-commerce sample (fixed seed): both parsers should agree on
    // which are DBML, and put the error of the others on the same line.
    const QString source = read(QFINDTESTDATA("dbml/ecommerce.dbml"));
    QRandomGenerator random(7);
    const QString alphabet = u"{}[]()<>-:,.'\"`\n ab1"_s;
    QStringList texts, files;
    for (int i = 0; i < 200; ++i) {
        QString s = source;
        for (int edits = 1 + int(random.bounded(2)); edits > 0; --edits) {
            const double op = random.generateDouble();
            const qsizetype at = random.bounded(int(s.size()));
            if (op < 0.4)
                s.remove(at, 1 + random.bounded(6));
            else if (op < 0.8)
                s.insert(at, alphabet.at(random.bounded(int(alphabet.size()))));
            else
                s.insert(at, s.mid(random.bounded(int(s.size())), 1 + random.bounded(12)));
        }
        texts << s;
        files << write(u"mutant-%1.dbml"_s.arg(i), s);
    }
    const QJsonObject theirs = dbmlCore(files);
    QCOMPARE(theirs.size(), files.size());
    int sameVerdict = 0, errors = 0, sameLine = 0, samePlace = 0, accepted = 0, sameDesign = 0;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const auto ours = DbmlImporter::import(texts.at(i));
        const QJsonObject error = theirs.value(files.at(i)).toObject().value(u"error"_s).toObject();
        if (bool(ours) != error.isEmpty()) {
            qInfo("%s: Quarry %s, @dbml/core %s", qPrintable(files.at(i)),
                  ours ? "accepts it" : qPrintable(ours.error().where + u": "_s + ours.error().message),
                  error.isEmpty() ? "accepts it" : qPrintable(error.value(u"message"_s).toString()));
            continue;
        }
        ++sameVerdict;
        if (ours) {
            // Both read it: to the same design.
            const QJsonObject design = sorted(theirs.value(files.at(i)).toObject());
            if (sorted(normalized(ours.value().schema)) == design)
                ++sameDesign;
            else
                qInfo("%s: both read it, to different designs", qPrintable(files.at(i)));
            ++accepted;
            continue;
        }
        ++errors;
        const QString line = u"line %1, "_s.arg(error.value(u"line"_s).toInt());
        if (ours.error().where.startsWith(line)) {
            ++sameLine;
            samePlace += ours.error().where == line + u"column %1"_s.arg(error.value(u"column"_s).toInt()) ? 1 : 0;
        }
    }
    qInfo("same verdict %d/%lld; of %d valid: same design %d; of %d errors: same line %d, same line and column %d",
          sameVerdict, qlonglong(files.size()), accepted, sameDesign, errors, sameLine, samePlace);
    QVERIFY(sameVerdict >= files.size() * 98 / 100);
    QVERIFY(sameLine >= errors * 90 / 100);
    QCOMPARE(sameDesign, accepted);
}

QTEST_GUILESS_MAIN(TestDbmlInterop)
#include "tst_dbmlinterop.moc"
