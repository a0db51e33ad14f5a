// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
#include "workspace/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using quarry::workspace::Section;
using quarry::workspace::Workspace;

class TestWorkspace : public QObject
{
    Q_OBJECT
private slots:
    void sampleLoads();
    void roundTripIsByteStable();
    void saveThenLoad();
    void malformed_data();
    void malformed();
    void newerVersionIsRefusedAndFileUntouched();
    void olderVersionIsUpgraded();
    void plainSecretIsRefused_data();
    void plainSecretIsRefused();
    void saveFailureReportsAndKeepsState();
    void sectionChangeSignals();
    void historyIsAnOptionalLogSection();

private:
    static QString samplePath() { return qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/resources/samples/seed.quarry"_s; }
    QTemporaryDir m_dir;
};

void TestWorkspace::sampleLoads()
{
    auto ws = Workspace::load(samplePath());
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
    const Workspace &w = *ws.value();
    QCOMPARE(w.loadedFormatVersion(), Workspace::CurrentFormatVersion);
    QVERIFY(!w.isModified());
    QCOMPARE(w.section(Section::Schema).value(u"tables"_s).toArray().size(), 2); // users, accounts
    QCOMPARE(w.section(Section::Mock).value(u"routes"_s).toArray().size() >= 4, true);
    QCOMPARE(w.sectionArray(Section::Environments).size(), 1);
    QCOMPARE(w.sectionArray(Section::AuthProfiles).first().toObject().value(u"secret"_s).toString(),
             u"env:QUARRY_JWT_SECRET"_s);
    QVERIFY(w.plainSecrets().isEmpty());
}

void TestWorkspace::roundTripIsByteStable()
{
    QFile f(samplePath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray original = f.readAll();
    auto ws = Workspace::fromJson(original);
    QVERIFY(ws);
    // The sample is stored in the canonical form, so writing it back changes nothing: saves diff well.
    QCOMPARE(ws.value()->toJson(), original);
    auto again = Workspace::fromJson(ws.value()->toJson());
    QVERIFY(again);
    QCOMPARE(again.value()->toJson(), original);
}

void TestWorkspace::saveThenLoad()
{
    auto ws = Workspace::load(samplePath());
    QVERIFY(ws);
    Workspace &w = *ws.value();
    QJsonObject schema = w.section(Section::Schema);
    QJsonArray tables = schema.value(u"tables"_s).toArray();
    tables.append(QJsonObject{{u"id"_s, u"tbl-posts"_s}, {u"name"_s, u"posts"_s}, {u"columns"_s, QJsonArray{}}});
    schema.insert(u"tables"_s, tables);
    w.setSection(Section::Schema, schema);
    QVERIFY(w.isModified());

    const QString path = m_dir.filePath(u"saved.quarry"_s);
    QSignalSpy pathSpy(&w, &Workspace::filePathChanged);
    const auto saved = w.saveAs(path);
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
    QCOMPARE(pathSpy.count(), 1);
    QVERIFY(!w.isModified());
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"saved.quarry"_s});

    auto loaded = Workspace::load(path);
    QVERIFY(loaded);
    QCOMPARE(loaded.value()->section(Section::Schema).value(u"tables"_s).toArray().size(), 3);
    QCOMPARE(loaded.value()->toJson(), w.toJson());
    QCOMPARE(loaded.value()->filePath(), QFileInfo(path).absoluteFilePath());
}

void TestWorkspace::malformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("where");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("truncated") << QByteArray("{\n  \"formatVersion\": 2,\n  \"schema\": {") << u"line 3, column 13"_s
                               << u"not valid JSON"_s;
    QTest::newRow("trailing comma") << QByteArray("{\n  \"formatVersion\": 2,\n}\n") << u"line 3, column 1"_s
                                    << u"not valid JSON"_s;
    QTest::newRow("garbage after value") << QByteArray("{\"formatVersion\": 2} x") << u"line 1, column 22"_s
                                         << u"not valid JSON"_s;
    QTest::newRow("array at top") << QByteArray("[1, 2]") << u"line 1, column 1"_s << u"JSON object"_s;
    QTest::newRow("no formatVersion") << QByteArray("{\"name\": \"x\"}") << u"line 1, column 1"_s
                                      << u"not a Quarry workspace"_s;
    QTest::newRow("formatVersion text") << QByteArray("{\n\"formatVersion\": \"2\"}") << u"line 2, column 1"_s
                                        << u"formatVersion"_s;
    QTest::newRow("formatVersion fraction") << QByteArray("{\"formatVersion\": 1.5}") << u"line 1, column 2"_s
                                            << u"formatVersion"_s;
    QTest::newRow("section of wrong type") << QByteArray("{\"formatVersion\": 2,\n \"collections\": {}}")
                                           << u"line 2, column 2"_s << u"\"collections\" must be a JSON array"_s;
    QTest::newRow("history of wrong type") << QByteArray("{\"formatVersion\": 2,\n  \"history\": {}}")
                                           << u"line 2, column 3"_s << u"\"history\" must be a JSON array"_s;
    QTest::newRow("non-ASCII before error") << QByteArray("{\"name\": \"Zürich ✓\", \"formatVersion\": 2,,}")
                                            << u"line 1, column 41"_s << u"not valid JSON"_s;
}

void TestWorkspace::malformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, where);
    QFETCH(QString, messagePart);
    auto ws = Workspace::fromJson(json, u"broken.quarry"_s);
    QVERIFY(!ws);
    QCOMPARE(ws.error().kind, quarry::Error::Kind::InvalidInput);
    QCOMPARE(ws.error().where, u"broken.quarry, "_s + where);
    QVERIFY2(ws.error().message.contains(messagePart), qPrintable(ws.error().message));
}

void TestWorkspace::newerVersionIsRefusedAndFileUntouched()
{
    const QString path = m_dir.filePath(u"future.quarry"_s);
    const QByteArray bytes = "{\n    \"formatVersion\": 99,\n    \"hologram\": {}\n}\n";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }
    auto ws = Workspace::load(path);
    QVERIFY(!ws);
    QVERIFY2(ws.error().message.contains(u"newer Quarry"_s), qPrintable(ws.error().message));
    QCOMPARE(ws.error().where, u"future.quarry, line 2, column 5"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), bytes);
}

void TestWorkspace::olderVersionIsUpgraded()
{
    auto ws = Workspace::load(QFINDTESTDATA("data/format1.quarry"));
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
    const Workspace &w = *ws.value();
    QCOMPARE(w.loadedFormatVersion(), 1);
    QVERIFY2(w.isModified(), "an upgraded document differs from its file until saved");
    const QJsonArray routes = w.section(Section::Mock).value(u"routes"_s).toArray();
    QCOMPARE(routes.size(), 1);
    QCOMPARE(routes.first().toObject().value(u"path"_s).toString(), u"/health"_s);
    const QJsonArray envs = w.sectionArray(Section::Environments);
    QCOMPARE(envs.size(), 1);
    const QJsonObject local = envs.first().toObject();
    QCOMPARE(local.value(u"name"_s).toString(), u"Local"_s);
    QCOMPARE(local.value(u"variables"_s).toArray().first().toObject().value(u"value"_s).toString(),
             u"http://127.0.0.1:3000"_s);
    const QJsonObject root = QJsonDocument::fromJson(w.toJson()).object();
    QCOMPARE(root.value(u"formatVersion"_s).toInt(), Workspace::CurrentFormatVersion);
    QVERIFY(!root.contains(u"routes"_s));
}

void TestWorkspace::plainSecretIsRefused_data()
{
    QTest::addColumn<int>("section");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("where");
    QTest::newRow("auth secret in plain text")
        << int(Section::AuthProfiles) << QJsonValue(QJsonArray{QJsonObject{{u"secret"_s, u"hunter2"_s}}})
        << u"authProfiles[0].secret"_s;
    QTest::newRow("private key inline")
        << int(Section::AuthProfiles)
        << QJsonValue(QJsonArray{QJsonObject{{u"secret"_s, u"env:OK"_s},
                                             {u"privateKey"_s, u"-----BEGIN PRIVATE KEY-----"_s}}})
        << u"authProfiles[0].privateKey"_s;
    QTest::newRow("database password")
        << int(Section::Databases) << QJsonValue(QJsonArray{QJsonObject{{u"password"_s, u"postgres"_s}}})
        << u"databases[0].password"_s;
    QTest::newRow("secret environment variable")
        << int(Section::Environments)
        << QJsonValue(QJsonArray{QJsonObject{
               {u"variables"_s, QJsonArray{QJsonObject{{u"name"_s, u"baseUrl"_s}, {u"value"_s, u"http://x"_s}},
                                           QJsonObject{{u"name"_s, u"apiKey"_s}, {u"value"_s, u"abc"_s},
                                                       {u"secret"_s, true}}}}}})
        << u"environments[0].variables[1].value"_s;
    QTest::newRow("secret as a number")
        << int(Section::AuthProfiles) << QJsonValue(QJsonArray{QJsonObject{{u"clientSecret"_s, 1234}}})
        << u"authProfiles[0].clientSecret"_s;
}

void TestWorkspace::plainSecretIsRefused()
{
    QFETCH(int, section);
    QFETCH(QJsonValue, value);
    QFETCH(QString, where);
    auto ws = Workspace::createEmpty(u"secrets"_s);
    ws->setSection(Section(section), value);
    const QString path = m_dir.filePath(u"secrets.quarry"_s);
    QFile::remove(path);
    const auto saved = ws->saveAs(path);
    QVERIFY(!saved);
    QCOMPARE(saved.error().where, where);
    QVERIFY(!QFile::exists(path));
    QVERIFY(ws->filePath().isEmpty());
}

void TestWorkspace::saveFailureReportsAndKeepsState()
{
    auto ws = Workspace::createEmpty();
    ws->setName(u"x"_s);
    const auto saved = ws->saveAs(m_dir.filePath(u"no/such/folder/x.quarry"_s));
    QVERIFY(!saved);
    QCOMPARE(saved.error().kind, quarry::Error::Kind::Io);
    QVERIFY(ws->isModified());
    QVERIFY(ws->filePath().isEmpty());
    const auto untitled = ws->save();
    QVERIFY(!untitled);
    QVERIFY(untitled.error().message.contains(u"Save As"_s));
}

void TestWorkspace::sectionChangeSignals()
{
    auto ws = Workspace::createEmpty();
    QSignalSpy changed(ws.get(), &Workspace::sectionChanged);
    QSignalSpy modified(ws.get(), &Workspace::modifiedChanged);
    ws->setSection(Section::Environments, QJsonArray{QJsonObject{{u"name"_s, u"Local"_s}}});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().value<Section>(), Section::Environments);
    QCOMPARE(modified.count(), 1);
    ws->setSection(Section::Environments, QJsonArray{QJsonObject{{u"name"_s, u"Local"_s}}});
    QCOMPARE(changed.count(), 1); // no change, no signal
}

void TestWorkspace::historyIsAnOptionalLogSection()
{
    // Format 2 without a history reads as an empty one and writes no key for it.
    auto ws = Workspace::createEmpty();
    QVERIFY(ws->history().isEmpty());
    QVERIFY(!ws->toJson().contains("\"history\""));
    QSignalSpy changed(ws.get(), &Workspace::historyChanged);
    QSignalSpy sections(ws.get(), &Workspace::sectionChanged);
    const QJsonArray entries{QJsonObject{{u"at"_s, u"2026-11-24T15:00:00.000Z"_s}, {u"method"_s, u"GET"_s},
                                         {u"requestId"_s, u"req-a"_s}, {u"status"_s, 200}}};
    ws->setHistory(entries);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(sections.count(), 0);
    QVERIFY(!ws->isModified());   // a log, not an edit
    ws->setHistory(entries);
    QCOMPARE(changed.count(), 1);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"h.quarry"_s);
    QVERIFY(ws->saveAs(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.contains("\"history\": ["));
    auto loaded = Workspace::load(path);
    QVERIFY(loaded);
    QCOMPARE(loaded.value()->history(), entries);
    QCOMPARE(loaded.value()->loadedFormatVersion(), Workspace::CurrentFormatVersion);
    QVERIFY(!loaded.value()->isModified());
    QCOMPARE(loaded.value()->toJson(), bytes);   // byte-stable with a history too
    loaded.value()->setHistory({});
    QVERIFY(!loaded.value()->toJson().contains("\"history\""));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
