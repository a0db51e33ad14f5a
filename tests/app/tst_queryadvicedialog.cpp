// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Quarry authors
//
// The "Index advice from queries" dialog offscreen against SQLite Chinook: the workspace's
// database is offered, the run happens off the GUI thread, rows and the detail pane show what
// `quarry advise` prints, a bad statement is a row of its own, Cancel stops a long run.
// QUARRY_SHOW_MS=N keeps the window up N ms after the run (for screenshots under Xvfb).
#include "queryadvicedialog.h"
#include "workspace/workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace quarry;

class TestQueryAdviceDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void offersTheWorkspaceDatabases();
    void runsOnChinook();
    void emptyQueriesDoNotStart();
    void cancelStopsALongRun();
    void badUrlIsReported();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<workspace::Workspace> m_workspace;
    bool run(app::QueryAdviceDialog &dialog);
};

void TestQueryAdviceDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString sql = qEnvironmentVariable("QUARRY_SOURCE_DIR") + u"/../shared/data/chinook/Chinook_Sqlite.sql"_s;
    if (!QFile::exists(sql))
        sql = u"/work/shared/data/chinook/Chinook_Sqlite.sql"_s;
    QProcess p;
    p.setStandardInputFile(sql);
    p.start(QStandardPaths::findExecutable(u"sqlite3"_s), {m_dir.filePath(u"chinook.db"_s)});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    m_workspace = workspace::Workspace::createEmpty(u"Music store"_s);
    m_workspace->setSection(workspace::Section::Databases,
                            QJsonArray{QJsonObject{{u"id"_s, u"db-chinook"_s}, {u"name"_s, u"Chinook"_s},
                                                   {u"url"_s, u"sqlite:chinook.db"_s}}});
    auto saved = m_workspace->saveAs(m_dir.filePath(u"music.quarry"_s));
    QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
}

bool TestQueryAdviceDialog::run(app::QueryAdviceDialog &dialog)
{
    QSignalSpy finished(&dialog, &app::QueryAdviceDialog::runFinished);
    if (!dialog.start())
        return false;
    if (!dialog.isRunning())
        return false;
    return finished.wait(30000);
}

void TestQueryAdviceDialog::offersTheWorkspaceDatabases()
{
    app::QueryAdviceDialog dialog(m_workspace.get());
    QCOMPARE(dialog.databaseChoices(),
             (QStringList{u"The design alone (SQLite, empty tables)"_s, u"Chinook — sqlite:chinook.db"_s}));
    QCOMPARE(dialog.databaseUrl(), u"sqlite:chinook.db"_s); // the workspace's database comes first
    dialog.setDatabaseUrl(u"postgresql://me@db.example:5432/shop"_s);
    QCOMPARE(dialog.databaseUrl(), u"postgresql://me@db.example:5432/shop"_s);
    dialog.setDatabaseUrl(QString());
    QCOMPARE(dialog.databaseUrl(), QString());
}

void TestQueryAdviceDialog::runsOnChinook()
{
    app::QueryAdviceDialog dialog(m_workspace.get());
    dialog.resize(1180, 780);
    if (qEnvironmentVariableIsSet("QUARRY_SHOW_MS"))
        dialog.show();
    dialog.setQueries(u"-- the store's slow pages\n"
                      "SELECT Name FROM Track WHERE Composer = 'AC/DC';\n"
                      "SELECT * FROM Track WHERE MediaTypeId = 1 AND Milliseconds > 300000;\n"
                      "SELECT * FROM Invoice ORDER BY InvoiceDate;\n"
                      "SELECT * FROM Track WHERE GenreId = 5;\n"
                      "SELECT FirstName, LastName FROM Customer WHERE Country = 'Brazil' ORDER BY LastName;\n"
                      "SELECT * FRM Album;\n"
                      "SELECT t.Name, a.Title FROM Track t JOIN Album a ON a.AlbumId = t.AlbumId WHERE a.Title = 'Facelift';\n"_s);
    QVERIFY(run(dialog));
    QVERIFY(!dialog.isRunning());
    QCOMPARE(dialog.rowCount(), 7);
    QCOMPARE(dialog.rowTexts(0), (QStringList{u"2"_s, u"SELECT Name FROM Track WHERE Composer = 'AC/DC'"_s,
                                              u"Index suggested"_s, u"SCAN → SEARCH"_s, u"Track(Composer)"_s}));
    QCOMPARE(dialog.rowTexts(1).mid(3), (QStringList{u"narrower search"_s, u"Track(MediaTypeId, Milliseconds)"_s}));
    QCOMPARE(dialog.rowTexts(2).mid(3), (QStringList{u"no sort step"_s, u"Invoice(InvoiceDate)"_s}));
    QCOMPARE(dialog.rowTexts(4).at(3), u"SCAN → SEARCH, no sort step"_s);
    QCOMPARE(dialog.rowTexts(3).mid(2), (QStringList{u"Nothing to index"_s, u"—"_s, QString()}));
    QCOMPARE(dialog.rowTexts(5).at(2), u"Error"_s);
    QCOMPARE(dialog.rowTexts(6).at(4), u"Album(Title)"_s);
    QVERIFY2(dialog.summaryText().startsWith(u"5 index suggestion(s) for 7 statement(s), planned by "_s),
             qPrintable(dialog.summaryText()));
    QVERIFY(dialog.summaryText().contains(u"1 could not be analysed"_s));

    dialog.selectRow(1);
    const QString detail = dialog.detailText();
    QVERIFY2(detail.contains(u"Plan before:\n    SEARCH Track USING INDEX IFK_TrackMediaTypeId (MediaTypeId=?)\n"
                             "Plan after:\n    SEARCH Track USING INDEX Track_MediaTypeId_Milliseconds_idx"_s),
             qPrintable(detail));
    QVERIFY(detail.contains(u"CREATE INDEX \"Track_MediaTypeId_Milliseconds_idx\" ON \"Track\" (\"MediaTypeId\", \"Milliseconds\");"_s));
    dialog.selectRow(5);
    QVERIFY2(dialog.detailText().contains(u"Error at line 7, column 10: near \"FRM\": syntax error"_s),
             qPrintable(dialog.detailText()));
    QCOMPARE(dialog.createIndexText().count(u"CREATE INDEX"_s), 5);
    QVERIFY(dialog.findChild<QPushButton *>(u"copyButton"_s)->isEnabled());
    dialog.selectRow(1);
    if (qEnvironmentVariableIsSet("QUARRY_SHOW_MS"))
        QTest::qWait(qEnvironmentVariableIntValue("QUARRY_SHOW_MS"));
}

void TestQueryAdviceDialog::emptyQueriesDoNotStart()
{
    app::QueryAdviceDialog dialog(m_workspace.get());
    dialog.setQueries(u"-- nothing but a comment\n"_s);
    QVERIFY(!dialog.start());
    QVERIFY(!dialog.isRunning());
    QVERIFY(dialog.summaryText().startsWith(u"Paste queries or open a file first"_s));
    QVERIFY(!dialog.openQueriesFile(m_dir.filePath(u"missing.sql"_s)));
    QVERIFY(dialog.summaryText().startsWith(u"Cannot read "_s));
}

void TestQueryAdviceDialog::cancelStopsALongRun()
{
    app::QueryAdviceDialog dialog(m_workspace.get());
    QString many;
    for (int i = 0; i < 2000; ++i)
        many += u"SELECT * FROM Track WHERE Composer = 'c%1' AND Bytes > %1;\n"_s.arg(i);
    dialog.setQueries(many);
    QSignalSpy finished(&dialog, &app::QueryAdviceDialog::runFinished);
    QVERIFY(dialog.start());
    QVERIFY(!dialog.findChild<QPushButton *>(u"runButton"_s)->isEnabled());
    QVERIFY(dialog.findChild<QPushButton *>(u"cancelButton"_s)->isEnabled());
    dialog.cancel();
    QVERIFY(finished.wait(30000));
    QVERIFY(!dialog.isRunning());
    QCOMPARE(dialog.summaryText(), u"No advice: Cancelled."_s);
    QCOMPARE(dialog.rowCount(), 0);
    QVERIFY(dialog.findChild<QPushButton *>(u"runButton"_s)->isEnabled());
}

void TestQueryAdviceDialog::badUrlIsReported()
{
    app::QueryAdviceDialog dialog(m_workspace.get());
    dialog.setQueries(u"SELECT 1"_s);
    dialog.setDatabaseUrl(u"sqlite:nowhere/missing.db"_s);
    QVERIFY(run(dialog));
    QVERIFY2(dialog.summaryText().startsWith(u"No advice: No SQLite database file here. ("_s), qPrintable(dialog.summaryText()));
    QVERIFY(dialog.summaryText().contains(m_dir.path())); // relative to the workspace file
}

QTEST_MAIN(TestQueryAdviceDialog)
#include "tst_queryadvicedialog.moc"
